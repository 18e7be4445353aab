"""Staff, finance and admin work with a second factor: in every session, not just on the account.

A session counts only when it has given the code from the authenticator app (allauth records
each step in the session); setting up the first app needs a code from the account's email."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.mfa.utils import decrypt
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from tests.conftest import PASSWORD, make_user
from tests.site_checks import client_as, sign_in, url_for
from tests.site_rules import ALL_RULES, build_world
from tests.site_rules.rules import OK

SECOND_FACTOR_ROLES = ("staff", "finance", "admin")
# Pages with no personal data that any session may open (the public information pages).
ALWAYS_OPEN = {"accessibility", "privacy", "cookies", "contact", "account_logout",
               "mfa_reauthenticate"}


def current_code(secret):
    counters = list(yield_hotp_counters_from_time())
    counter = counters[len(counters) // 2]  # now, the middle of the window allauth accepts
    return format_hotp_value(hotp_value(secret, counter))


def app_code(user):
    app = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return current_code(decrypt(app.data["secret"]))


@pytest.mark.parametrize("role_field,page", [("is_council_staff", "/staff/"),
                                             ("is_finance_officer", "/finance/"),
                                             ("is_service_admin", "/admin-area/"),
                                             ("is_service_admin", "/django-admin/")])
def test_staff_roles_are_sent_to_set_up_a_second_factor(db, role_field, page):
    user = make_user("new.officer@test.example", **{role_field: True})
    response = client_as(user).get(page)
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("people:second_factor_setup")


def test_members_never_need_a_second_factor(people):
    assert not Authenticator.objects.filter(user=people.member).exists()
    assert client_as(people.member).get("/dashboard/").status_code == 200


def test_with_a_second_factor_the_staff_page_opens(people):
    assert client_as(people.staff).get("/staff/").status_code == 200


def test_signing_in_with_a_password_then_asks_for_the_code(people):
    client = Client()
    response = client.post("/accounts/login/", {"login": people.staff.email,
                                                 "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/staff/").status_code == 302  # not signed in until the code is given
    response = client.post("/accounts/2fa/authenticate/", {"code": app_code(people.staff)})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200


@override_settings(REQUIRE_STAFF_SECOND_FACTOR=False, DEMO_MODE=True)
def test_the_demo_can_switch_it_off_and_then_says_it_is_a_demo(db):
    user = make_user("demo.officer@test.example", is_council_staff=True)
    response = client_as(user).get("/staff/")
    assert response.status_code == 200
    assert "This is a demonstration site" in response.content.decode()


# --- A session that gave only a password reaches nothing -----------------------------------


@pytest.mark.django_db
def test_a_password_only_session_reaches_no_page_of_the_url_table():
    """Every URL in the URL × role table, and Django admin, as staff, finance and admin whose
    session has given only a password (as Django admin's old sign-in page made): never a page,
    only the way to the code (or the public information pages)."""
    world = build_world()
    reached = []
    for role in SECOND_FACTOR_ROLES:
        user = getattr(world.people, role)
        client = sign_in(Client(), user, code=False)
        for name, rule in sorted(ALL_RULES.items()):
            if name in ALWAYS_OPEN:
                continue
            url = url_for(name, rule, world)
            response = client.get(url)
            if response.status_code != 302 or not response.headers["Location"].startswith(
                    reverse("mfa_reauthenticate")):
                reached.append(f"{role} {url}: {response.status_code}")
        for url in ["/django-admin/", "/django-admin/people/user/",
                    f"/django-admin/people/user/{world.people.member.pk}/change/"]:
            response = client.get(url)
            if response.status_code != 302:
                reached.append(f"{role} {url}: {response.status_code}")
        # Writing is refused as well as reading.
        response = client.post(reverse("people:role_edit", kwargs={"pk": user.pk}),
                               {"roles": ["staff", "finance", "admin"]})
        assert response.status_code == 302
    assert not reached, "Opened with a password alone:\n" + "\n".join(reached)
    assert not world.people.staff.__class__.objects.filter(
        pk=world.people.staff.pk, is_finance_officer=True).exists()


def test_a_password_only_session_opens_once_the_code_is_given(people):
    client = sign_in(Client(), people.admin, code=False)
    response = client.get("/admin-area/roles/")
    assert response.status_code == 302
    code_page = "/accounts/2fa/reauthenticate/?next=%2Fadmin-area%2Froles%2F"
    assert response.headers["Location"] == code_page
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    response = client.post(response.headers["Location"], {"code": "000000"})
    assert client.get("/admin-area/roles/").status_code == 302  # a wrong code opens nothing
    response = client.post("/accounts/2fa/reauthenticate/?next=%2Fadmin-area%2Froles%2F",
                           {"code": app_code(people.admin)})
    assert response.status_code == 302
    assert client.get("/admin-area/roles/").status_code == 200


# --- Django admin signs in through allauth ---------------------------------------------------


def test_django_admin_sign_in_goes_through_allauth(people):
    client = Client()
    response = client.get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")
    # The password posted straight to Django admin's page signs nobody in.
    response = client.post("/django-admin/login/?next=/django-admin/",
                           {"username": people.admin.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    response = client.get("/django-admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "10/m/ip,5/300s/key"})
def test_wrong_passwords_are_limited_on_the_one_sign_in(people):
    cache.clear()
    client = Client()
    for _ in range(6):
        client.post("/accounts/login/", {"login": people.admin.email, "password": "wrong-guess"})
    response = client.post("/accounts/login/", {"login": people.admin.email,
                                                 "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert response.headers.get("Location") != "/accounts/2fa/authenticate/"
    cache.clear()


# --- Setting up the first app needs a code from the account's email --------------------------


def new_officer():
    return make_user("new.officer@test.example", "Nia Officer", is_council_staff=True)


def emailed_code():
    match = re.search(r"\b(\d{6})\b", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_the_app_set_up_page_stays_shut_until_the_email_code_is_given(
        db, django_capture_on_commit_callbacks):
    officer = new_officer()
    # Just signed in with the password: all that allauth alone asked for before setting up.
    client = client_as(officer, reauthenticated=True)
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.headers["Location"] == reverse("people:second_factor_setup")
    page = client.get(reverse("people:second_factor_setup"))
    assert "new.officer@test.example" in page.content.decode()
    # No code is sent by looking at the page; asking sends one to the verified address.
    assert len(mail.outbox) == 0
    response = client.post(reverse("people:second_factor_setup"))
    assert response.headers["Location"] == reverse("people:second_factor_setup_code")
    assert mail.outbox[-1].to == ["new.officer@test.example"]
    code = emailed_code()
    wrong = "000000" if code != "000000" else "111111"
    response = client.post(reverse("people:second_factor_setup_code"), {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get("/accounts/2fa/totp/activate/").status_code == 302
    response = client.post(reverse("people:second_factor_setup_code"), {"code": code})
    assert response.headers["Location"] == "/accounts/2fa/totp/activate/"
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    # Setting up the app tells the person by email, then asks for the code to carry on.
    secret = client.session["mfa.totp.secret"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=officer, type=Authenticator.Type.TOTP).exists()
    assert any("authenticator" in m.body.lower() for m in mail.outbox[1:])
    assert client.get("/staff/").headers["Location"].startswith("/accounts/2fa/reauthenticate/")


def test_the_email_code_goes_only_to_a_verified_address(db):
    officer = new_officer()
    EmailAddress.objects.filter(user=officer).update(verified=False)
    client = client_as(officer)
    client.post(reverse("people:second_factor_setup"))
    assert mail.outbox == []
    assert client.get(reverse("people:second_factor_setup_code")).status_code == 302


def test_five_wrong_codes_use_the_code_up(db):
    client = client_as(new_officer())
    client.post(reverse("people:second_factor_setup"))
    code = emailed_code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        client.post(reverse("people:second_factor_setup_code"), {"code": wrong})
    response = client.post(reverse("people:second_factor_setup_code"), {"code": code})
    assert response.headers["Location"] == reverse("people:second_factor_setup")
    assert client.get("/accounts/2fa/totp/activate/").status_code == 302


def test_codes_are_not_resent_more_than_once_a_minute(db):
    client = client_as(new_officer())
    client.post(reverse("people:second_factor_setup"))
    client.post(reverse("people:second_factor_setup"))
    assert len(mail.outbox) == 1


def test_someone_with_an_app_has_nothing_to_set_up_here(people):
    response = client_as(people.staff).get(reverse("people:second_factor_setup"))
    assert response.headers["Location"] == reverse("mfa_index")
    assert client_as(people.member).get(reverse("people:second_factor_setup")).status_code == 403


# --- People are told ----------------------------------------------------------------------


def test_a_person_is_told_by_email_when_given_a_role(people, django_capture_on_commit_callbacks):
    client = client_as(people.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("people:role_edit", kwargs={"pk": people.member.pk}),
                               {"roles": ["staff"]})
    assert response.status_code == 302
    told = [m for m in mail.outbox if m.to == [people.member.email]]
    assert len(told) == 1
    assert "Staff" in told[0].body
    assert "authenticator app" in told[0].body
    assert "Ada Admin" in told[0].body


def test_a_person_is_told_by_email_when_an_authenticator_is_removed(people):
    client = client_as(people.staff, reauthenticated=True)
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=people.staff,
                                            type=Authenticator.Type.TOTP).exists()
    assert [m.to for m in mail.outbox] == [[people.staff.email]]
    assert "deactivated" in mail.outbox[0].body.lower() or "removed" in mail.outbox[0].body.lower()
    # Without an app the role's pages shut again until a new one is set up.
    assert client.get("/staff/").headers["Location"] == reverse("people:second_factor_setup")


def test_ok_is_what_the_table_expects_for_the_always_open_pages():
    for name in ALWAYS_OPEN - {"account_logout", "mfa_reauthenticate"}:
        assert ALL_RULES[name].staff == OK
