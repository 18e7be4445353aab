"""Public pages kept for visitors per filter set, and made afresh when their data changes
(coproduction.public_cache)."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from projects import services
from projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_pages(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def _project(staff, title):
    return Project(title=title, summary="s", problem="p", aims="a", in_scope="i",
                   out_of_scope="o", who_for="w", what_is_involved="w", level="co_design",
                   status="recruiting", starts_on=timezone.localdate(), staff_co_chair=staff,
                   ends_on=timezone.localdate())


def test_the_project_list_is_kept_until_a_service_changes_projects(
        client, client_for, member, staff, django_capture_on_commit_callbacks):
    assert "Short breaks" not in client.get("/projects/").content.decode()
    # Written behind the services' back: visitors still get the kept page ...
    _project(staff, "Short breaks for carers").save()
    assert "Short breaks" not in client.get("/projects/").content.decode()
    # ... but a signed-in member never gets a kept page,
    assert "Short breaks" in client_for(member).get("/projects/").content.decode()
    # ... another filter set is a page of its own,
    assert "Short breaks" in client.get("/projects/?q=breaks").content.decode()
    # ... and a change through the services makes it afresh for everyone.
    with django_capture_on_commit_callbacks(execute=True):
        services.project_save(project=_project(staff, "Direct payments made simpler"),
                              by=staff)
    html = client.get("/projects/").content.decode()
    assert "Short breaks" in html and "Direct payments made simpler" in html


def test_nothing_is_kept_when_switched_off(client, staff, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get("/projects/")
    _project(staff, "Short breaks for carers").save()
    assert "Short breaks" in client.get("/projects/").content.decode()
