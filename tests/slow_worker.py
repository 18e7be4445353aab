"""A Celery worker for the tests that kill one mid-job: `python -m tests.slow_worker ARGS`
runs `celery -A coproduction worker ARGS`, with every report taking SLOW_REPORT_SECONDS longer
(set only for the worker that is to be killed), so the test can kill it while the report is
being made."""

import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduction.settings")
django.setup()

from coproduction import celery_app  # noqa: E402
from listening import reports  # noqa: E402

DELAY = float(os.environ.get("SLOW_REPORT_SECONDS", "0"))

if DELAY:
    made = reports.report_pdf

    def slow_pdf(data):
        time.sleep(DELAY)  # the worker is killed while it waits here
        return made(data)

    reports.report_pdf = slow_pdf

if __name__ == "__main__":
    celery_app.worker_main(["worker", *sys.argv[1:]])
