#!/usr/bin/env bash
# bench-probe.sh compares the per-process wall time of probing one media
# file with xlint (and scripts/media/probe, which runs media.Probe alone),
# mediainfo and ffprobe, side by side in one run.
#
# Each run starts one process on one file, as a pre-commit hook or an
# editor does; RUNS processes per tool (default 200) cycle over fixtures in
# media/testdata, the tools taking turns so that load on the machine hits
# all of them alike. It prints each tool's median and the ratios. The goal:
# xlint at least 7 times faster than mediainfo and 25 times faster than
# ffprobe.
#
# Needs: go, bash 5, ffprobe and mediainfo (apt-get install -y ffmpeg
# mediainfo); hyperfine and python3 when installed (apt-get install -y
# hyperfine), else a bash timing loop.
set -euo pipefail
declare -A labels

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${RUNS:-200}
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT

# The real command when it builds, and always the stand-in (media.Probe and
# JSON output, nothing else), so that start-up costs elsewhere in the
# command show up as the difference between the two. Both are built static
# (no cgo), as the contract requires: a dynamically linked binary pays the
# dynamic loader on every start.
CGO_ENABLED=0 go build -o "$bin/probe" ./scripts/media/probe
tools=(standin)
standin=("$bin/probe")
if CGO_ENABLED=0 go build -o "$bin/xlint" ./cmd/xlint 2>/dev/null && "$bin/xlint" probe --format json media/testdata/moov_end.mp4 >/dev/null 2>&1; then
	tools=(xlint standin)
	xlint=("$bin/xlint" probe --format json)
else
	echo "cmd/xlint does not build or has no probe command: timing the stand-in only"
fi
for tool in ffprobe mediainfo; do
	command -v "$tool" >/dev/null || { echo "bench-probe: $tool not installed" >&2; exit 2; }
done
mediainfo=(mediainfo --Output=JSON)
ffprobe=(ffprobe -v error -show_format -show_streams -of json)

files=(media/testdata/dur141_aac.mp4 media/testdata/moov_end.mp4 media/testdata/faststart.mp4
	media/testdata/frag_empty_moov.mp4 media/testdata/uhd4k.mp4 media/testdata/clip.mov
	media/testdata/sine.m4a media/testdata/hevc.mp4)

labels=([xlint]="xlint probe" [standin]="scripts/media/probe" [mediainfo]=mediainfo [ffprobe]=ffprobe)
all=("${tools[@]}" mediainfo ffprobe)
echo "$runs runs per tool over ${#files[@]} files, one file per process"

if command -v hyperfine >/dev/null && command -v python3 >/dev/null; then
	# hyperfine starts each process without a shell (-N), so a fast tool
	# is not charged for a fork of bash; every tool runs on one file
	# before all move to the next.
	echo "measured with hyperfine -N"
	cmds=()
	for t in "${all[@]}"; do
		declare -n c=$t
		cmds+=("${c[*]} {file}")
		unset -n c
	done
	list=$(IFS=,; echo "${files[*]}")
	hyperfine -N --warmup 3 --runs "$(((runs + ${#files[@]} - 1) / ${#files[@]}))" --style none \
		-L file "$list" --export-json "$bin/runs.json" "${cmds[@]}" >/dev/null 2>"$bin/hyperfine.err" ||
		{ cat "$bin/hyperfine.err" >&2; exit 2; }
	for i in "${!all[@]}"; do
		python3 - "$bin/runs.json" "${cmds[i]}" >"$bin/${all[i]}.t" <<'PY'
import json, sys
runs, template = json.load(open(sys.argv[1]))["results"], sys.argv[2]
for r in runs:
    if r["command"] == template.replace("{file}", r["parameters"]["file"]):
        for t in r["times"]:
            print(round(t * 1e6))
PY
	done
else
	echo "measured with bash \$EPOCHREALTIME (hyperfine not installed)"
	# elapsed prints the microseconds one run of "$@" takes.
	elapsed() {
		local t0=$EPOCHREALTIME
		"$@" >/dev/null 2>&1 || true
		local t1=$EPOCHREALTIME
		echo $(((${t1/./} - ${t0/./})))
	}
	for t in "${all[@]}"; do : >"$bin/$t.t"; done
	for ((i = 0; i < runs; i++)); do
		f=${files[i % ${#files[@]}]}
		for t in "${all[@]}"; do
			declare -n c=$t
			elapsed "${c[@]}" "$f" >>"$bin/$t.t"
			unset -n c
		done
	done
fi

median() { sort -n "$1" | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }
m=$(median "$bin/mediainfo.t")
p=$(median "$bin/ffprobe.t")
printf '%-22s median %8d us\n' mediainfo "$m" ffprobe "$p"
for t in "${tools[@]}"; do
	x=$(median "$bin/$t.t")
	awk -v l="${labels[$t]}" -v x="$x" -v m="$m" -v p="$p" 'BEGIN {
		printf "%-22s median %8d us: mediainfo/it %.1fx (goal 7x), ffprobe/it %.1fx (goal 25x)\n", l, x, m / x, p / x
	}'
done
