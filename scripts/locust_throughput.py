"""Throughput of one page (`make throughput`): visitors asking for THROUGHPUT_PAGE over and over
with no pause, against gunicorn on 127.0.0.1 only. scripts/throughput.sh runs it once for the
trivial page and once for each page it compares, so the requests a second can be set side by side.
"""

import os
from urllib.parse import urlparse

from locust import HttpUser, constant, task

LOOPBACK = {"127.0.0.1", "localhost"}


class Visitor(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        if urlparse(self.host).hostname not in LOOPBACK:
            raise SystemExit("the throughput check runs against 127.0.0.1 only")

    @task
    def page(self):
        self.client.get(os.environ["THROUGHPUT_PAGE"], name=os.environ["THROUGHPUT_PAGE"])
