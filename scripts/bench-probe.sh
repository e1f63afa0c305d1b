#!/usr/bin/env bash
# bench-probe.sh compares the per-process wall time of probing one media
# file with xlint, mediainfo and ffprobe, side by side in one run.
#
# Each run starts one process on one file, as a pre-commit hook or an
# editor does; RUNS processes per tool (default 200) cycle over the
# fixtures in media/testdata, interleaving the tools so that load on the
# machine hits all of them alike. It prints each tool's median and the
# ratios. The goal: xlint at least 7 times faster than mediainfo and 25
# times faster than ffprobe.
#
# Needs: go, bash 5, ffprobe and mediainfo (apt-get install -y ffmpeg
# mediainfo); hyperfine, when installed, adds a cross-check on one file.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${RUNS:-200}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT

# The real command when it builds; the stand-in otherwise. Both are built
# static (no cgo), as the contract requires: a dynamically linked binary
# pays the dynamic loader on every start.
if CGO_ENABLED=0 go build -o "$bin/xlint" ./cmd/xlint 2>/dev/null && "$bin/xlint" probe --format json media/testdata/moov_end.mp4 >/dev/null 2>&1; then
	xlint=("$bin/xlint" probe --format json)
	echo "xlint: go build ./cmd/xlint (xlint probe --format json)"
else
	CGO_ENABLED=0 go build -o "$bin/probe" ./scripts/media/probe
	xlint=("$bin/probe")
	echo "xlint: scripts/media/probe (cmd/xlint has no probe command yet)"
fi
for tool in ffprobe mediainfo; do
	command -v "$tool" >/dev/null || { echo "bench-probe: $tool not installed" >&2; exit 2; }
done
mediainfo=(mediainfo --Output=JSON)
ffprobe=(ffprobe -v error -show_format -show_streams -of json)

files=(media/testdata/dur141_aac.mp4 media/testdata/moov_end.mp4 media/testdata/faststart.mp4
	media/testdata/frag_empty_moov.mp4 media/testdata/uhd4k.mp4 media/testdata/clip.mov
	media/testdata/sine.m4a media/testdata/hevc.mp4)

# elapsed prints the microseconds one run of "$@" takes.
elapsed() {
	local t0=$EPOCHREALTIME
	"$@" >/dev/null 2>&1 || true
	local t1=$EPOCHREALTIME
	echo $(((${t1/./} - ${t0/./})))
}

: >"$bin/xlint.t"
: >"$bin/mediainfo.t"
: >"$bin/ffprobe.t"
for ((i = 0; i < runs; i++)); do
	f=${files[i % ${#files[@]}]}
	elapsed "${xlint[@]}" "$f" >>"$bin/xlint.t"
	elapsed "${mediainfo[@]}" "$f" >>"$bin/mediainfo.t"
	elapsed "${ffprobe[@]}" "$f" >>"$bin/ffprobe.t"
done

median() { sort -n "$1" | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }
x=$(median "$bin/xlint.t")
m=$(median "$bin/mediainfo.t")
p=$(median "$bin/ffprobe.t")
echo "runs per tool: $runs over ${#files[@]} files, one file per process"
printf '%-10s median %8d us\n' xlint "$x" mediainfo "$m" ffprobe "$p"
awk -v x="$x" -v m="$m" -v p="$p" 'BEGIN {
	printf "mediainfo / xlint: %.1fx (goal 7x)\n", m / x
	printf "ffprobe / xlint:   %.1fx (goal 25x)\n", p / x
}'

if command -v hyperfine >/dev/null; then
	echo
	echo "hyperfine cross-check on ${files[0]}:"
	hyperfine -N --warmup 5 --runs "$((runs / 4 > 10 ? runs / 4 : 10))" --style basic \
		"${xlint[*]} ${files[0]}" "${mediainfo[*]} ${files[0]}" "${ffprobe[*]} ${files[0]}" 2>&1 |
		grep -E 'Time|±|faster|Summary|^ +[0-9.]+ ±' || true
fi
