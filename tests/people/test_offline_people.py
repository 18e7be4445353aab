"""Offline people are full members: someone added by staff from a phone call has no email
address (never a made-up one), and staff can do for them everything they could do themselves,
each action recorded as "by staff member X for Y" in their history."""

import importlib
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from coproduction.demo_time import happened_at
from learning.models import Audience, Booking
from learning.services import booking_cancel, booking_create
from listening.models import Registration
from payments.demo import seed_policy
from payments.models import ActivityType, Claim
from people.models import (
    Consent,
    Invitation,
    MemberProfile,
    Notification,
    RetentionCheck,
    StaffAccess,
    User,
)
from people.services import consent_give, person_anonymise
from people.tasks import retention_review
from projects.models import Interest, Membership
from tests.conftest import make_user
from tests.learning.conftest import make_course, make_session
from tests.listening.conftest import make_event
from tests.payments.conftest import make_involvement
from tests.site_rules.projects import make_project

MADE_UP = ("invalid", "no-email")


def add_by_phone(client, name="Pat Phone", **extra):
    response = client.post(reverse("people:bank_create"), {
        "name": name, "email": "", "method": "phone", "agreed": "on",
        "what_they_were_told": "The easy-read privacy notice, read aloud in full.",
        "preferred_channel": "phone", "phone": "01632 960002", "meeting_mode": "in_person",
        "recognition": "payment", "access_needs": ["quiet_room"], **extra})
    assert response.status_code == 302, response.content.decode()[:3000]
    return User.objects.get(name=name)


def _from_now_on(person):
    """done_for(person) shows only what is recorded after this (the audit trail cannot be
    cleared)."""
    person.history_from = StaffAccess.objects.order_by("-pk").values_list("pk", flat=True)[0]
    return person


@pytest.fixture
def offline(client_for, staff):
    """Added by phone; their history starts with the consent staff took (tested below), and
    each test then looks at what it adds."""
    return _from_now_on(add_by_phone(client_for(staff)))


@pytest.fixture
def offline_long_ago(client_for, staff):
    """Added by phone 1200 days ago: staff doing things for them counts as their activity,
    and those records cannot be backdated afterwards."""
    client = client_for(staff)
    with happened_at(timezone.now() - timedelta(days=1200)):
        person = add_by_phone(client)
    return _from_now_on(person)


@pytest.fixture
def meeting(db):
    seed_policy()
    return ActivityType.objects.get(name="Meeting")


def done_for(person):
    return list(StaffAccess.objects.filter(subject=person, action="acted_for",
                                           pk__gt=getattr(person, "history_from", 0))
                .values_list("actor_id", "detail"))


def assert_in_history(client_for, staff, person, words):
    """The staff page shows what was done and by whom."""
    html = client_for(staff).get(reverse("people:bank_person", args=[person.pk])).content.decode()
    assert words in html and f"by {staff.name}" in html, html[html.find("What our staff"):][:800]


# --- Email is optional, and never made up ---------------------------------------------------

def test_someone_added_by_phone_has_no_email_and_no_made_up_one_anywhere(
        client_for, staff, offline):
    client = client_for(staff)
    add_by_phone(client, name="Sam Second")  # two people with no email: allowed
    assert offline.email == ""
    assert not EmailAddress.objects.filter(user=offline).exists()
    second = User.objects.get(name="Sam Second")
    assert done_for(second) == [
        (staff.pk, "Recorded their consent to join the people bank, given by phone")]
    assert StaffAccess.objects.filter(subject=second, action="created_profile").exists()
    consent = Consent.objects.get(person=offline)
    assert consent.what_they_were_told.startswith("The easy-read privacy notice")
    page = client.get(reverse("people:bank_person", args=[offline.pk])).content.decode()
    assert "No email address" in page
    export = client.post(reverse("people:bank_search"),
                         {"action": "export", "people": [str(offline.pk)]}).content.decode()
    assert "Pat Phone" in export
    search = client.get(reverse("people:bank_search")).content.decode()
    for text in (page, export, search):
        assert not any(word in text for word in MADE_UP)


def test_email_is_unique_when_given_whatever_its_case(db):
    User.objects.create_user(email="ann@test.example", name="Ann")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="Ann@Test.Example", name="Another Ann")
    User.objects.create_user(email="", name="No email one")
    User.objects.create_user(email="", name="No email two")
    assert User.objects.filter(email="").count() == 2


def test_signing_in_with_no_email_finds_nobody_and_never_fails(client, db, people):
    User.objects.create_user(email="", name="No email one")
    User.objects.create_user(email="", name="No email two")
    assert authenticate(username="", password="anything") is None
    assert authenticate(email="", password="anything") is None
    response = client.post(reverse("account_login"), {"login": "", "password": "x" * 12})
    assert response.status_code == 200
    # Email addresses still sign in whatever their case.
    assert authenticate(username="MEMBER@test.example", password="a-long-test-password-2026")


def test_the_data_migration_blanks_made_up_addresses(db):
    migration = importlib.import_module(
        "people.migrations.0008_blank_made_up_email_addresses")
    made_up = User.objects.create(email="no-email-20260101120000000000@no-email.invalid",
                                  name="Old Phone Person")
    deleted = User.objects.create(email="deleted-99@deleted.invalid", anonymised_at=timezone.now())
    EmailAddress.objects.create(user=made_up, email=made_up.email, primary=True)
    real = User.objects.create_user(email="real@test.example", name="Real")
    migration.blank_made_up_addresses(apps, None)
    for person in (made_up, deleted):
        person.refresh_from_db()
        assert person.email == ""
    real.refresh_from_db()
    assert real.email == "real@test.example"
    assert not EmailAddress.objects.filter(email__endswith=".invalid").exists()


def test_a_deleted_account_gets_no_made_up_address(db, member):
    person_anonymise(person=member)
    member.refresh_from_db()
    assert member.email == "" and str(member) == "Deleted account"


# --- Staff act for them, from their page, and it is recorded ---------------------------------

def test_staff_change_their_profile_and_access_needs(client_for, staff, offline):
    url = reverse("people:bank_person_step", args=[offline.pk, "access"])
    assert client_for(staff).get(url).status_code == 200
    response = client_for(staff).post(url, {"access_needs": ["step_free", "breaks"],
                                            "access_needs_other": "Uses a wheelchair"})
    assert response.status_code == 302
    profile = MemberProfile.objects.get(user=offline)
    assert profile.access_needs == ["step_free", "breaks"]
    assert done_for(offline) == [(staff.pk, "Updated their answers to “What helps you take part”")]
    assert_in_history(client_for, staff, offline, "Updated their answers to")


def test_staff_change_their_formats_with_the_members_own_checks(client_for, staff, offline):
    url = reverse("people:bank_person_step", args=[offline.pk, "contact"])
    response = client_for(staff).post(url, {"preferred_channel": "post", "address": ""})
    assert response.status_code == 200
    assert "Enter a postal address" in response.content.decode()
    response = client_for(staff).post(url, {"preferred_channel": "email"})
    assert "They have no email address" in response.content.decode()
    assert done_for(offline) == []  # nothing saved, nothing recorded
    response = client_for(staff).post(
        reverse("people:bank_person_step", args=[offline.pk, "formats"]),
        {"formats": ["large_print"]})
    assert response.status_code == 302
    assert MemberProfile.objects.get(user=offline).formats == ["large_print"]


def test_staff_record_consent_given_by_phone(client_for, staff, db):
    person = User.objects.create_user(email="", name="Lee Letter")
    url = reverse("people:bank_person_consent", args=[person.pk])
    given = timezone.localdate() - timedelta(days=2)
    response = client_for(staff).post(url, {
        "method": "paper", "given_on_0": given.day, "given_on_1": given.month,
        "given_on_2": given.year, "what_they_were_told": "Large-print notice, posted to them",
        "agreed": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    consent = Consent.objects.get(person=person)
    assert (consent.method, consent.recorded_by) == ("paper", staff)
    assert timezone.localdate(consent.given_at) == given
    assert consent.what_they_were_told == "Large-print notice, posted to them"
    assert done_for(person) == [
        (staff.pk, "Recorded their consent to join the people bank, given on a paper form")]
    assert_in_history(client_for, staff, person, "Recorded their consent")


def test_consent_needs_what_they_were_told_and_a_past_date(client_for, staff, db):
    person = User.objects.create_user(email="", name="Lee Letter")
    future = timezone.localdate() + timedelta(days=3)
    response = client_for(staff).post(
        reverse("people:bank_person_consent", args=[person.pk]),
        {"method": "phone", "given_on_0": future.day, "given_on_1": future.month,
         "given_on_2": future.year, "agreed": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Say what was read or shown to them" in html
    assert "must be today or in the past" in html
    assert ">\nThe notice, read aloud</textarea>" in client_for(staff).post(
        reverse("people:bank_person_consent", args=[person.pk]),
        {"what_they_were_told": "The notice, read aloud"}).content.decode()
    assert not Consent.objects.filter(person=person).exists()


def test_staff_answer_an_invitation_for_them(client_for, staff, offline):
    invitation = Invitation.objects.create(
        person=offline, target_kind="project", target_id=999, target_title="Carers strategy",
        target_url="/projects/", sent_by=staff)
    url = reverse("people:bank_person_invitation", args=[offline.pk, invitation.pk])
    response = client_for(staff).post(url, {"answer": "not_now"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "not_now"
    assert done_for(offline) == [
        (staff.pk, "Answered their invitation to Carers strategy: not now")]
    # Another person's invitation is not reachable through this person's page.
    other = make_user("other@test.example", "Oli Other")
    theirs = Invitation.objects.create(person=other, target_kind="project", target_id=998,
                                       target_title="X", target_url="/", sent_by=staff)
    assert client_for(staff).get(reverse("people:bank_person_invitation",
                                         args=[offline.pk, theirs.pk])).status_code == 404


def test_staff_book_them_onto_an_event(client_for, staff, offline):
    event = make_event(staff, capacity=5)
    url = reverse("listening:book_for_person", args=[offline.pk])
    page = client_for(staff).get(url).content.decode()
    assert event.title in page and "Needs: a quiet room." in page  # from their profile
    response = client_for(staff).post(url, {"event": event.pk, "access_needs": "A quiet room",
                                            "brings": ["carer"]})
    assert response.status_code == 302, response.content.decode()[:3000]
    registration = Registration.objects.get(event=event, person=offline)
    assert registration.status == Registration.Status.CONFIRMED and registration.brings_carer
    assert done_for(offline) == [(staff.pk, f"Booked a place on {event.title}")]
    # They are told by their own channel (a phone call), not by a made-up email.
    told = Notification.objects.get(person=offline, subject__contains=event.title)
    assert told.channel == Notification.Channel.PHONE
    # Already booked: the event is no longer offered.
    assert event.title not in client_for(staff).get(url).content.decode()


def _day(session):
    return f"{timezone.localtime(session.starts_at):%-d %B %Y}"


def test_staff_book_them_onto_a_course(client_for, staff, offline):
    session = make_session(make_course(), capacity=5)
    url = reverse("learning:book_for_person", args=[offline.pk])
    page = client_for(staff).get(url).content.decode()
    assert "Being a co-chair" in page and "5 places left" in page
    assert "Needs: a quiet room." in page  # from their profile
    response = client_for(staff).post(url, {"session": session.pk,
                                            "access_needs": "A quiet room",
                                            "needs": ["quiet_room"]})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("people:bank_person", args=[offline.pk])
    booking = Booking.objects.get(session=session, person=offline)
    assert booking.status == Booking.Status.BOOKED and booking.needs == ["quiet_room"]
    assert done_for(offline) == [(staff.pk, f"Booked a place on Being a co-chair on "
                                            f"{_day(session)}")]
    # They are told by their own channel (a phone call), not by a made-up email.
    told = Notification.objects.get(person=offline, subject="You are booked: Being a co-chair")
    assert told.channel == Notification.Channel.PHONE
    # Their page shows the place, the link to book another, and who booked it.
    profile = client_for(staff).get(reverse("people:bank_person", args=[offline.pk]))
    html = profile.content.decode()
    assert f"Book a place on a course for {offline}" in html
    assert "Being a co-chair</a>" in html and ": booked</li>" in html
    assert_in_history(client_for, staff, offline, "Booked a place on Being a co-chair")
    # Already booked: the date is no longer offered, and posting it again changes nothing.
    assert "Being a co-chair" not in client_for(staff).get(url).content.decode()
    again = client_for(staff).post(url, {"session": session.pk})
    assert "Choose a course and date from the list" in again.content.decode()
    assert Booking.objects.filter(person=offline).count() == 1 and len(done_for(offline)) == 1


def test_a_full_course_puts_them_on_the_one_waiting_list(client_for, staff, offline, member):
    session = make_session(make_course(), capacity=1)
    theirs = booking_create(session=session, person=member)
    url = reverse("learning:book_for_person", args=[offline.pk])
    assert "full, they will join the waiting list" in client_for(staff).get(url).content.decode()
    response = client_for(staff).post(url, {"session": session.pk}, follow=True)
    assert f"{offline} is on the waiting list" in response.content.decode()
    booking = Booking.objects.get(session=session, person=offline)
    assert booking.status == Booking.Status.WAITING
    assert done_for(offline) == [(staff.pk, f"Put them on the waiting list for Being a "
                                            f"co-chair on {_day(session)}")]
    waiting = Notification.objects.get(person=offline,
                                       subject="You are on the waiting list: Being a co-chair")
    assert waiting.channel == Notification.Channel.PHONE
    # The member's own cancelling moves them up, as anyone on the list, told by phone.
    booking_cancel(booking=theirs)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED
    moved = Notification.objects.get(person=offline, subject__startswith="A place has come free")
    assert moved.channel == Notification.Channel.PHONE


def test_booking_a_course_for_them_saves_nothing_half(client_for, staff, offline, monkeypatch):
    session = make_session(make_course())
    staff_only = make_session(make_course(title="Leading a project", audience=Audience.STAFF))
    url = reverse("learning:book_for_person", args=[offline.pk])
    # A staff-only course is not offered, and the service refuses it too.
    assert "Leading a project" not in client_for(staff).get(url).content.decode()
    response = client_for(staff).post(url, {"session": staff_only.pk})
    assert "Choose a course and date from the list" in response.content.decode()
    with pytest.raises(PermissionDenied):
        booking_create(session=staff_only, person=offline, booked_by=staff)
    # No date chosen: the form says so and keeps what was typed.
    response = client_for(staff).post(url, {"access_needs": "Large print"})
    assert "Choose a course and date" in response.content.decode()
    assert "Large print" in response.content.decode()

    # If telling them fails, neither the place nor the record of booking it is kept.
    def cannot_tell(**kwargs):
        raise RuntimeError("messaging is down")
    monkeypatch.setattr("learning.services.notify_person", cannot_tell)
    with pytest.raises(RuntimeError):
        booking_create(session=session, person=offline, booked_by=staff)
    assert not Booking.objects.filter(person=offline).exists()
    assert done_for(offline) == []


def test_booking_a_course_is_only_for_people_in_the_people_bank(client_for, staff, offline):
    make_session(make_course())
    not_in_bank = make_user("notbank@test.example", "Nadia Notbank")  # never consented
    for pk in (not_in_bank.pk, staff.pk, 999999):
        url = reverse("learning:book_for_person", args=[pk])
        assert client_for(staff).get(url).status_code == 404, pk
    assert not Booking.objects.exists()


def test_staff_register_their_interest_and_give_them_a_place(client_for, staff, offline):
    project = make_project(staff)
    url = reverse("projects:interest_for_person", args=[offline.pk])
    assert project.title in client_for(staff).get(url).content.decode()
    response = client_for(staff).post(url, {
        "project": project.pk, "what_i_bring": "Cares for her husband", "access_needs": "",
        "give_place": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Interest.objects.get(project=project, person=offline).state == "accepted"
    assert Membership.objects.filter(project=project, person=offline, left_at=None).exists()
    assert done_for(offline) == [(staff.pk, f"Gave them a place on {project.title}"),
                                 (staff.pk, f"Registered their interest in {project.title}")]


def test_giving_a_place_follows_the_waiting_list_rule_and_saves_nothing_half(
        client_for, staff, offline):
    project = make_project(staff, places=0)
    response = client_for(staff).post(
        reverse("projects:interest_for_person", args=[offline.pk]),
        {"project": project.pk, "what_i_bring": "Cares for her husband", "give_place": "on"})
    assert response.status_code == 200
    assert "All the places are taken" in response.content.decode()
    assert not Interest.objects.filter(person=offline).exists()
    assert done_for(offline) == []


def test_staff_make_a_claim_and_get_the_letter_for_them(client_for, staff, offline, meeting):
    involvement = make_involvement(offline)
    client = client_for(staff)
    response = client.post(reverse("payments:claim_new", args=[involvement.pk]),
                           {"activity_type": meeting.pk})
    assert response.status_code == 302, response.content.decode()[:3000]
    claim = Claim.objects.get(involvement=involvement)
    assert (claim.person, claim.made_by) == (offline, staff)
    letter = client.post(reverse("payments:person_letter", args=[offline.pk]),
                         {"start": "01/01/2020", "end": "31/12/2030",
                          "document_format": "standard"})
    assert letter["Content-Type"] == "application/pdf"
    details = [detail for _actor, detail in done_for(offline)]
    assert details[1] == f"Started a claim for {claim.activity_title}"
    assert details[0].startswith("Made their payments letter for 1 January 2020")


def test_the_person_sees_what_staff_did_for_them_in_their_own_history(
        client_for, staff, member):
    MemberProfile.objects.create(user=member)
    consent_give(person=member)
    client_for(staff).post(reverse("people:bank_person_step", args=[member.pk, "formats"]),
                           {"formats": ["easy_read"]})
    own = client_for(member).get(reverse("people:profile")).content.decode()
    assert "What our staff did for you" in own
    assert "Updated their answers to “Formats you need”" in own and staff.name in own
    data = client_for(member).get(reverse("people:my_data") + "?format=json").json()
    assert data["done_for_you"][0]["By"] == staff.name


def test_acting_for_someone_is_staff_only(client_for, member, offline):
    for url in (reverse("people:bank_person_step", args=[offline.pk, "access"]),
                reverse("people:bank_person_consent", args=[offline.pk]),
                reverse("people:bank_person_stay", args=[offline.pk]),
                reverse("listening:book_for_person", args=[offline.pk]),
                reverse("learning:book_for_person", args=[offline.pk]),
                reverse("projects:interest_for_person", args=[offline.pk])):
        assert client_for(member).post(url, {}).status_code == 403, url
    assert done_for(offline) == []


# --- Retention: asked by their own channel, and never deleted for silence --------------------

def _make_inactive(person, days=1200):
    long_ago = timezone.now() - timedelta(days=days)
    User.objects.filter(pk=person.pk).update(date_joined=long_ago, last_login=None)
    MemberProfile.objects.filter(user=person).update(updated_at=long_ago)


@override_settings(RETENTION_INACTIVE_DAYS=1000, RETENTION_ANSWER_DAYS=30)
def test_retention_asks_an_offline_person_by_phone_and_waits_for_their_answer(
        client_for, staff, offline_long_ago, django_capture_on_commit_callbacks):
    offline = offline_long_ago
    _make_inactive(offline)
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_review()["asked"] == 1
    question = RetentionCheck.objects.get(person=offline).question
    assert question.channel == Notification.Channel.PHONE
    assert "phone us" in question.body and "sign in" not in question.body
    # Staff phoned them long ago; they did not answer then. Silence deletes nobody offline.
    long_ago = timezone.now() - timedelta(days=90)
    Notification.objects.filter(pk=question.pk).update(sent_at=long_ago)
    RetentionCheck.objects.update(flagged_at=long_ago)
    assert retention_review()["anonymised"] == 0
    offline.refresh_from_db()
    assert offline.anonymised_at is None
    # Staff see who is waiting on their home page.
    home = client_for(staff).get(reverse("staff_home")).content.decode()
    assert reverse("people:bank_person_stay", args=[offline.pk]) in home
    # Then they phone back: they want to stay. Staff record it.
    page = client_for(staff).get(reverse("people:bank_person", args=[offline.pk]))
    assert "Record their answer" in page.content.decode()
    response = client_for(staff).post(reverse("people:bank_person_stay", args=[offline.pk]),
                                      {"answer": "stay"})
    assert response.status_code == 302
    assert not RetentionCheck.objects.filter(person=offline).exists()
    assert done_for(offline)[0] == (staff.pk, "Recorded that they want to stay in the people bank")
    assert retention_review() == {"asked": 0, "stayed": 0, "anonymised": 0}
    offline.refresh_from_db()
    assert offline.anonymised_at is None and offline.is_active


@override_settings(RETENTION_INACTIVE_DAYS=1000, RETENTION_ANSWER_DAYS=30)
def test_an_online_person_is_only_deleted_once_the_question_reached_them(db, member):
    MemberProfile.objects.create(user=member)
    consent_give(person=member)
    _make_inactive(member)
    retention_review()
    check = RetentionCheck.objects.get(person=member)
    long_ago = timezone.now() - timedelta(days=90)
    RetentionCheck.objects.update(flagged_at=long_ago)
    Notification.objects.filter(pk=check.question_id).update(sent_at=None)  # not sent yet
    assert retention_review()["anonymised"] == 0
    Notification.objects.filter(pk=check.question_id).update(sent_at=long_ago)
    assert retention_review()["anonymised"] == 1


def test_staff_record_that_they_want_to_leave(client_for, staff, offline):
    RetentionCheck.objects.create(person=offline)
    url = reverse("people:bank_person_stay", args=[offline.pk])
    response = client_for(staff).post(url, {"answer": "leave"})
    assert response.status_code == 200 and "Tick the box to confirm" in response.content.decode()
    offline.refresh_from_db()
    assert offline.anonymised_at is None
    response = client_for(staff).post(url, {"answer": "leave", "confirm": "on"})
    assert response.status_code == 302
    offline.refresh_from_db()
    assert offline.anonymised_at and offline.name == "" and offline.email == ""
    assert done_for(offline) == [(staff.pk, "Deleted their account at their request")]


def test_someone_who_left_can_rejoin_by_phone_but_staff_accounts_are_not_offered(
        client_for, staff, offline, second_staff_account):
    from people.services import consent_withdraw

    consent_withdraw(person=offline)
    # Out of the people bank: their full profile no longer opens, but staff can record that
    # they want to join again (the page shows only their name).
    assert client_for(staff).get(
        reverse("people:bank_person", args=[offline.pk])).status_code == 404
    url = reverse("people:bank_person_consent", args=[offline.pk])
    assert client_for(staff).get(url).status_code == 200
    today = timezone.localdate()
    response = client_for(staff).post(url, {
        "method": "phone", "given_on_0": today.day, "given_on_1": today.month,
        "given_on_2": today.year, "what_they_were_told": "The notice, read aloud",
        "agreed": "on"})
    assert response.status_code == 302
    assert Consent.objects.filter(person=offline, withdrawn_at=None).exists()
    assert client_for(staff).get(reverse("people:bank_person_consent",
                                         args=[second_staff_account.pk])).status_code == 404


@pytest.fixture
def second_staff_account(db):
    return make_user("staff-two@test.example", "Tess Two", is_council_staff=True)
