#!/usr/bin/env bash
# taskqueue vs RabbitMQ, side by side: the same load (CONNECTIONS clients, each publishing an
# `uppercase` request and waiting for its reply, for DURATION seconds) against 4 workers each.
# RabbitMQ runs as a detached process on free loopback ports (AMQP, Erlang distribution, its own
# epmd), with persistent messages on a durable queue, publisher confirms and consumer acks; the
# client waits on an RPC-style reply queue. The last line is ratio=<ours/theirs tasks per second>.
#
# usage: Tools/bench/taskqueue-vs-rabbitmq.sh [CONNECTIONS=16] [DURATION=10]
source "$(dirname "$0")/taskqueue.sh"

need_apt rabbitmq-server /usr/lib/rabbitmq/bin/rabbitmq-server
need_pip pika pika

port=$(free_port)
export HOME=$WORK RABBITMQ_NODENAME=bench$$@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$port
export RABBITMQ_DIST_PORT=$(free_port) ERL_EPMD_PORT=$(free_port) ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_MNESIA_BASE=$WORK/mnesia RABBITMQ_LOG_BASE=$WORK/log RABBITMQ_PID_FILE=$WORK/rabbitmq.pid
export RABBITMQ_ENABLED_PLUGINS_FILE=$WORK/enabled_plugins
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
echo '[].' >"$RABBITMQ_ENABLED_PLUGINS_FILE"
# The node starts its own epmd (on ERL_EPMD_PORT, detached from us): stop it too.
trap 'epmd -kill >/dev/null 2>&1 || true; cleanup' EXIT

echo "== rabbitmq: node on 127.0.0.1:$port, durable queue, persistent messages, publisher confirms, consumer acks; 4 consumers"
start rabbitmq /usr/lib/rabbitmq/bin/rabbitmq-server
wait_for_port "$port" 90
for i in 1 2 3 4; do
    start "rabbitmq-worker-$i" python3 rabbitmq_bench.py worker "$port"
done
python3 rabbitmq_bench.py client "$port" "$CONNECTIONS" "$DURATION" "$WORK/theirs.json"
stop_all

run_taskqueue
compare
