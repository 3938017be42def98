#!/bin/sh
# Writes the build's identity for `fbc --version`: the Maven version, and the commit and its date taken from git
# (not the clock, so that two builds of one commit say the same). Without git or a .git directory (a source
# tarball) the commit and date are "unknown"; the build never fails for that.
# usage: build-info.sh VERSION BASEDIR OUTPUT_FILE
set -u
version=$1
basedir=$2
out=$3
commit=unknown
date=unknown
dirty=
if command -v git >/dev/null 2>&1 && git -C "$basedir" rev-parse --git-dir >/dev/null 2>&1; then
  c=$(git -C "$basedir" log -1 --format=%H 2>/dev/null) && [ -n "$c" ] && commit=$c
  d=$(git -C "$basedir" log -1 --format=%cI 2>/dev/null) && [ -n "$d" ] && date=$d
  # sources that differ from the commit: the build is not exactly that commit
  if [ "$commit" != unknown ] && ! git -C "$basedir" diff --quiet HEAD -- 2>/dev/null; then
    dirty=true
  fi
fi
mkdir -p "$(dirname "$out")"
{
  echo "version=$version"
  echo "commit=$commit"
  echo "commit.date=$date"
  echo "dirty=${dirty:-false}"
} > "$out"
