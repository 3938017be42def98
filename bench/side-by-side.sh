#!/usr/bin/env bash
# fbc and opm side by side in one run: the same catalog, the same output (/dev/null), runs interleaved
# (fbc, opm, fbc, opm, ...) so both see the same machine; reports the median wall time and peak RSS of each and
# the ratio fbc/opm. Without an opm binary it reports fbc's figures only.
#
#   OPM=/path/to/opm bench/side-by-side.sh [rounds] [catalog-dir]
#
# Default: 5 rounds on the 7,016-bundle catalog of ../shared/bench (unpacked into bench/work on first use).
# The reference opm is built by ../shared/tools/build-oracles. Needs GNU time (/usr/bin/time).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared="${FBC_SHARED_DIR:-$root/../shared}"
rounds="${1:-5}"
work="$root/bench/work"
mkdir -p "$work"
catalog="${2:-}"
if [ -z "$catalog" ]; then
  catalog="$work/community-operators-prod-csvmeta"
  [ -d "$catalog" ] || tar -xJf "$shared/bench/community-7016.tar.xz" -C "$work"
fi
opm="${OPM:-}"
[ -z "$opm" ] || [ -x "$opm" ] || { echo "side-by-side: OPM=$opm is not an executable" >&2; exit 2; }

"$root/fbc" --version >/dev/null   # build first, outside the measurements
times="$work/side-by-side.$$"
trap 'rm -f "$times" "$times".err' EXIT
failures=0

# run LABEL TOOL EXPECTED_RC CMD...: one measured run, "LABEL TOOL wall_s rss_kib" appended to $times
run() {
  local label="$1" tool="$2" want="$3"; shift 3
  local rc=0
  /usr/bin/time -f "%e %M" -o "$times.one" "$@" > /dev/null 2> "$times.err" || rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "FAILED: $tool $label: exit status $rc (expected $want)" >&2
    tail -3 "$times.err" >&2
    failures=$((failures + 1))
  fi
  echo "$label $tool $(tail -1 "$times.one")" >> "$times"
  rm -f "$times.one"
}

: > "$times"
for i in $(seq "$rounds"); do
  run render-json fbc 0 "$root/fbc" render "$catalog" -o json
  [ -z "$opm" ] || run render-json opm 0 "$opm" render "$catalog" -o json
  run validate fbc 0 "$root/fbc" validate "$catalog"
  [ -z "$opm" ] || run validate opm 0 "$opm" validate "$catalog"
done

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1);" \
  "opm: ${opm:-none}; catalog: $catalog; $rounds rounds, interleaved"
python3 - "$times" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    label, tool, wall, rss = line.split()
    rows.setdefault(label, {}).setdefault(tool, []).append((float(wall), int(rss)))
print("| command | fbc wall (median) | fbc peak RSS (median) | opm wall (median) | opm peak RSS (median) | wall ratio | RSS ratio |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for label, tools in rows.items():
    f = tools["fbc"]
    fw, fr = statistics.median(w for w, _ in f), statistics.median(r for _, r in f)
    if "opm" in tools:
        o = tools["opm"]
        ow, orss = statistics.median(w for w, _ in o), statistics.median(r for _, r in o)
        print(f"| {label} | {fw:.2f} s | {fr/1024:.0f} MiB | {ow:.2f} s | {orss/1024:.0f} MiB | {fw/ow:.2f} | {fr/orss:.2f} |")
    else:
        print(f"| {label} | {fw:.2f} s | {fr/1024:.0f} MiB | | | | |")
PY
if [ "$failures" -gt 0 ]; then
  echo "side-by-side: $failures run(s) failed" >&2
  exit 1
fi
