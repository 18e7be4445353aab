"""Who may do what with stories, case studies, partners and news. Page-level roles are checked
by role_required; these are the object-level rules, used by stories.access and the views.

- Anyone reads what is published.
- Staff write stories and publish their own; they check members' stories.
- A member writes a story; it is published only after staff check it AND the author approves
  the checked version (staff cannot publish a member's words for them)."""

from people.models import Role
from stories.models import Story

S = Story.Status


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def is_council_staff(user):
    return _signed_in(user) and user.has_role(Role.STAFF)


def is_author(user, story):
    return _signed_in(user) and story.author_id == user.pk


def can_view_story(user, story):
    return story.is_published or is_council_staff(user) or is_author(user, story)


def can_edit_story(user, story):
    if story.status == S.DRAFT:
        return is_author(user, story)
    if story.status == S.CHECKING:
        return is_council_staff(user)
    return False


def can_move_story(user, story, to) -> bool:
    """Whether this person may make this move (Story.MOVES says whether the move exists)."""
    if not Story.MOVES.allows(story.status, to):
        return False
    current = story.status
    if current == S.DRAFT and to == S.CHECKING:
        return is_author(user, story) and not story.by_staff
    if current == S.DRAFT and to == S.PUBLISHED:
        return is_author(user, story) and story.by_staff and is_council_staff(user)
    if current == S.CHECKING:
        # Checking is done by someone other than the author.
        return is_council_staff(user) and not is_author(user, story)
    if current == S.WITH_AUTHOR:
        return is_author(user, story)
    if current == S.PUBLISHED:
        return is_author(user, story) or is_council_staff(user)
    if current == S.WITHDRAWN:
        return is_author(user, story)
    return False


def story_moves_for(user, story) -> list:
    return [to for to in Story.MOVES.allowed_from(story.status)
            if can_move_story(user, story, to)]


def can_view_case_study(user, case_study):
    return case_study.is_published or is_council_staff(user)


def can_edit_case_study(user, case_study):
    """Staff write ours (with the co-chairs, outside the portal); imported ones are as the
    other council wrote them."""
    return is_council_staff(user) and not case_study.is_imported


# ---------------------------------------------------------------- partner organisations


def is_partner(user):
    return _signed_in(user) and user.has_role(Role.PARTNER)


def co_hosts_project(user, project) -> bool:
    """Whether the person works for a partner organisation that co-hosts the project: they
    may see it whatever its status and co-run it (meetings, attendance, updates)."""
    from stories.models import Partner

    return is_partner(user) and Partner.objects.filter(projects=project,
                                                       accounts__user=user).exists()


def co_hosts_event(user, event) -> bool:
    from stories.models import Partner

    return is_partner(user) and Partner.objects.filter(events=event,
                                                       accounts__user=user).exists()
