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

measure() {
  local label="$1"; shift
  for i in $(seq "$runs"); do
    /usr/bin/time -f "$label	run $i	wall %e s	user %U s	peak RSS %M KiB" "$@" > /dev/null
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
measure "render v4.20 -o json" "$root/fbc" render "$c420" -o json
measure "render v4.16 -o json" "$root/fbc" render "$c416" -o json
