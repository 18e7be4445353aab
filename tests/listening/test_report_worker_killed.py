"""Faults in the report job on real Celery worker processes (tests/slow_worker.py), through
the configured broker (the embedded filesystem broker by default, Redis in CI): a worker killed
with SIGKILL while it makes a report, another started, and the report is made exactly once;
and a job that meets a temporary error four times succeeds once, backing off longer each time."""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import date
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from coproduction import celery_app
from coproduction.documents import DocumentFormat
from listening import reports
from listening.models import REPORT_STALE_AFTER, Report
from people.models import Notification
from tests.listening.test_report_worker import _wait_for
from tests.test_worker import ROOT, _database_url

REDIS = settings.CELERY_BROKER_URL.startswith("redis://")


def _start_worker(queue, media_root, *, slow=0):
    env = {**os.environ, "DATABASE_URL": _database_url(), "MEDIA_ROOT": str(media_root),
           "SLOW_REPORT_SECONDS": str(slow),
           # Redis hands back a job its worker never acknowledged after this long (2 hours in
           # production, longer than any job may run); a few seconds here.
           "CELERY_VISIBILITY_TIMEOUT_SECONDS": "3"}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.slow_worker", "--pool=solo", "--concurrency=1",
         "-Q", queue, "--without-heartbeat", "--without-mingle", "--without-gossip",
         "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def _quarter(people):
    """Last quarter's department report in its three versions, Our Voice to be told once all
    three are made: two are made already, the easy read one is queued."""
    made = {}
    for version in DocumentFormat.values:
        made[version] = reports.report_request(
            scope=Report.Scope.DEPARTMENT, version=version, requested_by=people.staff,
            date_from=date(2026, 7, 1), date_to=date(2026, 9, 30), tell_our_voice=True,
            queue=False)
    Report.objects.exclude(pk=made[DocumentFormat.EASY_READ].pk).update(
        status=Report.Status.DONE, finished_at=timezone.now())
    return made[DocumentFormat.EASY_READ]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_a_worker_killed_mid_report_and_another_started_make_it_exactly_once(people,
                                                                             media_root):
    report = _quarter(people)
    queue = f"test-killed-{uuid.uuid4().hex}"
    first = _start_worker(queue, media_root, slow=120)
    second = None
    try:
        celery_app.send_task("listening.tasks.make_report", args=[report.pk], queue=queue)
        report = _wait_for(report, first, {Report.Status.RUNNING})
        time.sleep(1)  # well inside the slow render
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        assert first.returncode == -signal.SIGKILL
        report.refresh_from_db()
        assert report.status == Report.Status.RUNNING and not report.file

        # Redis gives the job back only after the visibility timeout, which in production is
        # longer than the job's hard time limit, so the dead run is stale by then: that much
        # time is taken off its start here.
        Report.objects.filter(pk=report.pk).update(
            started_at=report.started_at - REPORT_STALE_AFTER)
        second = _start_worker(queue, media_root)
        if not REDIS:
            # The embedded broker hands a job over for good when it is taken, so the one a
            # killed worker held is gone; staff see the report "can be tried again" and do.
            report.refresh_from_db()
            assert report.can_try_again
            assert reports.report_try_again(report=report)
            celery_app.send_task("listening.tasks.make_report", args=[report.pk], queue=queue)
        report = _wait_for(report, second, {Report.Status.DONE}, seconds=180)
        time.sleep(3)  # a second delivery, if any, has had its chance

        report.refresh_from_db()
        assert report.status == Report.Status.DONE and report.attempts == 2
        assert [path.name for path in media_root.rglob("*.pdf")] == [
            f"you-said-we-did-{report.pk}-easy_read.pdf"]
        assert default_storage.exists(report.file.name)
        told = Notification.objects.filter(subject__startswith="New report:")
        assert [n.person for n in told] == [people.our_voice]
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)


@pytest.mark.django_db
def test_four_temporary_errors_then_success_make_one_report_backing_off_longer(people,
                                                                              media_root):
    """The job run as the worker runs it (eagerly here): each temporary error puts the report
    back in the queue and asks for a retry after 10, 20, 40, 80 seconds; the fifth try makes
    one file and tells Our Voice once."""
    from celery.exceptions import Retry

    from listening.tasks import make_report

    report = _quarter(people)
    real_save = default_storage.save
    failures = iter([OSError("storage is away")] * 4)

    def flaky_save(name, content, **kwargs):
        error = next(failures, None)
        if error:
            raise error
        return real_save(name, content, **kwargs)

    countdowns = []
    with mock.patch.object(default_storage, "save", side_effect=flaky_save):
        for retries in range(5):
            with mock.patch.object(make_report, "retry", wraps=make_report.retry) as retry:
                try:
                    outcome = make_report.apply(args=[report.pk], retries=retries)
                    result = outcome.result if outcome.successful() else None
                except Retry:
                    result = None
                if retry.called:
                    countdowns.append(retry.call_args.kwargs["countdown"])
            report.refresh_from_db()
            if retries < 4:
                assert result is None and report.status == Report.Status.QUEUED
    assert countdowns == [10, 20, 40, 80]
    assert result == "done" and report.status == Report.Status.DONE and report.attempts == 5
    assert [path.name for path in media_root.rglob("*.pdf")] == [
        f"you-said-we-did-{report.pk}-easy_read.pdf"]
    told = Notification.objects.filter(subject__startswith="New report:")
    assert [n.person for n in told] == [people.our_voice]
