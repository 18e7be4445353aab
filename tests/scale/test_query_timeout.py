"""Every query has a ceiling on PostgreSQL (issue 13): web connections carry the statement
timeout and temporary file limit from settings, Celery workers longer ones, and a query the
database cancels gives "this is taking too long" (503), not the general error page."""

import pytest
from django.conf import settings
from django.db import OperationalError, connection

from coproduction.celery import _longer_database_limits
from coproduction.middleware import is_query_cancelled
from tests.at_once import postgresql_only


def _show(name):
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


@postgresql_only
@pytest.mark.django_db
def test_web_connections_carry_the_limits_from_settings():
    assert settings.DATABASE_STATEMENT_TIMEOUT_MS == 10_000
    assert _show("statement_timeout") == "10s"
    assert _show("temp_file_limit") == "256MB"


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_celery_worker_gets_the_longer_limits():
    database = settings.DATABASES["default"]
    before = database["OPTIONS"]["options"]
    try:
        _longer_database_limits()
        assert _show("statement_timeout") == "10min"
        assert _show("temp_file_limit") == "2GB"
        assert _show("jit") == "on"
    finally:
        database["OPTIONS"]["options"] = before
        connection.close()
    assert _show("statement_timeout") == "10s"


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_cancelled_query_gives_the_taking_too_long_page(client, settings):
    settings.ROOT_URLCONF = "tests.scale.slow_urls"
    response = client.get("/slow-page-for-tests/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "This is taking too long" in html
    assert "Try again in a few minutes" in html
    # The connection is still good for the next request.
    assert client.get("/cookies/").status_code == 200


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_only_a_cancelled_query_counts_as_too_long():
    with pytest.raises(OperationalError) as cancelled, connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 20")
        try:
            cursor.execute("SELECT pg_sleep(1)")
        finally:
            cursor.execute("RESET statement_timeout")
    assert is_query_cancelled(cancelled.value)
    assert not is_query_cancelled(OperationalError("could not connect to server"))
    assert not is_query_cancelled(ValueError("no"))


@postgresql_only
@pytest.mark.django_db
def test_web_connections_do_not_compile_queries():
    assert _show("jit") == "off"
