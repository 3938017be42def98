#!/bin/sh
# Records opm's json serve cache for every fixture here into <fixture>/expected (see README.md).
# Usage: OPM=/path/to/opm-v1.54 ./record.sh
set -eu
OPM=${OPM:-/work/oracles/opm-v1.54}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$here"/*/; do
  f=${f%/}
  rm -rf "$tmp/configs" "$tmp/cache" "$f/expected"
  # the tree as fbc's catalog layer holds it: directories 0755, files 0644
  cp -r "$f/catalog" "$tmp/configs"
  find "$tmp/configs" -type d -exec chmod 0755 {} + && find "$tmp/configs" -type f -exec chmod 0644 {} +
  # an existing cache/ and digest select opm's json backend, which then rebuilds (cache/ as opm makes it: 0750)
  mkdir -p "$tmp/cache/cache" && chmod 0750 "$tmp/cache/cache" && printf none > "$tmp/cache/digest"
  "$OPM" serve "$tmp/configs" --cache-dir="$tmp/cache" --cache-only --pprof-addr=127.0.0.1:0 -t "$tmp/log" >"$tmp/out" 2>&1 ||
    { echo "opm failed for $f:" >&2; tail -1 "$tmp/out" >&2; exit 1; }
  mkdir -p "$f/expected"
  cp -r "$tmp/cache/cache" "$tmp/cache/digest" "$f/expected/"
done
