#!/usr/bin/env bash
# A throwaway PostgreSQL server for the benchmark, when none is running:
#   bench/postgres.sh start   -> prints the DATABASE_URL to export
#   bench/postgres.sh stop
# Data lives in $PGBENCH_DIR (default: a folder under /tmp) and is deleted on stop.
# As root, the server runs as the "postgres" user, since PostgreSQL refuses root.
set -euo pipefail

DIR="${PGBENCH_DIR:-/tmp/organogram-bench-pg}"
PORT="${PGBENCH_PORT:-55439}"
BIN="$(dirname "$(command -v pg_ctl || echo /usr/lib/postgresql/bin/pg_ctl)")"

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
start)
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
        as_owner "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust >/dev/null
    fi
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
        -o "-p $PORT -k $DIR -c listen_addresses='' -c shared_buffers=1GB -c work_mem=256MB" start >/dev/null
    echo "export DATABASE_URL='postgresql://postgres@/postgres?host=$DIR&port=$PORT'"
    ;;
stop)
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null || true
    rm -rf "$DIR"
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
