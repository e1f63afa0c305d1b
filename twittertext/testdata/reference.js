// reference.js runs the official twitter-text package over JSON lines read
// from stdin ({"text": ...}) and writes one JSON line per input with
// parseTweet's result (default configuration, v3), the URLs of
// extractUrlsWithIndices, and the mentions, lists and cashtags found. It exits with status 3 when the package is not
// installed (set NODE_PATH to the node_modules holding twitter-text).
'use strict';
let twitter, version;
try {
  twitter = require('twitter-text');
  version = require('twitter-text/package.json').version;
} catch (e) {
  process.stderr.write('twitter-text is not installed: ' + e.message + '\n');
  process.exit(3);
}
const readline = require('readline');
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
const out = [];
rl.on('line', (line) => {
  if (!line) return;
  const { text, config } = JSON.parse(line);
  const opts = config === 'v2' ? twitter.configs.version2 : twitter.configs.defaults;
  const p = twitter.parseTweet(text, opts);
  const urls = twitter.extractUrlsWithIndices(text).map((u) => ({ url: u.url, indices: u.indices }));
  const mentions = twitter.extractMentionsOrListsWithIndices(text).map((m) => ({ url: m.screenName + m.listSlug, indices: m.indices }));
  const cashtags = twitter.extractCashtagsWithIndices(text).map((c) => ({ url: c.cashtag, indices: c.indices }));
  out.push(JSON.stringify({ version, weightedLength: p.weightedLength, valid: p.valid, validRangeEnd: p.validRangeEnd, urls, mentions, cashtags }));
});
rl.on('close', () => {
  process.stdout.write(out.join('\n') + '\n');
});
