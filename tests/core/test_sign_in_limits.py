"""Guessing passwords is limited on the shared cache, per account and address: a guesser is
refused with HTTP 429, a forged X-Forwarded-For neither resets the count nor shares it with
everyone, and the owner, at their own address, can still sign in."""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from tests.conftest import PASSWORD

LIMITS = {"login_failed": "10/m/ip,5/300s/key"}


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


def guess(client, user, times, **headers):
    return [client.post("/accounts/login/", {"login": user.email, "password": "wrong-guess-123"},
                        headers=headers).status_code for _ in range(times)]


@override_settings(ACCOUNT_RATE_LIMITS=LIMITS, ALLAUTH_TRUSTED_PROXY_COUNT=0)
def test_the_sixth_wrong_password_is_refused_with_429(people):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    assert guess(attacker, people.member, 5) == [200] * 5
    refused = attacker.post("/accounts/login/", {"login": people.member.email,
                                                 "password": PASSWORD})
    assert refused.status_code == 429
    assert b"Too many" in refused.content or b"too many" in refused.content
    assert "_auth_user_id" not in attacker.session


@override_settings(ACCOUNT_RATE_LIMITS=LIMITS, ALLAUTH_TRUSTED_PROXY_COUNT=0)
def test_a_forged_forwarded_for_header_does_not_reset_the_count(people):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [guess(attacker, people.member, 1, x_forwarded_for=f"198.51.100.{n}")[0]
                for n in range(7)]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]


@override_settings(ACCOUNT_RATE_LIMITS=LIMITS, ALLAUTH_TRUSTED_PROXY_COUNT=0)
def test_the_owner_is_not_locked_out_by_someone_else_guessing(people):
    guess(Client(REMOTE_ADDR="203.0.113.9"), people.member, 7)
    owner = Client(REMOTE_ADDR="192.0.2.20")
    response = owner.post("/accounts/login/", {"login": people.member.email,
                                               "password": PASSWORD})
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(people.member.pk)


@override_settings(ACCOUNT_RATE_LIMITS=LIMITS, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_is_the_one_the_proxy_saw(people):
    # Everyone arrives from the proxy's address; the proxy appends the real one.
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = Client(**proxy)
    # The attacker forges a first entry each time; the proxy's own (last) entry is what counts.
    statuses = [guess(attacker, people.member, 1,
                      x_forwarded_for=f"198.51.100.{n}, 203.0.113.9")[0] for n in range(6)]
    assert statuses == [200] * 5 + [429]
    owner = Client(**proxy)
    response = owner.post("/accounts/login/", {"login": people.member.email,
                                               "password": PASSWORD},
                          headers={"x_forwarded_for": "192.0.2.20"})
    assert response.status_code == 302  # not sharing the attacker's count through the proxy
