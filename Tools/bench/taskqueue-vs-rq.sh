#!/usr/bin/env bash
# taskqueue vs Python RQ on Redis, side by side: the same load (CONNECTIONS clients, each
# submitting `uppercase` and waiting for its result, for DURATION seconds) against 4 workers each.
# Redis runs on a free loopback port with appendonly yes + appendfsync always, so that an enqueued
# job is on disk like an accepted taskqueue task (RQ's default Redis keeps no durable log).
# The last line is ratio=<ours/theirs tasks per second>.
#
# usage: Tools/bench/taskqueue-vs-rq.sh [CONNECTIONS=16] [DURATION=10]
source "$(dirname "$0")/taskqueue.sh"

need_apt redis-server redis-server
need_pip rq rq

port=$(free_port)
echo "== rq: redis-server on 127.0.0.1:$port, appendonly yes, appendfsync always (durable); 4 rq SimpleWorkers"
start redis redis-server --bind 127.0.0.1 --port "$port" --dir "$WORK" --save '' \
    --appendonly yes --appendfsync always --daemonize no
wait_for_port "$port" 20
for i in 1 2 3 4; do
    start "rq-worker-$i" rq worker --url "redis://127.0.0.1:$port" --worker-class rq.worker.SimpleWorker \
        --name "bench-$i-$$" --quiet bench
done
python3 rq_bench.py "redis://127.0.0.1:$port" "$CONNECTIONS" "$DURATION" "$WORK/theirs.json"
stop_all

run_taskqueue
compare
