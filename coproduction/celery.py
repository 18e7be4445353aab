import os

from celery import Celery
from celery.signals import worker_init, worker_process_init

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
