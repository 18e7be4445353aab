"""The audit trail: every look at a member's full profile, every download of people's data,
role change, claim decision, payment batch and message writes exactly one row (who, what,
which record, when); an action that fails writes none; nobody can change or remove a row,
not even with SQL on PostgreSQL; admins browse the trail."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from messaging.kinds import Kind
from messaging.models import Channel, Delivery
from messaging.services import fall_back
from payments.demo import seed_policy
from payments.models import ActivityType, Claim, PaymentBatch
from payments.services import batch_create, batch_mark_paid, claim_decide, payee_set
from people.models import AuditTrailIsFixed, MemberProfile, Role, StaffAccess, User
from people.services import (
    audit_record,
    invitations_send,
    notify_person,
    person_anonymise,
    user_set_roles,
)
from tests.conftest import make_user
from tests.payments.conftest import make_claim
from tests.people.conftest import bank_member
from tests.site_checks import client_as

Action = StaffAccess.Action

# Run in CI's PostgreSQL pass (the SQLite pass has no trigger to test).
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                     reason="the database's own guard is PostgreSQL's")


def latest_pk():
    return StaffAccess.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def written_since(pk):
    """The rows an action added, as (actor, action, object type, object id, subject) tuples,
    in order. Messages the action sent have rows of their own, returned apart."""
    rows = [(r.actor, r.action, r.object_type, r.object_id, r.subject)
            for r in StaffAccess.objects.filter(pk__gt=pk).order_by("pk")
            .select_related("actor", "subject")]
    return ([row for row in rows if row[1] != Action.MESSAGE_SENT],
            [row for row in rows if row[1] == Action.MESSAGE_SENT])


@pytest.fixture
def policy(db):
    seed_policy()
    return {"meeting": ActivityType.objects.get(name="Meeting")}


@pytest.fixture
def submitted(people, policy):
    return make_claim(people.member, policy)


# --- Looking and downloading ----------------------------------------------------------------

def test_opening_a_full_profile_writes_one_row(people):
    bank_member(people.member)
    before = latest_pk()
    assert client_as(people.staff).get(
        reverse("people:bank_person", args=[people.member.pk])).status_code == 200
    rows, _ = written_since(before)
    assert rows == [(people.staff, Action.VIEWED_PROFILE, "people.user",
                     str(people.member.pk), people.member)]
    record = StaffAccess.objects.get(pk__gt=before)
    assert record.at.utcoffset() == timedelta(0)  # stored in UTC


def test_a_profile_that_does_not_open_writes_nothing(people):
    before = latest_pk()  # never in the people bank: 404
    assert client_as(people.staff).get(
        reverse("people:bank_person", args=[people.admin.pk])).status_code == 404
    assert written_since(before) == ([], [])


def test_the_shortlist_download_writes_one_row_with_its_size(people):
    bank_member(people.member)
    before = latest_pk()
    response = client_as(people.staff).post(reverse("people:bank_search"), {
        "action": "export", "people": [people.member.pk]})
    assert response["Content-Type"].startswith("text/csv")
    assert written_since(before) == (
        [(people.staff, Action.EXPORTED, "people bank shortlist", "", None)], [])
    assert StaffAccess.objects.get(pk__gt=before).count == 1


def test_dashboard_downloads_write_one_row_each(people):
    client = client_as(people.staff)
    before = latest_pk()
    assert client.get(reverse("dashboards:csv", args=["growth", "levels"])).status_code == 200
    assert written_since(before) == (
        [(people.staff, Action.EXPORTED, "dashboard", "growth/levels", None)], [])
    before = latest_pk()
    assert client.get(reverse("dashboards:csv", args=["growth", "nonsense"])).status_code == 404
    assert client.get(reverse("dashboards:print", args=["reach"])).status_code == 200  # a page
    assert written_since(before) == ([], [])
    pdf = client.get(reverse("dashboards:print", args=["reach"]) + "?format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert written_since(before) == (
        [(people.staff, Action.EXPORTED, "dashboard", "reach (PDF)", None)], [])


def test_printing_a_letter_writes_one_row(people, django_capture_on_commit_callbacks):
    person = User.objects.create_user(email="post@example.org", password=None, name="Pat Post")
    MemberProfile.objects.create(user=person, preferred_channel=Channel.POST,
                                 address="1 Mill Lane\nNorthtown\nNT1 2AB")
    with django_capture_on_commit_callbacks(execute=True):
        notify_person(person=person, subject="Hello", body="News.", kind=Kind.CLAIM)
    letter = Delivery.objects.get(channel=Channel.POST)
    before = latest_pk()
    pdf = client_as(people.staff).get(reverse("messaging:letter_pdf", args=[letter.pk]))
    assert pdf.content.startswith(b"%PDF")
    assert written_since(before) == (
        [(people.staff, Action.EXPORTED, "messaging.delivery", str(letter.pk), person)], [])


# --- Roles -----------------------------------------------------------------------------------

def test_each_role_change_writes_one_row(people):
    person = people.member
    before = latest_pk()
    response = client_as(people.admin).post(
        reverse("people:role_edit", args=[person.pk]), {"roles": ["our_voice", "staff"]})
    assert response.status_code == 302
    rows, _ = written_since(before)
    assert rows == [(people.admin, Action.ROLE_CHANGED, "people.user", str(person.pk), person)] * 2
    assert sorted(StaffAccess.objects.filter(pk__gt=before).values_list("detail", flat=True)) \
        == ["Gave the Our Voice role", "Gave the Staff role"]
    before = latest_pk()
    user_set_roles(changed_by=people.admin, user=person, roles={Role.OUR_VOICE, Role.STAFF})
    assert written_since(before) == ([], [])  # nothing changed, nothing recorded


def test_roles_cannot_be_changed_in_django_admin_so_nothing_goes_unrecorded(people):
    person = people.member
    before = latest_pk()
    client_as(people.admin).post(f"/django-admin/people/user/{person.pk}/change/", {
        "email": person.email, "name": person.name, "is_active": "on",
        "is_finance_officer": "on", "is_service_admin": "on", "is_superuser": "on"})
    person.refresh_from_db()
    assert not (person.is_finance_officer or person.is_service_admin or person.is_superuser)
    assert not StaffAccess.objects.filter(pk__gt=before, action=Action.ROLE_CHANGED).exists()


# --- Claims and payment batches ---------------------------------------------------------------

@pytest.mark.parametrize("decision, reason, action", [
    (Claim.Status.APPROVED, "", Action.CLAIM_APPROVED),
    (Claim.Status.RETURNED, "Which bus?", Action.CLAIM_RETURNED),
    (Claim.Status.REJECTED, "Not one of ours", Action.CLAIM_REJECTED)])
def test_each_claim_decision_writes_one_row(people, submitted, decision, reason, action):
    before = latest_pk()
    claim_decide(claim=submitted, by=people.staff, decision=decision, reason=reason)
    rows, messages = written_since(before)
    assert rows == [(people.staff, action, "payments.claim", str(submitted.pk), people.member)]
    assert len(messages) == 1  # the claimant is told, and that message has its own row


def test_a_refused_claim_decision_writes_nothing(people, submitted, policy):
    before = latest_pk()
    with pytest.raises(ValidationError):  # returning needs a reason
        claim_decide(claim=submitted, by=people.staff, decision=Claim.Status.RETURNED)
    own = make_claim(people.staff, policy)
    before = latest_pk()
    with pytest.raises(PermissionDenied):  # nobody decides their own claim
        claim_decide(claim=own, by=people.staff, decision=Claim.Status.APPROVED)
    assert written_since(before) == ([], [])


def test_a_batch_made_downloaded_and_paid_writes_one_row_each(people, submitted,
                                                               django_capture_on_commit_callbacks):
    finance = people.finance
    claim_decide(claim=submitted, by=people.staff, decision=Claim.Status.APPROVED)
    payee_set(person=people.member, by=finance, reference="NCC-100")
    before = latest_pk()
    batch = batch_create(by=finance)
    assert written_since(before) == (
        [(finance, Action.BATCH_MADE, "payments.paymentbatch", str(batch.pk), None)], [])

    before = latest_pk()
    response = client_as(finance).get(reverse("payments:batch_csv", args=[batch.pk]))
    assert b"NCC-100" in response.content
    assert written_since(before) == (
        [(finance, Action.EXPORTED, "payments.paymentbatch", str(batch.pk), None)], [])

    before = latest_pk()
    batch_mark_paid(batch=batch, by=finance)
    batch_mark_paid(batch=batch, by=finance)  # pressed twice: paid once, recorded once
    rows, messages = written_since(before)
    assert rows == [(finance, Action.BATCH_PAID, "payments.paymentbatch", str(batch.pk), None)]
    assert len(messages) == 1
    assert StaffAccess.objects.get(pk__gt=before, action=Action.BATCH_PAID).count == 1


def test_a_batch_that_cannot_be_made_writes_nothing(people):
    before = latest_pk()
    with pytest.raises(ValidationError):  # no approved claims
        batch_create(by=people.finance)
    with pytest.raises(PermissionDenied):
        batch_create(by=people.staff)
    assert written_since(before) == ([], [])
    assert not PaymentBatch.objects.exists()


# --- Messages ---------------------------------------------------------------------------------

def test_each_message_writes_one_row_and_a_fallback_is_the_same_message(people):
    person = people.member
    MemberProfile.objects.create(user=person, preferred_channel=Channel.EMAIL)
    before = latest_pk()
    notification = notify_person(person=person, subject="Hello", body="News.",
                                 dedupe_key="hello", kind=Kind.CLAIM)
    assert written_since(before) == (
        [], [(None, Action.MESSAGE_SENT, "people.notification", str(notification.pk),
              person)])  # sent by the portal itself
    before = latest_pk()
    assert notify_person(person=person, subject="Hello", body="News.", dedupe_key="hello",
                         kind=Kind.CLAIM) is None  # already told: nothing sent
    fall_back(notification.deliveries.get(), "The address does not exist")
    assert written_since(before) == ([], [])


def test_a_bulk_send_records_who_sent_each_message(people, fake_target):
    for person in (people.member, people.our_voice):
        bank_member(person)
    before = latest_pk()
    sent, _ = invitations_send(sent_by=people.staff, people=[people.member, people.our_voice],
                               target=fake_target)
    assert sent == 2
    _, messages = written_since(before)
    assert [(actor, subject) for actor, *_rest, subject in messages] == [
        (people.staff, people.member), (people.staff, people.our_voice)]


def test_a_message_that_fails_to_be_made_writes_nothing(people, monkeypatch):
    from messaging import services as messaging_services

    def broken(*args, **kwargs):
        raise RuntimeError("no channel")

    monkeypatch.setattr(messaging_services, "_start", broken)
    before = latest_pk()
    with pytest.raises(RuntimeError):
        notify_person(person=people.member, subject="Hello", body="News.", kind=Kind.CLAIM)
    assert written_since(before) == ([], [])


# --- Nobody changes or removes a row ----------------------------------------------------------

def test_the_application_cannot_change_or_delete_rows(people):
    record = audit_record(actor=people.staff, action=Action.VIEWED_PROFILE,
                          subject=people.member, obj=people.member)
    record.detail = "something else"
    with pytest.raises(AuditTrailIsFixed):
        record.save()
    with pytest.raises(AuditTrailIsFixed):
        record.delete()
    with pytest.raises(AuditTrailIsFixed):
        StaffAccess.objects.filter(pk=record.pk).update(detail="x")
    with pytest.raises(AuditTrailIsFixed):
        StaffAccess.objects.filter(pk=record.pk).delete()
    with pytest.raises(AuditTrailIsFixed):
        StaffAccess.objects.all().delete()
    record = StaffAccess.objects.get(pk=record.pk)
    assert (record.detail, record.actor, record.subject) == ("", people.staff, people.member)


def test_erasure_keeps_the_rows_with_no_identity(people):
    bank_member(people.member)
    client_as(people.staff).get(reverse("people:bank_person", args=[people.member.pk]))
    person_anonymise(person=people.member)
    record = StaffAccess.objects.get(action=Action.VIEWED_PROFILE)
    assert record.subject_id == people.member.pk and record.subject.email == ""
    page = client_as(people.admin).get(reverse("people:access_log")).content.decode()
    assert "(deleted account)" in page and "member@test.example" not in page


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@postgresql_only
def test_postgresql_refuses_changes_and_deletions_in_the_database(people):
    record = audit_record(actor=people.staff, action=Action.VIEWED_PROFILE,
                          subject=people.member, obj=people.member)
    table = StaffAccess._meta.db_table
    for sql in (f"UPDATE {table} SET detail = 'x' WHERE id = %s",
                f"UPDATE {table} SET actor_id = NULL WHERE id = %s",
                f"UPDATE {table} SET subject_id = NULL, detail = 'x' WHERE id = %s",
                f"UPDATE {table} SET at = now() - interval '1 year' WHERE id = %s",
                f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(DatabaseError, match="cannot be changed or deleted"), \
                transaction.atomic():
            _raw(sql, [record.pk])
    # Even past the ORM's guard (the base manager Django uses for on_delete), the database says no.
    with pytest.raises(DatabaseError), transaction.atomic():
        StaffAccess._base_manager.filter(pk=record.pk).update(detail="x")
    assert StaffAccess.objects.get(pk=record.pk).detail == ""


def test_deleting_a_user_row_clears_only_the_subject_link(people):
    """(On PostgreSQL, the one change the trigger allows.)"""
    person = make_user("gone@test.example", "Gone Person")
    record = audit_record(actor=people.staff, action=Action.VIEWED_PROFILE, subject=person,
                          obj=person)
    person_pk = person.pk
    person.delete()  # on_delete=SET_NULL
    record = StaffAccess.objects.get(pk=record.pk)
    assert record.subject_id is None
    assert (record.actor, record.object_id) == (people.staff, str(person_pk))


@postgresql_only
def test_the_trigger_is_installed_on_postgresql(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = %s",
                       ["people_audit_trail_is_fixed"])
        assert cursor.fetchone()[0] == 1


# --- The admin's page -------------------------------------------------------------------------

def test_admins_filter_the_trail_by_action_person_and_date(people):
    audit_record(actor=people.staff, action=Action.EXPORTED, object_type="dashboard",
                 object_id="growth/levels")
    audit_record(actor=people.finance, action=Action.BATCH_PAID,
                 object_type="payments.paymentbatch", object_id="7")
    client = client_as(people.admin)
    url = reverse("people:access_log")
    everything = client.get(url).content.decode()
    assert "Dashboard growth/levels" in everything and "Payment batch 7" in everything
    by_action = client.get(url, {"action": Action.BATCH_PAID}).content.decode()
    assert "Payment batch 7" in by_action and "growth/levels" not in by_action
    by_actor = client.get(url, {"actor": people.staff.pk}).content.decode()
    assert "growth/levels" in by_actor and "Payment batch 7" not in by_actor
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    as_of = {"since_0": today.day, "since_1": today.month, "since_2": today.year}
    assert "Payment batch 7" in client.get(url, as_of).content.decode()
    later = {"since_0": tomorrow.day, "since_1": tomorrow.month, "since_2": tomorrow.year}
    assert "Nothing recorded that matches" in client.get(url, later).content.decode()
    backwards = client.get(url, {**later, "until_0": today.day, "until_1": today.month,
                                 "until_2": today.year}).content.decode()
    assert "The end date must be on or after the start date" in backwards


def test_the_admin_page_takes_the_same_few_queries_however_long_the_trail(
        people, django_assert_max_num_queries):
    staff = [make_user(f"s{n}@test.example", f"Staff {n}", is_council_staff=True)
             for n in range(5)]
    StaffAccess.objects.bulk_create([
        StaffAccess(actor=staff[n % 5], action=Action.VIEWED_PROFILE, subject=people.member,
                    object_type="people.user", object_id=str(people.member.pk))
        for n in range(120)])
    client = client_as(people.admin)
    # Session and user, the count, one page of rows with actor and subject, the "Who" list.
    with django_assert_max_num_queries(8):
        page = client.get(reverse("people:access_log"), {"actor": staff[0].pk, "page": 2})
    assert page.status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("people:access_log")).status_code == 200


def test_only_admins_open_the_trail(people):
    url = reverse("people:access_log")
    for user in (None, people.member, people.our_voice, people.staff, people.finance):
        assert client_as(user).get(url).status_code in (302, 403), user
    assert client_as(people.admin).get(url).status_code == 200


def test_django_admin_shows_the_trail_read_only(people):
    record = audit_record(actor=people.staff, action=Action.VIEWED_PROFILE,
                          subject=people.member, obj=people.member)
    client = client_as(people.admin)
    assert client.get("/django-admin/people/staffaccess/").status_code == 200
    assert client.get("/django-admin/people/staffaccess/add/").status_code == 403
    assert client.get(f"/django-admin/people/staffaccess/{record.pk}/delete/").status_code \
        == 403
    change = client.get(f"/django-admin/people/staffaccess/{record.pk}/change/")
    assert 'name="_save"' not in change.content.decode()
