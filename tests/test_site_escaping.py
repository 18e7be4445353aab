"""Nothing people type reaches a page as markup. Every name and every free-text field in the
whole-site world is given a value with markup in it; every page of the URL × role table, as
every role, must show it as text (escaped), never as an element or attribute."""

import pytest
from django.apps import apps
from django.db import models

from tests.site_checks import client_as, url_for, write_over
from tests.site_rules import ALL_RULES, build_world
from tests.site_rules.rules import ROLES

ROOMS = {"people", "projects", "listening", "payments", "coproduction", "learning"}
# Closes an attribute and an element whichever quotes surround it, then opens an element: if
# any of it reaches the page unescaped, the element does too.
MARKUP = "Doreen\"'><b data-injected>x</b><script>alert(1)</script>"
INJECTED = "<b data-injected>"
# Text fields that are not free text people type: keys and codes the portal makes and looks
# rows up by, where a changed value would only break the link the world relies on.
NOT_TYPED = {"password", "token", "dedupe_key", "source", "activity_key", "secret",
             "feed_token", "uid", "content_type", "kind_code"}


def typed_text_fields(model):
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, models.EmailField | models.URLField | models.SlugField)
            and not field.choices
            and not field.unique
            and not field.primary_key
            and field.name not in NOT_TYPED
            and (field.max_length is None or field.max_length >= len(MARKUP))
        ):
            yield field.name


def put_markup_everywhere():
    changed = []
    for model in apps.get_models():
        if model._meta.app_label not in ROOMS or model._meta.proxy:
            continue
        names = list(typed_text_fields(model))
        if names:
            write_over(model._base_manager.all(), {name: MARKUP for name in names})
            changed += [f"{model.__name__}.{name}" for name in names]
    return changed


@pytest.mark.django_db
def test_no_page_shows_what_people_typed_as_markup():
    world = build_world()
    changed = put_markup_everywhere()
    assert "User.name" in changed and len(changed) > 40, changed
    clients = {role: client_as(getattr(world.people, role)) for role in ROLES}
    unescaped, shown = [], 0
    for name, rule in sorted(ALL_RULES.items()):
        url = url_for(name, rule, world)
        for role in ROLES:
            response = clients[role].get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            shown += html.count("data-injected")
            if INJECTED in html:
                unescaped.append(f"{role} {url}")
    assert not unescaped, "Markup from people's text reached these pages:\n" + "\n".join(
        unescaped)
    # The check saw the text on pages (escaped), so it looked where people's text shows.
    assert shown > 100
