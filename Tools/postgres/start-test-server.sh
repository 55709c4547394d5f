#!/usr/bin/env bash
# A throwaway PostgreSQL server for the task queue's PostgreSQL tests, on loopback only.
#
#   Tools/postgres/start-test-server.sh          # start; prints TASKQUEUE_POSTGRES_URL=postgres://…
#   Tools/postgres/start-test-server.sh stop     # stop the server it started and delete its files
#
# Starting again first stops the server an earlier start in this checkout left running.
#
# Installs Debian's postgresql with apt-get when initdb is missing. The cluster lives in a temporary
# folder (owned by the postgres user when run as root: the server refuses to run as root) and
# listens on 127.0.0.1 on a free port. Progress goes to stderr; stdout is only the URL line, so
# `export "$(Tools/postgres/start-test-server.sh)"` sets the variable.
set -euo pipefail

# One server per checkout: the state file (naming the server's folder) is keyed by the repo's path.
repo="$(cd "$(dirname "$0")/../.." && pwd)"
state="${TMPDIR:-/tmp}/taskqueue-postgres-$(printf %s "$repo" | cksum | cut -d' ' -f1).state"
say() { echo "start-test-server: $*" >&2; }

find_bin() {
    local dir
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$dir/initdb" ] && { echo "$dir"; return; }
    done
    command -v initdb >/dev/null && dirname "$(readlink -f "$(command -v initdb)")"
}

# Runs a command as the cluster's owner: the postgres user when we are root, else ourselves.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_server() {
    [ -f "$state" ] || { say "no server recorded in $state"; return 0; }
    local dir
    dir="$(cat "$state")"
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$(find_bin)/pg_ctl" stop -D "$dir/data" -m fast -w >&2 || true
    fi
    rm -rf "$dir" "$state"
    say "stopped and removed $dir"
}

if [ "${1:-start}" = "stop" ]; then
    stop_server
    exit 0
fi
[ "${1:-start}" = "start" ] || { echo "usage: $0 [start|stop]" >&2; exit 2; }

bin="$(find_bin || true)"
if [ -z "$bin" ]; then
    say "initdb not found; installing postgresql"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bin="$(find_bin)"
fi
[ -f "$state" ] && stop_server    # a server left by an earlier run

dir="$(mktemp -d "${TMPDIR:-/tmp}/taskqueue-postgres.XXXXXX")"
chmod 755 "$dir"
echo "$dir" > "$state"
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
user=taskqueue
password="test-$RANDOM$RANDOM"
database=taskqueue
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

as_owner bash -c "umask 077 && echo '$password' > '$dir/password'"
as_owner "$bin/initdb" -D "$dir/data" -U "$user" --pwfile="$dir/password" --auth-host=scram-sha-256 \
    --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# fsync off: the cluster is thrown away, and the tests do not crash PostgreSQL itself.
as_owner "$bin/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' -c fsync=off -c max_connections=200" >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
for _ in $(seq 1 60); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
done
"$bin/pg_isready" -h 127.0.0.1 -p "$port" >&2
as_owner "$bin/createdb" -h "$dir" -p "$port" -U "$user" "$database"
say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, files in $dir"
echo "TASKQUEUE_POSTGRES_URL=postgres://$user:$password@127.0.0.1:$port/$database"
