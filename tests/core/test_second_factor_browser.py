"""The pages a new officer meets while setting up their second factor, in real Chromium: no
axe-core violations, by keyboard, with the error shown the GOV.UK way."""

import pytest
from django.urls import reverse

from tests.browser import axe_violations, describe, launch_browser, page_served_by_test_client
from tests.conftest import make_user
from tests.site_checks import client_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def browser():
    playwright, browser = launch_browser()
    yield browser
    browser.close()
    playwright.stop()


def test_setting_up_a_second_factor_by_keyboard_passes_axe(browser):
    officer = make_user("new.officer@test.example", "Nia Officer", is_finance_officer=True)
    client = client_as(officer)
    page = page_served_by_test_client(browser, client)
    try:
        # (The test client answers Chromium's requests; redirects are followed here, not there.)
        page.goto(reverse("people:second_factor_setup"))
        assert page.get_by_role("button", name="Email me a code").is_visible()
        assert not (found := axe_violations(page)), describe(found)
        client.post(reverse("people:second_factor_setup"))
        page.goto(reverse("people:second_factor_setup_code"))
        assert not (found := axe_violations(page)), describe(found)
        page.get_by_label("Code from the email").fill("12")
        page.get_by_label("Code from the email").press("Enter")
        summary = page.locator(".govuk-error-summary")
        assert "Enter the 6 numbers from the email" in summary.inner_text()
        assert page.get_by_label("Code from the email").input_value() == "12"
        assert page.title().startswith("Error:")
        assert not (found := axe_violations(page)), describe(found)
    finally:
        page.context.close()
