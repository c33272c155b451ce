# Sourced by scripts/test: starts a throwaway PostgreSQL (Debian's) on loopback for the database
# tests and exports the connection string that @backstage/backend-test-utils' TestDatabases reads.
# Installs the server from Debian when the machine has none.

PG_PORT="${AIB_PG_PORT:-55432}"
PG_DATA="${AIB_PG_DATA:-/tmp/aib-scorecards-pg}"

find_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

# Runs a command as the postgres user when we are root (the server refuses to run as root).
as_pg() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_postgres() {
  local bin
  if ! bin="$(find_pg_bin)"; then
    log "PostgreSQL not found; installing Debian's postgresql"
    if [ "$(id -u)" != "0" ]; then
      log "need root to apt-get install postgresql"; return 1
    fi
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || return 1
    bin="$(find_pg_bin)" || return 1
  fi
  if ! as_pg "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    if [ ! -f "$PG_DATA/PG_VERSION" ]; then
      mkdir -p "$PG_DATA"
      [ "$(id -u)" = "0" ] && chown postgres "$PG_DATA"
      as_pg "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust >/dev/null || return 1
    fi
    as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
      -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null || return 1
    AIB_PG_STARTED=1
  fi
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$PG_PORT"
  export BACKSTAGE_TEST_DISABLE_DOCKER=1
  log "PostgreSQL on 127.0.0.1:$PG_PORT ($bin)"
}

# Stops the server only when start_postgres started it (a developer's running one is left alone).
stop_postgres() {
  [ "${AIB_PG_STARTED:-}" = "1" ] || return 0
  local bin
  bin="$(find_pg_bin)" || return 0
  as_pg "$bin/pg_ctl" -D "$PG_DATA" -m fast stop >/dev/null 2>&1 || true
}
