"""Download my data, delete my account, and the retention job."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from people import data_rights
from people.models import (
    Consent,
    EqualityAnswers,
    Invitation,
    Involvement,
    MemberProfile,
    Notification,
    RetentionCheck,
    StaffAccess,
    User,
)
from people.services import equality_save, involvement_record, notify_person
from people.tasks import retention_review
from tests.conftest import PASSWORD, make_user
from tests.people.conftest import bank_member


@pytest.fixture
def claims_section():
    """Another room registers its records like this (payments does so for claims). Its own
    name, so the real sections stay registered for the rest of the run."""
    data_rights.register_data_section("test_claims", "Your test claims", lambda person: [
        {"Amount": Decimal("25.00"), "For": "Carers strategy meeting"}])
    yield
    data_rights.unregister("test_claims")


def _full_member(member, staff):
    bank_member(member, phone="01632 960001", address="1 High St", help_with="Transport")
    equality_save(person=member, answers={f: c[0][0] for f, (_q, c)
                                          in EqualityAnswers.QUESTIONS.items()})
    involvement_record(person=member, kind=Involvement.Kind.EVENT, activity_key="event:1",
                       activity_title="Big Conversation", title="Big Conversation",
                       starts_at=timezone.now(), hours=Decimal("3.5"), source="t:1")
    Invitation.objects.create(person=member, target_kind="project", target_id=1,
                              target_title="Carers strategy", target_url="/", sent_by=staff)
    notify_person(person=member, subject="Hello", body="News")


def test_download_my_data_as_page_json_and_pdf(client_for, member, staff, claims_section):
    _full_member(member, staff)
    client = client_for(member)
    html = client.get("/my-data/").content.decode()
    for expected in ("1 High St", "Transport", "Big Conversation", "Carers strategy",
                     "Your test claims", "25.00", "Your equality monitoring answers"):
        assert expected in html
    response = client.get("/my-data/?format=json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"][0]["Email address"] == member.email
    assert data["profile"][0]["Postal address"] == "1 High St"
    assert data["participation"][0]["Hours"] == "3.50"
    assert data["test_claims"] == [{"Amount": "25.00", "For": "Carers strategy meeting"}]
    assert data["consents"][0]["How"] == "Online"
    # The PDF is made in the background (tests/people/test_data_export.py).
    assert 'name="document_format"' in html


def test_the_delete_page_says_what_is_kept_and_why(client_for, member):
    html = client_for(member).get("/my-data/delete/").content.decode()
    assert "six years" in html and "HMRC" in html and "cannot undo" in html


def test_deleting_an_account_anonymises_it_and_keeps_what_must_be_kept(client_for, member,
                                                                      staff):
    _full_member(member, staff)
    StaffAccess.objects.create(actor=staff, action="viewed_profile", subject=member)
    erased = []
    data_rights.register_erasure_hook("test", erased.append)
    try:
        client = client_for(member)
        assert client.post("/my-data/delete/", {}).status_code == 200  # not confirmed
        assert User.objects.get(pk=member.pk).anonymised_at is None
        response = client.post("/my-data/delete/", {"confirm": "on"})
    finally:
        data_rights.unregister("test")
    assert response["Location"] == "/"
    person = User.objects.get(pk=member.pk)
    assert person.anonymised_at and not person.is_active and person.name == ""
    assert person.email == "" and str(person) == "Deleted account"  # no made-up address
    assert not person.has_usable_password()
    assert erased == [person]
    for model, field in ((MemberProfile, "user"), (EqualityAnswers, "person"),
                         (Consent, "person"), (Invitation, "person"),
                         (Notification, "person"), (EmailAddress, "user")):
        assert not model.objects.filter(**{field: person}).exists(), model.__name__
    # Kept: participation (for totals and claims) and the audit trail, with no identity.
    assert Involvement.objects.filter(person=person).count() == 1
    assert StaffAccess.objects.filter(subject=person, action="viewed_profile").count() == 1
    # Signed out, and cannot sign in again.
    assert client.get("/profile/").status_code == 302
    assert not client.login(email="member@test.example", password=PASSWORD)


def _inactive(email, days):
    person = make_user(email, "Old Timer")
    long_ago = timezone.now() - timedelta(days=days)
    User.objects.filter(pk=person.pk).update(date_joined=long_ago, last_login=long_ago)
    bank_member(person)
    MemberProfile.objects.filter(user=person).update(updated_at=long_ago)
    return person


@override_settings(RETENTION_INACTIVE_DAYS=1000, RETENTION_ANSWER_DAYS=30)
def test_retention_asks_once_then_anonymises_those_who_do_not_answer(
        db, people, django_capture_on_commit_callbacks, caplog):
    quiet = _inactive("quiet@test.example", 1200)
    stays = _inactive("stays@test.example", 1200)
    active = _inactive("active@test.example", 1200)
    involvement_record(person=active, kind=Involvement.Kind.EVENT, activity_key="event:9",
                       activity_title="E", title="E", starts_at=timezone.now(), hours=1,
                       source="t:9")
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_review() == {"asked": 2, "stayed": 0, "anonymised": 0}
    assert {m.to[0] for m in mail.outbox} == {"quiet@test.example", "stays@test.example"}
    assert "/my-data/stay/" in mail.outbox[0].body
    # Running again asks nobody twice.
    assert retention_review() == {"asked": 0, "stayed": 0, "anonymised": 0}
    assert "quiet@test.example" not in caplog.text, "personal data in the logs"

    # One presses "Keep my account"; the answer window passes for the other.
    from tests.site_checks import client_as

    assert client_as(stays).post("/my-data/stay/").status_code == 302
    long_ago = timezone.now() - timedelta(days=31)
    RetentionCheck.objects.update(flagged_at=long_ago)
    # The window counts from when the question reached them (the message was sent).
    Notification.objects.filter(dedupe_key__startswith="retention:").update(sent_at=long_ago)
    assert retention_review() == {"asked": 0, "stayed": 0, "anonymised": 1}
    quiet.refresh_from_db()
    stays.refresh_from_db()
    assert quiet.anonymised_at and stays.anonymised_at is None
    assert retention_review() == {"asked": 0, "stayed": 0, "anonymised": 0}


@override_settings(RETENTION_INACTIVE_DAYS=1000, RETENTION_ANSWER_DAYS=30)
def test_signing_in_after_being_asked_counts_as_staying(db, people):
    person = _inactive("back@test.example", 1200)
    retention_review()
    User.objects.filter(pk=person.pk).update(last_login=timezone.now())
    assert retention_review()["stayed"] == 1
    assert not RetentionCheck.objects.exists()


def test_my_data_shows_dates_in_words_labels_in_sentence_case_and_money_in_pounds(member):
    from datetime import date, datetime
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    from coproduction.money import Money
    from people.data_rights import register_data_section, unregister
    from tests.site_checks import client_as

    register_data_section("test_things", "Test things", lambda person: [{
        "what you paid": Money(Decimal("12.5")), "when": datetime(
            2026, 12, 2, 3, 12, 42, 661516, tzinfo=ZoneInfo("UTC")),
        "on the day": date(2026, 4, 6), "hours": Decimal("2.5")}])
    try:
        html = client_as(member).get("/my-data/").content.decode()
        json_text = client_as(member).get("/my-data/?format=json").content.decode()
    finally:
        unregister("test_things")
    assert "What you paid" in html and "£12.50" in html
    assert "2 December 2026, 3:12 a.m." in html
    assert "6 April 2026" in html
    assert "2026-12-02 03:12:42" not in html
    assert ">2.5<" in html.replace("\n", "").replace(" ", "")
    assert '"what you paid": "12.50"' in json_text or '"what you paid": "12.5"' in json_text
