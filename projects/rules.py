"""Who may do what with a project. Page-level roles are checked by role_required; these are
the object-level rules, used by projects.access and by templates through flags the views set.

- Staff run projects: they may edit any project and decide on interest.
- The lived-experience co-chair (a member with no staff role) may post updates, manage
  sessions and mark attendance for their own project, like the staff lead.
- Our Voice see plans in review and assure them; staff and Our Voice see the conversation."""

from people.models import Role
from projects.models import PUBLIC_STATUSES, Status
from stories.rules import co_hosts_project


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def is_council_staff(user):
    return _signed_in(user) and user.has_role(Role.STAFF)


def is_our_voice(user):
    return _signed_in(user) and user.has_role(Role.OUR_VOICE)


def is_co_chair(user, project):
    return _signed_in(user) and project.lived_experience_co_chair_id == user.pk


def can_view(user, project):
    if project.status in PUBLIC_STATUSES:
        return True
    if is_council_staff(user) or is_co_chair(user, project):
        return True
    if project.status == Status.IN_REVIEW and is_our_voice(user):
        return True
    return co_hosts_project(user, project)


def can_edit(user, project):
    return is_council_staff(user)


def can_run(user, project):
    """Sessions, attendance and updates: staff, the lived-experience co-chair, and the staff
    of a partner organisation that co-hosts the project."""
    return (is_council_staff(user) or is_co_chair(user, project)
            or co_hosts_project(user, project))


def can_see_assurance(user, project):
    return (is_council_staff(user) or is_our_voice(user)) and project.status != Status.DRAFT


def can_assure(user, project):
    return is_our_voice(user) and project.status == Status.IN_REVIEW


def can_reply_to_assurance(user, project):
    return is_council_staff(user) and project.status != Status.DRAFT


def can_express_interest(user, project):
    return _signed_in(user) and project.status == Status.RECRUITING


def can_see_members_only(user, project, is_member):
    """Online links, the terms of reference document and session calendar files."""
    return is_member or can_run(user, project) or (
        is_our_voice(user) and project.status != Status.DRAFT)


def can_use_group_space(user):
    """Our Voice's own space (meetings, papers, the action log): Our Voice and staff. Our
    Voice members may add to and update the action log."""
    return is_council_staff(user) or is_our_voice(user)
