""""Your claim so far" in Chromium: the total follows what is typed, worked out by the server
(the script does no arithmetic), announced politely; the page passes axe-core."""

import pytest
from django.urls import reverse

from tests.browser import axe_violations, describe, launch_browser, page_served_by_test_client
from tests.payments.conftest import make_claim
from tests.site_checks import client_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def browser():
    playwright, browser = launch_browser()
    yield browser
    browser.close()
    playwright.stop()


def test_the_total_follows_what_is_typed(browser, member, policy):
    claim = make_claim(member, policy, miles="10", submit=False)  # £32 and £4.50
    page = page_served_by_test_client(browser, client_as(member))
    try:
        page.goto(reverse("payments:claim_step", args=[claim.pk, "cost-details"]))
        box = page.locator("#claim-so-far")
        assert box.get_attribute("aria-live") == "polite" and "£36.50" in box.inner_text()
        page.fill("#id_expense_1_miles", "20")
        page.wait_for_function(
            "document.querySelector('#claim-so-far').innerText.includes('£41.00')")
        assert "Mileage: 20 miles" in box.inner_text()
        page.fill("#id_expense_1_miles", "lots")
        page.wait_for_function(
            "document.querySelector('#claim-so-far').innerText.includes('as a number')")
        violations = axe_violations(page)
        assert not violations, describe(violations)
    finally:
        page.context.close()
