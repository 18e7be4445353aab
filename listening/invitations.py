"""Events as targets for invitations from the people bank (people.invitations)."""

from django.core.exceptions import ValidationError

from people.invitations import InvitationTarget


def _target(event) -> InvitationTarget:
    return InvitationTarget(kind="event", pk=event.pk, title=event.title,
                            url=event.get_absolute_url())


def open_targets(limit: int | None = None) -> list[InvitationTarget]:
    """Events staff may invite people to now: published and to come, soonest first."""
    from listening.models import Event

    return [_target(event) for event in Event.objects.published().upcoming()
            .order_by("starts_at", "pk")[:limit]]


def find(pk: int) -> InvitationTarget | None:
    from listening.models import Event

    event = Event.objects.published().upcoming().filter(pk=pk).first()
    return _target(event) if event else None


def on_answer(invitation) -> None:
    """A "yes" registers the person (or puts them on the waiting list if the event is full)."""
    from listening.models import Event
    from listening.services import registration_create
    from people.models import Invitation
    from people.selectors import access_needs_text

    if invitation.status != Invitation.Status.YES:
        return
    event = Event.objects.published().upcoming().filter(pk=invitation.target_id).first()
    person = invitation.person
    if event is None:
        return
    try:
        registration_create(event=event, person=person, access_needs=access_needs_text(person))
    except ValidationError:
        pass  # already registered: nothing to do
