# Throwaway PostgreSQL 15 and Redis servers for tests and benchmarks. Source this file, call
# start_services, and stop_services when done (a trap is set). They live under one /tmp folder
# and listen on free loopback ports. PostgreSQL refuses to run as root, so as root it runs as
# the postgres user. Exports SERVICES_DATABASE_URL (no database name: append one) and
# SERVICES_REDIS_URL.

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_services() {
  local missing=()
  [ -x "$PGBIN/initdb" ] || missing+=(postgresql-15)
  command -v redis-server >/dev/null || missing+=(redis-server)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]}." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || return 1
  fi

  SERVICES_DIR=$(mktemp -d /tmp/cicopa-services.XXXXXX)
  AS_PG=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres: "$SERVICES_DIR"
    AS_PG=(runuser -u postgres --)
  fi
  trap stop_services EXIT

  local pg_port redis_port
  pg_port=$(free_port)
  redis_port=$(free_port)
  "${AS_PG[@]}" "$PGBIN/initdb" -D "$SERVICES_DIR/data" -U postgres -A trust --no-sync -E UTF8 \
    >"$SERVICES_DIR/initdb.log" 2>&1 || { cat "$SERVICES_DIR/initdb.log"; return 1; }
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$SERVICES_DIR/data" -l "$SERVICES_DIR/server.log" -w \
    -o "-p $pg_port -k $SERVICES_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$SERVICES_DIR/server.log"; return 1; }
  # As in production (docs/deployment.md): bounded, evicting the least recently used keys.
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
    --maxmemory 256mb --maxmemory-policy allkeys-lru \
    --daemonize yes --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log" || return 1

  export SERVICES_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port"
  export SERVICES_REDIS_URL="redis://127.0.0.1:$redis_port/0"
}

stop_services() {
  [ -n "${SERVICES_DIR:-}" ] || return 0
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$SERVICES_DIR/data" -m immediate stop >/dev/null 2>&1
  [ -f "$SERVICES_DIR/redis.pid" ] && kill "$(cat "$SERVICES_DIR/redis.pid")" 2>/dev/null
  rm -rf "$SERVICES_DIR"
  SERVICES_DIR=
}
