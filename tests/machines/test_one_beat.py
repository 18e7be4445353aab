"""Exactly one beat across every machine (coproduction.celery): real `celery beat` processes
against the shared Redis. The first takes the lock; a second says so and stops; once the first
stops, the lock is free and the next beat takes it. Runs in the PostgreSQL and Redis pass."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from redis import Redis

from tests.machines.conftest import redis_only

ROOT = Path(__file__).resolve().parent.parent.parent
HOLDS = "This beat holds the beat lock"
REFUSES = "Another beat is running"


def _beat(tmp_path, name, key, **extra):
    env = {**os.environ, **extra, "BEAT_LOCK_KEY": key, "VAR_DIR": str(tmp_path / name),
           # Nothing is sent anywhere: this is about the lock, not the jobs.
           "CELERY_BROKER_URL": "memory://", "SECRET_KEY": "test-only-secret-key"}
    log = tmp_path / f"{name}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "coproduction", "beat", "--loglevel=INFO",
         f"--schedule={tmp_path / name}-schedule"],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    return process, log


def _wait_for(log, text, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text():
            return
        if process.poll() is not None:
            break
        time.sleep(0.2)
    pytest.fail(f"no {text!r} in:\n{log.read_text()[-3000:]}")


@redis_only
def test_a_second_beat_refuses_to_run_and_the_next_takes_over_when_the_first_stops(tmp_path):
    key = f"test-beat-lock-{uuid.uuid4().hex}"
    redis = Redis.from_url(settings.REDIS_URL)
    started = []
    try:
        first, first_log = _beat(tmp_path, "first", key)
        started.append(first)
        _wait_for(first_log, HOLDS, first)
        assert redis.exists(key)

        second, second_log = _beat(tmp_path, "second", key)
        started.append(second)
        assert second.wait(timeout=60) != 0
        said = second_log.read_text()
        assert REFUSES in said and HOLDS not in said
        assert first.poll() is None  # the first beat carries on

        first.terminate()  # as `docker compose stop` does
        first.wait(timeout=30)
        assert not redis.exists(key)  # let go at once, not after it expires
        third, third_log = _beat(tmp_path, "third", key)
        started.append(third)
        _wait_for(third_log, HOLDS, third)
    finally:
        for process in started:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
        redis.delete(key, f"{key}:holder")


@redis_only
def test_a_beat_that_loses_its_lock_stops(tmp_path):
    """If Redis forgets the lock (restarted, or the beat stalled past its expiry) and another
    beat takes it, the first stops rather than run beside it."""
    key = f"test-beat-lock-{uuid.uuid4().hex}"
    redis = Redis.from_url(settings.REDIS_URL)
    beat, log = _beat(tmp_path, "beat", key, BEAT_LOCK_SECONDS="3")  # renewed every second
    try:
        _wait_for(log, HOLDS, beat)
        redis.set(key, "another beat's token")
        assert beat.wait(timeout=30) is not None
        assert "lost the beat lock" in log.read_text()
    finally:
        if beat.poll() is None:
            beat.terminate()
            beat.wait(timeout=30)
        redis.delete(key, f"{key}:holder")
