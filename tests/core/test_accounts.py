"""Sign up with email verification, sign in by password or by an emailed code."""

import re

from django.core import mail
from django.test import Client

from people.models import User


def test_sign_up_needs_the_email_verified_before_signing_in(db):
    client = Client()
    response = client.post("/accounts/signup/", {
        "name": "Pat Carer", "email": "pat@test.example",
        "password1": "a-good-long-password", "password2": "a-good-long-password"})
    assert response.headers["Location"] == "/accounts/confirm-email/"
    assert User.objects.get(email="pat@test.example").name == "Pat Carer"
    assert client.get("/dashboard/").status_code == 302

    key = re.search(r"/accounts/confirm-email/([^/\s]+)/", mail.outbox[-1].body).group(1)
    response = client.post(f"/accounts/confirm-email/{key}/")
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200


def test_members_can_sign_in_with_an_emailed_code_and_no_password(people):
    client = Client()
    client.post("/accounts/login/code/", {"email": people.member.email})
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[-1].body, re.M).group(1)
    response = client.post("/accounts/login/code/confirm/", {"code": code})
    assert response.status_code == 302
    response = client.get("/dashboard/")
    assert response.status_code == 200
    assert "Hello, Mo Member" in response.content.decode()
    assert "Northshire County Council" in mail.outbox[-1].body


def test_a_wrong_code_does_not_sign_in(people):
    client = Client()
    client.post("/accounts/login/code/", {"email": people.member.email})
    response = client.post("/accounts/login/code/confirm/", {"code": "WRONG1"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert client.get("/dashboard/").status_code == 302


def test_a_password_needs_twelve_characters_and_no_composition_rules(db):
    client = Client()
    short = client.post("/accounts/signup/", {
        "name": "Pat", "email": "pat@test.example",
        "password1": "elevenchars", "password2": "elevenchars"})
    assert short.status_code == 200
    assert "at least 12 characters" in short.content.decode()
    assert not User.objects.filter(email="pat@test.example").exists()
    # Twelve plain letters are fine: length, not a mix of symbols, makes a password strong.
    ok = client.post("/accounts/signup/", {
        "name": "Pat", "email": "pat@test.example",
        "password1": "meadowlarkss", "password2": "meadowlarkss"})
    assert ok.status_code == 302
