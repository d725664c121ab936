#!/usr/bin/env bash
# Install the Debian packages coldcase needs when they are missing: Pango for WeasyPrint, Chromium for the
# browser tests and page screenshots, poppler-utils for PDF thumbnails, Ghostscript's CMYK ICC profiles, qpdf.
# Runs as root with apt-get; elsewhere it only says what is missing.
set -u
needed=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 chromium poppler-utils libgs-common qpdf)
missing=()
for package in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || echo "warning: could not install ${missing[*]}; the tests that need them will be skipped" >&2
else
  echo "warning: missing system packages: ${missing[*]} (install them with your package manager;" \
       "without them PDF building or the browser tests are skipped)" >&2
fi
exit 0
