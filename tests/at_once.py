"""Running writes at the same moment, for tests of row locks. SQLite runs one write at a
time, so such tests only mean something on PostgreSQL (the second pass of .ci/run)."""

import threading

import pytest
from django.db import connection

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks matter on PostgreSQL; SQLite runs one write at a time")


def run_at_once(*calls) -> list[Exception]:
    """Runs each call in its own thread and database connection, all released together, and
    returns the errors they raised. Use with django_db(transaction=True): each thread commits
    its own transaction."""
    start = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            connection.ensure_connection()  # connect first, so that all start together
            start.wait(timeout=10)
            call()
        except Exception as error:  # noqa: BLE001 - returned to the test, which asserts on it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors
