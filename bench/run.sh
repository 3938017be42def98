#!/usr/bin/env bash
# Benchmarks fbc on the large catalogs of ../shared/bench, the way docs/benchmarks.md reports them:
# wall time and peak RSS from /usr/bin/time, several runs each, output to /dev/null.
#
#   bench/run.sh [runs]        (default 3 runs per command)
#
# Needs: the fbc launcher (builds itself), tar with xz, GNU time (/usr/bin/time).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared="${FBC_SHARED_DIR:-$root/../shared}"
runs="${1:-3}"
work="$root/bench/work"
mkdir -p "$work"

unpack() {
  local archive="$shared/bench/$1" dir="$work/$2"
  if [ ! -d "$dir" ]; then
    echo "unpacking $1" >&2
    tar -xJf "$archive" -C "$work"
  fi
  echo "$dir"
}

# Runs a command $runs times, printing one line per run. A run that exits non-zero (other than with the status
# given by "expect_rc N" just before, for the failure variant) is reported and makes the script fail at the end:
# a benchmark of a failing command measures nothing.
failures=0
expected_rc=0
expect_rc() { expected_rc="$1"; }
measure() {
  local label="$1"; shift
  local want="$expected_rc" rc
  expected_rc=0
  for i in $(seq "$runs"); do
    rc=0
    /usr/bin/time -f "$label	run $i	wall %e s	user %U s	peak RSS %M KiB" "$@" > /dev/null 2>/tmp/fbc-bench-err \
      || rc=$?
    grep -E '^(wall|render|validate)|	run ' /tmp/fbc-bench-err || tail -1 /tmp/fbc-bench-err
    if [ "$rc" -ne "$want" ]; then
      echo "FAILED: $label, run $i: exit status $rc (expected $want)" >&2
      grep -v '	run ' /tmp/fbc-bench-err | tail -5 >&2
      failures=$((failures + 1))
    fi
  done
}

"$root/fbc" --version >/dev/null   # build first, outside the measurements
c7016=$(unpack community-7016.tar.xz community-operators-prod-csvmeta)
c420=$(unpack community-catalogs-v4.20.tar.xz community-catalogs-v4.20)
c416=$(unpack community-catalogs-v4.16.tar.xz community-catalogs-v4.16)

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(java -version 2>&1 | head -1)"
measure "render 7016 -o json" "$root/fbc" render "$c7016" -o json
measure "render 7016 -o yaml" "$root/fbc" render "$c7016" -o yaml
measure "render 7016 --lossless -o json" "$root/fbc" render "$c7016" --lossless -o json
measure "validate 7016" "$root/fbc" validate "$c7016"
measure "validate 7016 --schemas" "$root/fbc" validate --schemas "$c7016"

measure "prune 7016 (heads of every channel)" "$root/fbc" prune "$c7016" --report none
measure "prune 7016 (2 packages, one by range)" "$root/fbc" prune "$c7016" --report none --keep etcd \
  --keep 'stackgres-community@>=1.5.0'
measure "merge 7016 + 7016" "$root/fbc" merge "$c7016" "$c7016"

# the failure variant of ../shared/bench/README.md: one channel entry removed from etcd
broken="$work/broken-7016"
if [ ! -d "$broken" ]; then
  cp -al "$c7016" "$broken"
  rm "$broken/etcd/catalog.json"
  python3 - "$c7016/etcd/catalog.json" "$broken/etcd/catalog.json" <<'PY'
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
fi
expect_rc 1   # the broken catalog must be reported as broken
measure "validate 7016 (broken etcd)" "$root/fbc" validate -q "$broken"
# bundle directories: every distinct one of the render-bundle corpus (real operators, 0.01-1.6 MB each), in one run
mapfile -t bundles < <(ls -d "$shared"/conformance/render-bundle/*/input/*/ | awk -F/ '!seen[$(NF-1)]++')
measure "render ${#bundles[@]} bundle dirs" "$root/fbc" render "${bundles[@]}" -o json
measure "render ${#bundles[@]} bundle dirs, csv-metadata" "$root/fbc" render "${bundles[@]}" -o json \
  --image-ref-template 'quay.io/example/{{.Package}}:{{.Version}}' --migrate-level bundle-object-to-csv-metadata
measure "render v4.20 -o json" "$root/fbc" render "$c420" -o json
measure "render v4.16 -o json" "$root/fbc" render "$c416" -o json

if [ "$failures" -gt 0 ]; then
  echo "bench: $failures run(s) failed" >&2
  exit 1
fi
