"""The scale generator and the page benchmark (issue 13) run end to end at the tiny size:
every page the benchmark lists answers as its role expects, and the crowd has the shape the
generator promises. Timing is left to the benchmark itself; nothing here is timed."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from coproduction.management.commands.generate_scale import MARKER, SIZES
from listening.models import Commitment, FeedbackItem
from payments.models import Claim
from people.models import Involvement, User
from projects.models import Project


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
