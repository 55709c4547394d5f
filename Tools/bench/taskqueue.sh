# Shared by Tools/bench/taskqueue-vs-*.sh (sourced, not run): arguments and the taskqueue side of
# the comparison, on top of common.sh.
#
# Arguments: [CONNECTIONS] [DURATION]  (default 16 connections, 10 s; DURATION at most 120).
# TASKQUEUE_CONFIG=debug|release picks the build of taskqueue (default release, built if missing).

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CONNECTIONS=${1:-16}
DURATION=${2:-10}
if ! [[ $CONNECTIONS =~ ^[0-9]+$ && $DURATION =~ ^[0-9]+$ ]] || ((CONNECTIONS < 1 || CONNECTIONS > 256 || DURATION < 1 || DURATION > 120)); then
    echo "usage: $0 [CONNECTIONS 1-256] [DURATION 1-120 s]" >&2
    exit 2
fi

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

