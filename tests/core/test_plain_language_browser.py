"""The plain-language check in Chromium: live under the field as staff type (announced
politely), and the findings after saving; both pass axe-core."""

import os

import pytest
from django.urls import reverse

from listening.models import Theme
from listening.services import commitment_create
from tests.browser import (
    axe_violations,
    describe,
    launch_browser,
    page_served_by_test_client,
)
from tests.core.test_plain_language import JARGON_SUMMARY, _project_form
from tests.site_checks import client_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def browser():
    playwright, browser = launch_browser()
    yield browser
    browser.close()
    playwright.stop()


def test_live_check_under_the_field_as_staff_type(browser, people):
    page = page_served_by_test_client(browser, client_as(people.staff))
    try:
        page.goto(reverse("projects:create"))
        region = page.locator("#id_summary-plain-language")
        assert region.get_attribute("aria-live") == "polite"
        assert "as you type" in region.inner_text()
        page.fill("#id_summary", JARGON_SUMMARY)
        page.wait_for_function(
            "document.querySelector('#id_summary-plain-language').innerText"
            ".includes('Jargon')")
        text = region.inner_text()
        assert "“facilitate”. Try: help, run or lead." in text
        assert "Say what CQC stands for" in text
        page.fill("#id_aims", "We will talk to you.")
        page.wait_for_function(
            "document.querySelector('#id_aims-plain-language').innerText"
            ".includes('No long sentences')")
        if os.environ.get("PLAIN_LANGUAGE_SCREENSHOT"):
            page.locator("#id_summary").scroll_into_view_if_needed()
            page.screenshot(path=os.environ["PLAIN_LANGUAGE_SCREENSHOT"])
        violations = axe_violations(page)
        assert not violations, describe(violations)
    finally:
        page.context.close()


def test_findings_after_saving_pass_axe(browser, people):
    client = client_as(people.staff)
    response = client.post(reverse("projects:create"), _project_form(people.staff))
    assert response.status_code == 302
    page = page_served_by_test_client(browser, client)
    try:
        page.goto(response.url)
        assert "Plain English check" in page.inner_text("main")
        violations = axe_violations(page)
        assert not violations, describe(violations)
    finally:
        page.context.close()

    theme = Theme.objects.create(name="Waiting times")
    commitment = commitment_create(created_by=people.staff, themes=[theme], you_said="Waits",
                                   we_will="Publish waiting times", owner=people.staff,
                                   due_date="2030-01-31")
    response = client.post(reverse("listening:commitment_update", args=[commitment.pk]),
                           {"status": "planned", "text": "We will utilise the ASC data."})
    page = page_served_by_test_client(browser, client)
    try:
        page.goto(response.url)
        assert "“utilise”. Try:" in page.inner_text("main")
        violations = axe_violations(page)
        assert not violations, describe(violations)
    finally:
        page.context.close()
