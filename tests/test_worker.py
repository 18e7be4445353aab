"""A real Celery worker process takes a job from the configured broker (the embedded
filesystem broker by default, Redis in CI) and writes to the test database."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from coproduction import celery_app
from coproduction.models import WorkerHeartbeat

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parent.parent


def _database_url():
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] or "postgres"
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


# send_task always goes through the broker, whatever the suite's eager setting says.
@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_a_real_worker_runs_a_job_from_the_broker():
    if os.environ.get("CI") == "true" and os.environ.get("REDIS_URL"):
        assert settings.CELERY_BROKER_URL.startswith("redis://")
    queue = f"test-{uuid.uuid4().hex}"  # our own queue, so no other worker takes the job
    env = {**os.environ, "DATABASE_URL": _database_url()}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "coproduction", "worker", "--pool=solo",
         "--concurrency=1", "-Q", queue, "--without-heartbeat", "--without-mingle",
         "--without-gossip", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        celery_app.send_task("coproduction.tasks.record_heartbeat", queue=queue)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and worker.poll() is None:
            if WorkerHeartbeat.objects.exists():
                break
            time.sleep(0.5)
        assert worker.poll() is None, worker.stdout.read().decode()
        heartbeat = WorkerHeartbeat.objects.get()
        assert heartbeat.source == WorkerHeartbeat.Source.BEAT_AND_WORKER
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def test_every_scheduled_job_names_a_real_task():
    celery_app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in celery_app.tasks, entry["task"]


def test_jobs_are_acknowledged_after_they_finish_one_at_a_time():
    """A worker that dies mid-job leaves the job on the queue for another (acks_late and
    reject_on_worker_lost), takes one job at a time (so a dying worker holds no others), and on
    Redis the job only reappears after longer than any job may run."""
    celery_app.loader.import_default_modules()
    conf = celery_app.conf
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.worker_prefetch_multiplier == 1
    longest = max([conf.task_time_limit] + [
        task.time_limit for task in celery_app.tasks.values() if task.time_limit])
    assert longest >= 15 * 60  # the report job's own limit is seen
    if settings.CELERY_BROKER_URL.startswith("redis://"):
        assert conf.broker_transport_options["visibility_timeout"] > longest


def test_jobs_are_queued_only_after_the_commit():
    """Every .delay() outside the jobs themselves (a job may fan out into others) runs inside
    transaction.on_commit, so a job never looks for a row that was rolled back or is not
    committed yet."""
    import re

    offenders = []
    apps = [folder for folder in ROOT.iterdir() if (folder / "apps.py").exists()]
    for path in (path for app in apps for path in app.rglob("*.py")):
        if path.name == "tasks.py" or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\.(delay|apply_async)\(", line) and "on_commit" not in line:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)
