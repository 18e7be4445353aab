"""One access helper per object type, the one convention in every room: `<entity>_for_user(user,
pk)` fetches the object with what its pages need, checks the room's rule, and answers 404
(never saying whether something exists that the person may not see). Every view calls these."""

from django.http import Http404

from projects import rules
from projects.models import (
    ActionItem,
    AssuranceComment,
    Interest,
    MeetingPaper,
    Membership,
    Project,
    Session,
    Update,
)
from projects.selectors import is_member


def project_for_user(user, pk, *, rule=rules.can_view) -> Project:
    project = (Project.objects.select_related("staff_co_chair", "lived_experience_co_chair")
               .filter(pk=pk).first())
    if project is None or not rule(user, project):
        raise Http404
    return project


def session_for_user(user, pk, *, rule=None) -> Session:
    session = (Session.objects.select_related("project__staff_co_chair",
                                              "project__lived_experience_co_chair")
               .filter(pk=pk).first())
    if session is None:
        raise Http404
    project = session.project
    if rule is not None:
        allowed = rule(user, project)
    else:
        allowed = rules.can_see_members_only(user, project, is_member(user, project))
    if not allowed:
        raise Http404
    return session


def interest_for_user(user, pk) -> Interest:
    interest = (Interest.objects.select_related("project", "person").filter(pk=pk).first())
    if interest is None or not rules.can_edit(user, interest.project):
        raise Http404
    return interest


def membership_for_user(user, pk) -> Membership:
    membership = Membership.objects.select_related("project", "person").filter(pk=pk).first()
    if membership is None or not (rules.can_edit(user, membership.project)
                                  or membership.person_id == user.pk):
        raise Http404
    return membership


def comment_for_user(user, pk) -> AssuranceComment:
    comment = AssuranceComment.objects.select_related("project", "author").filter(pk=pk).first()
    if comment is None or not rules.can_reply_to_assurance(user, comment.project):
        raise Http404
    return comment


def update_for_user(user, pk) -> Update:
    update = Update.objects.select_related("project").filter(pk=pk).first()
    if update is None or not rules.can_run(user, update.project):
        raise Http404
    return update


def action_for_user(user, pk) -> ActionItem:
    """An action on the Our Voice group's log (never another project's)."""
    action = ActionItem.objects.filter(pk=pk, project__is_our_voice_group=True).first()
    if action is None or not rules.can_use_group_space(user):
        raise Http404
    return action


def paper_for_user(user, pk) -> MeetingPaper:
    """Papers or minutes of one of the Our Voice group's meetings."""
    paper = MeetingPaper.objects.filter(pk=pk, session__project__is_our_voice_group=True).first()
    if paper is None or not rules.can_use_group_space(user):
        raise Http404
    return paper
