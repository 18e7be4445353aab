"""Access needs stored as JSON lists become choice lists like every other (",bsl,carer,"),
keeping what people told us."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("projects", "0003_project_rates_from_the_policy")]
AFTER = [("projects", "0004_access_needs_stored_like_every_choice_list")]


@pytest.mark.django_db(transaction=True)
def test_json_lists_of_needs_become_choice_lists():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("people", "User").objects.create(
        email="lead@test.example", name="Lead", password="x", is_council_staff=True)
    project = old.get_model("projects", "Project").objects.create(
        title="Short breaks", summary="s", problem="p", aims="a", in_scope="i",
        out_of_scope="o", who_for="w", what_is_involved="w", level="co_production",
        status="running", starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 1), places=8,
        staff_co_chair=user, expenses_and_payment="")
    old.get_model("projects", "Interest").objects.create(
        project=project, person=user, what_i_bring="x", needs=["bsl", "carer"])
    old.get_model("projects", "Membership").objects.create(project=project, person=user,
                                                             needs=[])

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    assert list(new.get_model("projects", "Interest").objects.values_list("needs", flat=True)) \
        == [["bsl", "carer"]]
    assert list(new.get_model("projects", "Membership").objects.values_list(
        "needs", flat=True)) == [[]]
    with connection.cursor() as cursor:
        cursor.execute("SELECT needs FROM projects_interest")
        assert cursor.fetchone()[0] == ",bsl,carer,"
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
