"""The dashboards' figures are worked out once and kept for everyone who may see them
(coproduction.dashboards.kept): after a change the kept figures still show while a worker
makes fresh ones, and beat keeps each default view made, so nobody waits at national size."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coproduction import public_cache
from coproduction.tasks import dashboard_remake, dashboards_keep_ready
from listening.models import Channel, FeedbackItem, Question
from tests.dashboards.conftest import YEAR, at


@pytest.fixture
def kept_for_ten_minutes(settings):
    settings.DASHBOARD_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def _things_said(client, query=YEAR):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/dashboards/listening/", query)
    assert response.status_code == 200
    return response.context["page"].table("answered").rows[0][1], len(queries), response


def _say_something():
    FeedbackItem.objects.create(question=Question.FUTURE, text="more buses",
                                channel=Channel.PAPER, created_at=at(2025, 7, 1))


def test_figures_are_worked_out_once_for_everyone(scenario, client_for, people,
                                                  kept_for_ten_minutes,
                                                  django_capture_on_commit_callbacks):
    said, first_queries, _response = _things_said(client_for(people.staff))
    with mock.patch.object(dashboard_remake, "delay") as remake, \
            django_capture_on_commit_callbacks(execute=True):
        said_again, queries, response = _things_said(client_for(people.our_voice))
    assert said == said_again == 4
    remake.assert_not_called()  # they are current: no worker is asked to make them again
    # The second viewer's page runs only its own few queries (session, person, the filter
    # form's topics and areas), none of the figures'.
    assert queries <= first_queries - 8
    assert "Figures worked out at" in response.content.decode()


def test_after_a_change_the_kept_figures_show_while_a_worker_makes_fresh_ones(
        scenario, client_for, people, kept_for_ten_minutes, django_capture_on_commit_callbacks):
    staff, our_voice = client_for(people.staff), client_for(people.our_voice)
    assert _things_said(staff)[0] == 4
    _say_something()
    with django_capture_on_commit_callbacks(execute=True):
        public_cache.bump("listening")  # as the listening services do after their commit
    # Until the worker has made fresh figures, everyone sees the kept ones, and only one
    # remake is asked for however many look.
    with mock.patch.object(dashboard_remake, "delay") as remake, \
            django_capture_on_commit_callbacks(execute=True):
        assert _things_said(our_voice)[0] == 4
        assert _things_said(staff)[0] == 4
    remake.assert_called_once()
    slug, query = remake.call_args.args
    dashboard_remake(slug, query)  # what the worker does
    assert _things_said(our_voice)[0] == 5


def test_with_nothing_kept_the_viewer_gets_fresh_figures(scenario, client_for, people,
                                                         kept_for_ten_minutes):
    assert _things_said(client_for(people.staff))[0] == 4
    _say_something()
    # Other dates are another set of figures: worked out now, from the data as it is.
    assert _things_said(client_for(people.staff),
                        {"start": "2025-01-01", "end": "2025-12-30"})[0] == 5


def test_beat_keeps_every_default_view_made(scenario, client_for, people,
                                            kept_for_ten_minutes,
                                            django_capture_on_commit_callbacks):
    from coproduction.dashboards import kept

    assert kept.keep_default_views() == ["growth", "listening", "reach", "experience",
                                         "recognition"]
    assert kept.keep_default_views() == []  # all current: nothing is worked out again
    client = client_for(people.our_voice)
    for slug in ("growth", "reach", "recognition"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/dashboards/{slug}/").status_code == 200
        assert len(queries) <= 6, slug
    with django_capture_on_commit_callbacks(execute=True):
        public_cache.bump("events")
    dashboards_keep_ready()  # beat's job: out of date, so made again
    assert kept.keep_default_views() == []


def test_without_keeping_every_view_is_worked_out(scenario, client_for, people, settings):
    settings.DASHBOARD_CACHE_SECONDS = 0
    from coproduction.dashboards import kept

    assert kept.keep_default_views() == []
    assert _things_said(client_for(people.staff))[0] == 4
    _say_something()
    assert _things_said(client_for(people.staff))[0] == 5


def test_with_the_queue_down_the_kept_figures_still_show(scenario, client_for, people,
                                                        kept_for_ten_minutes, caplog,
                                                        django_capture_on_commit_callbacks):
    from kombu.exceptions import OperationalError

    staff = client_for(people.staff)
    assert _things_said(staff)[0] == 4
    _say_something()
    with django_capture_on_commit_callbacks(execute=True):
        public_cache.bump("listening")
    with mock.patch.object(dashboard_remake, "delay",
                           side_effect=OperationalError("broker down")) as remake:
        with django_capture_on_commit_callbacks(execute=True):
            said, _queries, response = _things_said(staff)
    assert said == 4 and response.status_code == 200
    remake.assert_called_once()
    assert "broker down" in caplog.text  # logged for whoever runs the portal
