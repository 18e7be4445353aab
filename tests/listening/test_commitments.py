"""Commitments, their updates, telling people, the background jobs."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from listening.models import Commitment, Registration, Theme
from listening.services import commitment_create, feedback_create
from listening.tasks import remind_overdue_commitments, send_event_reminders
from people.models import MemberProfile, Notification
from tests.conftest import make_user
from tests.listening.conftest import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def said(member, past_event):
    theme = Theme.objects.create(name="Waiting times")
    direct = feedback_create(event=past_event, question="not_working", channel="online",
                             text="I waited months", person=member, wants_updates=True)
    other = make_user("other@test.example", "Olive Other")
    by_theme = feedback_create(event=past_event, question="not_working", channel="online",
                               text="Long waits", person=other, wants_updates=True)
    by_theme.themes.add(theme)
    quiet = make_user("quiet@test.example", "Quentin Quiet")
    feedback_create(event=past_event, question="other", channel="online", text="No news",
                    person=quiet, wants_updates=False).themes.add(theme)
    return {"theme": theme, "direct": direct, "other": other, "quiet": quiet}


def test_staff_make_a_commitment_from_ticked_items(client_for, staff, said, past_event):
    client = client_for(staff)
    page = client.get(reverse("listening:commitment_create"),
                      {"items": [said["direct"].pk]}).content.decode()
    assert "I waited months" in page
    response = client.post(reverse("listening:commitment_create"), {
        "you_said": "Waits are long", "we_will": "Publish waiting times", "owner": staff.pk,
        "due_date": "2030-01-31", "event": past_event.pk, "feedback_items": [said["direct"].pk],
        "themes": [said["theme"].pk]})
    commitment = Commitment.objects.get()
    assert response.status_code == 302
    assert list(commitment.feedback_items.all()) == [said["direct"]]
    assert commitment.status == Commitment.Status.PLANNED
    assert commitment.updates.count() == 1


def test_status_change_tells_those_who_asked_once(client_for, staff, member, said):
    commitment = commitment_create(
        created_by=staff, feedback_items=[said["direct"]], themes=[said["theme"]],
        you_said="Waits", we_will="Publish waiting times", owner=staff,
        due_date=timezone.localdate() + timedelta(days=30))
    client = client_for(staff)
    page = client.get(reverse("listening:commitment_update", args=[commitment.pk]))
    assert "Olive Other" in page.content.decode(), "staff see who will be told first"
    url = reverse("listening:commitment_update", args=[commitment.pk])

    # Changing the status first shows how each person will be told: nothing saved or sent.
    MemberProfile.objects.create(user=said["other"], preferred_channel="text",
                                 phone="07700 900123")
    preview = client.post(url, {"status": "done", "text": "We did it: the times are online."})
    page = preview.content.decode()
    assert preview.status_code == 200 and "Save the update and tell 2 people" in page
    assert dict(preview.context["preview"]["counts"]) == {"Email": 1, "Text message": 1}
    assert "Now: Done." in page and "We did it: the times are online." in page
    text_words = dict((channel, words) for _label, channel, words
                      in preview.context["preview"]["examples"])["text"]
    assert text_words.startswith("News about something you told us: done.")
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.PLANNED and commitment.updates.count() == 1
    assert not Notification.objects.exists()

    client.post(url, {"status": "done", "text": "We did it: the times are online.",
                      "send": "1"})
    client.post(url, {"status": "done", "text": "Also in the newsletter."})

    told = Notification.objects.filter(dedupe_key=f"commitment:{commitment.pk}:done")
    assert {n.person for n in told} == {member, said["other"]}
    assert "We did it" in told.first().body
    assert not Notification.objects.filter(person=said["quiet"]).exists()
    commitment.refresh_from_db()
    assert commitment.updates.count() == 3
    public = client_for(None).get(commitment.get_absolute_url()).content.decode()
    assert "Also in the newsletter." in public

    dashboard = client_for(member).get(reverse("listening:my_listening")).content.decode()
    assert "I waited months" in dashboard and "Publish waiting times" in dashboard
    assert "Done" in dashboard


def test_cant_do_needs_a_reason(client_for, staff, said):
    commitment = commitment_create(created_by=staff, themes=[said["theme"]], you_said="x",
                                   we_will="y", owner=staff, due_date=timezone.localdate())
    client_for(staff).post(reverse("listening:commitment_update", args=[commitment.pk]),
                           {"status": "cant_do", "text": "Sorry", "reason": "No money",
                            "send": "1"})
    commitment.refresh_from_db()
    assert commitment.status == "cant_do" and commitment.reason == "No money"


def test_overdue_owner_is_reminded_once_per_period(staff, said, settings):
    commitment = commitment_create(created_by=staff, themes=[said["theme"]], you_said="x",
                                   we_will="y", owner=staff,
                                   due_date=timezone.localdate() - timedelta(days=1))
    fresh = commitment_create(created_by=staff, themes=[said["theme"]], you_said="x",
                              we_will="z", owner=staff,
                              due_date=timezone.localdate() + timedelta(days=10))
    assert remind_overdue_commitments() == 1
    assert remind_overdue_commitments() == 0
    # No news for longer than the configured time flags it too.
    stale = timedelta(weeks=settings.LISTENING_COMMITMENT_STALE_WEEKS + 1)
    Commitment.objects.filter(pk=fresh.pk).update(last_update_at=timezone.now() - stale)
    assert remind_overdue_commitments() == 1
    reminders = Notification.objects.filter(person=staff, subject__contains="needs an update")
    assert reminders.count() == 2
    # A period later, the first one is due another reminder.
    Commitment.objects.filter(pk=commitment.pk).update(
        owner_reminded_at=timezone.now() - timedelta(weeks=9))
    assert remind_overdue_commitments() == 1


def test_reminder_the_day_before_goes_once(staff, member):
    tomorrow = make_event(staff, days=1)
    later = make_event(staff, days=5, title="Later")
    Registration.objects.create(event=tomorrow, person=member)
    Registration.objects.create(event=tomorrow, guest_name="Gus", guest_contact_method="email",
                                guest_contact="gus@test.example")
    Registration.objects.create(event=later, person=member)
    mail.outbox.clear()
    assert send_event_reminders() == 2
    assert send_event_reminders() == 0
    assert Notification.objects.filter(person=member, subject__startswith="Tomorrow").count() == 1


def test_staff_dashboard_flags_overdue_commitments(client_for, staff, said):
    commitment_create(created_by=staff, themes=[said["theme"]], you_said="x",
                      we_will="Fix the lifts", owner=staff,
                      due_date=timezone.localdate() - timedelta(days=3))
    page = client_for(staff).get(reverse("staff_home")).content.decode()
    assert "Fix the lifts" in page and "1 commitment needs news" in page
    listing = client_for(staff).get(reverse("listening:commitment_list"),
                                    {"flagged": "on"}).content.decode()
    assert "Needs news" in listing
