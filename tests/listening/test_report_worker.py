"""The report job on a real Celery worker process, through the configured broker (the embedded
filesystem broker by default, Redis in CI), as tests/test_worker.py starts one."""

import os
import subprocess
import sys
import time
import uuid

import pytest
from django.utils import timezone

from coproduction import celery_app
from coproduction.documents import DocumentFormat
from listening.models import Report
from tests.listening.conftest import make_event
from tests.test_worker import ROOT, _database_url

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True),
              pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")]


@pytest.fixture
def worker(media_root):
    """A worker on a queue of its own, sharing the test database and this test's uploads."""
    queue = f"test-reports-{uuid.uuid4().hex}"
    env = {**os.environ, "DATABASE_URL": _database_url(), "MEDIA_ROOT": str(media_root)}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "coproduction", "worker", "--pool=solo",
         "--concurrency=1", "-Q", queue, "--without-heartbeat", "--without-mingle",
         "--without-gossip", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        yield queue, process, media_root
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for(report, process, statuses, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        report.refresh_from_db()
        if report.status in statuses:
            return report
        time.sleep(0.5)
    assert process.poll() is None, process.stdout.read().decode()
    raise AssertionError(f"the report stayed {report.status}")


def test_a_real_worker_makes_the_report_and_a_failed_one_can_be_made_again(worker, people):
    queue, process, media = worker
    event = make_event(people.staff, days=-3, title="Carers' forum in Brookfield")
    # A report whose event is missing fails on the worker (as a broken row would).
    report = Report.objects.create(title="You said, we did: Carers' forum in Brookfield",
                                   scope=Report.Scope.EVENT, version=DocumentFormat.STANDARD,
                                   requested_by=people.staff, requested_at=timezone.now())
    celery_app.send_task("listening.tasks.make_report", args=[report.pk], queue=queue)
    report = _wait_for(report, process, {Report.Status.FAILED})
    assert "Try again" in report.reason
    assert not report.file and not list(media.rglob("*.pdf"))

    # Mended, tried again on the same worker: done, with exactly one file.
    Report.objects.filter(pk=report.pk).update(event=event, status=Report.Status.QUEUED)
    celery_app.send_task("listening.tasks.make_report", args=[report.pk], queue=queue)
    report = _wait_for(report, process, {Report.Status.DONE})
    assert report.size > 1000 and report.attempts == 2
    # Sent again (a duplicate delivery): the claim fails, nothing more is written.
    celery_app.send_task("listening.tasks.make_report", args=[report.pk], queue=queue)
    time.sleep(3)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.attempts == 2
    assert [path.name for path in media.rglob("*.pdf")] == [
        f"you-said-we-did-{report.pk}-standard.pdf"]
