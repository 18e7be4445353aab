"""Object-level rules, role by role."""

import pytest

from projects import rules
from projects.models import Status
from tests.conftest import make_user
from tests.site_rules.projects import make_project


@pytest.mark.django_db
def test_who_sees_a_project_in_each_status(people):
    for status in Status:
        project = make_project(people.staff, status=status, title=f"P {status}")
        public = status in (Status.RECRUITING, Status.RUNNING, Status.EVALUATING,
                            Status.CLOSED)
        assert rules.can_view(None, project) is public or False
        assert rules.can_view(people.staff, project)
        assert rules.can_view(people.our_voice, project) is (public or
                                                             status == Status.IN_REVIEW)
        assert rules.can_view(people.member, project) is public


@pytest.mark.django_db
def test_lived_experience_co_chair_runs_but_does_not_edit(people):
    chair = make_user("chair@test.example")
    project = make_project(people.staff, status=Status.DRAFT, lived_experience_co_chair=chair)
    assert rules.can_view(chair, project)
    assert rules.can_run(chair, project)
    assert not rules.can_edit(chair, project)
    assert not rules.can_run(people.member, project)


@pytest.mark.django_db
def test_only_our_voice_assure_and_only_while_in_review(people):
    project = make_project(people.staff, status=Status.IN_REVIEW)
    assert rules.can_assure(people.our_voice, project)
    assert not rules.can_assure(people.staff, project)
    project.status = Status.RECRUITING
    assert not rules.can_assure(people.our_voice, project)
    assert rules.can_see_assurance(people.our_voice, project)
    assert not rules.can_see_assurance(people.member, project)
