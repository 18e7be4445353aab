"""What goes into a member's private calendar feed (CalendarFeed, projects:calendar_feed).

The feed lives in the projects room, which shows each member's project meetings. Other rooms
have things a member books too (listening events, and later training courses), but projects
may not import them (arrows point one way), so they register a source here from their
AppConfig.ready():

    register_calendar_source("listening", booked_events_for)

A source takes a person and returns a list of calendar entries made with the one helper,
coproduction.documents.calendar_event, in a fixed number of queries whatever the number of
entries."""

from collections.abc import Callable

_SOURCES: dict[str, Callable] = {}


def register_calendar_source(name: str, entries_for: Callable) -> None:
    _SOURCES[name] = entries_for


def registered_entries(person) -> list:
    """The entries every registered room has for this person."""
    return [entry for entries_for in _SOURCES.values() for entry in entries_for(person)]
