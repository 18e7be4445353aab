"""Reads for the projects room. Pages get lists built here, so templates run no queries of
their own. Fetching one object for a person is projects.access's job."""

from collections import Counter

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from people.models import AccessNeed
from projects import rules
from projects.models import (
    AssuranceComment,
    AssuranceDecision,
    AssuranceScore,
    Attendance,
    Evaluation,
    Interest,
    Membership,
    Principle,
    Project,
    Session,
    Status,
    TimeOfDay,
)


def is_member(user, project) -> bool:
    return user.is_authenticated and Membership.objects.filter(
        project=project, person=user, left_at__isnull=True).exists()


# --- The public list -------------------------------------------------------------------------

def projects_for_list(*, q="", topic=None, area=None, mode="", time="", paid="", status=""):
    """Public projects, filtered. Topic and area are tested with Exists, so no project comes
    twice and no DISTINCT is needed; members are counted by a subquery the database works out
    only for the page of projects shown (issue 13)."""
    members = (Membership.objects.filter(project=OuterRef("pk"), left_at__isnull=True,
                                         role=Membership.Role.MEMBER)
               .order_by().values("project").annotate(n=Count("pk")).values("n"))
    projects = (Project.objects.public()
                .prefetch_related("topics", "areas")
                .annotate(members=Coalesce(Subquery(members, output_field=IntegerField()),
                                           Value(0))))
    if q:
        projects = projects.filter(Q(title__icontains=q) | Q(summary__icontains=q)
                                   | Q(aims__icontains=q) | Q(problem__icontains=q))
    if topic:
        projects = projects.filter(Exists(Project.topics.through.objects.filter(
            project=OuterRef("pk"), topic=topic)))
    if area:
        projects = projects.filter(Exists(Project.areas.through.objects.filter(
            project=OuterRef("pk"), area=area)))
    if mode == "online":
        projects = projects.filter(online=True)
    elif mode == "in_person":
        projects = projects.filter(in_person=True)
    if time:
        projects = projects.filter(time_of_day__in=[time, TimeOfDay.BOTH])
    if paid == "yes":
        projects = projects.filter(paid=True)
    elif paid == "no":
        projects = projects.filter(paid=False)
    if status:
        projects = projects.filter(status=status)
    else:
        # Those looking for people first.
        projects = projects.annotate(recruiting_first=Case(
            When(status=Status.RECRUITING, then=Value(0)), default=Value(1),
            output_field=IntegerField())).order_by("recruiting_first", "-starts_on", "title")
    return projects


# --- The project page ------------------------------------------------------------------------

def project_page(project: Project, user) -> dict:
    """Everything the project page shows, in a fixed number of queries."""
    from projects.services import places_left

    signed_in = user.is_authenticated
    membership = interest = None
    if signed_in:
        membership = Membership.objects.filter(project=project, person=user).first()
        interest = Interest.objects.filter(project=project, person=user).first()
    member = membership is not None and membership.active
    can_run = rules.can_run(user, project)
    sees_private = rules.can_see_members_only(user, project, member)
    now = timezone.now()
    sessions = list(project.sessions.all())
    updates = list(project.updates.all() if (member or can_run)
                   else project.updates.filter(public=True))
    context = {
        "project": project,
        "topics": list(project.topics.all()),
        "areas": list(project.areas.all()),
        "membership": membership if member else None,
        "interest": interest,
        "is_member": member,
        "can_run": can_run,
        "can_edit": rules.can_edit(user, project),
        "can_express_interest": project.status == Status.RECRUITING,
        "sees_private": sees_private,
        "sees_assurance": rules.can_see_assurance(user, project),
        "upcoming_sessions": [s for s in sessions if s.ends_at >= now],
        "past_sessions": [s for s in sessions if s.ends_at < now],
        "updates": updates,
        "places_left": places_left(project),
        "evaluation_open": member and project.status == Status.EVALUATING,
        "has_certificate": member and bool(attended_project_ids(user, [project])),
    }
    if can_run:
        context["members"] = list(Membership.objects.filter(
            project=project, left_at__isnull=True).select_related("person"))
        context["interest_counts"] = dict(
            Interest.objects.filter(project=project).values_list("state")
            .annotate(n=Count("id")).values_list("state", "n"))
        context["evaluation_summary"] = evaluation_summary(project)
    return context


def evaluation_summary(project) -> dict:
    """How many said yes / partly / no to each question."""
    evaluations = list(Evaluation.objects.filter(project=project)
                       .values(*Evaluation.QUESTIONS))
    rows = []
    for field in Evaluation.QUESTIONS:
        counts = Counter(e[field] for e in evaluations)
        rows.append({"question": Evaluation._meta.get_field(field).verbose_name,
                     "yes": counts[3], "partly": counts[2], "no": counts[1]})
    return {"count": len(evaluations), "rows": rows}


def assurance_page(project) -> dict:
    scores = list(AssuranceScore.objects.filter(project=project).select_related("reviewer"))
    averages = []
    for principle in Principle:
        values = [getattr(s, principle.value) for s in scores]
        averages.append({"principle": principle.label,
                         "average": round(sum(values) / len(values), 1) if values else None})
    return {
        "scores": scores,
        "averages": averages,
        "comments": list(AssuranceComment.objects.filter(project=project)
                         .select_related("author", "replied_by")),
        "decisions": list(AssuranceDecision.objects.filter(project=project)
                          .select_related("decided_by")),
    }


def review_queue():
    return (Project.objects.in_review().select_related("staff_co_chair")
            .annotate(comment_count=Count("comments", distinct=True),
                      score_count=Count("scores", distinct=True))
            .order_by("created_at"))


def interest_for_review(project) -> list[Interest]:
    """Each expression of interest with the person's fair-spread count."""
    interests = list(Interest.objects.filter(project=project).select_related("person"))
    for item in interests:
        item.recent_involvements = item.person.recent_involvements
    return interests


def session_page(session, user) -> dict:
    project = session.project
    can_run = rules.can_run(user, project)
    context = {"session": session, "project": project, "can_run": can_run}
    if can_run:
        memberships = list(Membership.objects.filter(project=project, left_at__isnull=True)
                           .select_related("person"))
        counts = Counter(need for m in memberships for need in m.needs)
        context["checklist"] = [
            {"value": need.value, "label": need.label, "needed": counts[need.value],
             "arranged": need.value in session.arranged}
            for need in AccessNeed]
        context["other_needs"] = [m.access_needs for m in memberships if m.access_needs]
        attended = dict(Attendance.objects.filter(session=session)
                        .values_list("person_id", "hours"))
        context["attendance"] = [{"person": m.person, "hours": attended.get(m.person_id)}
                                 for m in memberships]
    return context


def projects_to_join_for(person):
    """Projects looking for people that `person` has not got a place on (staff register
    their interest from the people bank)."""
    placed = Interest.objects.filter(person=person, state=Interest.State.ACCEPTED)
    member_of = Membership.objects.filter(person=person, left_at__isnull=True)
    return (Project.objects.filter(status=Status.RECRUITING)
            .exclude(pk__in=placed.values("project_id"))
            .exclude(pk__in=member_of.values("project_id")).order_by("title", "pk"))


def my_projects(user) -> dict:
    memberships = list(Membership.objects.filter(person=user).select_related("project")
                       .order_by("-joined_at"))
    project_ids = [m.project_id for m in memberships if m.active]
    interests = list(Interest.objects.filter(person=user).exclude(
        state=Interest.State.ACCEPTED).select_related("project"))
    sessions = list(Session.objects.filter(project_id__in=project_ids,
                                           ends_at__gte=timezone.now())
                    .select_related("project")[:10])
    evaluated = set(Evaluation.objects.filter(person=user).values_list("project_id", flat=True))
    feedback_requests = [m.project for m in memberships
                         if m.project.status == Status.EVALUATING
                         and m.project_id not in evaluated]
    certified = attended_project_ids(user, [m.project_id for m in memberships])
    for membership in memberships:
        membership.has_certificate = membership.project_id in certified
    return {"memberships": memberships, "interests": interests, "sessions": sessions,
            "feedback_requests": feedback_requests}


def sessions_for_feed(person) -> list[Session]:
    return list(Session.objects.filter(
        project__memberships__person=person, project__memberships__left_at__isnull=True)
        .select_related("project").order_by("starts_at"))


def attended_project_ids(user, projects=None) -> set[int]:
    """The projects this person came to at least one meeting of: the ones a certificate of
    involvement can be given for."""
    attendance = Attendance.objects.filter(person=user)
    if projects is not None:
        attendance = attendance.filter(session__project__in=projects)
    return set(attendance.values_list("session__project_id", flat=True).distinct())


def certificate(project, person) -> dict | None:
    """What a certificate of involvement says: the meetings the person came to, their hours,
    and the dates of the first and last. None when there is nothing to certify (someone who
    only asked to join, or joined and has not come to a meeting yet)."""
    membership = Membership.objects.filter(project=project, person=person).first()
    if membership is None:
        return None
    attended = Attendance.objects.filter(session__project=project, person=person).aggregate(
        hours=Sum("hours"), sessions=Count("id"), first=Min("session__starts_at"),
        last=Max("session__starts_at"))
    if not attended["sessions"]:
        return None
    return {"project": project, "person": person, "membership": membership,
            "hours": attended["hours"], "hours_text": f"{attended['hours'].normalize():f}",
            "sessions": attended["sessions"],
            "first_day": timezone.localdate(attended["first"]),
            "last_day": timezone.localdate(attended["last"]),
            "issued_on": timezone.localdate()}


def projects_led_by(user):
    return (Project.objects.filter(Q(staff_co_chair=user) | Q(lived_experience_co_chair=user))
            .exclude(status__in=[Status.CLOSED, Status.WITHDRAWN])
            .annotate(pending=Count("interests", filter=Q(
                interests__state=Interest.State.PENDING)))
            .order_by("starts_on"))
