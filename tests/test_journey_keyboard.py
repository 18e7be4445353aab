"""A person who uses only a keyboard can sign up, verify their email and sign in."""

import re

import pytest
from django.core import mail

from people.models import User
from tests.browser import launch_browser, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector, limit=60):
    """Press Tab until `selector` has focus, as a keyboard user would; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key")


def test_sign_up_verify_and_sign_in_by_keyboard_only(live_server):
    playwright, browser = launch_browser()
    try:
        page = new_page(browser, live_server.url)
        page.goto("/")
        # The first Tab reaches the skip link.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent").strip() == \
            "Skip to main content"
        tab_to(page, "a[href='/accounts/signup/']")
        page.keyboard.press("Enter")
        page.wait_for_url("**/accounts/signup/")

        tab_to(page, "#id_name")
        page.keyboard.type("Kim Keyboard")
        tab_to(page, "#id_email")
        page.keyboard.type("kim@test.example")
        tab_to(page, "#id_password1")
        page.keyboard.type("correct horse battery staple")
        tab_to(page, "#id_password2")
        page.keyboard.type("correct horse battery staple")
        page.keyboard.press("Enter")
        page.wait_for_url("**/accounts/confirm-email/")
        assert User.objects.get(email="kim@test.example").name == "Kim Keyboard"

        link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
        page.goto(link.replace("http://testserver", live_server.url))
        tab_to(page, "button[type='submit']")
        page.keyboard.press("Enter")
        page.wait_for_url("**/dashboard/")
        assert "Hello, Kim Keyboard" in page.inner_text("h1")

        tab_to(page, "a[href='/accounts/logout/']")
        page.keyboard.press("Enter")
        page.wait_for_url("**/accounts/logout/")
        tab_to(page, "main button[type='submit']")
        page.keyboard.press("Enter")
        page.wait_for_url(live_server.url + "/")

        tab_to(page, "a[href='/accounts/login/']")
        page.keyboard.press("Enter")
        page.wait_for_url("**/accounts/login/")
        tab_to(page, "#id_login")
        page.keyboard.type("kim@test.example")
        tab_to(page, "#id_password")
        page.keyboard.type("correct horse battery staple")
        page.keyboard.press("Enter")
        page.wait_for_url("**/dashboard/")
        assert "Hello, Kim Keyboard" in page.inner_text("h1")
    finally:
        browser.close()
        playwright.stop()


@pytest.mark.django_db
def test_sign_up_verify_and_sign_in_with_javascript_switched_off():
    from django.test import Client

    from tests.browser import page_served_by_test_client

    playwright, browser = launch_browser()
    try:
        page = page_served_by_test_client(browser, Client(), javascript=False)
        page.goto("/accounts/signup/")
        page.fill("#id_name", "Noor No-Script")
        page.fill("#id_email", "noor@test.example")
        page.fill("#id_password1", "correct horse battery staple")
        page.fill("#id_password2", "correct horse battery staple")
        page.click("main button[type='submit']")
        page.wait_for_url("**/accounts/confirm-email/")

        key = re.search(r"/accounts/confirm-email/([^/\s]+)/", mail.outbox[-1].body).group(1)
        page.goto(f"/accounts/confirm-email/{key}/")
        page.click("main button[type='submit']")
        page.wait_for_url("**/dashboard/")
        assert "Hello, Noor No-Script" in page.inner_text("h1")

        page.goto("/accounts/logout/")
        page.click("main button[type='submit']")
        page.wait_for_url("http://testserver/")
        page.goto("/accounts/login/")
        page.fill("#id_login", "noor@test.example")
        page.fill("#id_password", "correct horse battery staple")
        page.click("main button[type='submit']")
        page.wait_for_url("**/dashboard/")
        assert page.evaluate("document.body.classList.contains('js-enabled')") is False
    finally:
        browser.close()
        playwright.stop()
