#!/usr/bin/env bash
# Process wall time of xlint check, side by side with `true` in one run:
# one draft in a fresh process, and 10,000 drafts in one run. Prints the
# median of several runs of each. Usage: scripts/bench-check.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/xlint" ./cmd/xlint
go run ./scripts/check/gendrafts -n 10000 -dir "$tmp/drafts"
printf -- '---\naccount: acme\n---\nOne draft with a link https://example.com/a and an emoji 🎉\n' > "$tmp/one.md"

# median_ms CMD...: the median wall time of runs executions, in ms.
median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}'
}

true_ms=$(median_ms true)
one_ms=$(median_ms "$tmp/xlint" check --no-config --no-history "$tmp/one.md")
many_ms=$(median_ms "$tmp/xlint" check --no-config --no-history --format json --fail-on none "$tmp/drafts")
echo "median of $runs runs, $(nproc) cores:"
echo "  true                          ${true_ms} ms"
echo "  xlint check, 1 draft          ${one_ms} ms"
echo "  xlint check, 10,000 drafts    ${many_ms} ms"
