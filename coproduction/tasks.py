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
