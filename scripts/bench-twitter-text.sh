#!/usr/bin/env bash
# bench-twitter-text.sh: how much faster xlint measures posts than node's
# twitter-text. It generates a seeded 50,000-post corpus, then runs, side by
# side and REPEAT times each: (a) node with twitter-text 3.1.0 (parseTweet
# and extractUrlsWithIndices on every post) and (b) xlint check on the
# same posts, and prints median wall and CPU times and their ratios.
# The posts have no time, so on the default free tier all but the first 17
# are refused for the usage cap and never published; (c) the same check on
# the enterprise tier, with no caps, looks every post up against all the
# earlier ones.
#
# Environment: POSTS (default 50000), REPEAT (default 5), SEED (default 1),
# NODE_PATH (a node_modules holding twitter-text; installed into a
# temporary directory with npm when missing).
set -euo pipefail

cd "$(dirname "$0")/.."
posts=${POSTS:-50000}
repeat=${REPEAT:-5}
seed=${SEED:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v node >/dev/null; then
	echo "bench-twitter-text: node is not installed" >&2
	exit 2
fi
if ! node -e "require('twitter-text')" >/dev/null 2>&1; then
	echo "installing twitter-text@3.1.0 with npm..." >&2
	npm install --silent --prefix "$tmp/npm" twitter-text@3.1.0 >&2
	export NODE_PATH="$tmp/npm/node_modules"
fi

go run ./scripts/twittertext/gencorpus -n "$posts" -seed "$seed" -format jsonl >"$tmp/corpus.jsonl"
# xlint reads drafts of at most 16 MiB, so it gets the same posts split
# into files of 5,000 lines.
mkdir "$tmp/parts"
split -l 5000 -d --additional-suffix=.jsonl "$tmp/corpus.jsonl" "$tmp/parts/corpus-"

# (b) is xlint check; when the CLI does not build yet, a Go program that
# does the same measuring work stands in for it.
if go build -o "$tmp/xlint" ./cmd/xlint 2>"$tmp/build.log"; then
	go_label="xlint check"
	go_cmd=("$tmp/xlint" check --no-config --no-history --format json "$tmp"/parts/*.jsonl)
	ent_cmd=("${go_cmd[@]}" --tier enterprise)
else
	echo "bench-twitter-text: go build ./cmd/xlint failed; timing scripts/twittertext/goparse instead:" >&2
	sed 's/^/  /' "$tmp/build.log" >&2
	go_label="twittertext (goparse)"
	go_cmd=("$tmp/goparse" "$tmp/corpus.jsonl")
	ent_cmd=("${go_cmd[@]}")
fi
node_cmd=(node scripts/twittertext/nodeparse.js "$tmp/corpus.jsonl")
# twittertext alone, as xlint's engine calls it, for comparison.
go build -o "$tmp/goparse" ./scripts/twittertext/goparse
lib_cmd=("$tmp/goparse" "$tmp/corpus.jsonl")

# measure CMD... runs the command once and prints "wall_ms cpu_ms".
measure() {
	local start end cpu
	start=$(date +%s%N)
	# xlint exits 1 when it has findings; only 2 and up are failures.
	cpu=$( { TIMEFORMAT='%U %S'; time "$@" >/dev/null 2>"$tmp/err" || [ $? -eq 1 ]; } 2>&1 ) || {
		echo "bench-twitter-text: $* failed:" >&2
		cat "$tmp/err" >&2
		exit 1
	}
	end=$(date +%s%N)
	awk -v w=$(((end - start) / 1000000)) -v c="$cpu" 'BEGIN { split(c, t, " "); printf "%d %d\n", w, (t[1] + t[2]) * 1000 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: >"$tmp/node.times"
: >"$tmp/go.times"
: >"$tmp/lib.times"
: >"$tmp/ent.times"
for ((i = 1; i <= repeat; i++)); do
	measure "${node_cmd[@]}" >>"$tmp/node.times"
	measure "${go_cmd[@]}" >>"$tmp/go.times"
	measure "${lib_cmd[@]}" >>"$tmp/lib.times"
	measure "${ent_cmd[@]}" >>"$tmp/ent.times"
done

node_wall=$(cut -d' ' -f1 "$tmp/node.times" | median)
node_cpu=$(cut -d' ' -f2 "$tmp/node.times" | median)
go_wall=$(cut -d' ' -f1 "$tmp/go.times" | median)
go_cpu=$(cut -d' ' -f2 "$tmp/go.times" | median)
lib_wall=$(cut -d' ' -f1 "$tmp/lib.times" | median)
lib_cpu=$(cut -d' ' -f2 "$tmp/lib.times" | median)
ent_wall=$(cut -d' ' -f1 "$tmp/ent.times" | median)
ent_cpu=$(cut -d' ' -f2 "$tmp/ent.times" | median)
echo "posts: $posts, runs: $repeat each, medians"
printf '%-28s wall %6d ms   cpu %6d ms\n' "node twitter-text 3.1.0" "$node_wall" "$node_cpu"
printf '%-28s wall %6d ms   cpu %6d ms\n' "$go_label" "$go_wall" "$go_cpu"
printf '%-28s wall %6d ms   cpu %6d ms\n' "$go_label, enterprise" "$ent_wall" "$ent_cpu"
printf '%-28s wall %6d ms   cpu %6d ms\n' "twittertext alone (goparse)" "$lib_wall" "$lib_cpu"
ratio() { awk -v n="$1" -v g="$2" 'BEGIN { printf "%.1fx", n / (g > 0 ? g : 1) }'; }
echo "ratio node / $go_label: wall $(ratio "$node_wall" "$go_wall"), cpu $(ratio "$node_cpu" "$go_cpu")"
echo "ratio node / $go_label, enterprise: wall $(ratio "$node_wall" "$ent_wall"), cpu $(ratio "$node_cpu" "$ent_cpu")"
echo "ratio node / twittertext alone: wall $(ratio "$node_wall" "$lib_wall"), cpu $(ratio "$node_cpu" "$lib_cpu")"
