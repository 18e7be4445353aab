"""Our Voice's own space. The group is a standing group: a project with no end date, marked as
the Our Voice group, so its meetings, attendance (and so claims), papers and members work as
for any project. Reads and writes for the space; the pages are in projects/our_voice_views.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import Http404
from django.utils import timezone

from coproduction.documents import DocumentFormat
from people.models import User
from projects.models import (
    ActionItem,
    Level,
    MeetingPaper,
    Membership,
    Project,
    Session,
    Status,
)
from projects.services import _record_joining

GROUP_TITLE = "Our Voice"
ACTION_ORDER = Case(When(status=ActionItem.Status.DONE, then=Value(1)), default=Value(0),
                    output_field=IntegerField())
PAST_MEETINGS_SHOWN = 6


# --- reads ---------------------------------------------------------------------------------

def our_voice_group() -> Project | None:
    return Project.objects.filter(is_our_voice_group=True).first()


def group_or_404() -> Project:
    group = our_voice_group()
    if group is None:
        raise Http404
    return group


def paper_formats_for(person) -> list[str]:
    """The paper formats a person asked for in their profile (standard when none)."""
    profile = getattr(person, "profile", None)
    wanted = [f for f in (profile.formats if profile else []) if f in DocumentFormat.values]
    return wanted or [DocumentFormat.STANDARD]


def space(person) -> dict:
    """Everything on the group's page, loaded before rendering: the members and their roles,
    the next meetings and recent ones with their papers (the person's own format first), and
    the action log. A fixed handful of queries."""
    group = our_voice_group()
    if group is None:
        return {"group": None}
    formats = paper_formats_for(person)
    papers = MeetingPaper.objects.annotate(mine=Case(
        When(format__in=formats, then=Value(0)), default=Value(1),
        output_field=IntegerField())).order_by("kind", "mine", "format", "pk")
    meetings = Session.objects.filter(project=group).prefetch_related(
        Prefetch("papers", queryset=papers))
    now = timezone.now()
    return {
        "group": group,
        "formats": formats,
        "members": list(Membership.objects.filter(project=group, left_at__isnull=True)
                        .select_related("person").order_by("role", "person__name")),
        "next_meetings": list(meetings.filter(ends_at__gte=now).order_by("starts_at")[:4]),
        "past_meetings": list(meetings.filter(ends_at__lt=now)
                              .order_by("-starts_at")[:PAST_MEETINGS_SHOWN]),
        "actions": list(ActionItem.objects.filter(project=group).select_related("session")
                        .order_by(ACTION_ORDER, "due_on", "pk")),
        "today": timezone.localdate(),
    }


def action_in_group(pk: int) -> ActionItem:
    action = ActionItem.objects.filter(pk=pk, project__is_our_voice_group=True).first()
    if action is None:
        raise Http404
    return action


def paper_in_group(pk: int) -> MeetingPaper:
    paper = MeetingPaper.objects.filter(pk=pk,
                                        session__project__is_our_voice_group=True).first()
    if paper is None:
        raise Http404
    return paper


# --- writes --------------------------------------------------------------------------------

@transaction.atomic
def our_voice_group_set_up(*, by: User) -> Project:
    """Makes the Our Voice group once (a running project with no end date, led by `by`) with
    everyone who has the Our Voice role as a member. Safe to call again."""
    existing = our_voice_group()
    if existing is not None:
        return existing
    group = Project.objects.create(
        title=GROUP_TITLE, is_our_voice_group=True, level=Level.STRATEGIC,
        status=Status.RUNNING, starts_on=timezone.localdate(), ends_on=None,
        summary="Our Voice is the group of people with lived experience who check how "
                "co-production is going across adult social care.",
        problem="Co-production needs people with lived experience watching over it.",
        aims="Review the dashboards, assure planned projects and hold the council to its "
             "promises.",
        in_scope="How the council plans, runs and reports co-production.",
        out_of_scope="Decisions about one person's care.",
        who_for="Members of the people bank who sit on the strategic group.",
        what_is_involved="A meeting every month, papers to read before, and reviewing plans.",
        expenses_and_payment="Involvement payment for each meeting, and travel.",
        staff_co_chair=by, places=20)
    for person in User.objects.filter(is_our_voice=True, is_active=True):
        membership = Membership.objects.create(project=group, person=person)
        _record_joining(membership, by)
    return group


@transaction.atomic
def action_save(*, action: ActionItem, by: User) -> ActionItem:
    action.updated_by = by
    action.updated_at = timezone.now()
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def paper_add(*, paper: MeetingPaper, by: User) -> MeetingPaper:
    if not paper.session.project.is_our_voice_group:
        raise ValidationError({"session": "Choose one of the group's meetings."})
    paper.uploaded_by = by
    paper.full_clean()
    paper.save()
    return paper
