"""Uploaded files and made PDFs in an S3-compatible object store (FILE_STORAGE=s3), so that
several web and worker machines share them: each journey writes to the bucket and nothing
under MEDIA_ROOT, the objects are private, people get them only through the portal's views
(which check who may see each one), and deleting an account deletes its files from the
store. The store is moto's server on 127.0.0.1 (tests/machines/conftest.py)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from listening.models import Report
from payments.demo import tiny_png
from payments.models import Receipt
from people.models import DataExport
from people.services import person_anonymise
from projects.models import Project
from stories.services import picture_add, story_create
from tests.conftest import make_user
from tests.core.test_hostile_uploads import docx
from tests.listening.test_report_pages import forum  # noqa: F401 - a fixture
from tests.machines.conftest import nothing_written_under
from tests.payments.conftest import (
    make_claim,
    png,
    policy,  # noqa: F401 - a fixture
)
from tests.projects.test_project_form import _form_data

ROOT = Path(__file__).resolve().parent.parent.parent
pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def test_terms_of_reference_go_to_the_bucket_and_come_back_only_through_the_page(
        bucket, people, client_for, media_root):
    document = docx()
    response = client_for(people.staff).post("/projects/new/", {
        **_form_data(people.staff),
        "terms_document": SimpleUploadedFile("our terms.docx", document)})
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get(title="Better short breaks")
    stored = project.terms_document.name
    assert bucket.names() == {stored} and stored.startswith("projects/terms/")
    assert bucket.read(stored) == document and bucket.is_private(stored)
    assert nothing_written_under(media_root)

    url = reverse("projects:terms_document", args=[project.pk])
    download = client_for(people.staff).get(url)
    assert download["Content-Disposition"] == 'attachment; filename="terms-of-reference.docx"'
    assert _body(download) == document
    # The project is a draft: a member of the public, or a member not in it, gets nothing.
    assert client_for(None).get(url).status_code in (302, 404)
    assert client_for(people.member).get(url).status_code == 404


def test_a_report_made_by_the_job_is_stored_in_the_bucket_and_downloaded_by_staff_only(
        bucket, people, client_for, forum, media_root,  # noqa: F811
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(people.staff).post(reverse("listening:report_request"), {
            "scope": "event", "event": forum.pk, "versions": ["standard"]})
    report = Report.objects.get()
    assert report.status == Report.Status.DONE, report.reason
    assert bucket.names() == {report.file.name}
    assert re.fullmatch(rf"reports/{report.pk}/you-said-we-did-{report.pk}-standard\.pdf",
                        report.file.name)
    pdf = bucket.read(report.file.name)
    assert pdf.startswith(b"%PDF") and len(pdf) == report.size
    assert bucket.is_private(report.file.name)
    assert nothing_written_under(media_root)

    url = reverse("listening:report_download", args=[report.pk])
    assert _body(client_for(people.staff).get(url)) == pdf
    assert client_for(people.member).get(url).status_code == 404  # not published
    assert client_for(None).get(url).status_code == 404


def test_download_my_data_is_made_into_the_bucket_and_only_its_owner_downloads_it(
        bucket, member, client_for, media_root, django_capture_on_commit_callbacks):
    someone_else = make_user("someone@test.example", "Someone Else")
    client = client_for(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people:my_data"), {"document_format": "standard"})
    export = DataExport.objects.get()
    assert export.status == DataExport.Status.DONE, export.reason
    assert bucket.names() == {export.file.name}
    assert export.file.name.startswith(f"data-exports/{export.pk}/")
    pdf = bucket.read(export.file.name)
    assert pdf.startswith(b"%PDF") and bucket.is_private(export.file.name)
    assert nothing_written_under(media_root)

    url = reverse("people:data_export_download", args=[export.pk])
    download = client.get(url)
    assert download["Content-Disposition"].startswith("attachment")
    assert _body(download) == pdf
    assert client_for(someone_else).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302  # to sign in


def test_a_story_picture_is_in_the_bucket_and_shown_only_to_those_who_may_see_the_story(
        bucket, people, client_for, media_root):
    from stories.models import Picture

    story = story_create(author=people.member, title="My first meeting", body="It went well.")
    response = client_for(people.member).post(
        reverse("stories:picture_add", args=[story.pk]),
        {"image": SimpleUploadedFile("me at the meeting.png", tiny_png()), "alt_text": "A group"})
    assert response.status_code == 302
    picture = Picture.objects.get()
    assert bucket.names() == {picture.image.name} and "meeting" not in picture.image.name
    assert bucket.is_private(picture.image.name) and nothing_written_under(media_root)
    url = reverse("stories:story_picture", args=[picture.pk])
    shown = client_for(people.member).get(url)
    assert shown.status_code == 200 and shown.content == bucket.read(picture.image.name)
    assert client_for(None).get(url).status_code == 404  # a draft: not for the public


def test_a_receipt_is_in_the_bucket_seen_by_the_right_people_and_gone_with_the_account(
        bucket, people, client_for, policy, media_root,  # noqa: F811
        django_capture_on_commit_callbacks):
    member, someone_else = people.member, make_user("someone@test.example", "Someone Else")
    finance = make_user("money@test.example", "Mo Money", second_factor=True,
                        is_finance_officer=True)
    claim = make_claim(member, policy, submit=False)
    client_for(member).post(reverse("payments:receipt_add", args=[claim.pk]),
                            {"receipt": png("my bus ticket.png")})
    receipt = Receipt.objects.get()
    assert bucket.names() == {receipt.file.name} and "bus" not in receipt.file.name
    stored = bucket.read(receipt.file.name)
    assert stored.startswith(b"\x89PNG") and bucket.is_private(receipt.file.name)
    assert nothing_written_under(media_root)

    url = reverse("payments:receipt", args=[receipt.pk])
    for user in (member, people.staff, finance):
        assert _body(client_for(user).get(url)) == stored
    assert client_for(someone_else).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302

    # Their downloaded data and a picture in a story not yet published too; deleting the
    # account deletes every one of their files from the store.
    with django_capture_on_commit_callbacks(execute=True):
        client_for(member).post(reverse("people:my_data"), {"document_format": "standard"})
    story = story_create(author=member, title="Not finished", body="Draft.")
    picture_add(story=story, by=member, alt_text="A bus",
                image=SimpleUploadedFile("bus.png", tiny_png()))
    assert len(bucket.names()) == 3
    with django_capture_on_commit_callbacks(execute=True):
        person_anonymise(person=member)
    assert bucket.names() == set()


def test_the_object_store_is_chosen_by_environment_variables(tmp_path):
    show = ("import json; from django.conf import settings; "
            "print(json.dumps(settings.STORAGES['default']))")
    env = {"PATH": os.environ["PATH"], "VAR_DIR": str(tmp_path), "SECRET_KEY": "x",
           "S3_BUCKET": "council-uploads", "S3_ENDPOINT_URL": "http://minio:9000",
           "S3_ACCESS_KEY_ID": "id", "S3_SECRET_ACCESS_KEY": "secret", "S3_REGION": "eu-west-2"}

    def storage(**extra):
        result = subprocess.run([sys.executable, "manage.py", "shell", "-c", show], cwd=ROOT,
                                env={**env, **extra}, capture_output=True, text=True,
                                timeout=120)
        return result, (json.loads(result.stdout.strip().splitlines()[-1])
                        if result.returncode == 0 else None)

    _, s3 = storage()
    assert s3["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3["OPTIONS"] | {"bucket_name": "council-uploads", "endpoint_url": "http://minio:9000",
                            "access_key": "id", "secret_key": "secret",
                            "region_name": "eu-west-2", "default_acl": None,
                            "querystring_auth": True, "file_overwrite": False} == s3["OPTIONS"]
    _, local = storage(S3_BUCKET="", FILE_STORAGE="local")
    assert local["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    failed, _ = storage(FILE_STORAGE="s3", S3_BUCKET="")
    assert failed.returncode != 0 and "S3_BUCKET must be set" in failed.stderr
    failed, _ = storage(FILE_STORAGE="ftp")
    assert failed.returncode != 0 and "FILE_STORAGE must be local or s3" in failed.stderr


def test_no_code_reaches_uploaded_files_by_their_path_on_disk():
    """With the object store there is no path: every read, write and delete goes through
    Django's storage API (FieldFile.open/save/delete, default_storage)."""
    forbidden = re.compile(
        r"MEDIA_ROOT|MEDIA_URL|default_storage\.path|storage\.path\("
        r"|\.(file|image|terms_document)\.(path|url)\b")
    found = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "node_modules", "tests"} or \
                relative == Path("coproduction/settings.py"):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if forbidden.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
