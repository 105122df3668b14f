#!/usr/bin/env bash
# Runs a command (the test suite) beside a throwaway PostgreSQL + PostGIS server:
#
#   bash scripts/with-postgis.sh swift test --skip-build --no-parallel
#
# The cluster lives in a fresh temporary folder: initdb, then pg_ctl starts it
# listening on a Unix socket in that folder only (listen_addresses = '', so no
# network port; no system service is touched). It runs as an ordinary user: the
# user running this script, or under root (CI) the `postgres` system user that
# Debian's postgresql package creates. Local connections need a password
# (scram-sha-256); a random one is written to a .pgpass file in the folder.
#
# The command gets the connection through libpq's own variables (PGHOST = the
# socket folder, PGPORT, PGUSER, PGPASSFILE, PGDATABASE) and
# WIJKSTAT_TEST_POSTGIS=1; WIJKSTAT_TEST_PGPASSWORD holds the password so tests
# can check that it never appears in wijkstat's output. The server is stopped
# and the folder removed when the command ends, also when it fails or is
# interrupted (trap). Without PostgreSQL 15 and PostGIS installed the command
# runs without a server and the database tests skip (or fail under CI=true).
set -euo pipefail

bindir=""
for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
  if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir="$candidate"; break; fi
done
postgis_control=$(ls /usr/share/postgresql/*/extension/postgis.control 2>/dev/null | head -n 1 || true)
if [ -z "$bindir" ] || [ -z "$postgis_control" ]; then
  echo "with-postgis: PostgreSQL or PostGIS is not installed (bash scripts/setup.sh --test installs them); running without a database server" >&2
  exec "$@"
fi

run_as=()
owner="$(id -un)"
if [ "$(id -u)" -eq 0 ]; then
  # initdb and postgres refuse to run as root.
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  owner=postgres
  run_as=(runuser -u postgres --)
fi

folder=$(mktemp -d /tmp/wijkstat-pg.XXXXXX)
chmod 0755 "$folder"
data="$folder/data"
password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
superuser=wijkstat_test

cleanup() {
  local status=$?
  if [ -f "$data/postmaster.pid" ]; then
    "${run_as[@]}" "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$folder"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

printf '%s\n' "$password" >"$folder/pwfile"
chown "$owner" "$folder" "$folder/pwfile"
chmod 0600 "$folder/pwfile"
if ! "${run_as[@]}" "$bindir/initdb" -D "$data" -U "$superuser" --pwfile="$folder/pwfile" \
  --auth-local=scram-sha-256 --auth-host=reject -E UTF8 --locale=C.UTF-8 --no-sync \
  >"$folder/initdb.log" 2>&1; then
  echo "with-postgis: initdb failed:" >&2
  cat "$folder/initdb.log" >&2
  exit 1
fi
rm -f "$folder/pwfile"
if ! "${run_as[@]}" "$bindir/pg_ctl" -D "$data" -l "$folder/server.log" -w -t 60 \
  -o "-c listen_addresses='' -k $folder -c fsync=off -c full_page_writes=off -c max_connections=40" \
  start >/dev/null; then
  echo "with-postgis: the server did not start:" >&2
  cat "$folder/server.log" >&2
  exit 1
fi

# libpq's password file: host (the socket folder), port, database, user, password.
printf '%s:5432:*:%s:%s\n' "$folder" "$superuser" "$password" >"$folder/pgpass"
chmod 0600 "$folder/pgpass"

export PGHOST="$folder" PGPORT=5432 PGUSER="$superuser" PGPASSFILE="$folder/pgpass" PGDATABASE=postgres
export WIJKSTAT_TEST_POSTGIS=1 WIJKSTAT_TEST_PGPASSWORD="$password"
echo "with-postgis: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on socket $folder (stopped and removed when the command ends)" >&2
"$@"
