#!/usr/bin/env bash
# The one benchmark entry of fbc (docs/benchmarks.md reports its output).
#
#   bench/run.sh [--size 7k|70k] [--rounds N] [--set side|all] [--catalog DIR]
#   OPM=/path/to/opm bench/run.sh ...
#
# With OPM naming an opm binary (../shared/tools/build-oracles builds the reference v1.54), every command runs
# for fbc and for opm interleaved (fbc, opm, fbc, opm, ... in each round), so both see the same machine load;
# the table gives the median wall time, CPU time (user+sys) and peak RSS of each and the ratios fbc/opm. Without
# OPM it gives fbc's figures only. Before the measured rounds, fbc's and opm's `render -o json` outputs are
# compared byte for byte (cmp, streamed: nothing is stored); a difference fails the run.
#
#   --size 7k    the 7,016-bundle catalog of ../shared/bench (default)
#   --size 70k   ten renamed copies of it (70,160 bundles, 2 GB): package names get the suffix -c1 ... -c10,
#                bundle names the same suffix, and every reference to them (channel entries, replaces, skips,
#                the olm.package property, deprecation references) follows, so the catalog stays valid.
#                Generated on first use.
#   --catalog D  any other catalog directory
#   --rounds N   measured rounds (default 5; 3 for 70k)
#   --set side   render -o json and validate (default); --set all adds the yaml and failure variants and the
#                commands opm has no equivalent for (fbc only); --set startup measures start-up instead: --help
#                and validate of a one-package catalog (etcd of the 7k catalog), 10 rounds, no cmp
#   --only L     only the command labelled L (e.g. render-json)
#
# FBC names the fbc command to measure (default: the checkout's ./fbc, which builds itself first).
# Catalogs are unpacked or generated into $FBC_BENCH_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/fbc-bench),
# outside the checkout. Output of the measured runs goes to /dev/null. Needs GNU time (/usr/bin/time), tar with
# xz, python3.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared="${FBC_SHARED_DIR:-$root/../shared}"
cache="${FBC_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fbc-bench}"
size=7k rounds= set=side catalog= only=
while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --set) set=$2; shift 2 ;;
    --catalog) catalog=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument $1 (see bench/run.sh --help)" >&2; exit 2 ;;
  esac
done
case $size in 7k|70k) ;; *) echo "bench: --size is 7k or 70k, not $size" >&2; exit 2 ;; esac
case $set in side|all|startup) ;; *) echo "bench: --set is side, all or startup, not $set" >&2; exit 2 ;; esac
[ -n "$rounds" ] || { [ "$set" = startup ] && rounds=10; } || { [ "$size" = 70k ] && rounds=3 || rounds=5; }
opm="${OPM:-}"
fbc="${FBC:-$root/fbc}"
[ -z "$opm" ] || [ -x "$opm" ] || { echo "bench: OPM=$opm is not an executable" >&2; exit 2; }
mkdir -p "$cache"

unpack() { # archive top-dir: the unpacked catalog's path
  local dir="$cache/$2"
  if [ ! -d "$dir" ]; then
    echo "bench: unpacking $1 into $cache" >&2
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
    tar -xJf "$shared/bench/$1" -C "$dir.tmp"
    mv "$dir.tmp/$2" "$dir" && rmdir "$dir.tmp"
  fi
  echo "$dir"
}

# ten renamed copies of the 7k catalog, written to a temporary name first so that an interrupted run leaves none
generate70k() {
  local src="$1" dir="$cache/community-70k"
  if [ ! -d "$dir" ]; then
    echo "bench: generating the 70k catalog into $dir (once; about 2 GB)" >&2
    rm -rf "$dir.tmp"
    python3 - "$src" "$dir.tmp" <<'PY'
import json, os, sys
src, dst = sys.argv[1], sys.argv[2]

def blobs(text):
    dec, i, n = json.JSONDecoder(), 0, len(text)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            return
        o, i = dec.raw_decode(text, i)
        yield o

def rename(b, sfx):
    r = lambda s: s + sfx if isinstance(s, str) and s else s
    schema = b.get("schema")
    if schema == "olm.package":
        b["name"] = r(b["name"])
    else:
        b["package"] = r(b.get("package", ""))
    if schema == "olm.channel":
        for e in b.get("entries") or []:
            e["name"] = r(e["name"])
            if "replaces" in e:
                e["replaces"] = r(e["replaces"])
            if "skips" in e:
                e["skips"] = [r(s) for s in e["skips"]]
    elif schema == "olm.bundle":
        b["name"] = r(b["name"])
        for p in b.get("properties") or []:
            if p.get("type") == "olm.package":
                p["value"]["packageName"] = r(p["value"]["packageName"])
    elif schema == "olm.deprecations":
        for e in b.get("entries") or []:
            ref = e.get("reference", {})
            if ref.get("schema") == "olm.bundle":
                ref["name"] = r(ref["name"])
    return b

pkgs = sorted(os.listdir(src))
for copy in range(1, 11):
    sfx = "-c%d" % copy
    for pkg in pkgs:
        with open(os.path.join(src, pkg, "catalog.json"), encoding="utf-8") as f:
            text = f.read()
        out = os.path.join(dst, pkg + sfx)
        os.makedirs(out)
        with open(os.path.join(out, "catalog.json"), "w", encoding="utf-8") as f:
            for b in blobs(text):
                f.write(json.dumps(rename(b, sfx), indent=4, ensure_ascii=False))
                f.write("\n")
PY
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

if [ -z "$catalog" ]; then
  catalog=$(unpack community-7016.tar.xz community-operators-prod-csvmeta)
  [ "$size" = 7k ] || catalog=$(generate70k "$catalog")
fi
[ -d "$catalog" ] || { echo "bench: $catalog is not a directory" >&2; exit 2; }

"$fbc" --version > /dev/null   # build first, outside the measurements
times=$(mktemp "${TMPDIR:-/tmp}/fbc-bench.XXXXXX")
trap 'rm -f "$times" "$times".*' EXIT
failures=0

# run LABEL TOOL EXPECTED_RC CMD...: one measured run; "LABEL TOOL wall_s cpu_s rss_kib" appended to $times.
# A run with another exit status is reported and fails the script at the end: a failing command measures nothing.
run() {
  local label="$1" tool="$2" want="$3"; shift 3
  local rc=0
  /usr/bin/time -f "%e %U %S %M" -o "$times.one" "$@" > /dev/null 2> "$times.err" || rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "FAILED: $tool $label: exit status $rc (expected $want)" >&2
    tail -3 "$times.err" >&2
    failures=$((failures + 1))
  fi
  tail -1 "$times.one" | awk -v l="$label" -v t="$tool" '{print l, t, $1, $2 + $3, $4}' >> "$times"
  rm -f "$times.one"
}

# The commands: LABEL|EXPECTED_RC|fbc arguments|opm arguments (empty: opm has no equivalent). Arguments are
# split on spaces; CAT stands for the catalog.
commands=("render-json|0|render CAT -o json|render CAT -o json" "validate|0|validate CAT|validate CAT")
if [ "$set" = startup ]; then
  one="$cache/one-package"
  if [ ! -d "$one" ]; then
    rm -rf "$one.tmp" && mkdir -p "$one.tmp" && cp -r "$catalog/etcd" "$one.tmp/" && mv "$one.tmp" "$one"
  fi
  commands=("help|0|--help|--help" "validate-1pkg|0|validate $one|validate $one")
fi
if [ "$set" = all ]; then
  # the failure variant of ../shared/bench/README.md: one channel entry removed from etcd (7k catalog only)
  broken="$cache/broken-7016"
  if [ "$size" = 7k ] && [ ! -d "$broken" ]; then
    rm -rf "$broken.tmp" && cp -r "$catalog" "$broken.tmp"
    python3 - "$catalog/etcd/catalog.json" "$broken.tmp/etcd/catalog.json" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
dec, i, out = json.JSONDecoder(), 0, []
while i < len(text):
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text):
        break
    o, i = dec.raw_decode(text, i)
    if o.get("schema") == "olm.channel" and o.get("name") == "clusterwide-alpha":
        o["entries"] = [e for e in o["entries"] if e["name"] != "etcdoperator.v0.9.2-clusterwide"]
    out.append(json.dumps(o, indent=4))
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY
    mv "$broken.tmp" "$broken"
  fi
  commands+=("render-yaml|0|render CAT -o yaml|render CAT -o yaml"
    "render-lossless|0|render CAT --lossless -o json|"
    "validate-schemas|0|validate --schemas CAT|"
    "prune-heads|0|prune CAT --report none|"
    "merge-self|0|merge CAT CAT|")
  [ "$size" != 7k ] || commands+=("validate-broken|1|validate -q $broken|validate $broken")
fi

if [ -n "$opm" ] && [ "$set" != startup ]; then
  echo "bench: checking that fbc's render -o json is byte-identical to opm's" >&2
  if ! cmp <("$fbc" render "$catalog" -o json) <("$opm" render "$catalog" -o json 2>/dev/null); then
    echo "FAILED: fbc render -o json differs from opm's on $catalog" >&2
    failures=$((failures + 1))
  else
    identical=yes
  fi
fi

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
: > "$times"
for i in $(seq "$rounds"); do
  for c in "${commands[@]}"; do
    IFS='|' read -r label want fargs oargs <<< "$c"
    [ -z "$only" ] || [ "$label" = "$only" ] || continue
    # shellcheck disable=SC2086
    run "$label" fbc "$want" "$fbc" ${fargs//CAT/$catalog}
    if [ -n "$opm" ] && [ -n "$oargs" ]; then
      # shellcheck disable=SC2086
      run "$label" opm "$want" "$opm" ${oargs//CAT/$catalog}
    fi
  done
done

echo "$(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB," \
  "load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end;" \
  "$(java -version 2>&1 | head -1); opm: ${opm:-none}; catalog: $catalog ($size); $rounds rounds, interleaved;" \
  "render -o json byte-identical to opm's: ${identical:-not checked}"
python3 - "$times" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    label, tool, wall, cpu, rss = line.split()
    rows.setdefault(label, {}).setdefault(tool, []).append((float(wall), float(cpu), int(rss)))
med = lambda runs, k: statistics.median(r[k] for r in runs)
print("| command | fbc wall | fbc CPU | fbc peak RSS | opm wall | opm CPU | opm peak RSS | wall ratio | CPU ratio | RSS ratio |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for label, tools in rows.items():
    f = tools["fbc"]
    fw, fc, fr = med(f, 0), med(f, 1), med(f, 2)
    line = f"| {label} | {fw:.2f} s | {fc:.2f} s | {fr/1024:.0f} MiB |"
    if "opm" in tools:
        o = tools["opm"]
        ow, oc, orss = med(o, 0), med(o, 1), med(o, 2)
        line += f" {ow:.2f} s | {oc:.2f} s | {orss/1024:.0f} MiB | {fw/ow:.2f} | {fc/oc:.2f} | {fr/orss:.2f} |"
    else:
        line += " | | | | | |"
    print(line)
print()
print("medians of " + ", ".join(f"{len(t['fbc'])} fbc" + (f" and {len(t['opm'])} opm" if "opm" in t else "") +
      f" runs of {l}" for l, t in rows.items()))
PY
if [ "$failures" -gt 0 ]; then
  echo "bench: $failures check(s) or run(s) failed" >&2
  exit 1
fi
