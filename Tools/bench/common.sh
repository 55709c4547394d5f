# Shared by the side-by-side scripts of Tools/bench (sourced, not run): a work folder, clean-up of
# every process the script starts, installing what is missing, and free loopback ports.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$ROOT/Tools/bench
WORK=$(mktemp -d "/tmp/$(basename "$0" .sh).XXXXXX")
STARTED=()  # process groups this script started; each is killed on exit

# Starts a command in its own process group, in the background, output to $WORK/NAME.log.
start() {
    local name=$1
    shift
    setsid "$@" >"$WORK/$name.log" 2>&1 &
    STARTED+=($!)
}

# Stops everything started so far: SIGTERM to each group, SIGKILL to what is left after 5 s.
stop_all() {
    local pid
    for pid in "${STARTED[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    for _ in $(seq 50); do
        local alive=0
        for pid in "${STARTED[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
        ((alive)) || break
        sleep 0.1
    done
    for pid in "${STARTED[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
    STARTED=()
}

cleanup() {
    stop_all
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Installs the Debian package $1 unless command $2 exists.
need_apt() {
    command -v "$2" >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1"; } >&2
}

# Installs the PyPI package $1 unless Python module $2 imports.
need_pip() {
    python3 -c "import $2" 2>/dev/null || pip install -q "$1" >&2
}

# Prints a free TCP port on 127.0.0.1.
free_port() {
    python3 -c 'import benchlib; print(benchlib.free_port())'
}

# Waits (at most $2 seconds) until 127.0.0.1:$1 accepts connections.
wait_for_port() {
    python3 -c "import benchlib; benchlib.wait_for_port($1, $2)"
}

cd "$BENCH"
export PYTHONPATH=$BENCH${PYTHONPATH:+:$PYTHONPATH}
