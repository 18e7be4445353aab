"""The scale generator and the page benchmark (issue 13) run end to end at the tiny size:
every page the benchmark lists answers as its role expects, and the crowd has the shape the
generator promises. Timing is left to the benchmark itself; nothing here is timed."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from coproduction.management.commands.generate_scale import MARKER, SIZES, copy_rows
from listening.models import Commitment, FeedbackItem
from payments.models import Claim
from people.models import Involvement, MemberProfile, User
from people.services import recent_involvements_refresh
from projects.models import Project
from tests.at_once import postgresql_only


@pytest.fixture
def tiny(db):
    out = StringIO()
    call_command("generate_scale", "--size", "tiny", stdout=out)
    return out.getvalue()


def test_the_tiny_crowd_has_the_promised_shape(tiny):
    size = SIZES["tiny"]
    assert User.objects.filter(email__startswith=MARKER).count() == size.people + size.staff
    assert Project.objects.count() == size.projects
    assert FeedbackItem.objects.count() == size.feedback
    assert Commitment.objects.count() == size.commitments
    assert Claim.objects.count() == size.claims
    # Claims are for things that happened, one live claim each; most feedback has a theme.
    assert not Claim.objects.filter(involvement__isnull=True).exists()
    assert FeedbackItem.objects.filter(themes__isnull=True).count() < size.feedback // 10
    assert Involvement.objects.filter(kind=Involvement.Kind.EVENT).exists()
    # The people bank's stored fair-spread counts are filled, as the services would keep them.
    assert User.objects.filter(recent_involvements__gt=0).exists()
    assert recent_involvements_refresh() == 0
    assert "Done: tiny size." in tiny


def test_a_second_crowd_is_refused(tiny):
    with pytest.raises(CommandError, match="already holds"):
        call_command("generate_scale", "--size", "tiny", stdout=StringIO())


def test_the_benchmark_measures_every_page_without_an_error(tiny):
    out = StringIO()
    call_command("benchmark_pages", "--repeat", "1", "--no-pdf", stdout=out)
    rows = [line.split() for line in out.getvalue().splitlines()]
    statuses = [row for row in rows if any(code in row for code in ("200", "302", "403",
                                                                    "404", "500", "503"))]
    assert len(statuses) > 45
    # Every page answers 200 as the role that uses it: the benchmark signs in correctly.
    assert all("200" in row for row in statuses), [r for r in statuses if "200" not in r]
    assert "baseline: trivial template page" in out.getvalue()


@postgresql_only
@pytest.mark.django_db
def test_copy_stores_rows_as_the_orm_would_and_gives_them_ids():
    """The generator's COPY path (PostgreSQL): ids from the sequence, set on the instances,
    and each value (choice lists, decimals, dates, defaults) stored as save() would."""
    people = copy_rows(User, [User(email=f"{MARKER}copy{n}@example.org", name=f"Copy {n}")
                              for n in range(3)])
    assert [p.pk for p in people] == sorted(p.pk for p in people)
    assert all(not p._state.adding for p in people)
    copy_rows(MemberProfile, [MemberProfile(user=people[0], formats=["easy_read", "bsl"])])
    now = timezone.now()
    (involvement,) = copy_rows(Involvement, [Involvement(
        person=people[1], kind="event", activity_key="event:1", activity_title="Forum",
        title="Forum", starts_at=now, hours=Decimal("2.50"), source="copy:1")])
    saved = Involvement.objects.get(pk=involvement.pk)
    assert (saved.person, saved.starts_at, saved.hours) == (people[1], now, Decimal("2.50"))
    assert MemberProfile.objects.get(user=people[0]).formats == ["easy_read", "bsl"]
    assert User.objects.get(pk=people[2].pk).is_partner is False
    after = User.objects.create(email=f"{MARKER}after@example.org")  # the sequence moved on
    assert after.pk > people[2].pk


@postgresql_only
def test_the_generator_runs_with_a_workers_statement_timeout(tiny):
    """Its single COPY statements take longer than a web request may (10 s)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "10min"
