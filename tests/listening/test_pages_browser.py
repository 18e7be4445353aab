"""The pages this issue added or changed pass axe-core in Chromium: "Are you sure?" before
cancelling, the feedback form (also in its error state), and the events list with a full
event. No world is built: each page is served by the test client inside the test."""

import pytest
from django.urls import reverse

from listening.models import Registration
from listening.services import registration_create
from tests.browser import axe_violations, describe, launch_browser, page_served_by_test_client
from tests.conftest import make_user
from tests.listening.conftest import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def browser():
    playwright, browser = launch_browser()
    yield browser
    browser.close()
    playwright.stop()


def test_cancelling_and_feedback_pages_pass_axe(browser, client_for, member,
                                                                   staff):
    event = make_event(staff, capacity=1, title="Small room")
    registration = registration_create(event=event, person=member)
    registration_create(event=event, person=make_user("next@test.example"))
    page = page_served_by_test_client(browser, client_for(member))

    page.goto(reverse("listening:event_list"))
    assert "Full – join the waiting list" in page.inner_text("main")
    assert not axe_violations(page), describe(axe_violations(page))

    page.goto(event.get_absolute_url())
    page.click("a:has-text('Cancel my place')")
    assert "Are you sure you want to cancel your place?" in page.inner_text("main")
    assert not axe_violations(page), describe(axe_violations(page))
    page.click("button:has-text('Yes, cancel my place')")
    page.wait_for_selector("text=Your place is cancelled")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED

    page.goto(reverse("listening:feedback_give"))
    assert not axe_violations(page), describe(axe_violations(page))
    page.check("input[name='question'][value='working']")
    page.fill("#id_text", "The new forms are clear")
    page.check("#id_wants_updates")
    page.check("#id_anonymous")
    page.click("main button:has-text('Send')")
    assert "There is a problem" in page.inner_text("main")
    assert not axe_violations(page), describe(axe_violations(page))
