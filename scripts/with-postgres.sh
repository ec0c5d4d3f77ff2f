#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL cluster, e.g.
#
#     scripts/with-postgres.sh .venv/bin/python -m pytest -q tests/store
#
# Creates a cluster in a temporary folder with initdb as an unprivileged user (PG_USER, default
# `dcpg`, created when absent if we are root), starts it on a free loopback port, exports
# DECISION_CHECK_TEST_PG=postgresql+psycopg://USER@127.0.0.1:PORT/postgres, runs the command, and
# stops and removes the cluster on exit — also when the command fails or is interrupted.
# The command's exit code is this script's exit code. Needs the PostgreSQL server binaries
# (Debian: postgresql-15, or set PG_BIN to their folder).
set -euo pipefail

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PG_USER=${PG_USER:-dcpg}
if [[ -z "${PG_BIN}" || ! -x "${PG_BIN}/initdb" ]]; then
  echo "with-postgres: no PostgreSQL server binaries (apt-get install postgresql-15, or set PG_BIN)" >&2
  exit 2
fi
if [[ $# -eq 0 ]]; then
  echo "usage: $0 COMMAND [ARG…]" >&2
  exit 2
fi

as_pg() {  # run a command as the cluster's owner
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u "${PG_USER}" -- "$@"
  else
    "$@"
  fi
}

if [[ $(id -u) -eq 0 ]]; then
  id -u "${PG_USER}" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "${PG_USER}"
  DB_USER=${PG_USER}
else
  DB_USER=$(id -un)
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/dc-postgres.XXXXXX")
chmod 755 "${DIR}"
[[ $(id -u) -eq 0 ]] && chown "${PG_USER}" "${DIR}"
cleanup() {
  as_pg "${PG_BIN}/pg_ctl" -D "${DIR}/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "${DIR}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
as_pg "${PG_BIN}/initdb" -D "${DIR}/data" -U "${DB_USER}" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"${DIR}/initdb.log" 2>&1 \
  || { cat "${DIR}/initdb.log" >&2; exit 2; }
as_pg "${PG_BIN}/pg_ctl" -D "${DIR}/data" -l "${DIR}/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p ${PORT} -k ${DIR} -c fsync=off -c max_connections=100" start >/dev/null \
  || { cat "${DIR}/server.log" >&2; exit 2; }

export DECISION_CHECK_TEST_PG="postgresql+psycopg://${DB_USER}@127.0.0.1:${PORT}/postgres"
echo "with-postgres: PostgreSQL $("${PG_BIN}/postgres" --version | awk '{print $3}') on 127.0.0.1:${PORT} (${DIR})" >&2
set +e
"$@"
status=$?
set -e
exit "${status}"
