"""Who may do what in the learning room. Whole pages check roles with role_required; these
are the object-level rules, used by learning.access and by views to set template flags.

- Courses for members (or both) are public; staff-only courses are seen by staff. Any
  signed-in person may book a course meant for them. Staff run courses and mark attendance.
- The toolkit is public: it explains co-production to everyone. A project's planning
  checklist is filled in by staff and read by Our Voice when they review the plan.
- The forum is for staff, Our Voice and partner organisations' staff (and admins, who
  moderate it with named moderators)."""

from learning.models import Audience, Moderator
from people.models import Role


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def is_council_staff(user):
    return _signed_in(user) and user.has_role(Role.STAFF)


def can_see_course(user, course):
    if is_council_staff(user):
        return True
    return course.published and course.audience != Audience.STAFF


def can_book(user, course):
    if not _signed_in(user) or not course.published:
        return False
    if course.audience == Audience.STAFF:
        return is_council_staff(user)
    return True


def can_run_courses(user):
    return is_council_staff(user)


def can_use_forum(user):
    return _signed_in(user) and any(user.has_role(role) for role in FORUM_ROLES)


FORUM_ROLES = (Role.STAFF, Role.OUR_VOICE, Role.ADMIN, Role.PARTNER)


def can_moderate(user):
    if not can_use_forum(user):
        return False
    return user.has_role(Role.ADMIN) or Moderator.objects.filter(person=user).exists()


def can_see_checklist(user, project):
    """Staff fill it in; Our Voice read it while they review (not in draft)."""
    from projects import rules as project_rules

    return project_rules.is_council_staff(user) or project_rules.can_see_assurance(user, project)


def can_fill_checklist(user, project):
    from projects import rules as project_rules

    return project_rules.can_edit(user, project)
