"""Shared driver of the reference benchmarks: N client threads, each sending one request after
another (the next when the previous one's result is back) for a fixed time, then the same report
`taskqueue bench` prints and writes (tasks, tasks/s, p50/p90/p99/max latency in ms, errors)."""

import json
import math
import socket
import threading
import time


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout):
    """Waits until something accepts connections on 127.0.0.1:port; raises after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def percentile(sorted_ms, p):
    """Nearest-rank percentile of an ascending list; 0 when it is empty."""
    if not sorted_ms:
        return 0.0
    return sorted_ms[max(0, math.ceil(p / 100 * len(sorted_ms)) - 1)]


def run(label, connections, duration, make_client, json_path=None):
    """Runs `connections` threads for `duration` seconds. `make_client()` is called once per thread
    and returns a function that performs one request and returns True on success (False or an
    exception counts as an error). Prints progress once a second and a table; returns the report."""
    lock = threading.Lock()
    latencies, counts = [], {"tasks": 0, "errors": 0}
    start = time.monotonic()
    deadline = start + duration

    def drive():
        mine = []
        try:
            request = make_client()
        except Exception as error:  # noqa: BLE001 - a client that cannot start is one error
            print(f"client failed to start: {error}", flush=True)
            with lock:
                counts["errors"] += 1
            return
        while time.monotonic() < deadline:
            sent = time.monotonic()
            try:
                ok = request()
            except Exception as error:  # noqa: BLE001 - report and go on, like taskqueue bench
                print(f"request failed: {error}", flush=True)
                ok = False
            with lock:
                if ok:
                    mine.append((time.monotonic() - sent) * 1000)
                    counts["tasks"] += 1
                else:
                    counts["errors"] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=drive, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    print(f"{label}: {connections} connections, {duration} s", flush=True)
    previous, second = 0, 0
    while time.monotonic() < deadline:
        second += 1
        time.sleep(max(0.0, start + second - time.monotonic()))
        if time.monotonic() >= deadline:
            break
        with lock:
            tasks, errors = counts["tasks"], counts["errors"]
        print(f"{second:4d} s  {tasks - previous:8d} tasks/s  {tasks:9d} tasks  {errors} errors", flush=True)
        previous = tasks
    for thread in threads:
        thread.join(timeout=60)
    elapsed = time.monotonic() - start
    latencies.sort()
    report = {
        "server": label, "connections": connections, "duration": duration, "elapsed": elapsed,
        "tasks": len(latencies), "tasksPerSecond": len(latencies) / elapsed if elapsed > 0 else 0.0,
        "p50": percentile(latencies, 50), "p90": percentile(latencies, 90), "p99": percentile(latencies, 99),
        "max": latencies[-1] if latencies else 0.0, "errors": counts["errors"],
    }
    print(table([report]))
    if json_path:
        with open(json_path, "w") as out:
            json.dump(report, out, indent=2, sort_keys=True)
    return report


def table(reports):
    """The reports as rows of one table, first column their `server` label."""
    lines = [f"{'':24}  {'tasks':>9}  {'tasks/s':>9}  {'p50 ms':>8}  {'p90 ms':>8}  {'p99 ms':>8}  {'max ms':>8}  errors"]
    for r in reports:
        lines.append(f"{r['server'][:24]:24}  {r['tasks']:9d}  {r['tasksPerSecond']:9.1f}  {r['p50']:8.2f}  "
                     f"{r['p90']:8.2f}  {r['p99']:8.2f}  {r['max']:8.2f}  {r['errors']}")
    return "\n".join(lines)
