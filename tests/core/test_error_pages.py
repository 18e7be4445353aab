"""Error pages are the portal's own: plain words, a way back, how to reach us. The 500 page
needs no database. Every response says which browser features the portal does not use."""

from datetime import UTC

import pytest
from allauth.core.internal.ratelimit import respond_429
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from coproduction.views import server_error
from tests.site_checks import client_as


def assert_portal_error_page(response, status, heading):
    html = response.content.decode()
    assert response.status_code == status
    assert f">{heading}</h1>" in html
    assert 'href="/">Go to the home page</a>' in html
    assert "involvement@example.org" in html and "01234 567890" in html
    assert "govuk-template__body" in html  # the portal's layout, not Django's bare page


def test_a_missing_page(db):
    assert_portal_error_page(Client().get("/no-such-page/"), 404, "Page not found")


def test_a_page_for_another_role(people):
    response = client_as(people.member).get("/staff/")
    assert_portal_error_page(response, 403, "You cannot open this page")


def test_an_expired_form(people):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "x@example.org", "password": "x"})
    assert_portal_error_page(response, 403, "This form has expired")
    assert "reload the page" in response.content.decode()


def test_too_many_tries_is_a_429_with_other_ways_in(db):
    request = RequestFactory().get("/accounts/login/")
    request.user = AnonymousUser()
    response = respond_429(request)
    assert_portal_error_page(response, 429, "Too many tries")
    assert "sign in with a code sent by email" in response.content.decode()


def test_the_500_page_needs_no_database():
    # No db fixture: pytest-django raises if anything here touches the database.
    response = server_error(RequestFactory().get("/"))
    assert_portal_error_page(response, 500, "Sorry, there is a problem with the service")


@pytest.mark.parametrize("path", ["/", "/no-such-page/", "/accounts/login/"])
def test_every_response_switches_off_unused_browser_features(db, path):
    response = Client().get(path)
    policy = response.headers["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_security_txt_says_how_to_report_a_problem(db, settings):
    """RFC 9116: a contact, an expiry in the future (under a year), the canonical address."""
    from datetime import datetime

    settings.SECURITY_CONTACT_EMAIL = "security@northshire.example"
    response = Client().get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@northshire.example"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=UTC)
    days_ahead = (expires - datetime.now(UTC)).days
    assert 30 < days_ahead < 365
    assert fields["Canonical"].endswith("/.well-known/security.txt")
