#!/usr/bin/env bash
# Installs what wijkstat needs on Debian 12 when it is missing: GDAL and PROJ
# headers and libraries, GLPK (libglpk-dev, the LP solver of disclosure
# control), LAPACK and BLAS (liblapack-dev, libblas-dev: the count
# models), and gdal-bin (ogrinfo/ogr2ogr, used by tests to check output).
# Pass `--test` to also install what the test suite uses (chromium for
# rendering the HTML report; PostgreSQL 15 and PostGIS 3 for the database
# tests, which scripts/with-postgis.sh runs against a throwaway server).
# Nothing is installed that is already there.
set -euo pipefail

need=()
pkg-config --exists gdal 2>/dev/null || need+=(libgdal-dev)
[ -e /usr/include/proj.h ] || need+=(libproj-dev)
command -v ogrinfo >/dev/null 2>&1 || need+=(gdal-bin)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
[ -e /usr/include/glpk.h ] || need+=(libglpk-dev)
# zlib's header for tables.xlsx's deflate (ZlibBridge; GDAL's own dependency).
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
# LAPACK and BLAS for the count models (`wijkstat model`), linked as -llapack -lblas.
[ -n "$(ls /usr/lib/*/liblapack.so /usr/lib/liblapack.so 2>/dev/null)" ] || need+=(liblapack-dev)
[ -n "$(ls /usr/lib/*/libblas.so /usr/lib/libblas.so 2>/dev/null)" ] || need+=(libblas-dev)
if [ "${1:-}" = "--test" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  # The database tests' throwaway server (scripts/with-postgis.sh): PostgreSQL 15
  # and PostGIS 3 from Debian. No server is started here.
  [ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql postgresql-15)
  [ -e /usr/share/postgresql/15/extension/postgis.control ] || need+=(postgresql-15-postgis-3)
  command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  # Installing postgresql would create (and on a machine with systemd start) a
  # system cluster `main` on port 5432; the tests need none. Debian's documented
  # switch (postgresql-common's createcluster.conf) turns that off, only when
  # postgresql-common is not installed yet (it never edits an existing set-up).
  if [[ " ${need[*]} " == *" postgresql "* ]] && ! dpkg -s postgresql-common >/dev/null 2>&1 \
    && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    $sudo_cmd mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | $sudo_cmd tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confold "${need[@]}" >/dev/null
fi
