"""Listening events as calendar entries, made with the one helper
(coproduction.documents): the .ics download, the file sent with a booking, and the events a
member booked in their private calendar feed (registered with projects.calendar)."""

from coproduction.documents import calendar_bytes, calendar_event
from listening.models import Event, Registration


def event_calendar_entry(event: Event):
    from listening.services import _where

    return calendar_event(uid=f"listening-event-{event.pk}", title=event.title,
                          starts_at=event.starts_at, ends_at=event.ends_at,
                          description=event.description, location=_where(event),
                          url=event.get_absolute_url())


def event_calendar_bytes(event: Event) -> bytes:
    return calendar_bytes([event_calendar_entry(event)], name=event.title)


def booked_entries(person) -> list:
    """The events this person has a place on (not the waiting list), in one query."""
    events = Event.objects.filter(
        registrations__person=person,
        registrations__status=Registration.Status.CONFIRMED).order_by("starts_at", "pk")
    return [event_calendar_entry(event) for event in events]
