"""Every page in the URL × role table, in real Chromium, has no WCAG 2.2 A/AA violations
that axe-core can find: as each role that may see it (a page is checked again only where its
content differs), and with the errors shown after bad input to every form."""

import re

import pytest
from django.urls import reverse

from tests.browser import axe_violations, describe, launch_browser, page_served_by_test_client
from tests.site_checks import url_for
from tests.site_rules import ALL_FORM_CHECKS, ALL_RULES
from tests.site_rules.rules import OK, ROLES

pytestmark = [pytest.mark.browser]

# Pages that first ask people to confirm their password: checked as someone who just did.
AFTER_REAUTHENTICATION = [
    ("mfa_activate_totp", "member"),
    ("mfa_deactivate_totp", "staff"),
    ("mfa_view_recovery_codes", "staff"),
    ("mfa_generate_recovery_codes", "staff"),
]
PAGES = sorted(name for name, rule in ALL_RULES.items()
               if any(rule.expected(role) == OK for role in ROLES))


@pytest.fixture(scope="module")
def browser():
    playwright, browser = launch_browser()
    yield browser
    browser.close()
    playwright.stop()


def _check(browser, client, url):
    page = page_served_by_test_client(browser, client)
    try:
        response = page.goto(url)
        assert response.status == 200, f"{url} gave {response.status}"
        return axe_violations(page)
    finally:
        page.context.close()


def _main_content(html):
    """A page's main content without per-request tokens: a role whose page has the same main
    content as one already checked is not checked again (the navigation of every role is
    checked on the pages only that role sees)."""
    main = html[html.find("<main"):html.find("</main>")]
    return re.sub(r'value="[A-Za-z0-9]{32,}"', "", main)


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations(name, browser, site_world, role_clients):
    rule = ALL_RULES[name]
    url = url_for(name, rule, site_world)
    seen, problems = set(), []
    for role in ROLES:
        if rule.expected(role) != OK:
            continue
        client = role_clients[role]
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue  # a download (PDF, CSV, calendar), not a page
        key = _main_content(response.content.decode())
        if key in seen:
            continue
        seen.add(key)
        violations = _check(browser, client, url)
        if violations:
            problems.append(f"as {role}:\n{describe(violations)}")
    assert not problems, f"{url}\n" + "\n".join(problems)


@pytest.mark.parametrize("name,role", AFTER_REAUTHENTICATION)
def test_page_after_reauthentication_has_no_violations(name, role, browser, role_clients):
    client = role_clients.reauthenticated[role]
    violations = _check(browser, client, reverse(name))
    assert not violations, describe(violations)


FILL_AND_SUBMIT = """(data) => {
    let button = null, form = null;
    for (const [name, value] of Object.entries(data)) {
        const fields = document.querySelectorAll(`[name="${name}"]`);
        for (const field of fields) {
            form = form || field.form;
            if (field.tagName === 'BUTTON') { button = field; }
            else if (field.type === 'checkbox' || field.type === 'radio') {
                field.checked = [].concat(value).includes(field.value);
            } else { field.value = value; }
        }
    }
    if (button) { button.click(); } else { form.requestSubmit(); }
}"""


@pytest.mark.parametrize("check", ALL_FORM_CHECKS, ids=lambda c: f"{c.url}-as-{c.role}")
def test_form_errors_have_no_accessibility_violations(check, browser, site_world, role_clients):
    client = role_clients.reauthenticated[check.role]
    page = page_served_by_test_client(browser, client)
    try:
        page.goto(url_for(check.url, check, site_world))
        with page.expect_navigation():
            page.evaluate(FILL_AND_SUBMIT, check.data)
        assert page.locator(".govuk-error-summary").count() == 1, "no error summary shown"
        violations = axe_violations(page)
        assert not violations, describe(violations)
    finally:
        page.context.close()
