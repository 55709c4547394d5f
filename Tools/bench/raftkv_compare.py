"""Prints `raftkv bench` reports (JSON) side by side with etcd's, per concurrency level: raftkv's
clients at the members, then (when given) through a proxy, ending with the line
`ratio=<ours at the members / etcd, writes per second at 16 clients>`.

usage: raftkv_compare.py OURS.json ETCD.json [PROXY.json]"""

import json
import sys


def main():
    ours, etcd = rows(sys.argv[1]), rows(sys.argv[2])
    table("raftkv", ours, etcd)
    if len(sys.argv) > 3:
        print("through a proxy (clients know only the proxy: one more process hop):")
        table("proxy", rows(sys.argv[3]), etcd)
    errors = sum(row["errors"] for row in ours.values()), sum(row["errors"] for row in etcd.values())
    print(f"errors: raftkv {errors[0]}, etcd {errors[1]}")
    print(f"ratio={ratio(ours[16]['writesPerSecond'], etcd[16]['writesPerSecond'])}" if 16 in ours and 16 in etcd else "ratio=n/a")


def rows(path):
    """The report's rows by concurrency level."""
    with open(path) as f:
        return {row["clients"]: row for row in json.load(f)["rows"]}


def table(label, ours, etcd):
    """Writes, then reads, of `ours` beside etcd's, with the ratios."""
    for kind, rate, p50, p99 in [("writes", "writesPerSecond", "writeP50", "writeP99"), ("reads", "readsPerSecond", "readP50", "readP99")]:
        print(f"{kind:>7} | {label + '/s':>9} {'p50 ms':>7} {'p99 ms':>7} | {'etcd/s':>9} {'p50 ms':>7} {'p99 ms':>7} | {'ratio':>5} {'p99 ratio':>9}")
        for clients in sorted(set(ours) & set(etcd)):
            o, e = ours[clients], etcd[clients]
            print(
                f"{clients:>7} | {o[rate]:>9.0f} {o[p50]:>7.2f} {o[p99]:>7.2f} | {e[rate]:>9.0f} {e[p50]:>7.2f} {e[p99]:>7.2f} |"
                f" {ratio(o[rate], e[rate]):>5} {ratio(o[p99], e[p99]):>9}"
            )


def ratio(a, b):
    """a/b with two decimals; inf when b is 0."""
    return f"{a / b:.2f}" if b > 0 else "inf"


if __name__ == "__main__":
    main()
