"""The one waiting list: for listening events, projects and (later) training courses.

The same rules hold wherever places are limited:

- Places are counted one way (`places_left`). People already waiting count against the places
  shown to newcomers, so a newcomer never gets a place while someone is waiting: the page
  says "Full – join the waiting list" rather than "1 place left" that belongs to them.
- When places come free, the first person waiting moves up and is told; then the next, while
  the first in the queue fits. Nobody behind them goes first, even if they need fewer places.
- Everything happens with the owner's row (the event, the project) locked with
  select_for_update, so two cancellations at once move two people, once each.

This module is one of coproduction's site-wide pieces and imports no room: each room describes
its places by subclassing `Places` and passing it in."""

from django.db import models, transaction


class Places:
    """One room's limited places, as this module sees them. Subclass it per room.

    `owner` is the row whose places these are (an event, a project). Subclasses say how many
    places there are, how many are taken, who is waiting (first in the queue first), how many
    places each waiting person needs, and how to give one of them a place and tell them."""

    def __init__(self, owner: models.Model):
        self.owner = owner

    def capacity(self) -> int | None:
        """How many places there are; None when there is no limit."""
        raise NotImplementedError

    def places_taken(self) -> int:
        raise NotImplementedError

    def waiting(self) -> models.QuerySet:
        """The people waiting, first in the queue first."""
        raise NotImplementedError

    def places_for(self, entry) -> int:
        """How many places one waiting person needs (themselves and anyone who takes a place
        with them)."""
        return 1

    def move_up(self, entry) -> None:
        """Gives `entry` its place and tells them (through people.services)."""
        raise NotImplementedError


def lock(owner: models.Model) -> models.Model:
    """The owner's row again, locked until the end of the transaction. Everything that takes,
    frees or hands out a place locks it first, so the counts it reads stay true."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Lock the waiting list inside transaction.atomic().")
    return type(owner)._default_manager.select_for_update().get(pk=owner.pk)


def places_left(places: Places) -> int | None:
    """The places a newcomer can have now: none while anyone is waiting. None means no limit."""
    capacity = places.capacity()
    if capacity is None:
        return None
    if places.waiting().exists():
        return 0
    return max(capacity - places.places_taken(), 0)


def has_place_for(places: Places, needed: int = 1) -> bool:
    """Whether a newcomer who needs `needed` places gets them now, or joins the waiting list.
    Call it with the owner locked (see `lock`)."""
    left = places_left(places)
    return left is None or left >= needed


@transaction.atomic
def fill_free_places(places: Places) -> list:
    """Moves people up from the front of the waiting list while the first in the queue fits,
    and returns them in the order they moved up. Safe to call at any time: with no free place
    nobody moves."""
    places.owner = lock(places.owner)
    capacity = places.capacity()
    taken = places.places_taken() if capacity is not None else 0
    moved = []
    for entry in places.waiting().select_for_update(of=("self",)):
        needed = places.places_for(entry)
        if capacity is not None and taken + needed > capacity:
            break  # the first in the queue waits for enough places; nobody jumps ahead
        places.move_up(entry)
        taken += needed
        moved.append(entry)
    return moved
