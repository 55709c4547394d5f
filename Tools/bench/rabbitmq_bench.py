"""RabbitMQ as a task queue, RPC style, the way `taskqueue bench --mode sync` uses ours.

  rabbitmq_bench.py worker PORT
      A consumer of the durable queue `bench` (prefetch 1): runs `uppercase`, publishes the result
      to the request's reply_to queue, then acks the request (so a crash redelivers it).
  rabbitmq_bench.py client PORT CONNECTIONS DURATION JSON_PATH
      CONNECTIONS clients, each on its own connection with publisher confirms: publish a persistent
      request (delivery_mode 2), wait for the broker's confirm (it is on disk), then wait for the
      reply on an exclusive reply queue; then the next request."""

import sys
import time
import uuid

import pika

import benchlib
from bench_ops import uppercase

QUEUE = "bench"


def connect(port):
    """A blocking connection to the broker on 127.0.0.1:port, with the durable queue declared."""
    connection = pika.BlockingConnection(pika.ConnectionParameters("127.0.0.1", port, heartbeat=0))
    channel = connection.channel()
    channel.queue_declare(QUEUE, durable=True)
    return connection, channel


def worker(port):
    """Consumes requests until killed."""
    _, channel = connect(port)
    channel.basic_qos(prefetch_count=1)

    def on_request(ch, method, properties, body):
        result = uppercase(body.decode()).encode()
        ch.basic_publish("", properties.reply_to, result,
                         properties=pika.BasicProperties(correlation_id=properties.correlation_id))
        ch.basic_ack(method.delivery_tag)

    channel.basic_consume(QUEUE, on_request)
    channel.start_consuming()


def client(port, connections, duration, json_path):
    """Drives the workers with `connections` clients for `duration` seconds."""

    def make_client():
        connection, channel = connect(port)
        channel.confirm_delivery()
        reply_queue = channel.queue_declare("", exclusive=True).method.queue
        replies = {}
        channel.basic_consume(reply_queue, lambda ch, m, p, body: replies.__setitem__(p.correlation_id, body),
                              auto_ack=True)

        def request():
            correlation = uuid.uuid4().hex
            # With confirm_delivery, basic_publish returns once the broker has the message on disk.
            channel.basic_publish("", QUEUE, b"hola mundo", mandatory=True, properties=pika.BasicProperties(
                reply_to=reply_queue, correlation_id=correlation, delivery_mode=pika.DeliveryMode.Persistent))
            deadline = time.monotonic() + 30
            while correlation not in replies and time.monotonic() < deadline:
                connection.process_data_events(time_limit=1)
            return replies.pop(correlation, None) == b"HOLA MUNDO"

        return request

    benchlib.run("rabbitmq (persistent)", connections, duration, make_client, json_path)


if __name__ == "__main__":
    if sys.argv[1] == "worker":
        worker(int(sys.argv[2]))
    else:
        client(int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5])
