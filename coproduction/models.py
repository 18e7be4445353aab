from django.db import models


class WorkerHeartbeat(models.Model):
    """The last time each kind of background process proved it was alive (one row per kind),
    so that admins can see that jobs really run."""

    class Source(models.TextChoices):
        BEAT_AND_WORKER = "beat_and_worker", "Scheduler and worker"

    source = models.CharField(max_length=30, choices=Source.choices, unique=True)
    last_seen = models.DateTimeField()
    hostname = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return f"{self.get_source_display()} at {self.last_seen:%Y-%m-%d %H:%M}"
