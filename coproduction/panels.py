"""The role home pages (member dashboard, Our Voice, staff, finance, admin) are made of panels
that each room contributes, so that the dashboards read from every room without the rooms
knowing about each other.

A room adds panels by defining, in `<room>/panels.py`, any of the functions `member(user)`,
`our_voice(user)`, `staff(user)`, `finance(user)` and `admin(user)` (and, for a person's page
in the people bank, `member_profile(person)` and, seen by staff only, `staff_person(person)`),
each returning a list of Panel. A panel's context is built by a selector before rendering:
templates run no queries."""

from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

ROOMS = ["people", "projects", "listening", "payments", "messaging"]


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


def panels_for(page: str, user) -> list[Panel]:
    panels = []
    for room in ROOMS:
        if find_spec(f"{room}.panels") is None:
            continue
        contribute = getattr(import_module(f"{room}.panels"), page, None)
        if contribute is not None:
            panels.extend(contribute(user))
    return sorted(panels, key=lambda panel: panel.order)
