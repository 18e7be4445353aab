"""Shared test people: one user per role (healthchecks' hc/test.py does the same), the
switches that make the suite run the production settings over plain HTTP, a temporary
MEDIA_ROOT for every test, and the whole-site world built once per module (`site_world`,
`role_clients`, at the end of this file)."""

import copy
import os
import shutil
import time
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings

from coproduction import celery_app
from people.models import User

ROLES = ["visitor", "member", "our_voice", "staff", "finance", "admin", "partner"]
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
    # Tests make data without the services that bump the public pages' cache versions: no
    # kept pages, but in the tests of the cache itself (tests/scale/).
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.DASHBOARD_CACHE_SECONDS = 0
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    # With REDIS_URL set, every test process (xdist's, and other runs of the suite) shares one
    # Redis: each keeps to its own keys, so that e.g. allauth's "this sign-in code was used
    # already" in one process never stops another process's test person (the same id in its
    # own database) signing in.
    settings.CACHES = {alias: {**cache, "KEY_PREFIX": f"test-{os.getpid()}"}
                       for alias, cache in settings.CACHES.items()}
    for cache in settings.CACHES.values():
        if cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
            cache["BACKEND"] = "tests.own_keys_cache.OwnKeysRedisCache"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # Under xdist (`make test` runs `-n 2 --dist loadgroup`), the tests that start a real Celery
    # worker process all run in one xdist worker, one after another; the rest are shared out.
    for item in items:
        if item.get_closest_marker("worker"):
            item.add_marker(pytest.mark.xdist_group("celery-worker"))


@pytest.fixture(autouse=True)
def cache_forgets_each_test():
    """What a test kept in the cache (a page, theme counts, a dashboard's figures, sessions)
    goes when it ends, as its database rows do: the next test, whose data may differ under
    the same versions and ids, must not be shown it. Only this process's keys (on Redis:
    tests/own_keys_cache)."""
    yield
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test's uploads go to a folder of its own, never into var/uploads."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


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


# --- The whole-site world, built once per test module ---
#
# The whole-site checks (tests/test_site_*.py) all need the same world: tests/site_rules'
# build_world(), a few hundred queries. `site_world` builds it once per module, inside a
# transaction that is rolled back when the module's last test is done; each test then runs in
# a savepoint of its own (pytest-django's `db`, Django's TestCase), so what one test writes
# no other test sees. Tests that need a fresh database of their own (`transactional_db`,
# `live_server`) cannot share a module with these.


@pytest.fixture(scope="module")
def site_world_for_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, its uploaded files and one session per role, for the whole module. Tests use
    `site_world` and `role_clients`, not this."""
    from django.db import transaction
    from django.test import override_settings

    from tests.site_checks import client_as
    from tests.site_rules import build_world

    uploads = tmp_path_factory.mktemp("site-world-uploads")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=uploads):
        with transaction.atomic():
            try:
                world = build_world()
                sessions = {}
                for reauthenticated in (False, True):
                    for role in ROLES:
                        user = getattr(world.people, role)
                        if user is not None:
                            client = client_as(user, reauthenticated=reauthenticated)
                            sessions[role, reauthenticated] = \
                                client.cookies[settings.SESSION_COOKIE_NAME].value
                yield SimpleNamespace(world=world, uploads=uploads, sessions=sessions,
                                      signed_in_at=time.time())
            finally:
                transaction.set_rollback(True)


@pytest.fixture
def site_world(site_world_for_module, db, media_root):
    """The whole-site world (tests/site_rules build_world: world.people has one person per
    role, and each room's objects), shared by the module's tests; this test's writes are
    rolled back when it ends. The objects are this test's own copies, and the world's uploaded
    files are copied into this test's MEDIA_ROOT."""
    shutil.copytree(site_world_for_module.uploads, media_root, dirs_exist_ok=True)
    yield copy.deepcopy(site_world_for_module.world)
    # With sessions in the cache too (cached_db, when REDIS_URL is set), what a test did to
    # the module's sessions stays in the cache when its database writes are rolled back:
    # `cache_forgets_each_test` drops it, so the next test reads them from the database.


class RoleClients:
    """`role_clients[role]`: a test client signed in as the world's person for `role`, with the
    sign-in recorded as a password sign-in (tests/site_checks.py client_as); a visitor for
    "visitor". `role_clients.reauthenticated[role]`: the same person, having just confirmed
    their password again. Within a test each is one client; each test gets fresh clients on
    the module's sessions (what a test does to a session is rolled back with the rest)."""

    def __init__(self, shared, *, reauthenticated=False):
        self._shared = shared
        self._reauthenticated = reauthenticated
        self._clients = {}
        if not reauthenticated:
            self.reauthenticated = RoleClients(shared, reauthenticated=True)

    def __getitem__(self, role):
        if role not in self._clients:
            self._clients[role] = self._make(role)
        return self._clients[role]

    def _make(self, role):
        from allauth.account import app_settings as account_settings
        from django.test import Client

        from tests.site_checks import client_as

        user = getattr(self._shared.world.people, role)
        if user is None:
            return Client()
        # allauth honours a confirmed password for REAUTHENTICATION_TIMEOUT seconds; a module
        # that runs longer signs this test's person in afresh (rolled back with the test).
        age = time.time() - self._shared.signed_in_at
        if self._reauthenticated and age > account_settings.REAUTHENTICATION_TIMEOUT - 60:
            return client_as(user, reauthenticated=True)
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = \
            self._shared.sessions[role, self._reauthenticated]
        return client


@pytest.fixture
def role_clients(site_world_for_module, site_world):
    """One signed-in test client per role, for the people in `site_world` (see RoleClients)."""
    return RoleClients(site_world_for_module)
