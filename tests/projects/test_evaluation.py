"""Looking back: each person who took part answers once (answering again replaces it), only
while the project is being looked back on; staff see how many said what, not who said what."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects import selectors, services
from projects.models import Evaluation, Interest, Membership, Reflection, Status
from tests.site_rules.projects import make_project

ANSWERS = {"listened": 3, "equal": 3, "valued": 2, "understood": 3, "access_met": 1,
           "again": 3, "comment": "The tea was cold."}


@pytest.fixture
def looking_back(people):
    project = make_project(people.staff, status=Status.EVALUATING)
    Membership.objects.create(project=project, person=people.member)
    return project


@pytest.mark.django_db
def test_answering_again_replaces_the_first_answers(people, looking_back):
    services.evaluation_submit(project=looking_back, person=people.member, answers=ANSWERS)
    services.evaluation_submit(project=looking_back, person=people.member,
                               answers={**ANSWERS, "valued": 3})
    assert Evaluation.objects.get(project=looking_back).valued == 3


@pytest.mark.django_db
def test_only_people_who_took_part_give_feedback(people, looking_back, other, client_for):
    Interest.objects.create(project=looking_back, person=other)  # asked, never joined
    with pytest.raises(ValidationError):
        services.evaluation_submit(project=looking_back, person=other, answers=ANSWERS)
    url = reverse("projects:evaluation", args=[looking_back.pk])
    assert client_for(other).get(url).status_code == 404
    client_for(other).post(url, {k: str(v) for k, v in ANSWERS.items()})
    assert not Evaluation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.RUNNING, Status.CLOSED])
def test_feedback_only_while_the_project_is_looked_back_on(people, status, client_for):
    project = make_project(people.staff, status=status)
    Membership.objects.create(project=project, person=people.member)
    with pytest.raises(ValidationError):
        services.evaluation_submit(project=project, person=people.member, answers=ANSWERS)
    url = reverse("projects:evaluation", args=[project.pk])
    assert client_for(people.member).get(url).status_code == 404


@pytest.mark.django_db
def test_staff_see_how_many_said_what_not_who(people, looking_back, other, client_for):
    Membership.objects.create(project=looking_back, person=other)
    services.evaluation_submit(project=looking_back, person=people.member, answers=ANSWERS)
    services.evaluation_submit(project=looking_back, person=other,
                               answers={**ANSWERS, "access_met": 3, "comment": ""})
    summary = selectors.evaluation_summary(looking_back)
    assert summary["count"] == 2
    rows = {row["question"]: row for row in summary["rows"]}
    assert (rows["Were your access needs met?"]["yes"],
            rows["Were your access needs met?"]["no"]) == (1, 1)
    assert (rows["Did you feel valued?"]["partly"]) == 2
    assert all(set(row) == {"question", "yes", "partly", "no"} for row in summary["rows"])
    page = client_for(people.staff).get(looking_back.get_absolute_url()).content.decode()
    assert "Feedback (2)" in page and "The tea was cold." not in page


@pytest.mark.django_db
def test_the_request_for_feedback_goes_once_it_is_given(people, looking_back, client_for):
    member = client_for(people.member)
    assert "Tell us how it went" in member.get(reverse("projects:mine")).content.decode()
    member.post(reverse("projects:evaluation", args=[looking_back.pk]),
                {k: str(v) for k, v in ANSWERS.items()})
    assert Evaluation.objects.filter(person=people.member).count() == 1
    assert "Tell us how it went" not in member.get(reverse("projects:mine")).content.decode()


@pytest.mark.django_db
def test_one_staff_reflection_per_project_changed_in_place(people, looking_back):
    services.reflection_save(project=looking_back, by=people.staff, what_changed="Times.",
                             do_differently="Start earlier.")
    services.reflection_save(project=looking_back, by=people.staff, what_changed="Visit times.",
                             do_differently="Start earlier.")
    assert Reflection.objects.get(project=looking_back).what_changed == "Visit times."
