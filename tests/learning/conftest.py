from datetime import timedelta

import pytest
from django.utils import timezone

from learning.models import Audience, Course, CourseSession
from tests.conftest import make_user


def make_course(*, title="Being a co-chair", audience=Audience.MEMBERS, **extra):
    return Course.objects.create(
        title=title, audience=audience, summary="For members who will co-chair a group.",
        what_you_will_learn="How to plan a meeting\nHow to make sure everyone can speak",
        easy_read_summary="A co-chair helps run meetings.", **extra)


def make_session(course, *, days=7, hours=3, capacity=10):
    starts = timezone.now() + timedelta(days=days)
    return CourseSession.objects.create(course=course, starts_at=starts,
                                        ends_at=starts + timedelta(hours=hours),
                                        venue="Carrow Centre", capacity=capacity)


@pytest.fixture
def course(db):
    return make_course()


@pytest.fixture
def upcoming(course):
    return make_session(course)


@pytest.fixture
def past(course):
    return make_session(course, days=-14)


@pytest.fixture
def others(db):
    return [make_user(f"learner{n}@test.example", f"Learner {n}") for n in range(3)]
