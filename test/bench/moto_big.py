"""A moto S3 server holding one big prefix, for `npm run bench`.

Usage: python3 moto_big.py COUNT PORT
Seeds bucket `bench-big` with COUNT objects under `logs/2026/` through moto's own backend API (in memory,
no HTTP: ~10 s for 100,000 keys, where HTTP PUTs to moto_server take ~7 ms each), then serves the whole
moto app (S3, STS, ...) on 127.0.0.1:PORT with moto's ThreadedMotoServer, prints one JSON line
{"endpoint": ..., "seedMs": ...} on stdout and runs until stdin is closed or it gets SIGTERM.
Keys and bodies match test/bench/data.ts (the s3rver data set).
"""
import json
import logging
import os
import signal
import sys
import threading
import time

t0 = time.perf_counter()
from moto.core import DEFAULT_ACCOUNT_ID  # noqa: E402
from moto.s3.models import s3_backends  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

count = int(sys.argv[1])
port = int(sys.argv[2])
backend = s3_backends[DEFAULT_ACCOUNT_ID]["aws"]
backend.create_bucket("bench-big", "us-east-1")
levels = ["info", "warn", "error"]
for i in range(1, count + 1):
    body = json.dumps({"id": i, "level": levels[i % 3], "msg": "x" * (i % 190)}, separators=(",", ":")) + "\n"
    backend.put_object("bench-big", "logs/2026/event-%06d.json" % i, body.encode())
seed_ms = round((time.perf_counter() - t0) * 1000)

logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no per-request log lines
server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
server.start()
print(json.dumps({"endpoint": "http://127.0.0.1:%d" % port, "seedMs": seed_ms}), flush=True)

done = threading.Event()
signal.signal(signal.SIGTERM, lambda *_: done.set())
signal.signal(signal.SIGINT, lambda *_: done.set())


def watch_stdin():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        done.set()


threading.Thread(target=watch_stdin, daemon=True).start()
done.wait()
server.stop()
sys.stdout.flush()
os._exit(0)  # not a normal shutdown: the stdin thread may still hold the stdin lock
