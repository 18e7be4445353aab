import atexit
import logging
import os
import signal
import socket
import threading

from celery import Celery
from celery.signals import beat_init, worker_init, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduction.settings")

app = Celery("coproduction")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _longer_database_limits(**kwargs):
    """Jobs may run longer queries than web requests: a worker's connections get the worker
    limits (settings.DATABASE_WORKER_*) instead of the web ones."""
    from django.conf import settings
    from django.db import connections

    from coproduction.env import postgresql_limits

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("OPTIONS", {})["options"] = postgresql_limits(
            settings.DATABASE_WORKER_STATEMENT_TIMEOUT_MS,
            settings.DATABASE_WORKER_TEMP_FILE_LIMIT, jit=True)
        connections.close_all()


worker_init.connect(_longer_database_limits, weak=False)
worker_process_init.connect(_longer_database_limits, weak=False)


logger = logging.getLogger("coproduction.beat")


def _only_one_beat(sender, **kwargs):
    """Exactly one beat across every machine: a beat takes a lock in the shared Redis as it
    starts and keeps it alive while it runs. A second beat finds the lock taken, says so and
    stops (with compose's restart policy it tries again later, so it takes over within
    BEAT_LOCK_SECONDS of the first one dying). Without Redis there is one machine and no lock."""
    from django.conf import settings
    from redis import Redis
    from redis.exceptions import LockError

    if not settings.REDIS_URL:
        return
    seconds = settings.BEAT_LOCK_SECONDS
    redis = Redis.from_url(settings.REDIS_URL)
    lock = redis.lock(settings.BEAT_LOCK_KEY, timeout=seconds, thread_local=False)
    if not lock.acquire(blocking=False):
        holder = redis.get(f"{settings.BEAT_LOCK_KEY}:holder")
        logger.error("Another beat is running (%s holds the beat lock %s): this beat stops. "
                     "Run exactly one beat.", (holder or b"unknown").decode(),
                     settings.BEAT_LOCK_KEY)
        raise SystemExit(1)
    holder = f"{socket.gethostname()} pid {os.getpid()}"
    redis.set(f"{settings.BEAT_LOCK_KEY}:holder", holder, ex=seconds)
    logger.info("This beat holds the beat lock %s (%s).", settings.BEAT_LOCK_KEY, holder)

    def keep_alive():
        stopped = threading.Event()
        while not stopped.wait(seconds / 3):
            try:
                lock.reacquire()
                redis.set(f"{settings.BEAT_LOCK_KEY}:holder", holder, ex=seconds)
            except LockError:
                # Redis lost the lock (restarted, or we stalled past its expiry) and another
                # beat may hold it now: stop rather than run two.
                logger.error("This beat lost the beat lock %s: it stops.",
                             settings.BEAT_LOCK_KEY)
                # As `docker compose stop` would: beat's own handler ends its sleep and
                # saves its schedule.
                os.kill(os.getpid(), signal.SIGTERM)
                return
            except Exception:  # noqa: BLE001 - Redis away for a moment: try again soon
                logger.warning("Could not renew the beat lock; trying again.", exc_info=True)

    def release():
        try:
            lock.release()
            redis.delete(f"{settings.BEAT_LOCK_KEY}:holder")
        except Exception:  # noqa: BLE001 - already expired or Redis gone: it expires anyway
            pass

    threading.Thread(target=keep_alive, name="beat-lock", daemon=True).start()
    atexit.register(release)


beat_init.connect(_only_one_beat, weak=False)
