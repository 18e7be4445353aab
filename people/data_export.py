""""Download my data" as a PDF, made in the background: a very active member's history runs
to a hundred pages and more, too long to make while they wait. The member asks (a DataExport
row, the job queued once the row is committed), a status page refreshes itself until the file
is ready, and they are told through the messaging service. The file is kept with Django's
storage API and only its owner can download it.

The same shape as "You said, we did" reports (listening.reports): the job claims its row
(queued → running), builds all the data before any template runs, writes exactly one file
under a name fixed by the row, and marks it done; temporary errors are retried, anything else
fails visibly with a plain reason and can be tried again."""

import logging

from celery import shared_task
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone

from coproduction.documents import DocumentFormat, document_template, render_pdf
from coproduction.uploads import STORAGE_ERRORS, delete_stored_files
from people.models import DATA_EXPORT_STALE_AFTER, DataExport, User

logger = logging.getLogger(__name__)

TEMPLATE = "people/my_data_print.html"  # easy read: people/my_data_print_easy_read.html

# The picture beside each part of the easy-read version (listening.pictograms names).
SECTION_PICTURES = {
    "account": "people", "profile": "home", "consents": "writing", "equality": "people",
    "training": "idea", "participation": "calendar", "invitations": "letter",
    "messages": "letter", "message_deliveries": "letter", "claims": "money",
    "payments": "money", "payee": "money", "feedback": "talking", "events": "calendar",
    "projects": "help",
}


# ---------------------------------------------------------------- asking


@transaction.atomic
def data_export_request(*, person: User, version: str) -> DataExport:
    """Asks for `person`'s data as a PDF in `version` (a DocumentFormat). Asking again while
    one in that format is waiting or being made gives that one: never two jobs, never two
    files."""
    if version not in DocumentFormat.values:
        raise ValueError(f"Unknown document format: {version}")
    in_the_making = DataExport.objects.filter(
        person=person, version=version,
        status__in=[DataExport.Status.QUEUED, DataExport.Status.RUNNING])
    same = in_the_making.first()
    if same:
        return same
    try:
        with transaction.atomic():
            export = DataExport.objects.create(person=person, version=version)
    except IntegrityError:  # the same request got there a moment before
        return in_the_making.get()
    transaction.on_commit(lambda: make_data_export.delay(export.pk))
    return export


@transaction.atomic
def data_export_try_again(*, export: DataExport) -> bool:
    """A failed export (or one whose worker was lost) goes back in the queue."""
    try:
        with transaction.atomic():
            again = DataExport.objects.filter(pk=export.pk).filter(
                Q(status=DataExport.Status.FAILED)
                | Q(status=DataExport.Status.RUNNING,
                    started_at__lt=timezone.now() - DATA_EXPORT_STALE_AFTER)
            ).update(status=DataExport.Status.QUEUED, reason="")
    except IntegrityError:  # the same export is already being made again
        return False
    if again:
        transaction.on_commit(lambda: make_data_export.delay(export.pk))
    return bool(again)


def data_export_can_try_again(export: DataExport) -> bool:
    if export.status == DataExport.Status.FAILED:
        return True
    return (export.status == DataExport.Status.RUNNING and export.started_at is not None
            and export.started_at < timezone.now() - DATA_EXPORT_STALE_AFTER)


# ---------------------------------------------------------------- making the file


def data_export_context(person: User) -> dict:
    """Everything the PDF shows, loaded now (people.selectors.data_for_person), with the
    easy-read picture of each part: the template runs no queries."""
    from people.selectors import data_for_person

    data = data_for_person(person)
    for section in data["sections"]:
        section["picture"] = SECTION_PICTURES.get(section["name"], "information")
    return data


def data_export_file_name(export: DataExport) -> str:
    return f"data-exports/{export.pk}/my-data-{export.version.replace('_', '-')}.pdf"


def data_export_claim(export_id: int) -> DataExport | None:
    """Moves the row queued → running; None if another worker has it (or it is done). A row
    left running by a worker that died is claimed again once it is stale."""
    now = timezone.now()
    claimed = DataExport.objects.filter(pk=export_id).filter(
        Q(status=DataExport.Status.QUEUED)
        | Q(status=DataExport.Status.RUNNING, started_at__lt=now - DATA_EXPORT_STALE_AFTER)
    ).update(status=DataExport.Status.RUNNING, started_at=now, reason="",
             attempts=F("attempts") + 1)
    if not claimed:
        return None
    return DataExport.objects.select_related("person").get(pk=export_id)


def data_export_build(export: DataExport) -> DataExport:
    """Renders the PDF, stores exactly one file under a name fixed by the row, marks it done
    and removes the owner's older files in the same format (only the newest is kept)."""
    pdf = render_pdf(document_template(TEMPLATE, export.version),
                     data_export_context(export.person), version=export.version)
    name = data_export_file_name(export)
    if default_storage.exists(name):  # a run that died after writing: replace, never add
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(pdf))
    done = DataExport.objects.filter(pk=export.pk, status=DataExport.Status.RUNNING,
                                     started_at=export.started_at).update(
        status=DataExport.Status.DONE, file=saved, size=len(pdf),
        finished_at=timezone.now(), reason="")
    if not done:
        logger.warning("data export %s was finished by another worker", export.pk)
    export.refresh_from_db()
    if done:
        older = DataExport.objects.filter(person=export.person, version=export.version,
                                          status=DataExport.Status.DONE).exclude(pk=export.pk)
        _delete(older)
    return export


def data_export_tell(export: DataExport) -> None:
    """Tells the owner their file is ready, by the channel they chose (once per export)."""
    from messaging.kinds import Kind
    from people.services import notify_person

    notify_person(
        person=export.person, subject="Your information is ready to download",
        body="You asked for a copy of all the information we hold about you, in "
             f"{export.get_version_display().lower()}. It is ready. Sign in and open the "
             "link to download it. Only you can download it.",
        url=export.get_absolute_url(), dedupe_key=f"data-export:{export.pk}:ready",
        kind=Kind.YOUR_DATA)


def data_export_requeue(export_id: int) -> None:
    """After a temporary error: back to queued, for the retry to claim."""
    DataExport.objects.filter(pk=export_id, status=DataExport.Status.RUNNING).update(
        status=DataExport.Status.QUEUED)  # DataExport.MOVES: running → queued


def data_export_fail(export_id: int, reason: str) -> None:
    DataExport.objects.filter(
        pk=export_id, status__in=DataExport.MOVES.moving_to(DataExport.Status.FAILED)).update(
        status=DataExport.Status.FAILED, reason=reason, finished_at=timezone.now())


def _delete(exports) -> None:
    """Removes export rows and, once that is committed, their files."""
    names = list(exports.values_list("file", flat=True))
    exports.delete()
    delete_stored_files(names)


def data_export_erase(person: User) -> None:
    """Erasure hook (people.data_rights): a deleted account's exported files go too."""
    _delete(DataExport.objects.filter(person=person))


# ---------------------------------------------------------------- the job
# Here rather than in people/tasks.py (the messaging jobs); people.apps imports this module
# so that workers know the task.

TEMPORARY_ERRORS = (*STORAGE_ERRORS, OperationalError)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=5,
             time_limit=15 * 60, soft_time_limit=14 * 60)
def make_data_export(self, export_id: int) -> str:
    """Makes one member's data PDF. Claims the row first (queued → running), so a second run
    or a second worker does nothing; temporary errors (storage, a locked database) are
    retried with backoff; anything else marks the export failed with a plain reason, and
    raises."""
    from celery.exceptions import SoftTimeLimitExceeded

    export = data_export_claim(export_id)
    if export is None:
        return "skipped"
    try:
        export = data_export_build(export)
    except TEMPORARY_ERRORS as error:
        if self.request.retries >= self.max_retries:
            data_export_fail(export_id, "We could not save your file after several tries. "
                                        "Try again later.")
            raise
        data_export_requeue(export_id)
        raise self.retry(exc=error, countdown=min(10 * 2 ** self.request.retries, 600)) \
            from error
    except SoftTimeLimitExceeded:
        data_export_fail(export_id, "Your file took too long to make. Try again. If it "
                                    "happens again, contact us and we will send it to you.")
        raise
    except Exception:
        data_export_fail(export_id, "Something went wrong while making your file. Try "
                                    "again. If it fails again, contact us.")
        raise
    if export.status == DataExport.Status.DONE:
        data_export_tell(export)
    return "done"
