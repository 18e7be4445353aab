from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from payments.calculation import ClaimValues, ExpenseEntry
from payments.demo import seed_policy, tiny_png
from payments.models import ActivityType, ExpenseType, VoucherOption
from payments.services import claim_create
from people.models import Involvement
from people.services import involvement_record
from tests.conftest import make_user


@pytest.fixture
def policy(db):
    """The demo policy: Meeting £15 an hour (£16 from 6 April 2026), mileage 45p, meals capped
    at £10, interview panel £60 a half day of 4 hours, speaking £50 fixed, vouchers of £10."""
    seed_policy()
    return {
        "meeting": ActivityType.objects.get(name="Meeting"),
        "panel": ActivityType.objects.get(name="Interview panel"),
        "speaking": ActivityType.objects.get(name="Speaking at an event"),
        "training": ActivityType.objects.get(name="Training"),
        "mileage": ExpenseType.objects.get(name="Mileage"),
        "bus": ExpenseType.objects.get(name="Bus or train fares"),
        "taxi": ExpenseType.objects.get(name="Taxi"),
        "meals": ExpenseType.objects.get(name="Meals and drinks"),
        "gift": VoucherOption.objects.get(name="High street gift card"),
    }


_counter = iter(range(1, 1_000_000))


def make_involvement(person, *, when=None, hours="2"):
    number = next(_counter)
    when = when or timezone.now() - timedelta(days=1)
    if not isinstance(when, datetime):
        when = timezone.make_aware(datetime(when.year, when.month, when.day, 11))
    return involvement_record(
        person=person, kind=Involvement.Kind.PROJECT_SESSION, activity_key="test:1",
        activity_title="Carers strategy group", title=f"Meeting {number}",
        starts_at=when, hours=Decimal(hours), source=f"tests.payments:{number}")


@pytest.fixture
def involvement(member):
    return make_involvement(member)


def png(name="receipt.png"):
    return SimpleUploadedFile(name, tiny_png(), "image/png")


def make_claim(person, policy, *, by=None, when=None, hours="2", miles=None, submit=True,
               **values):
    values.setdefault("activity_type", policy["meeting"])
    values.setdefault("hours", Decimal(hours))
    if miles:
        values["expenses"] = [ExpenseEntry(expense_type=policy["mileage"], miles=Decimal(miles))]
    return claim_create(involvement=make_involvement(person, when=when, hours=hours),
                        made_by=by or person, values=ClaimValues(**values), submit=submit)


@pytest.fixture
def another_member(db):
    return make_user("another@test.example", "Ann Other")


@pytest.fixture
def second_staff(db):
    return make_user("staff2@test.example", "Stan Staff", second_factor=True,
                     is_council_staff=True)


@pytest.fixture
def finance_user(people):
    return people.finance
