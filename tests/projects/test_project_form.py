"""The project form: the level of involvement is chosen from the ladder, each level with its
plain meaning, and no empty first choice."""

import re

import pytest
from django.urls import reverse

from projects.forms import ProjectForm
from projects.models import LEVEL_MEANINGS, Level


@pytest.mark.django_db
def test_each_level_is_a_radio_with_its_plain_meaning_and_none_is_blank(people, client_for):
    html = client_for(people.staff).get(reverse("projects:create")).content.decode()
    values = re.findall(r'name="level"[^>]*value="([^"]*)"', html)
    assert values == [level.value for level in Level]  # the ladder, in order; no "---------"
    assert "---------" not in html
    for level in Level:
        assert LEVEL_MEANINGS[level].replace("'", "&#x27;") in html


@pytest.mark.django_db
def test_each_levels_hint_is_tied_to_its_radio(people, client_for):
    html = client_for(people.staff).get(reverse("projects:create")).content.decode()
    for position, level in enumerate(Level, start=1):
        hint_id = f"id_level_{position}_hint"
        assert f'aria-describedby="{hint_id}"' in html
        hint = re.search(rf'id="{hint_id}"[^>]*>\s*(.*?)\s*</span>', html, re.S).group(1)
        assert hint.replace("&#x27;", "'") == LEVEL_MEANINGS[level]


@pytest.mark.django_db
def test_a_level_must_be_chosen_and_only_from_the_ladder(people):
    for level in ("", "partnership"):
        form = ProjectForm(data={"level": level})
        assert not form.is_valid() and "level" in form.errors
    assert "level" not in ProjectForm(data={"level": Level.CO_DESIGN}).errors
