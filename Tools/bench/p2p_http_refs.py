"""The references of Tools/bench/p2p-vs-http.sh: downloads of one file over plain HTTP on loopback.

    python3 p2p_http_refs.py FILE OUT_JSON PORT [PORT...]

Each PORT serves FILE's folder with `python3 -m http.server` (started by the script). Measures,
each `REPEAT` times (median kept): curl from the first server, aria2c from the first server, and
aria2c from all servers at once (one connection each, like our multi-source download). Reports
MB/s (10^6 bytes/s) and the CPU seconds of the client and the server(s) together, read from
/proc (servers) and getrusage (the client, a child of this script). Every copy is compared
byte for byte with FILE afterwards; a copy that differs fails the run.
"""
import filecmp
import json
import os
import resource
import subprocess
import sys
import time

REPEAT = int(os.environ.get("REPEAT", "3"))
TICKS = os.sysconf("SC_CLK_TCK")


def server_cpu(ports):
    """CPU seconds used so far by the processes listening on `ports` (found via their command line)."""
    total = 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().split(b"\0")
            if b"http.server" not in cmd or not any(str(p).encode() in cmd for p in ports):
                continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICKS
        except OSError:
            continue
    return total


def measure(label, command, ports, source, copy):
    runs = []
    for run in range(REPEAT):
        if os.path.exists(copy):
            os.remove(copy)
        before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
        before_servers = server_cpu(ports)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after_children.ru_utime - before_children.ru_utime) + (after_children.ru_stime - before_children.ru_stime)
        cpu += server_cpu(ports) - before_servers
        if not filecmp.cmp(source, copy, shallow=False):
            sys.exit(f"{label}: the copy differs from the original")
        size = os.path.getsize(source)
        runs.append({"seconds": seconds, "cpuSeconds": cpu})
        print(f"  {label}, run {run + 1}: {size / seconds / 1e6:.0f} MB/s", flush=True)
    os.remove(copy)
    size = os.path.getsize(source)
    rates = sorted(size / r["seconds"] / 1e6 for r in runs)
    cpus = sorted(r["cpuSeconds"] for r in runs)
    return {"label": label, "runs": runs, "megabytesPerSecond": rates[len(rates) // 2], "cpuSeconds": cpus[len(cpus) // 2]}


def main():
    source, out, ports = sys.argv[1], sys.argv[2], [int(p) for p in sys.argv[3:]]
    folder, name = os.path.split(source)
    urls = [f"http://127.0.0.1:{p}/{name}" for p in ports]
    copy = os.path.join(folder, "reference-copy.bin")
    aria = ["aria2c", "-q", "--allow-overwrite=true", "--file-allocation=none", "--check-certificate=false",
            "-d", folder, "-o", "reference-copy.bin"]
    results = [
        measure("curl, 1 source", ["curl", "-sS", "-o", copy, urls[0]], ports[:1], source, copy),
        measure("aria2c, 1 source", aria + ["-x1", "-s1", urls[0]], ports[:1], source, copy),
        measure(f"aria2c, {len(urls)} sources", aria + ["-x1", f"-s{len(urls)}"] + urls, ports, source, copy),
    ]
    with open(out, "w") as f:
        json.dump(results, f, indent=2)


main()
