#!/usr/bin/env bash
# Run the database-backed tests against a throwaway local PostgreSQL server, to prove the
# schema and migrations stay portable. Installs PostgreSQL (Debian) if it is missing.
# Usage: tools/test_postgres.sh [pytest arguments]; needs .venv (make test creates it).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq postgresql >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq postgresql >/dev/null 2>&1; } \
      || { echo "test-postgres: cannot install PostgreSQL here; not run"; exit 3; }
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  else
    echo "test-postgres: PostgreSQL is not installed; not run"; exit 3
  fi
fi
data=$(mktemp -d /tmp/workbook-pg.XXXXXX)
port=$((20000 + RANDOM % 20000))
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$data"
as_pg "'$bin/initdb' -D '$data' -A trust -U postgres >/dev/null"
as_pg "'$bin/pg_ctl' -D '$data' -o '-p $port -k $data -c listen_addresses=127.0.0.1' -l '$data/log' -w start >/dev/null"
trap 'as_pg "'"'$bin/pg_ctl'"' -D '"'$data'"' -m immediate stop >/dev/null" || true; rm -rf "$data"' EXIT
.venv/bin/python -m pip install --quiet "psycopg[binary]>=3.1,<4"
export WORKBOOK_TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
.venv/bin/python -m pytest -q -m "not slow" tests/services tests/files tests/ui/test_undo_commands.py \
  tests/ui/test_models.py "$@"
