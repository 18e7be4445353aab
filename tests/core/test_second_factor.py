"""Staff, finance and admin cannot open their pages until they have a second factor."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import override_settings

from tests.conftest import make_user
from tests.site_checks import client_as


@pytest.mark.parametrize("role_field,page", [("is_council_staff", "/staff/"),
                                             ("is_finance_officer", "/finance/"),
                                             ("is_service_admin", "/admin-area/"),
                                             ("is_service_admin", "/django-admin/")])
def test_staff_roles_are_sent_to_set_up_a_second_factor(db, role_field, page):
    user = make_user("new.officer@test.example", **{role_field: True})
    response = client_as(user).get(page)
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/2fa/totp/activate/"


def test_members_never_need_a_second_factor(people):
    assert not Authenticator.objects.filter(user=people.member).exists()
    assert client_as(people.member).get("/dashboard/").status_code == 200


def test_with_a_second_factor_the_staff_page_opens(people):
    assert client_as(people.staff).get("/staff/").status_code == 200


def test_signing_in_with_a_password_then_asks_for_the_code(people):
    from django.test import Client

    client = Client()
    response = client.post("/accounts/login/", {"login": people.staff.email,
                                                 "password": "a-long-test-password-2026"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/staff/").status_code == 302  # not signed in until the code is given


@override_settings(REQUIRE_STAFF_SECOND_FACTOR=False, DEMO_MODE=True)
def test_the_demo_can_switch_it_off_and_then_says_it_is_a_demo(db):
    user = make_user("demo.officer@test.example", is_council_staff=True)
    response = client_as(user).get("/staff/")
    assert response.status_code == 200
    assert "This is a demonstration site" in response.content.decode()
