"""Shared test people: one user per role (healthchecks' hc/test.py does the same), and the
switches that make the suite run the production settings over plain HTTP."""

import os
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings

from coproduction import celery_app
from people.models import User

ROLES = ["visitor", "member", "our_voice", "staff", "finance", "admin"]
PASSWORD = "a-long-test-password-2026"

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    # Manifest storage needs collectstatic; the suite serves static files from the source.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Password hashing is deliberately slow; the suite creates hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True


def make_user(email, name="Test Person", *, second_factor=False, **roles):
    user = User.objects.create_user(email=email, password=PASSWORD, name=name, **roles)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if second_factor:
        TOTP.activate(user, generate_totp_secret())
        RecoveryCodes.activate(user)
    return user


def make_role_users():
    """One person for each role. Staff, finance and admin have set up their second factor."""
    return SimpleNamespace(
        visitor=None,
        member=make_user("member@test.example", "Mo Member"),
        our_voice=make_user("ourvoice@test.example", "Olu Voice", is_our_voice=True),
        staff=make_user("staff@test.example", "Sita Staff", second_factor=True,
                        is_council_staff=True),
        finance=make_user("finance@test.example", "Fin Finance", second_factor=True,
                          is_finance_officer=True),
        admin=make_user("admin@test.example", "Ada Admin", second_factor=True,
                        is_service_admin=True),
    )


@pytest.fixture
def people(db):
    return make_role_users()


@pytest.fixture
def member(people):
    return people.member


@pytest.fixture
def staff(people):
    return people.staff


@pytest.fixture
def admin_user(people):
    return people.admin


@pytest.fixture
def client_for(client):
    """client_for(user) gives a test client signed in as that user (or a visitor for None)."""
    from django.test import Client

    def make(user):
        from tests.site_checks import sign_in

        if user is None:
            return Client()
        return sign_in(Client(), user)

    return make
