"""The projects room's pages in Chromium with axe-core (WCAG 2.2 AA), as a role that may see
each one, plus form errors. (The whole-site run checks them too; this keeps the room's own
check independent of it.) Downloads (.ics, PDF, terms document) are not pages."""

import pytest

from tests.browser import axe_violations, describe, launch_browser, new_page
from tests.site_checks import url_for
from tests.site_rules import ALL_RULES, build_world
from tests.site_rules.rules import OK, ROLES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOWNLOADS = {"projects:calendar_feed", "projects:session_ics", "projects:certificate",
             "projects:terms_document"}
PAGES = sorted(name for name, rule in ALL_RULES.items()
               if name.startswith("projects:") and name not in DOWNLOADS
               and any(rule.expected(role) == OK for role in ROLES))


@pytest.fixture(scope="module")
def browser():
    playwright, browser = launch_browser()
    yield browser
    browser.close()
    playwright.stop()


def test_project_pages_have_no_violations(browser, live_server):
    world = build_world()
    problems = []
    for name in PAGES:
        rule = ALL_RULES[name]
        url = url_for(name, rule, world)
        roles = [r for r in ROLES if rule.expected(r) == OK]
        # The first role that may see it, and staff (who see the running tools) if allowed.
        for role in dict.fromkeys([roles[0], *(["staff"] if "staff" in roles else [])]):
            page = new_page(browser, live_server.url, getattr(world.people, role))
            try:
                response = page.goto(url)
                assert response.status == 200, f"{url} as {role} gave {response.status}"
                violations = axe_violations(page)
                if violations:
                    problems.append(f"{url} as {role}:\n{describe(violations)}")
            finally:
                page.context.close()
    assert not problems, "\n".join(problems)
