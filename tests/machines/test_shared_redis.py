"""Two web machines behind a load balancer share sessions and sign-in limits through Redis:
two separate gunicorn servers on the same database and Redis, one browser's requests going
to either. Signed in on one is signed in on the other; signing out on one ends every session
on both; wrong passwords count across both. Runs in the PostgreSQL and Redis pass."""

import os
import re
import uuid

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from redis import Redis

from tests.conftest import PASSWORD, make_user
from tests.machines.conftest import redis_only
from tests.servers import gunicorn_started
from tests.test_worker import _database_url

# The public name a load balancer passes on to every machine behind it.
HOST = "portal.test"


@pytest.fixture
def two_machines(tmp_path):
    prefix = f"two-machines-{uuid.uuid4().hex}"
    env = {key: value for key, value in os.environ.items() if key != "DISABLE_RATE_LIMITS"}
    env.update({
        "DATABASE_URL": _database_url(), "REDIS_URL": settings.REDIS_URL,
        # This test's own keys in the shared Redis (other runs of the suite use it too).
        "CACHE_KEY_PREFIX": prefix,
        "SECRET_KEY": "the-same-secret-on-every-machine-for-this-test-0123456789",
        "ALLOWED_HOSTS": HOST, "HTTPS": "false", "VAR_DIR": str(tmp_path),
        # Static files straight from the source: this is about state, not collectstatic.
        "DEBUG": "true", "DATABASE_CONN_MAX_AGE": "0"})
    servers, bases = [], []
    try:
        for _ in range(2):
            server, base = gunicorn_started(env, workers=1)
            servers.append(server)
            bases.append(base)
        yield bases
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        redis = Redis.from_url(settings.REDIS_URL)
        for key in redis.scan_iter(f"{prefix}:*"):
            redis.delete(key)


def _browser():
    browser = requests.Session()
    browser.headers["Host"] = HOST
    return browser


def _person():
    person = make_user(f"two-{uuid.uuid4().hex[:8]}@test.example", "Tess Two")
    # The suite hashes with MD5 for speed; the servers know only the real hashers.
    person.password = PBKDF2PasswordHasher().encode(PASSWORD, "two-machines-salt")
    person.save(update_fields=["password"])
    return person


def _sign_in(browser, base, email, password=PASSWORD):
    if "csrftoken" not in browser.cookies:
        browser.get(f"{base}/accounts/login/")
    return browser.post(f"{base}/accounts/login/", allow_redirects=False, data={
        "login": email, "password": password,
        "csrfmiddlewaretoken": browser.cookies["csrftoken"]})


def _signed_in(browser, base) -> bool:
    response = browser.get(f"{base}/dashboard/", allow_redirects=False)
    assert response.status_code in (200, 302), response.status_code
    return response.status_code == 200


@redis_only
@pytest.mark.django_db(transaction=True)
def test_sessions_are_shared_and_signing_out_on_one_machine_ends_them_on_both(two_machines):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    first, second = two_machines
    person = _person()
    laptop, phone = _browser(), _browser()
    assert _sign_in(laptop, first, person.email).status_code == 302
    assert _signed_in(laptop, second) and _signed_in(laptop, first)
    assert _sign_in(phone, second, person.email).status_code == 302
    assert _signed_in(phone, first)

    out = laptop.post(f"{second}/accounts/logout/", allow_redirects=False,
                      data={"csrfmiddlewaretoken": laptop.cookies["csrftoken"]})
    assert out.status_code == 302
    for browser in (laptop, phone):
        for base in (first, second):
            assert not _signed_in(browser, base)


@redis_only
@pytest.mark.django_db(transaction=True)
def test_wrong_passwords_count_across_both_machines(two_machines):
    first, second = two_machines
    person = _person()
    guesser = _browser()
    # allauth's own limit: 5 failed sign-ins for one account in 5 minutes. Shared out over
    # two machines each sees only 3; counted in Redis, the sixth is refused on either.
    responses = [_sign_in(guesser, base, person.email, "wrong-guess-123")
                 for base in (first, second) * 3]
    assert [response.status_code for response in responses] == [200] * 5 + [429]
    assert re.search(r"[Tt]oo many", responses[-1].text)


@redis_only
def test_a_test_process_clearing_its_cache_leaves_everyone_elses_keys():
    """The suite's test processes share one Redis (and Celery's queues): clearing one's cache
    must not empty the others' (Django's own clear() is FLUSHDB), or a kept figure vanishes
    from under another process's test (a query-count test failed that way in CI)."""
    from django.core.cache import cache

    redis = Redis.from_url(settings.REDIS_URL)
    someone_elses = f"another-process-{uuid.uuid4().hex}:1:kept"
    redis.set(someone_elses, b"1", ex=60)
    cache.set("ours", "kept")
    try:
        cache.clear()
        assert cache.get("ours") is None
        assert redis.get(someone_elses) == b"1"
    finally:
        redis.delete(someone_elses)
