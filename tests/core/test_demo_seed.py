"""The demo looks real and obeys the portal's own rules (issue 10): dates spread over eighteen
months, nobody in two places at once, no meeting on a bank holiday or at night, equality
answers in believable proportions, a long-standing Our Voice member with a history, the demo
member near (not over) a payments threshold, and every status reached through its service, so
its history says who moved it and when. The demo is loaded once for the module."""

from collections import Counter, defaultdict
from datetime import timedelta
from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from learning.models import CourseSession
from listening.models import Commitment, CommitmentUpdate, Event, Registration
from payments.models import Claim, ClaimEvent, Threshold
from people.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from people.models import Area, EqualityAnswers, Involvement, Role, RoleChange, Topic, User
from projects.models import (
    AssuranceDecision,
    AssuranceScore,
    Attendance,
    Membership,
    Project,
    Session,
    Status,
    StatusChange,
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the module (rolled back at its end), and the emails that
    loading it sent once its transaction committed."""
    from django.core import mail
    from django.test import TestCase

    uploads = tmp_path_factory.mktemp("demo-uploads")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=uploads):
        with transaction.atomic():
            try:
                mail.outbox = []
                with TestCase.captureOnCommitCallbacks(execute=True):
                    call_command("seed_demo", stdout=StringIO())
                yield SimpleNamespace(emails=list(mail.outbox))
            finally:
                transaction.set_rollback(True)


@pytest.fixture
def seeded(demo, db, media_root):
    return demo


def _busy_times():
    """Each person's booked times: meetings of the projects they are members of (from when
    they joined), meetings they attended, events they booked or attended, other activities."""
    busy = defaultdict(set)
    for membership in Membership.objects.filter(left_at__isnull=True):
        for start, end in Session.objects.filter(
                project_id=membership.project_id,
                starts_at__gte=membership.joined_at).values_list("starts_at", "ends_at"):
            busy[membership.person_id].add((start, end, f"session of {membership.project_id}"))
    for person, start, end in Attendance.objects.values_list(
            "person", "session__starts_at", "session__ends_at"):
        busy[person].add((start, end, "attended session"))
    for person, start, end, event in Registration.objects.exclude(
            status=Registration.Status.CANCELLED).filter(person__isnull=False).values_list(
            "person", "event__starts_at", "event__ends_at", "event"):
        busy[person].add((start, end, f"event {event}"))
    for person, start, hours, source in Involvement.objects.exclude(
            kind=Involvement.Kind.PROJECT).exclude(source__startswith="projects.").exclude(
            source__startswith="listening.").values_list("person", "starts_at", "hours",
                                                        "source"):
        busy[person].add((start, start + timedelta(hours=float(hours)), source))
    return busy


def test_nobody_is_booked_in_two_places_at_once(seeded):
    clashes = []
    for person, times in _busy_times().items():
        ordered = sorted({(start, end) for start, end, _what in times})
        for (start, end), (next_start, _next_end) in zip(ordered, ordered[1:], strict=False):
            if next_start < end:
                clashes.append((person, start, next_start))
    assert clashes == []
    assert sum(len(times) for times in _busy_times().values()) > 1000


def test_no_meeting_or_event_on_a_bank_holiday_a_weekend_or_at_night(seeded):
    times = [*Session.objects.values_list("starts_at", "ends_at"),
             *Event.objects.values_list("starts_at", "ends_at"),
             *CourseSession.objects.values_list("starts_at", "ends_at")]
    assert len(times) > 150 and CourseSession.objects.count() >= 6
    for start, end in times:
        start, end = timezone.localtime(start), timezone.localtime(end)
        assert (start.month, start.day) not in {(12, 25), (12, 26), (1, 1)}, start
        assert start.weekday() < 5, start
        assert start.hour >= 9 and (end.hour, end.minute) <= (21, 0), (start, end)
        assert start.date() == end.date()


def test_no_two_people_share_a_name_in_one_project(seeded):
    for project in Project.objects.all():
        names = Counter(Membership.objects.filter(project=project)
                        .values_list("person__name", flat=True))
        assert [name for name, count in names.items() if count > 1] == [], project.title


def test_history_spreads_over_more_than_a_year_not_the_day_it_was_loaded(seeded):
    now = timezone.now()
    for dates in (User.objects.filter(email__startswith="member0").values_list(
                      "date_joined", flat=True),
                  Membership.objects.values_list("joined_at", flat=True),
                  StatusChange.objects.values_list("changed_at", flat=True),
                  ClaimEvent.objects.values_list("at", flat=True)):
        dates = list(dates)
        assert max(dates) - min(dates) > timedelta(days=365)
        assert min(dates) > now - timedelta(days=560)  # about eighteen months
        today = sum(1 for d in dates if d > now - timedelta(days=1))
        assert today < len(dates) / 10
    # Memberships never start after the project's first meeting the member attended.
    for attendance in Attendance.objects.select_related("session")[:500]:
        joined = Membership.objects.get(project=attendance.session.project_id,
                                        person=attendance.person_id).joined_at
        assert joined <= attendance.session.starts_at


def test_every_status_was_reached_by_a_recorded_move(seeded):
    for project in Project.objects.filter(is_our_voice_group=False):
        moves = list(StatusChange.objects.filter(project=project).order_by("changed_at", "pk"))
        assert moves and moves[-1].to_status == project.status, project.title
        assert all(move.changed_by_id for move in moves)
        assert [m.changed_at for m in moves] == sorted(m.changed_at for m in moves)
        if project.status in (Status.RECRUITING, Status.RUNNING, Status.EVALUATING,
                              Status.CLOSED):
            assert AssuranceDecision.objects.filter(project=project).exists(), project.title
    for claim in Claim.objects.all():
        last = ClaimEvent.objects.filter(claim=claim).order_by("at", "pk").last()
        assert last.to_status == claim.status and last.by_id
    for commitment in Commitment.objects.all():
        last = CommitmentUpdate.objects.filter(commitment=commitment).order_by(
            "created_at", "pk").last()
        assert last.status == commitment.status and last.created_by_id
    assert Claim.objects.filter(status=Claim.Status.PAID).count() > 100


def test_equality_answers_look_like_a_care_population(seeded):
    answers = EqualityAnswers.objects.all()
    total = answers.count()
    assert total > 100

    def share(**match):
        return answers.filter(**match).count() / total

    assert 0.02 < share(sex="prefer_not") < 0.15
    assert 0.03 < share(sexual_orientation="prefer_not") < 0.2
    assert share(sex="female") > share(sex="male")
    assert share(age_band__in=["65_79", "80_plus"]) > 0.35
    assert share(disability="yes") > 0.4
    assert 0.7 < share(ethnicity="white") < 0.95


def test_the_our_voice_member_is_long_standing_with_a_history(seeded):
    olu = User.objects.get(email="ourvoice@example.org")
    now = timezone.now()
    assert olu.date_joined < now - timedelta(days=365)
    granted = RoleChange.objects.get(user=olu, role="our_voice", granted=True)
    assert granted.changed_at < now - timedelta(days=365) and granted.changed_by.is_service_admin
    reviews = AssuranceScore.objects.filter(reviewer=olu).values_list("scored_at", flat=True)
    assert len(reviews) >= 20 and max(reviews) - min(reviews) > timedelta(days=300)
    assert AssuranceDecision.objects.filter(decided_by=olu).count() >= 20
    group = Membership.objects.get(project__is_our_voice_group=True, person=olu)
    assert group.joined_at < now - timedelta(days=365)
    attended = Attendance.objects.filter(person=olu, session__project__is_our_voice_group=True)
    assert attended.count() >= 10
    paid = Claim.objects.filter(person=olu, status=Claim.Status.PAID).values_list(
        "paid_at", flat=True)
    assert len(paid) >= 4 and max(paid) - min(paid) > timedelta(days=180)


def test_the_demo_member_is_near_but_under_a_threshold_this_tax_year(seeded):
    from payments.selectors import person_totals
    from payments.taxyear import tax_year_bounds

    today = timezone.localdate()
    start, _end = tax_year_bounds(today)
    if today - start < timedelta(weeks=10):
        pytest.skip("The tax year began under ten weeks ago: too few working days to fill.")
    member = User.objects.get(email="member@example.org")
    threshold = Threshold.objects.get(name="HMRC trading allowance")
    totals = person_totals(member)
    warning = next(w for w in totals.warnings if w.threshold == threshold)
    assert not warning.passed
    assert threshold.amount * Decimal("0.85") <= warning.total < threshold.amount
    paid_total = sum((line.amount for claim in Claim.objects.filter(
        person=member, status=Claim.Status.PAID, activity_date__gte=start)
        for line in claim.lines.filter(category__in=["payment", "voucher"])), Decimal("0"))
    assert paid_total >= threshold.amount * Decimal("0.7")


def test_seed_demo_twice_creates_no_duplicates(seeded):
    counts = (User.objects.count(), Area.objects.count(), Topic.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (User.objects.count(), Area.objects.count(), Topic.objects.count()) == counts
    assert counts[1] >= 5 and counts[2] >= 10
    # Some people have no email address (never a made-up one), prefer a phone call or a
    # letter, and staff did things for them in several rooms.
    from people.models import StaffAccess

    assert not User.objects.filter(email__endswith=".invalid").exists()
    offline = User.objects.filter(email="", anonymised_at=None)
    assert {person.profile.preferred_channel for person in offline} == {"phone", "post"}
    done = set(StaffAccess.objects.filter(subject__in=offline, action="acted_for")
               .values_list("detail", flat=True))
    for words in ("Booked a place on", "Gave them a place on", "Answered their invitation",
                  "Started a claim for", "Updated their access needs"):
        assert any(detail.startswith(words) for detail in done), words
    assert offline.filter(retention_check__isnull=False).exists()


def test_each_demo_account_can_sign_in_with_its_role(seeded, client):
    expected = {"member": Role.MEMBER, "our voice": Role.OUR_VOICE, "staff": Role.STAFF,
                "finance": Role.FINANCE, "admin": Role.ADMIN}
    for role, email, _name in DEMO_ACCOUNTS:
        user = User.objects.get(email=email)
        assert user.has_role(expected[role])
        assert client.login(email=email, password=DEMO_PASSWORD)
        client.logout()


def test_print_demo_accounts_lists_one_per_role(db):
    out = StringIO()
    call_command("print_demo_accounts", "--port", "8123", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123" in text and DEMO_PASSWORD in text
    for _role, email, _name in DEMO_ACCOUNTS:
        assert email in text


def test_the_demo_emails_nobody(seeded):
    from people.models import Notification

    assert Notification.objects.exists()
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
    assert seeded.emails == []


def test_the_demo_keeps_the_waiting_lists_rules(seeded):
    """Nobody in the demo waits beside a free place, and the demo shows one full project and
    one full event with people waiting (seeded through the services, like real use)."""
    from listening.models import Event
    from listening.services import EventPlaces
    from projects.models import Interest, Project
    from projects.services import ProjectPlaces

    waiting_somewhere = {"project": 0, "event": 0}
    for kind, places in ([("project", ProjectPlaces(p)) for p in Project.objects.all()]
                         + [("event", EventPlaces(e)) for e in Event.objects.all()]):
        first = places.waiting().first()
        if first is not None and places.capacity() is not None:
            # The first in the queue would not fit: otherwise they should have moved up.
            needed = places.places_taken() + places.places_for(first)
            assert needed > places.capacity(), places.owner
            waiting_somewhere[kind] += 1
    assert waiting_somewhere["project"] >= 1 and waiting_somewhere["event"] >= 1
    assert Interest.objects.filter(state=Interest.State.WAITING).exists()


def test_the_demo_projects_promise_no_rate_of_their_own(seeded):
    assert not Project.objects.filter(expenses_and_payment__contains="£").exists()


def test_demo_has_claims_in_every_status_and_a_paid_batch(seeded):
    from django.db.models import F

    from payments.models import BatchItem, PaymentBatch

    statuses = set(Claim.objects.values_list("status", flat=True))
    assert statuses == set(Claim.Status.values)
    assert PaymentBatch.objects.filter(status=PaymentBatch.Status.PAID).exists()
    assert Claim.objects.exclude(made_by=F("person")).exists()  # one made by staff for them
    assert BatchItem.objects.count() == Claim.objects.filter(
        status__in=[Claim.Status.BATCHED, Claim.Status.PAID]).count()
    assert all(c.activity_date <= timezone.localdate() for c in Claim.objects.all())


def test_every_demo_claim_waiting_can_be_decided_by_a_demo_staff_account(seeded):
    from payments import rules

    staff = [User.objects.get(email=email) for role, email, _ in DEMO_ACCOUNTS
             if role == "staff"]
    assert len(staff) >= 2 and all(person.has_usable_password() for person in staff)
    waiting = Claim.objects.filter(status=Claim.Status.SUBMITTED)
    assert waiting.exists()
    for claim in waiting:
        assert any(rules.can_decide_claim(person, claim) for person in staff), claim
    # The demo's own staff account made a claim for someone: another one decides it.
    assert waiting.filter(made_by=staff[0]).exists() or Claim.objects.filter(
        made_by=staff[0]).exclude(person=staff[0]).exclude(decided_by=None).exists()
