"""Side-by-side table of Tools/bench/p2p-vs-http.sh.

    python3 p2p_compare.py OURS_JSON REFS_JSON IPERF_MBPS

The last line is `ratio=<ours / curl MB per second, 1 source>`.
"""
import json
import sys

ours = json.load(open(sys.argv[1]))
refs = {r["label"]: r for r in json.load(open(sys.argv[2]))}
ceiling = float(sys.argv[3])

rows = [(f"p2p, {row['sources']} source(s), pieces verified", row["megabytesPerSecond"], row["cpuSeconds"]) for row in ours["rows"]]
rows += [(label, r["megabytesPerSecond"], r["cpuSeconds"]) for label, r in refs.items()]
print(f"{'transfer':42} {'MB/s':>8} {'CPU s':>7} {'of loopback':>12}")
for label, rate, cpu in rows:
    print(f"{label:42} {rate:8.0f} {cpu:7.2f} {rate / ceiling:11.0%}")
print(f"{'iperf3 loopback ceiling':42} {ceiling:8.0f}")
ours_one = next(row["megabytesPerSecond"] for row in ours["rows"] if row["sources"] == 1)
print(f"ratio={ours_one / refs['curl, 1 source']['megabytesPerSecond']:.2f}")
