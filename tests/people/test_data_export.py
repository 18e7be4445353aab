""""Download my data" as a PDF made in the background: in the member's own format unless they
pick another, a status page that refreshes itself, a message when it is ready, one file per
export, downloadable by its owner only."""

import re
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from people import data_export
from people.models import DataExport, MemberProfile, Notification
from tests.conftest import make_user
from tests.pdf_checks import (
    assert_easy_read_wording,
    assert_tagged,
    assert_type_size,
    capture_html,
    pdf_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uploads(media_root):
    return media_root


def _chooses(person, formats):
    MemberProfile.objects.update_or_create(user=person, defaults={
        "formats": formats, "address": "1 High St", "help_with": "Transport"})


def _download(client, export):
    response = client.get(reverse("people:data_export_download", args=[export.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return b"".join(response.streaming_content)


def test_the_pdf_is_made_in_the_background_in_the_members_format_and_they_are_told(
        client_for, member, django_capture_on_commit_callbacks):
    _chooses(member, ["large_print"])
    client = client_for(member)
    page = client.get(reverse("people:my_data")).content.decode()
    # Their own format is chosen already; the radios work without JavaScript.
    assert re.search(r'value="large_print"\s*checked', page)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(reverse("people:my_data"),
                               {"document_format": "large_print"})
    export = DataExport.objects.get()
    assert export.version == "large_print" and export.status == DataExport.Status.QUEUED
    assert response["Location"] == export.get_absolute_url()
    waiting = client.get(export.get_absolute_url()).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in waiting and "Download" not in waiting

    for callback in queued:  # the job runs (eagerly, as a worker would)
        callback()
    export.refresh_from_db()
    assert export.status == DataExport.Status.DONE and export.size > 1000
    ready = client.get(export.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' not in ready
    assert reverse("people:data_export_download", args=[export.pk]) in ready
    told = Notification.objects.get(person=member, dedupe_key=f"data-export:{export.pk}:ready")
    assert told.url == export.get_absolute_url()

    pdf = _download(client, export)
    text = pdf_text(pdf)
    assert "1 High St" in text and "Transport" in text and member.email in text
    assert_tagged(pdf, "Information we hold about you")
    assert_type_size(pdf, "large_print")


def test_easy_read_is_written_for_it_with_a_picture_beside_each_part(
        client_for, member, django_capture_on_commit_callbacks, monkeypatch):
    _chooses(member, ["large_print"])
    client = client_for(member)
    made = capture_html(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:my_data"), {"document_format": "easy_read"})
    # The words we wrote keep the easy-read rules (the records are the member's own data).
    assert_easy_read_wording(made[-1].split("<h2>")[0])
    export = DataExport.objects.get()
    assert export.version == "easy_read" and export.status == DataExport.Status.DONE
    pdf = _download(client, export)
    text = pdf_text(pdf)
    assert "This is all the information we keep about you." in text
    assert "Tell us and we will change it." in text
    assert "1 High St" in text
    assert_tagged(pdf, "Information we keep about you", figures=True)
    assert_type_size(pdf, "easy_read")


def test_only_the_owner_can_see_or_download_it(client_for, member, staff, admin_user,
                                               django_capture_on_commit_callbacks):
    another_member = make_user("another@test.example", "Ann Other")
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export.data_export_request(person=member, version="standard")
    export.refresh_from_db()
    assert export.status == DataExport.Status.DONE
    for someone in (another_member, staff, admin_user):
        client = client_for(someone)
        assert client.get(export.get_absolute_url()).status_code == 404
        assert client.get(reverse("people:data_export_download",
                                  args=[export.pk])).status_code == 404
        assert client.post(reverse("people:data_export_try_again",
                                   args=[export.pk])).status_code == 404
    assert client_for(None).get(export.get_absolute_url()).status_code == 302
    assert _download(client_for(member), export).startswith(b"%PDF")


def test_asking_twice_and_running_twice_give_one_job_and_one_file(
        member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = data_export.data_export_request(person=member, version="standard")
        second = data_export.data_export_request(person=member, version="standard")
    assert first.pk == second.pk and len(queued) == 1
    assert data_export.make_data_export.apply(args=[first.pk]).get() == "done"
    assert data_export.make_data_export.apply(args=[first.pk]).get() == "skipped"
    first.refresh_from_db()
    assert default_storage.listdir(f"data-exports/{first.pk}")[1] == ["my-data-standard.pdf"]
    # Asking again later makes a new one and removes the older file in that format.
    with django_capture_on_commit_callbacks(execute=True):
        newer = data_export.data_export_request(person=member, version="standard")
    assert newer.pk != first.pk
    assert list(DataExport.objects.values_list("pk", flat=True)) == [newer.pk]
    assert not default_storage.exists(first.file.name)


def test_a_failed_job_says_why_and_can_be_tried_again(client_for, member, monkeypatch,
                                                      django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise ValueError("no fonts")

    monkeypatch.setattr(data_export, "render_pdf", broken)
    export = data_export.data_export_request(person=member, version="standard")
    with pytest.raises(ValueError):
        data_export.make_data_export.apply(args=[export.pk], throw=True)
    export.refresh_from_db()
    assert export.status == DataExport.Status.FAILED and not export.file
    client = client_for(member)
    page = client.get(export.get_absolute_url()).content.decode()
    assert "Something went wrong" in page and "Try again" in page
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:data_export_try_again", args=[export.pk]))
    export.refresh_from_db()
    assert export.status == DataExport.Status.DONE and export.attempts == 2


def test_a_job_left_running_by_a_dead_worker_can_be_claimed_again(member):
    export = data_export.data_export_request(person=member, version="standard")
    assert data_export.data_export_claim(export.pk) is not None
    assert data_export.data_export_claim(export.pk) is None  # another worker has it
    DataExport.objects.filter(pk=export.pk).update(
        started_at=timezone.now() - timedelta(hours=1))
    assert data_export.make_data_export.apply(args=[export.pk]).get() == "done"


def test_deleting_the_account_deletes_the_files(client_for, member,
                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = data_export.data_export_request(person=member, version="standard")
    export.refresh_from_db()
    name = export.file.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(member).post(reverse("people:delete_account"), {"confirm": "on"})
    assert not DataExport.objects.exists() and not default_storage.exists(name)
