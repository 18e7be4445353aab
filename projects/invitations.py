"""Projects as targets of invitations from the people bank (people.invitations)."""

from people.invitations import InvitationTarget
from projects.models import Project


def _target(project) -> InvitationTarget:
    return InvitationTarget(kind="project", pk=project.pk, title=project.title,
                            url=project.get_absolute_url())


def open_targets(limit: int | None = None) -> list[InvitationTarget]:
    """Projects staff may invite people to now: those looking for people, by title."""
    return [_target(p) for p in Project.objects.recruiting().only("pk", "title")
            .order_by("title", "pk")[:limit]]


def find(pk: int) -> InvitationTarget | None:
    project = Project.objects.recruiting().filter(pk=pk).only("pk", "title").first()
    return _target(project) if project else None


def on_answer(invitation) -> None:
    """A "yes" becomes an expression of interest (waiting for staff), unless they have one."""
    from projects.services import interest_from_invitation

    if invitation.status == "yes":
        interest_from_invitation(project_id=invitation.target_id, person=invitation.person)
