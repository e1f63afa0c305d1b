// nodeparse.js measures posts with the official twitter-text package: it
// reads JSON lines of {"text": ...}, runs parseTweet and
// extractUrlsWithIndices on each and prints the same totals as goparse.
'use strict';
const fs = require('fs');
const twitter = require('twitter-text');
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
let posts = 0, total = 0, urls = 0, valid = 0;
for (const line of lines) {
  if (!line) continue;
  const { text } = JSON.parse(line);
  const r = twitter.parseTweet(text);
  posts++;
  total += r.weightedLength;
  urls += twitter.extractUrlsWithIndices(text).length;
  if (r.valid) valid++;
}
process.stdout.write(`posts ${posts} weighted ${total} urls ${urls} valid ${valid}\n`);
