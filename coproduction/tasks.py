import socket

from celery import shared_task
from django.utils import timezone

from coproduction.models import WorkerHeartbeat


@shared_task
def record_heartbeat():
    """Beat sends this every minute; a worker records it. Safe to run any number of times."""
    WorkerHeartbeat.objects.update_or_create(
        source=WorkerHeartbeat.Source.BEAT_AND_WORKER,
        defaults={"last_seen": timezone.now(), "hostname": socket.gethostname()[:200]},
    )


@shared_task
def dashboard_remake(slug: str, query: dict):
    """Fresh figures for one dashboard and filter set, after its data changed."""
    from coproduction.dashboards import kept

    kept.remake(slug, query)


@shared_task
def dashboards_keep_ready():
    """Beat: every dashboard's default view stays made, so nobody waits for it."""
    from coproduction.dashboards import kept

    kept.keep_default_views()
