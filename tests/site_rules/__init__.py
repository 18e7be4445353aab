"""The declared URL × role table, split by room so that each room adds its own rules.

Each room's module defines RULES (url name → Rule), optionally FORM_CHECKS (bad input posted to
every form) and build(world), which adds the objects its URLs need (world.people holds one user
per role). The whole-site tests read ALL_RULES, ALL_FORM_CHECKS and build_world from here."""

from types import SimpleNamespace

from tests.conftest import make_role_users
from tests.site_rules import (
    canaries,
    core,
    dashboards,
    learning,
    listening,
    messaging,
    payments,
    people,
    projects,
    stories,
)
from tests.site_rules.rules import FormCheck, Rule  # noqa: F401 (re-exported)

# canaries last: it marks what the rooms made (tests/site_privacy.py).
ROOMS = [core, people, projects, listening, payments, dashboards, messaging, learning, stories,
         canaries]


def _merge(attribute, container):
    merged = container()
    for room in ROOMS:
        part = getattr(room, attribute, container())
        if isinstance(merged, dict):
            overlap = merged.keys() & part.keys()
            assert not overlap, f"URL rules declared twice: {sorted(overlap)}"
            merged.update(part)
        else:
            merged.extend(part)
    return merged


ALL_RULES = _merge("RULES", dict)
ALL_FORM_CHECKS = _merge("FORM_CHECKS", list)


def build_world():
    world = SimpleNamespace(people=make_role_users())
    for room in ROOMS:
        if hasattr(room, "build"):
            room.build(world)
    return world
