"""Logs and error pages keep no passwords, sign-in codes, secrets or personal data (issue 17
item 11): everything every logger writes, DEBUG up, while a person signs up, confirms their
email, gets their password wrong until refused, signs in, resets their password, signs in by
code, and meets errors (an expired form, a missing page, a server error), holds none of what
they typed or were sent; and no page shows a password, code or secret back."""

import logging
import re

from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings

from tests.site_privacy import logs_showing

NAME = "Canary Namesake-4e1f"
EMAIL = "canary-4e1f@test.example"
PASSWORD = "CANARY-PW-correct-horse-4e1f"
WRONG = "CANARY-WRONG-PW-9b2c"
NEW_PASSWORD = "CANARY-NEW-PW-battery-77d0"
LIMITS = {"login_failed": "10/m/ip,5/300s/key"}


def _link(pattern):
    return re.search(pattern, mail.outbox[-1].body).group(1)


def test_sign_in_journeys_and_errors_leave_nothing_secret_or_personal_in_logs(
        db, caplog, settings, monkeypatch):
    caplog.set_level(logging.DEBUG)
    client, pages, sent = Client(), [], []
    # Sign up, confirm the email address.
    pages.append(client.post("/accounts/signup/", {"name": NAME, "email": EMAIL,
                                                   "password1": PASSWORD,
                                                   "password2": PASSWORD}))
    key = _link(r"/accounts/confirm-email/([^/\s]+)/")
    sent.append(key)
    assert client.post(f"/accounts/confirm-email/{key}/").status_code == 302
    client.post("/accounts/logout/")
    # Wrong passwords until refused (limits on, as in production).
    cache.clear()
    with override_settings(ACCOUNT_RATE_LIMITS=LIMITS):
        for _ in range(6):
            pages.append(client.post("/accounts/login/", {"login": EMAIL, "password": WRONG}))
    assert pages[-1].status_code == 429
    cache.clear()
    # The right password.
    assert client.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD}
                       ).status_code == 302
    # A server error while signed in, with their data in hand.
    from people import views

    def broken(person):
        raise RuntimeError("the data could not be gathered")

    monkeypatch.setattr(views.selectors, "data_for_person", broken)
    client.raise_request_exception = False
    pages.append(client.get("/my-data/"))
    assert pages[-1].status_code == 500
    monkeypatch.undo()
    client.post("/accounts/logout/")
    # Reset the password from the emailed link.
    client.post("/accounts/password/reset/", {"email": EMAIL})
    reset = _link(r"(/accounts/password/reset/key/[^\s]+/)")
    sent.append(reset.rstrip("/").rsplit("/", 1)[-1])
    form = client.get(reset, follow=True)
    pages.append(client.post(form.redirect_chain[-1][0], {"password1": NEW_PASSWORD,
                                                           "password2": NEW_PASSWORD}))
    client.post("/accounts/logout/")
    # Sign in by emailed code: a wrong one, then the right one.
    client.post("/accounts/login/code/", {"email": EMAIL})
    code = _link(r"(?m)^([A-Z0-9]{4}-[A-Z0-9]{4})$")
    sent.append(code)
    pages.append(client.post("/accounts/login/code/confirm/", {"code": "WRONG1"}))
    assert client.post("/accounts/login/code/confirm/", {"code": code}).status_code == 302
    # An expired form and a missing page with their address in it.
    pages.append(Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"login": EMAIL, "password": PASSWORD}))
    assert pages[-1].status_code == 403
    pages.append(client.get(f"/no-such-page/?email={EMAIL}"))

    secrets = [PASSWORD, WRONG, NEW_PASSWORD, *sent, settings.SECRET_KEY]
    logged = " ".join(record.getMessage() for record in caplog.records)
    for error in ("Internal Server Error: /my-data/", "Forbidden (CSRF", "Not Found"):
        assert error in logged, "the errors were logged"
    assert not logs_showing([*secrets, NAME, EMAIL], caplog.records)
    shown = [(page.status_code, secret) for page in pages for secret in secrets
             if secret in page.content.decode()]
    assert not shown
