#!/usr/bin/env bash
# raftkv vs etcd, side by side: the same workload generator (`raftkv bench`: closed-loop clients,
# 8-byte keys, 256-byte values; at 1, 16 and 64 clients, DURATION seconds of puts then as many of
# linearizable gets) against a 3-member cluster of each on free loopback ports, data on disk in a
# temporary folder, fsync on every commit (both defaults). etcd is driven through its own gRPC API
# (etcdserverpb.KV), at its leader (its best case: no forwarding hop); raftkv's clients get every
# member and settle on the leader by its hints; then the same clients go through a `raftkv proxy`
# (one more process hop), printed as a second table. The last line is
# ratio=<ours at the members / etcd, writes per second at 16 clients>.
#
# usage: Tools/bench/raftkv-vs-etcd.sh [DURATION=10]
# RAFTKV_CONFIG=debug|release picks the build of raftkv (default release, built if missing).
source "$(dirname "$0")/common.sh"

DURATION=${1:-10}
if ! [[ $DURATION =~ ^[0-9]+$ ]] || ((DURATION < 1 || DURATION > 120)); then
    echo "usage: $0 [DURATION 1-120 s]" >&2
    exit 2
fi
CLIENTS=1,16,64
config=${RAFTKV_CONFIG:-release}
raftkv=$ROOT/.build/$config/raftkv

need_apt etcd-server etcd
need_apt etcd-client etcdctl
[[ -x $raftkv ]] || (cd "$ROOT" && swift build -c "$config" --product raftkv >&2)

# Free loopback ports for 3 members: member i+1 has peer port peers[i] and client port clients[i],
# used by etcd, then by raftkv.
peers=() clients=()
for i in 1 2 3; do peers+=("$(free_port)") clients+=("$(free_port)"); done

initial=m1=http://127.0.0.1:${peers[0]},m2=http://127.0.0.1:${peers[1]},m3=http://127.0.0.1:${peers[2]}
for i in 0 1 2; do
    start "etcd-$((i + 1))" etcd --name "m$((i + 1))" --data-dir "$WORK/etcd$((i + 1))" \
        --listen-peer-urls "http://127.0.0.1:${peers[i]}" --initial-advertise-peer-urls "http://127.0.0.1:${peers[i]}" \
        --listen-client-urls "http://127.0.0.1:${clients[i]}" --advertise-client-urls "http://127.0.0.1:${clients[i]}" \
        --initial-cluster "$initial" --initial-cluster-token "bench$$" --initial-cluster-state new
done
endpoints=127.0.0.1:${clients[0]},127.0.0.1:${clients[1]},127.0.0.1:${clients[2]}
for i in 0 1 2; do wait_for_port "${clients[i]}" 30; done
for _ in $(seq 100); do etcdctl --endpoints="$endpoints" endpoint health >/dev/null 2>&1 && break; sleep 0.2; done
leader=$(etcdctl --endpoints="$endpoints" endpoint status -w json | python3 -c '
import json, sys
print(next(e["Endpoint"] for e in json.load(sys.stdin) if e["Status"]["header"]["member_id"] == e["Status"]["leader"]))')
echo "== etcd $(etcd --version | head -1 | cut -d" " -f3): 3 members, leader at $leader"
"$raftkv" bench --target etcd --server "$leader" --clients "$CLIENTS" --duration "$DURATION" --json "$WORK/etcd.json"
stop_all

members=() servers=()
for i in 0 1 2; do
    members+=(--member "$((i + 1))=127.0.0.1:${peers[i]}/127.0.0.1:${clients[i]}")
    servers+=(--server "127.0.0.1:${clients[i]}")
done
for i in 1 2 3; do
    start "raftkv-$i" "$raftkv" node --id "$i" --cluster bench --data-dir "$WORK/raftkv$i" "${members[@]}"
done
for i in 0 1 2; do wait_for_port "${clients[i]}" 30; done
echo "== raftkv ($config build): 3 members"
"$raftkv" bench "${servers[@]}" --clients "$CLIENTS" --duration "$DURATION" --json "$WORK/ours.json"
proxy=$(free_port)
start raftkv-proxy "$raftkv" proxy --listen "127.0.0.1:$proxy" "${servers[@]}"
wait_for_port "$proxy" 30
echo "== raftkv through a proxy on 127.0.0.1:$proxy"
"$raftkv" bench --server "127.0.0.1:$proxy" --clients "$CLIENTS" --duration "$DURATION" --json "$WORK/proxy.json"
stop_all

echo "== side by side: $CLIENTS clients, $DURATION s of puts then $DURATION s of linearizable gets, 8-byte keys, 256-byte values"
python3 raftkv_compare.py "$WORK/ours.json" "$WORK/etcd.json" "$WORK/proxy.json"
