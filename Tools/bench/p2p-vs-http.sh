#!/usr/bin/env bash
# p2p vs plain HTTP, side by side, on one file on loopback: our peers (`p2p bench`: 1 source and
# 3 sources, every piece SHA-256 verified) against curl and aria2c downloading the same file from
# `python3 -m http.server` (1 server, and aria2c from 3 servers at once), with iperf3's loopback
# ceiling for scale. Every file lives on tmpfs (/dev/shm), so the disk is out of the comparison;
# every copy is checked byte for byte. Figures are medians of 3 runs; MB = 10^6 bytes.
# The last line is ratio=<ours / curl MB per second, 1 source>.
#
# usage: Tools/bench/p2p-vs-http.sh [SIZE_MIB=1024]
# P2P_CONFIG=debug|release picks the build of p2p (default release, built if missing).
source "$(dirname "$0")/common.sh"

SIZE_MIB=${1:-1024}
if ! [[ $SIZE_MIB =~ ^[0-9]+$ ]] || ((SIZE_MIB < 1 || SIZE_MIB > 4096)); then
    echo "usage: $0 [SIZE_MIB 1-4096]" >&2
    exit 2
fi
config=${P2P_CONFIG:-release}
p2p=$ROOT/.build/$config/p2p

need_apt curl curl
need_apt aria2 aria2c
need_apt iperf3 iperf3
[[ -x $p2p ]] || (cd "$ROOT" && swift build -c "$config" --product p2p >&2)

SHM=$(mktemp -d /dev/shm/p2p-vs-http.XXXXXX)
trap 'cleanup; rm -rf "$SHM"' EXIT
echo "== a ${SIZE_MIB} MiB file of random bytes in $SHM"
head -c "$((SIZE_MIB << 20))" /dev/urandom >"$SHM/file.bin"

port=$(free_port)
start iperf3 iperf3 -s -p "$port"
wait_for_port "$port" 10
ceiling=$(iperf3 -c 127.0.0.1 -p "$port" -t 5 -J | python3 -c 'import json,sys; print(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 8e6)')
printf '== iperf3 loopback ceiling: %.0f MB/s\n' "$ceiling"
stop_all

ports=()
for i in 1 2 3; do
    ports+=("$(free_port)")
    start "http$i" python3 -m http.server "${ports[-1]}" --bind 127.0.0.1 --directory "$SHM"
done
for p in "${ports[@]}"; do wait_for_port "$p" 10; done
echo "== python3 -m http.server + curl / aria2c"
python3 p2p_http_refs.py "$SHM/file.bin" "$WORK/refs.json" "${ports[@]}"
stop_all

echo "== p2p ($config build): tracker + 3 peers, pieces of 1 MiB"
"$p2p" bench --file "$SHM/file.bin" --dir "$SHM" --json "$WORK/ours.json"

echo "== side by side: ${SIZE_MIB} MiB, loopback, tmpfs"
python3 p2p_compare.py "$WORK/ours.json" "$WORK/refs.json" "$ceiling"
