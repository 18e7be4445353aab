"""Our Voice assurance: only Our Voice score, comment and decide, and only while a plan is in
review; one set of scores per reviewer; staff answer comments; the public sees the outcome only
once there is one."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from projects import selectors, services
from projects.models import (
    Assurance,
    AssuranceComment,
    AssuranceDecision,
    AssuranceScore,
    Principle,
    Project,
    Status,
)
from tests.conftest import make_user
from tests.site_rules.projects import make_project

ALL_FOURS = {p.value: 4 for p in Principle}


@pytest.fixture
def plan(people):
    return make_project(people.staff, status=Status.IN_REVIEW, title="Easy-read letters")


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.DRAFT, Status.RECRUITING, Status.CLOSED])
def test_scores_comments_and_decisions_only_while_in_review(people, status):
    project = make_project(people.staff, status=status)
    with pytest.raises(ValidationError):
        services.assurance_score_save(project=project, reviewer=people.our_voice,
                                      scores=ALL_FOURS)
    with pytest.raises(ValidationError):
        services.assurance_comment_add(project=project, author=people.our_voice, body="Hm?")
    with pytest.raises(ValidationError):
        services.assurance_decide(project=project, by=people.our_voice,
                                  decision=Assurance.ASSURED)
    assert not AssuranceScore.objects.exists() and not AssuranceComment.objects.exists()
    assert not AssuranceDecision.objects.exists()


@pytest.mark.django_db
def test_one_set_of_scores_per_reviewer_scoring_again_replaces_it(people, plan):
    services.assurance_score_save(project=plan, reviewer=people.our_voice, scores=ALL_FOURS)
    services.assurance_score_save(project=plan, reviewer=people.our_voice,
                                  scores={**ALL_FOURS, "honest": 2})
    score = AssuranceScore.objects.get(project=plan)
    assert (score.honest, score.skills) == (2, 4)


@pytest.mark.django_db
def test_the_averages_count_each_reviewer_once(people, plan):
    second = make_user("ov2@test.example", "Omar Voice", is_our_voice=True)
    services.assurance_score_save(project=plan, reviewer=people.our_voice,
                                  scores={**ALL_FOURS, "skills": 5})
    services.assurance_score_save(project=plan, reviewer=second,
                                  scores={**ALL_FOURS, "skills": 2})
    services.assurance_score_save(project=plan, reviewer=second,
                                  scores={**ALL_FOURS, "skills": 3})
    averages = {row["principle"]: row["average"]
                for row in selectors.assurance_page(plan)["averages"]}
    assert averages[Principle.SKILLS.label] == 4.0
    assert averages[Principle.HONEST.label] == 4.0


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["assurance_score", "assurance_comment", "assurance_decision"])
def test_only_our_voice_score_comment_and_decide(people, plan, client_for, page):
    url = reverse(f"projects:{page}", args=[plan.pk])
    for user in (people.member, people.staff, people.finance, people.admin):
        assert client_for(user).get(url).status_code == 403
        client_for(user).post(url, {**ALL_FOURS, "body": "Mine", "decision": "assured"})
    assert client_for(people.our_voice).get(url).status_code == 200
    assert not AssuranceScore.objects.exists() and not AssuranceComment.objects.exists()
    assert not AssuranceDecision.objects.exists()
    assert Project.objects.get(pk=plan.pk).assurance == ""


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["member", "staff", "admin"])
def test_the_services_themselves_accept_only_our_voice(people, plan, who):
    user = getattr(people, who)
    with pytest.raises(PermissionDenied):
        services.assurance_score_save(project=plan, reviewer=user, scores=ALL_FOURS)
    with pytest.raises(PermissionDenied):
        services.assurance_comment_add(project=plan, author=user, body="Mine")
    with pytest.raises(PermissionDenied):
        services.assurance_decide(project=plan, by=user, decision=Assurance.ASSURED)
    assert Project.objects.get(pk=plan.pk).assurance == ""
    assert not AssuranceDecision.objects.exists() and not AssuranceScore.objects.exists()


@pytest.mark.django_db
def test_only_staff_answer_comments_even_through_the_service(people, plan):
    comment = services.assurance_comment_add(project=plan, author=people.our_voice,
                                             body="Who checks the letters?")
    with pytest.raises(PermissionDenied):
        services.assurance_reply(comment=comment, by=people.our_voice, reply="We do.")
    assert AssuranceComment.objects.get(pk=comment.pk).reply == ""


@pytest.mark.django_db
@pytest.mark.parametrize("decision", [Assurance.SUGGESTIONS, Assurance.NOT_YET])
def test_a_decision_other_than_assured_needs_reasons(people, plan, decision):
    with pytest.raises(ValidationError) as refused:
        services.assurance_decide(project=plan, by=people.our_voice, decision=decision,
                                  reasons="  ")
    assert "reasons" in refused.value.error_dict
    assert Project.objects.get(pk=plan.pk).assurance == ""
    services.assurance_decide(project=plan, by=people.our_voice, decision=decision,
                              reasons="Send the papers a week ahead.")
    assert Project.objects.get(pk=plan.pk).assurance == decision


@pytest.mark.django_db
def test_a_decision_after_the_plan_changed_is_the_one_that_stands(people, plan, client_for):
    services.assurance_decide(project=plan, by=people.our_voice, decision=Assurance.NOT_YET,
                              reasons="Nobody with lived experience is chairing it.")
    plan = services.project_move(project=plan, to=Status.DRAFT, by=people.staff)
    plan.lived_experience_co_chair = make_user("chair@test.example", "Cora Chair")
    services.project_save(project=plan, by=people.staff)
    plan = services.project_move(project=plan, to=Status.IN_REVIEW, by=people.staff)
    services.assurance_decide(project=plan, by=people.our_voice, decision=Assurance.ASSURED)
    assert Project.objects.get(pk=plan.pk).assurance == Assurance.ASSURED
    assert list(AssuranceDecision.objects.filter(project=plan).values_list(
        "decision", flat=True)) == [Assurance.NOT_YET, Assurance.ASSURED]
    page = client_for(people.staff).get(reverse("projects:assurance", args=[plan.pk]))
    assert "Nobody with lived experience is chairing it." in page.content.decode()


@pytest.mark.django_db
def test_staff_answer_comments_and_the_answer_says_who_and_when(people, plan, client_for):
    comment = services.assurance_comment_add(project=plan, author=people.our_voice,
                                             body="Who checks the letters?")
    url = reverse("projects:assurance_reply", args=[comment.pk])
    assert client_for(people.our_voice).get(url).status_code == 403
    client_for(people.staff).post(url, {"reply": "A reading group of members."})
    comment.refresh_from_db()
    assert comment.reply == "A reading group of members."
    assert comment.replied_by == people.staff and comment.replied_at is not None


@pytest.mark.django_db
def test_nobody_answers_comments_on_a_plan_back_in_draft(people, plan, client_for):
    comment = AssuranceComment.objects.create(project=plan, author=people.our_voice,
                                              body="Who checks the letters?")
    Project.objects.filter(pk=plan.pk).update(status=Status.DRAFT)
    url = reverse("projects:assurance_reply", args=[comment.pk])
    assert client_for(people.staff).get(url).status_code == 404


@pytest.mark.django_db
def test_the_outcome_is_shown_only_once_our_voice_have_decided(people, plan, client_for):
    services.assurance_comment_add(project=plan, author=people.our_voice, body="Looks good.")
    services.assurance_score_save(project=plan, reviewer=people.our_voice, scores=ALL_FOURS)
    before = client_for(people.our_voice).get(plan.get_absolute_url()).content.decode()
    assert "Our Voice, the group of people with lived experience who check our plans" \
        not in before
    services.assurance_decide(project=plan, by=people.our_voice,
                              decision=Assurance.SUGGESTIONS, reasons="Add an easy-read page.")
    plan = services.project_move(project=plan, to=Status.RECRUITING, by=people.staff)
    public = client_for(None).get(plan.get_absolute_url()).content.decode()
    assert "Assured with suggestions" in public
    # The conversation itself stays between Our Voice and staff.
    assert "Looks good." not in public
    url = reverse("projects:assurance", args=[plan.pk])
    assert client_for(people.member).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


@pytest.mark.django_db
def test_the_review_queue_lists_plans_in_review_only(people, plan, client_for):
    make_project(people.staff, status=Status.DRAFT, title="A draft nobody should see")
    make_project(people.staff, status=Status.RECRUITING, title="Already recruiting")
    page = client_for(people.our_voice).get(reverse("projects:review_queue")).content.decode()
    assert "Easy-read letters" in page
    assert "A draft nobody should see" not in page and "Already recruiting" not in page


@pytest.mark.django_db
def test_the_scoring_page_shows_the_plan_and_says_what_each_point_means(people, plan,
                                                                         client_for):
    page = client_for(people.our_voice).get(
        reverse("projects:assurance_score", args=[plan.pk])).content.decode()
    assert plan.problem in page and plan.out_of_scope in page
    for words in ("does not show this yet", "shows a little of this", "shows some of this",
                  "shows most of this", "shows this well"):
        assert words in page


@pytest.mark.django_db
def test_the_scoring_page_starts_from_the_reviewers_own_earlier_scores(people, plan,
                                                                        client_for):
    services.assurance_score_save(project=plan, reviewer=people.our_voice,
                                  scores={**ALL_FOURS, "language": 2})
    other = make_user("ov2@test.example", "Omar Voice", is_our_voice=True)
    mine = client_for(people.our_voice).get(
        reverse("projects:assurance_score", args=[plan.pk])).content.decode()
    theirs = client_for(other).get(
        reverse("projects:assurance_score", args=[plan.pk])).content.decode()
    ticked = re.compile(r'name="(\w+)"[^>]*value="(\d)"\s*checked')
    assert dict(ticked.findall(mine)) == {**{p: "4" for p in ALL_FOURS}, "language": "2"}
    assert ticked.findall(theirs) == []
