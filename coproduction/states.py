"""The one shape of a status machine. Each kind of record that moves through statuses (a project,
a claim, a commitment, a registration, an interest, an invitation) declares its moves once:

    MOVES = Moves("claim", {
        Status.DRAFT: [Status.SUBMITTED],
        Status.SUBMITTED: [Status.APPROVED, Status.RETURNED, Status.REJECTED],
    })

and its service calls `MOVES.check(current, to)` before writing, then records the change
(from, to, who, when) in the room's own history table. Anything not declared is refused with a
plain-English reason. A small module rather than a library (django-fsm-2 and friends): the
rules read as a table, services keep the writes explicit, and nothing happens on save."""

from django.core.exceptions import ValidationError
from django.db import models


class Moves:
    def __init__(self, noun: str, moves: dict):
        self.noun = noun
        self._moves = {str(status): tuple(targets) for status, targets in moves.items()}

    def allowed_from(self, status) -> tuple:
        return self._moves.get(str(status), ())

    def allows(self, status, to) -> bool:
        return str(to) in {str(target) for target in self.allowed_from(status)}

    def moving_to(self, to) -> list[str]:
        """The statuses from which `to` may be reached: for a conditional update that moves
        only the rows allowed to move (`filter(status__in=MOVES.moving_to(x)).update(...)`)."""
        return [status for status, targets in self._moves.items()
                if str(to) in {str(target) for target in targets}]

    def check(self, status, to) -> None:
        if not self.allows(status, to):
            article = "An" if self.noun[:1].lower() in "aeiou" else "A"
            raise ValidationError(
                f"{article} {self.noun} that is {_label(status)} cannot move to {_label(to)}.")


def _label(status) -> str:
    label = getattr(status, "label", None) or str(status).replace("_", " ")
    return label.lower()


class JobStatus(models.TextChoices):
    """A file made by a background job (a report, a "download my data" PDF)."""

    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


def job_moves(noun: str) -> Moves:
    """The job claims a queued row and finishes it (done or failed); a temporary error puts it
    back in the queue; staff or the owner try a failed one again; a row left running by a
    worker that died is claimed again once stale."""
    return Moves(noun, {
        JobStatus.QUEUED: [JobStatus.RUNNING],
        JobStatus.RUNNING: [JobStatus.DONE, JobStatus.FAILED, JobStatus.QUEUED,
                            JobStatus.RUNNING],
        JobStatus.FAILED: [JobStatus.QUEUED],
    })
