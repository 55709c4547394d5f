"""Drives Python RQ like `taskqueue bench --mode sync`: each client enqueues an `uppercase` job
and blocks until its result is stored, then enqueues the next.

usage: rq_bench.py REDIS_URL CONNECTIONS DURATION JSON_PATH"""

import sys

import time

import redis
from rq import Queue, Worker

import benchlib
from bench_ops import uppercase


def main():
    url, connections, duration, json_path = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    deadline = time.monotonic() + 30
    while Worker.count(connection=redis.Redis.from_url(url)) < 4:  # the 4 workers have registered
        if time.monotonic() > deadline:
            raise SystemExit("the 4 rq workers did not register within 30 s")
        time.sleep(0.1)

    def make_client():
        queue = Queue("bench", connection=redis.Redis.from_url(url))

        def request():
            job = queue.enqueue(uppercase, "hola mundo")
            result = job.latest_result(timeout=30)
            return result is not None and result.type == result.Type.SUCCESSFUL and result.return_value == "HOLA MUNDO"

        return request

    benchlib.run("rq (redis aof always)", connections, duration, make_client, json_path)


if __name__ == "__main__":
    main()
