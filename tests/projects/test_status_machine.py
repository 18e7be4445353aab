"""The life of a project: draft → in review → recruiting → running → evaluating → closed, or
withdrawn before it is looked back on. Who may move it, what each move records, and what each
move needs first."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from people.models import Notification
from projects import services
from projects.models import Assurance, Interest, Membership, Project, Status, StatusChange
from tests.conftest import make_user
from tests.site_rules.projects import make_project

S = Status
# The rule, written out here rather than read from the code it tests.
ALLOWED = {
    S.DRAFT: {S.IN_REVIEW, S.WITHDRAWN},
    S.IN_REVIEW: {S.DRAFT, S.RECRUITING, S.WITHDRAWN},
    S.RECRUITING: {S.RUNNING, S.WITHDRAWN},
    S.RUNNING: {S.EVALUATING, S.WITHDRAWN},
    S.EVALUATING: {S.CLOSED},
    S.CLOSED: set(),
    S.WITHDRAWN: set(),
}
MOVES = [(a, b) for a in S for b in S if b in ALLOWED[a]]
REFUSED = [(a, b) for a in S for b in S if b not in ALLOWED[a]]


def _assured(staff, status):
    return make_project(staff, status=status, assurance=Assurance.ASSURED)


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "to"), MOVES)
def test_each_allowed_move_is_made_and_recorded_with_who_made_it(people, start, to):
    project = _assured(people.staff, start)
    services.project_move(project=project, to=to, by=people.staff,
                          outcome_summary="Visits now fit people's days.")
    project.refresh_from_db()
    assert project.status == to
    change = StatusChange.objects.get(project=project)
    assert (change.from_status, change.to_status, change.changed_by) == (start, to, people.staff)


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "to"), REFUSED)
def test_each_other_move_is_refused_and_changes_nothing(people, start, to):
    project = _assured(people.staff, start)
    with pytest.raises(ValidationError):
        services.project_move(project=project, to=to, by=people.staff,
                              outcome_summary="Something changed.")
    project.refresh_from_db()
    assert project.status == start
    assert not StatusChange.objects.filter(project=project).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("assurance", ["", Assurance.NOT_YET])
def test_recruiting_needs_our_voice_to_have_assured_the_plan(people, assurance):
    project = make_project(people.staff, status=S.IN_REVIEW, assurance=assurance)
    with pytest.raises(ValidationError, match="Our Voice must assure the plan"):
        services.project_move(project=project, to=S.RECRUITING, by=people.staff)
    project.refresh_from_db()
    assert project.status == S.IN_REVIEW


@pytest.mark.django_db
def test_assured_with_suggestions_is_enough_to_recruit(people):
    project = make_project(people.staff, status=S.IN_REVIEW, assurance=Assurance.SUGGESTIONS)
    services.project_move(project=project, to=S.RECRUITING, by=people.staff)
    assert Project.objects.get(pk=project.pk).status == S.RECRUITING


@pytest.mark.django_db
@pytest.mark.parametrize("outcome", ["", "   \n "])
def test_closing_needs_an_outcome(people, outcome):
    project = make_project(people.staff, status=S.EVALUATING)
    with pytest.raises(ValidationError) as refused:
        services.project_move(project=project, to=S.CLOSED, by=people.staff,
                              outcome_summary=outcome)
    assert "outcome_summary" in refused.value.error_dict
    assert Project.objects.get(pk=project.pk).status == S.EVALUATING


@pytest.mark.django_db
def test_the_outcome_given_when_closing_is_kept_and_shown_to_everyone(people, client_for):
    project = make_project(people.staff, status=S.EVALUATING)
    services.project_move(project=project, to=S.CLOSED, by=people.staff,
                          outcome_summary="Carers can book a break online.")
    assert Project.objects.get(pk=project.pk).outcome_summary == (
        "Carers can book a break online.")
    page = client_for(None).get(project.get_absolute_url()).content.decode()
    assert "Carers can book a break online." in page


@pytest.mark.django_db
def test_going_back_to_draft_means_our_voice_must_assure_the_changed_plan(people):
    project = make_project(people.staff, status=S.IN_REVIEW, assurance=Assurance.ASSURED)
    project = services.project_move(project=project, to=S.DRAFT, by=people.staff)
    project.title = "Better short breaks, with a new plan"
    services.project_save(project=project, by=people.staff)
    services.project_move(project=project, to=S.IN_REVIEW, by=people.staff)
    with pytest.raises(ValidationError, match="Our Voice must assure"):
        services.project_move(project=project, to=S.RECRUITING, by=people.staff)
    assert Project.objects.get(pk=project.pk).assurance == ""


@pytest.mark.django_db
def test_saving_details_never_changes_the_status_or_the_assurance(people):
    project = make_project(people.staff, status=S.IN_REVIEW, assurance=Assurance.ASSURED)
    stale = Project.objects.get(pk=project.pk)  # e.g. loaded before the move below
    services.project_move(project=project, to=S.RECRUITING, by=people.staff)
    stale.title = "A clearer title"
    stale.assurance = Assurance.NOT_YET
    services.project_save(project=stale, by=people.staff)
    project.refresh_from_db()
    assert (project.title, project.status, project.assurance) == (
        "A clearer title", S.RECRUITING, Assurance.ASSURED)


@pytest.mark.django_db
def test_a_new_project_starts_as_a_draft_and_its_history_says_who_began_it(people):
    project = make_project(people.staff, status=S.DRAFT)
    project = Project(**{f.name: getattr(project, f.name) for f in Project._meta.concrete_fields
                         if f.name not in ("id", "status")})
    project.title = "A second project"
    services.project_save(project=project, by=people.staff)
    assert project.status == S.DRAFT
    first = StatusChange.objects.get(project=project)
    assert (first.to_status, first.changed_by) == (S.DRAFT, people.staff)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "our_voice", "co_chair"])
def test_only_staff_may_change_the_status(people, client_for, who):
    chair = make_user("chair@test.example", "Cora Chair")
    project = make_project(people.staff, status=S.RUNNING, lived_experience_co_chair=chair)
    user = chair if who == "co_chair" else getattr(people, who)
    url = reverse("projects:status", args=[project.pk])
    assert client_for(user).get(url).status_code == 403
    client_for(user).post(url, {"to": "evaluating"})
    assert Project.objects.get(pk=project.pk).status == S.RUNNING
    assert client_for(people.staff).get(url).status_code == 200


@pytest.mark.django_db
def test_the_service_itself_refuses_a_move_by_anyone_but_staff(people):
    chair = make_user("chair@test.example", "Cora Chair")
    project = make_project(people.staff, status=S.RUNNING, lived_experience_co_chair=chair)
    for user in (chair, people.our_voice, people.member):
        with pytest.raises(PermissionDenied):
            services.project_move(project=project, to=S.EVALUATING, by=user)
    assert Project.objects.get(pk=project.pk).status == S.RUNNING
    assert not StatusChange.objects.exists()


@pytest.mark.django_db
def test_the_status_page_offers_only_the_allowed_moves(people, client_for):
    project = make_project(people.staff, status=S.RECRUITING)
    staff = client_for(people.staff)
    url = reverse("projects:status", args=[project.pk])
    page = staff.get(url).content.decode()
    assert 'value="running"' in page and 'value="withdrawn"' in page
    assert 'value="closed"' not in page and 'value="draft"' not in page
    response = staff.post(url, {"to": "closed", "outcome_summary": "Done."})
    assert "govuk-error-summary" in response.content.decode()
    assert Project.objects.get(pk=project.pk).status == S.RECRUITING


@pytest.mark.django_db
def test_looking_back_asks_each_person_who_took_part_once(people, other):
    chair = make_user("chair@test.example", "Cora Chair")
    project = make_project(people.staff, status=S.RUNNING, lived_experience_co_chair=chair)
    services.project_save(project=project, by=people.staff)  # the co-chair's membership
    Membership.objects.create(project=project, person=people.member)
    Interest.objects.create(project=project, person=other)  # only asked to join
    services.project_move(project=project, to=S.EVALUATING, by=people.staff)
    asked = Notification.objects.filter(dedupe_key=f"project:{project.pk}:evaluation")
    assert sorted(asked.values_list("person", flat=True)) == sorted([people.member.pk,
                                                                      chair.pk])
    assert all(n.url == reverse("projects:evaluation", args=[project.pk]) for n in asked)
