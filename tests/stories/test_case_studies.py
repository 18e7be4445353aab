"""Case studies in the regional format: the builder fills in what the portal knows, publishing
needs the learning, conditions and barriers, the PDFs are tagged in three versions, and the
JSON export follows the published schema and imports into another council's portal."""

import io
import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from listening.models import Commitment, Event, EventKind
from projects.models import Attendance, Evaluation, Membership, Session
from projects.models import Status as ProjectStatus
from stories import case_studies
from stories.case_studies import (
    case_study_export,
    case_study_import,
    case_study_move,
    case_study_start,
    case_study_update,
    parse_import,
    schema_problems,
)
from stories.models import CaseStudy
from tests.conftest import make_user
from tests.site_rules.projects import make_project

P = CaseStudy.Status.PUBLISHED


@pytest.fixture
def closed(people):
    project = make_project(people.staff, status=ProjectStatus.CLOSED, title="Carers' leaflet",
                           outcome_summary="A new leaflet, written with carers.",
                           lived_experience_co_chair=people.member)
    other = make_user("second@test.example", "Second Member")
    for person in (people.member, other):
        Membership.objects.create(project=project, person=person)
    start = timezone.now() - timedelta(days=90)
    for week in range(3):
        session = Session.objects.create(project=project, title=f"Meeting {week}",
                                         starts_at=start + timedelta(weeks=week),
                                         ends_at=start + timedelta(weeks=week, hours=2))
        for person in (people.member, other):
            Attendance.objects.create(session=session, person=person, hours=2,
                                      marked_by=people.staff)
    Evaluation.objects.create(project=project, person=people.member, listened=3, equal=3,
                              valued=3, understood=2, access_met=3, again=3)
    Evaluation.objects.create(project=project, person=other, listened=3, equal=2, valued=3,
                              understood=3, access_met=1, again=3)
    kind = EventKind.objects.first() or EventKind.objects.create(name="Forum", slug="forum")
    event = Event.objects.create(title="Leaflet launch", kind=kind, project=project,
                                 starts_at=start, ends_at=start + timedelta(hours=1),
                                 description="Launch", created_by=people.staff)
    for status in (Commitment.Status.DONE, Commitment.Status.DONE, Commitment.Status.PLANNED):
        Commitment.objects.create(event=event, you_said="x", we_will="y", owner=people.staff,
                                  due_date=timezone.localdate(), status=status)
    return project


def _finish(case_study, staff):
    case_study_update(case_study=case_study, by=staff, learning="Start with carers.",
                      conditions="Paid time, a quiet room.", barriers="Room bookings.")
    return case_study_move(case_study=case_study, to=P, by=staff)


def test_the_builder_fills_in_what_the_portal_knows(people, closed):
    case_study = case_study_start(project=closed, by=people.staff)
    assert case_study.status == CaseStudy.Status.DRAFT
    assert case_study.started_on == closed.starts_on and case_study.ended_on == closed.ends_on
    assert case_study.level_of_involvement == "Co-production"
    assert case_study.people_involved == 2
    assert case_study.how_often.startswith("3 meetings from ")
    assert "2 people at each on average" in case_study.how_often
    assert "2 people answered the evaluation." in case_study.evaluation_results
    assert "Were your access needs met? Yes: 1 of 2." in case_study.evaluation_results
    assert case_study.commitments_met == "2 of 3 commitments done."
    assert case_study.what_changed == "A new leaflet, written with carers."
    assert "Mo Member" in case_study.who_was_involved
    # Starting again opens the same draft.
    assert case_study_start(project=closed, by=people.staff).pk == case_study.pk


def test_only_finished_projects_get_a_case_study(people):
    running = make_project(people.staff, status=ProjectStatus.RUNNING)
    with pytest.raises(ValidationError):
        case_study_start(project=running, by=people.staff)


def test_publishing_needs_the_learning_conditions_and_barriers(people, closed, client):
    case_study = case_study_start(project=closed, by=people.staff)
    with pytest.raises(ValidationError, match="learning"):
        case_study_move(case_study=case_study, to=P, by=people.staff)
    assert client.get(f"/case-studies/{case_study.pk}/").status_code == 404
    _finish(case_study, people.staff)
    page = client.get(f"/case-studies/{case_study.pk}/").content.decode()
    assert "What were the conditions for success?" in page and "Room bookings." in page


@pytest.mark.parametrize("version", ["standard", "large_print", "easy_read"])
def test_each_printed_version_is_a_tagged_pdf(people, closed, client, version):
    case_study = _finish(case_study_start(project=closed, by=people.staff), people.staff)
    response = client.get(f"/case-studies/{case_study.pk}/case-study.pdf?format={version}")
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] in ("en-GB", "en-gb")
    assert pdf.metadata.title.startswith("Carers' leaflet")
    text = "".join(page.extract_text() for page in pdf.pages)
    if version == "easy_read":
        assert "2 people took part." in text
    else:
        assert "What were the barriers?" in text and "Room bookings." in text


def test_export_follows_the_schema_and_imports_as_from_other_council(
        people, closed, client_for, settings):
    case_study = _finish(case_study_start(project=closed, by=people.staff), people.staff)
    response = client_for(None).get(f"/case-studies/{case_study.pk}/case-study.json")
    exported = json.loads(response.content)
    assert schema_problems(exported) == []
    assert exported["council"] == settings.COUNCIL_NAME and exported["format"] == "case-study/1"

    # Another council's portal imports it (here: this portal under another name).
    settings.COUNCIL_NAME = "Other Council"
    staff = client_for(people.staff)
    response = staff.post("/case-studies/import/", {"file": SimpleUploadedFile(
        "case.json", response.content, content_type="application/json")})
    imported = CaseStudy.objects.imported().get()
    assert response.status_code == 302
    assert imported.from_council == "Northshire County Council"
    assert str(imported.source_uid) == str(case_study.uid)
    for name in case_studies.WRITTEN_FIELDS + case_studies.FACT_FIELDS:
        assert getattr(imported, name) == getattr(case_study, name), name
    # Exporting the imported one again gives the same document: it stays the other council's.
    again = case_study_export(imported)
    assert {k: v for k, v in again.items() if k != "published_on"} == \
        {k: v for k, v in exported.items() if k != "published_on"}

    # Kept apart from ours, and marked with where it came from.
    ours = client_for(None).get("/case-studies/").content.decode()
    theirs = client_for(None).get("/case-studies/?from=other").content.decode()
    assert ours.count("Carers&#x27; leaflet") == 1 and "From Northshire" not in ours
    assert "From Northshire County Council" in theirs
    # The same case study is imported once.
    with pytest.raises(ValidationError, match="imported already"):
        case_study_import(data=exported, by=people.staff)


def test_import_refuses_files_that_do_not_follow_the_schema(people, client_for):
    staff = client_for(people.staff)
    for raw, message in [(b"not json", "it is not JSON"),
                         (json.dumps({"format": "case-study/1", "id": "x"}).encode(),
                          "does not follow the case study format")]:
        response = staff.post("/case-studies/import/", {"file": SimpleUploadedFile(
            "case.json", raw, content_type="application/json")})
        assert message in response.content.decode()
    assert not CaseStudy.objects.exists()
    with pytest.raises(ValidationError):
        parse_import(json.dumps({"format": "case-study/2"}).encode())


def test_the_list_runs_the_same_queries_for_many(people, client, django_assert_max_num_queries):
    for i in range(30):
        CaseStudy.objects.create(title=f"Case {i}", summary="s", problem="p",
                                 who_was_involved="w", what_they_did="d", status=P,
                                 published_at=timezone.now(), created_by=people.staff)
    # count, the page
    with django_assert_max_num_queries(3):
        response = client.get("/case-studies/")
    assert "Case 29<" in response.content.decode()
