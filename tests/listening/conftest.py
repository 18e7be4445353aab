from datetime import timedelta

import pytest
from django.utils import timezone

from listening.models import Event, EventKind
from listening.services import event_save


def make_event(staff, *, days=7, capacity=None, title="Listening space: home care", **fields):
    start = timezone.now() + timedelta(days=days)
    return event_save(event=Event(
        kind=EventKind.objects.get_or_create(
            slug="listening-space", defaults={"name": "Listening space"})[0], title=title,
        description="Tell us about home care.", host=staff, starts_at=start,
        ends_at=start + timedelta(hours=2), venue="Ashby Vale Library", capacity=capacity,
        **fields), saved_by=staff)


@pytest.fixture
def event(staff):
    return make_event(staff, capacity=2)


@pytest.fixture
def past_event(staff):
    return make_event(staff, days=-7, title="Carers' forum")
