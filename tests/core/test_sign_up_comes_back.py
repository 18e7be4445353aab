"""A visitor who signs up on the way to taking part in a project comes back to that project,
whether the confirmation email opens in the same browser or another one."""

import re

from django.core import mail
from django.test import Client

from tests.conftest import PASSWORD
from tests.site_rules.projects import make_project

NEW = {"email": "new.person@test.example", "password1": PASSWORD, "password2": PASSWORD,
       "name": "Newbie"}


def sign_up_on_the_way_to(client, url):
    response = client.post(f"/accounts/signup/?next={url}", {**NEW, "next": url})
    assert response.status_code == 302
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body).group(0)
    return "/" + link.split("/", 3)[3]


def test_confirming_in_the_same_browser_goes_on_to_the_project(people):
    project = make_project(people.staff)
    interest = f"/projects/{project.pk}/interest/"
    client = Client()
    confirm = sign_up_on_the_way_to(client, interest)
    response = client.post(confirm)
    assert response.headers["Location"] == interest
    assert client.get(interest).status_code == 200


def test_confirming_in_another_browser_signs_in_then_goes_on_to_the_project(people):
    project = make_project(people.staff)
    interest = f"/projects/{project.pk}/interest/"
    confirm = sign_up_on_the_way_to(Client(), interest)
    assert "next=%2Fprojects%2F" in confirm
    other = Client()
    response = other.post(confirm)
    assert response.headers["Location"] == interest
    # Not signed in in this browser: the project's page asks them to, then carries on.
    login = other.get(interest).headers["Location"]
    assert login.startswith("/accounts/login/") and "next=/projects/" in login
    response = other.post(login, {"login": NEW["email"], "password": PASSWORD})
    assert response.headers["Location"] == interest


def test_a_next_address_on_another_site_is_never_followed(people):
    confirm = sign_up_on_the_way_to(Client(), "https://attacker.example/")
    assert "attacker" not in confirm
    response = Client().post(confirm)
    assert "attacker" not in response.headers.get("Location", "")
