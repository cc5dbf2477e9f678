#!/usr/bin/env bash
# Runs Salient's whole test suite on this machine: installs what the tests need (Debian's PostgreSQL and
# Chromium) when it is missing, starts a throw-away PostgreSQL cluster on 127.0.0.1, and runs dotnet test.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null
  else
    echo "test.sh: missing ${need[*]}; install them (sudo apt-get install ${need[*]}) or run as root" >&2
  fi
fi

# A PostgreSQL cluster of the test run's own, on loopback, removed at exit.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
PG_PORT=${SALIENT_TEST_PG_PORT:-55432}
PG_DIR=$(mktemp -d /tmp/salient-pg.XXXXXX)
cleanup() {
  if [ -n "${PG_BIN}" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
    su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $PG_DIR/data -m immediate stop" >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
}
trap cleanup EXIT
if [ -n "${PG_BIN}" ] && [ "$(id -u)" = 0 ]; then
  chown postgres "$PG_DIR"
  su postgres -s /bin/sh -c "$PG_BIN/initdb -D $PG_DIR/data -A trust -U postgres -E UTF8 >/dev/null"
  su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/log -w -o '-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c max_connections=200' start >/dev/null"
  export SALIENT_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true"
  echo "test.sh: PostgreSQL on 127.0.0.1:$PG_PORT"
fi

dotnet build Salient.sln -c Release -nologo -v q
set +e
dotnet test Salient.sln -c Release --no-build --logger "trx;LogFileName=results.trx" --results-directory TestResults "$@" | tee TestResults.log
status=${PIPESTATUS[0]}
set -e
# One closing line any reader understands.
summary=$(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' TestResults.log | tail -1 || true)
if [ -n "$summary" ]; then
  failed=$(echo "$summary" | sed -E 's/Failed: +([0-9]+).*/\1/')
  passed=$(echo "$summary" | sed -E 's/.*Passed: +([0-9]+).*/\1/')
  skipped=$(echo "$summary" | sed -E 's/.*Skipped: +([0-9]+).*/\1/')
  echo "tests: $passed passed, $failed failed, $skipped skipped"
fi
exit "$status"
