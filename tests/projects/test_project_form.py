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


def _form_data(staff, chair=""):
    return {"title": "Better short breaks", "summary": "Short breaks.", "problem": "Hard.",
            "aims": "Easier.", "in_scope": "Booking.", "out_of_scope": "Budget.",
            "who_for": "Carers.", "what_is_involved": "Six meetings.", "level": "co_production",
            "starts_on": "2027-01-04", "ends_on": "2027-06-30", "places": "8",
            "time_of_day": "daytime", "in_person": "on", "staff_co_chair": staff.pk,
            "lived_experience_co_chair": chair}


def test_the_lived_experience_co_chair_is_found_by_email_or_name_in_the_people_bank(people):
    from people.services import consent_give, profile_get_or_create
    from projects.forms import ProjectForm
    from tests.conftest import make_user

    chair = make_user("chair@test.example", "Dee Chair")
    twin_a = make_user("dee.a@test.example", "Dee Twin")
    twin_b = make_user("dee.b@test.example", "Dee Twin")
    outsider = make_user("outsider@test.example", "Otto Outside")  # not in the people bank
    for person in (chair, twin_a, twin_b):
        profile_get_or_create(person=person)
        consent_give(person=person)

    by_name = ProjectForm(data=_form_data(people.staff, "dee chair"))
    assert by_name.is_valid(), by_name.errors
    assert by_name.cleaned_data["lived_experience_co_chair"] == chair
    by_email = ProjectForm(data=_form_data(people.staff, "DEE.B@test.example"))
    assert by_email.is_valid() and by_email.cleaned_data["lived_experience_co_chair"] == twin_b
    twins = ProjectForm(data=_form_data(people.staff, "Dee Twin"))
    assert twins.errors["lived_experience_co_chair"] == [
        "More than one member is called Dee Twin. Type their email address instead."]
    for text in (outsider.email, people.staff.email):
        nobody = ProjectForm(data=_form_data(people.staff, text))
        assert "Nobody in the people bank" in nobody.errors["lived_experience_co_chair"][0]
    assert ProjectForm(data=_form_data(people.staff)).is_valid()
    # No drop-down of every account: the page has a text box, whatever the numbers.
    html = str(ProjectForm()["lived_experience_co_chair"])
    assert "<select" not in html and 'type="text"' in html


def test_one_list_of_access_needs_from_profile_to_project():
    """What a member ticked in their profile can be ticked for them on a project: the profile,
    the expression of interest and the organiser's checklist share the one list."""
    from people.forms import AccessForm
    from people.models import AccessNeed
    from projects.forms import InterestForm

    profile_choices = list(AccessForm().fields["access_needs"].choices)
    interest_choices = list(InterestForm().fields["needs"].choices)
    assert profile_choices == interest_choices == list(AccessNeed.choices)
