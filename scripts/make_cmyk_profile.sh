#!/usr/bin/env bash
# Make static/icc/coldcase-fogra39-coated.icc, the print variant's default output intent: a CMYK profile for
# European offset on coated paper (ISO 12647-2, FOGRA39), total ink limited to 300% (-l300) and black to 95%.
#
# Made with ArgyllCMS's colprof from the FOGRA39L characterisation data in Debian's icc-profiles-free
# (FOGRA39L.ti3, Zlib licence; see static/icc/README.md). The result is committed, so neither package is
# needed to build a calendar; run this only to make the profile again:
#   apt-get install argyll icc-profiles-free && scripts/make_cmyk_profile.sh
set -euo pipefail
source=/usr/share/color/icc/FOGRA39L.ti3
target="$(cd "$(dirname "$0")/.." && pwd)/static/icc/coldcase-fogra39-coated.icc"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$source" "$work/FOGRA39L.ti3"
(cd "$work" && colprof -qm -kr -l300 -L95 \
  -D "coldcase FOGRA39 coated offset, TAC 300%" \
  -C "Made with ArgyllCMS colprof from FOGRA39L.ti3 (icc-profiles-free, Zlib licence)" FOGRA39L)
cp "$work/FOGRA39L.icc" "$target"
echo "wrote $target"
