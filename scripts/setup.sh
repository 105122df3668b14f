#!/usr/bin/env bash
# Installs what wijkstat needs on Debian 12 when it is missing: GDAL and PROJ
# headers and libraries, GLPK (libglpk-dev, the LP solver of disclosure
# control), and gdal-bin (ogrinfo/ogr2ogr, used by tests to check
# output). Pass `--test` to also install what the test suite uses (chromium for
# rendering the HTML report). Nothing is installed that is already there.
set -euo pipefail

need=()
pkg-config --exists gdal 2>/dev/null || need+=(libgdal-dev)
[ -e /usr/include/proj.h ] || need+=(libproj-dev)
command -v ogrinfo >/dev/null 2>&1 || need+=(gdal-bin)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
[ -e /usr/include/glpk.h ] || need+=(libglpk-dev)
if [ "${1:-}" = "--test" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
