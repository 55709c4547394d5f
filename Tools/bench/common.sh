# Shared by Tools/bench/taskqueue-vs-*.sh (sourced, not run): arguments, clean-up of every process
# the script starts, and the taskqueue side of the comparison.
#
# Arguments: [CONNECTIONS] [DURATION]  (default 16 connections, 10 s; DURATION at most 120).
# TASKQUEUE_CONFIG=debug|release picks the build of taskqueue (default release, built if missing).

set -euo pipefail

CONNECTIONS=${1:-16}
DURATION=${2:-10}
if ! [[ $CONNECTIONS =~ ^[0-9]+$ && $DURATION =~ ^[0-9]+$ ]] || ((CONNECTIONS < 1 || CONNECTIONS > 256 || DURATION < 1 || DURATION > 120)); then
    echo "usage: $0 [CONNECTIONS 1-256] [DURATION 1-120 s]" >&2
    exit 2
fi

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$ROOT/Tools/bench
WORK=$(mktemp -d /tmp/taskqueue-bench.XXXXXX)
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

# Runs `taskqueue bench` (in-process server, 4 local workers, SQLite synchronous FULL) with the
# same load, writing $WORK/ours.json.
run_taskqueue() {
    local config=${TASKQUEUE_CONFIG:-release}
    local binary=$ROOT/.build/$config/taskqueue
    [[ -x $binary ]] || (cd "$ROOT" && swift build -c "$config" --product taskqueue >&2)
    echo "== taskqueue ($config build): SQLite WAL, synchronous FULL, 4 local workers"
    "$binary" bench --connections "$CONNECTIONS" --duration "$DURATION" --op uppercase --workers 4 --json "$WORK/ours.json"
}

# Prints both rows and, last, ratio=<ours/theirs tasks per second>.
compare() {
    echo "== side by side: $CONNECTIONS connections, $DURATION s, uppercase, 4 workers, request/response"
    python3 "$BENCH/compare.py" "$WORK/ours.json" "$WORK/theirs.json"
}

cd "$BENCH"
export PYTHONPATH=$BENCH${PYTHONPATH:+:$PYTHONPATH}
