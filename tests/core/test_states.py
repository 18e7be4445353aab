"""The one status-machine shape: declared moves are allowed, everything else is refused with a
plain-English reason naming both statuses."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from coproduction.states import Moves


class Colour(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber light"
    GREEN = "green", "Green"


LIGHTS = Moves("traffic light", {Colour.RED: [Colour.AMBER], Colour.AMBER: [Colour.GREEN]})


def test_declared_moves_are_allowed_from_members_or_plain_strings():
    assert LIGHTS.allows(Colour.RED, Colour.AMBER)
    assert LIGHTS.allows("amber", "green")
    assert LIGHTS.allowed_from("red") == (Colour.AMBER,)
    assert LIGHTS.allowed_from(Colour.GREEN) == ()
    LIGHTS.check(Colour.RED, Colour.AMBER)


@pytest.mark.parametrize("current,to", [(Colour.RED, Colour.GREEN), (Colour.GREEN, Colour.RED),
                                        (Colour.AMBER, Colour.AMBER)])
def test_anything_else_is_refused_in_plain_words(current, to):
    assert not LIGHTS.allows(current, to)
    with pytest.raises(ValidationError) as refused:
        LIGHTS.check(current, to)
    assert refused.value.messages == [
        f"A traffic light that is {current.label.lower()} cannot move to {to.label.lower()}."]
