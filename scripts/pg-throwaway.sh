#!/usr/bin/env bash
# Starts a throwaway PostgreSQL from the machine's own install, as the postgres user (it refuses root),
# in a temp directory on a free loopback port. Prints `export TEST_DATABASE_URL=...` and `export PG_TMPDIR=...`.
#   eval "$(scripts/pg-throwaway.sh start)"   ...   scripts/pg-throwaway.sh stop "$PG_TMPDIR"
# For fault tests: `down <dir>` stops the server (fast: backends are terminated) keeping its data,
# `up <dir>` starts it again on the same port.
set -euo pipefail

bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then pg_config --bindir; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

case "${1:-}" in
  start)
    BIN=$(bindir)
    [ -x "$BIN/initdb" ] || { echo "PostgreSQL server binaries not found (install postgresql)" >&2; exit 1; }
    DIR=$(mktemp -d /tmp/awning-pg.XXXXXX)
    PORT=$(free_port)
    RUN=()
    if [ "$(id -u)" = 0 ]; then chown postgres: "$DIR"; RUN=(runuser -u postgres --); fi
    "${RUN[@]}" "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 >"$DIR/initdb.log" 2>&1
    echo "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" >"$DIR/options"
    "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 -o "$(cat "$DIR/options")" start >/dev/null
    "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc 'CREATE DATABASE awning_test' >/dev/null
    echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/awning_test"
    echo "export PG_TMPDIR=$DIR"
    echo "export PG_BINDIR=$BIN"
    ;;
  stop)
    DIR=${2:?usage: stop <dir>}
    BIN=$(bindir)
    RUN=()
    [ "$(id -u)" = 0 ] && RUN=(runuser -u postgres --)
    "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  down)
    DIR=${2:?usage: down <dir>}
    RUN=(); [ "$(id -u)" = 0 ] && RUN=(runuser -u postgres --)
    "${RUN[@]}" "$(bindir)/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null
    ;;
  up)
    DIR=${2:?usage: up <dir>}
    RUN=(); [ "$(id -u)" = 0 ] && RUN=(runuser -u postgres --)
    "${RUN[@]}" "$(bindir)/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 30 -o "$(cat "$DIR/options")" start >/dev/null
    ;;
  *)
    echo "usage: $0 start | stop <dir> | down <dir> | up <dir>" >&2
    exit 2
    ;;
esac
