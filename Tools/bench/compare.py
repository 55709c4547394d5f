"""Prints two bench reports (JSON files of `taskqueue bench` and a reference driver) side by side,
ending with the line `ratio=<ours/theirs tasks per second>`.

usage: compare.py OURS.json THEIRS.json"""

import json
import sys

import benchlib


def main():
    with open(sys.argv[1]) as f:
        ours = json.load(f)
    with open(sys.argv[2]) as f:
        theirs = json.load(f)
    ours["server"] = "taskqueue (sqlite full)"
    print(benchlib.table([ours, theirs]))
    print(f"ratio={ours['tasksPerSecond'] / theirs['tasksPerSecond']:.2f}" if theirs["tasksPerSecond"] > 0 else "ratio=inf")


if __name__ == "__main__":
    main()
