"""Someone who reads easy read or large print is linked to that version from every message
about what we heard at an event or a commitment's news, and the pages show it (the
quarterly report's message: tests/listening/test_reports.py)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from listening.models import Commitment, Theme
from listening.services import (
    commitment_create,
    commitment_update,
    feedback_create,
    what_we_heard_send,
)
from people.models import MemberProfile, Notification
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def readers(member, past_event):
    """Three people who spoke at the event and asked for news: one reads easy read, one large
    print, one has no profile (standard)."""
    easy = make_user("easy@test.example", "Esme Easy")
    large = make_user("large@test.example", "Lars Large")
    MemberProfile.objects.create(user=easy, formats=["easy_read", "large_print"])
    MemberProfile.objects.create(user=large, formats=["large_print"])
    theme = Theme.objects.create(name="Waiting times")
    items = []
    for person in (easy, large, member):
        item = feedback_create(event=past_event, question="not_working", channel="online",
                               text="I waited months.", person=person, wants_updates=True)
        item.themes.add(theme)
        items.append(item)
    return {"easy": easy, "large": large, "standard": member, "items": items, "theme": theme}


def _url(person, key_part):
    return Notification.objects.get(person=person, dedupe_key__contains=key_part).url


def test_commitment_news_links_each_reader_to_their_version(staff, past_event, readers):
    commitment = commitment_create(
        created_by=staff, feedback_items=readers["items"], themes=[readers["theme"]],
        event=past_event, owner=staff, you_said="Assessments take too long.",
        we_will="Publish waiting times every month.",
        due_date=(timezone.now() + timedelta(days=30)).date())
    Commitment.objects.filter(pk=commitment.pk).update(
        easy_read_text="We will put waiting times on our website.",
        easy_read_picture="computer")
    commitment_update(commitment=commitment, status=Commitment.Status.IN_PROGRESS,
                      text="We have started.", updated_by=staff)
    page = commitment.get_absolute_url()
    assert _url(readers["easy"], f"commitment:{commitment.pk}") == f"{page}?format=easy_read"
    assert _url(readers["large"], f"commitment:{commitment.pk}") == f"{page}?format=large_print"
    assert _url(readers["standard"], f"commitment:{commitment.pk}") == page


def test_what_we_heard_links_each_reader_to_their_version(staff, past_event, readers):
    what_we_heard_send(event=past_event, subject="What we heard", body="Thank you.")
    page = reverse("listening:event_report", args=[past_event.pk])
    assert _url(readers["easy"], "what-we-heard") == f"{page}?format=easy_read"
    assert _url(readers["large"], "what-we-heard") == f"{page}?format=large_print"
    assert _url(readers["standard"], "what-we-heard") == page


def test_the_linked_pages_show_that_version(client, staff, past_event, readers,
                                            django_assert_max_num_queries):
    commitment = commitment_create(
        created_by=staff, feedback_items=readers["items"][:1], themes=[readers["theme"]],
        event=past_event, owner=staff, you_said="Assessments take too long.",
        we_will="Publish waiting times every month.",
        due_date=(timezone.now() + timedelta(days=30)).date())
    Commitment.objects.filter(pk=commitment.pk).update(
        easy_read_text="We will put waiting times on our website.",
        easy_read_picture="computer")
    Theme.objects.filter(pk=readers["theme"].pk).update(
        easy_read_text="People wait a long time for help.", easy_read_picture="waiting")
    heard = reverse("listening:event_report", args=[past_event.pk])

    with django_assert_max_num_queries(20):  # the same fixed queries as a report
        easy = client.get(f"{heard}?format=easy_read").content.decode()
    assert 'class="report report--easy_read"' in easy
    assert "People wait a long time for help." in easy
    assert "We will put waiting times on our website." in easy
    assert 'alt="A computer"' in easy and "We plan to do this." in easy
    large = client.get(f"{heard}?format=large_print").content.decode()
    assert 'class="report report--large_print"' in large and "Waiting times" in large
    standard = client.get(heard).content.decode()
    assert "report--" not in standard and "What we heard and what we will do" in standard
    assert 'href="?format=easy_read"' in standard  # the other versions a link away

    page = client.get(commitment.get_absolute_url() + "?format=easy_read").content.decode()
    assert "We will put waiting times on our website." in page
    assert "We plan to do this." in page and 'alt="A computer"' in page
    large = client.get(commitment.get_absolute_url() + "?format=large_print").content.decode()
    assert "report--large_print" in large and "Assessments take too long." in large


def test_a_reader_signed_in_gets_their_version_without_asking(client_for, past_event,
                                                              readers):
    heard = reverse("listening:event_report", args=[past_event.pk])
    html = client_for(readers["easy"]).get(heard).content.decode()
    assert 'class="report report--easy_read"' in html
    html = client_for(readers["standard"]).get(heard).content.decode()
    assert "report--" not in html
