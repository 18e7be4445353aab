"""Attendance feeds participation records; feedback from every channel; CSV import; themes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from listening.models import Channel, FeedbackItem, Registration, Theme
from listening.services import feedback_create, registration_create
from people.models import Involvement, Topic

pytestmark = pytest.mark.django_db


def test_marking_attendance_records_involvement_and_unmarking_removes_it(
        client_for, staff, member, past_event):
    registration = Registration.objects.create(event=past_event, person=member)
    guest = Registration.objects.create(event=past_event, guest_name="Gail",
                                        guest_contact_method="phone", guest_contact="0123")
    url = reverse("listening:event_attendance", args=[past_event.pk])
    client = client_for(staff)

    client.post(url, {"attended": [registration.pk, guest.pk]})

    involvement = Involvement.objects.get(source=f"listening.attendance:{registration.pk}")
    assert involvement.person == member and involvement.kind == Involvement.Kind.EVENT
    assert involvement.activity_key == f"event:{past_event.pk}"
    assert involvement.hours == 2 and involvement.starts_at == past_event.starts_at
    assert Involvement.objects.count() == 1, "guests have no account, so no involvement"
    client.post(url, {"attended": [guest.pk]})
    assert not Involvement.objects.exists()


def test_walk_in_member_is_recorded_as_there(client_for, staff, member, past_event):
    client_for(staff).post(reverse("listening:event_walk_in", args=[past_event.pk]),
                           {"name": "Mo", "email": member.email})
    registration = Registration.objects.get(event=past_event, person=member)
    assert registration.walk_in and registration.attended
    assert Involvement.objects.filter(person=member).exists()


def test_sign_in_sheet_lists_who_is_booked(client_for, staff, member, event):
    registration_create(event=event, person=member)
    page = client_for(staff).get(reverse("listening:event_sign_in_sheet", args=[event.pk]))
    assert member.name in page.content.decode()


def test_member_gives_feedback_and_may_stay_anonymous(client_for, member, event):
    client = client_for(member)
    url = reverse("listening:event_feedback", args=[event.pk])
    client.post(url, {"question": "working", "text": "Friendly staff", "wants_updates": "on"})
    client.post(url, {"question": "future", "text": "More buses", "anonymous": "on"})
    named = FeedbackItem.objects.get(text="Friendly staff")
    assert named.person == member and named.wants_updates and not named.consent_to_quote
    anonymous = FeedbackItem.objects.get(text="More buses")
    assert anonymous.person is None and not anonymous.wants_updates


def test_visitor_gives_open_survey_feedback_anonymously(client):
    client.post(reverse("listening:feedback_give"), {"question": "other", "text": "Hello"})
    item = FeedbackItem.objects.get()
    assert item.person is None and item.event is None and item.channel == Channel.ONLINE


def test_staff_enter_several_items_at_once_recording_channel_and_who(
        client_for, staff, member, past_event):
    data = {"event": past_event.pk, "channel": "postcard", "items-TOTAL_FORMS": "5",
            "items-INITIAL_FORMS": "0",
            "items-0-question": "working", "items-0-text": "Good day centre",
            "items-0-email": member.email, "items-0-wants_updates": "on",
            "items-1-question": "not_working", "items-1-text": "Late buses",
            "items-1-consent_to_quote": "on"}
    response = client_for(staff).post(reverse("listening:feedback_add"), data)
    assert response.status_code == 302
    items = FeedbackItem.objects.order_by("pk")
    assert [item.text for item in items] == ["Good day centre", "Late buses"]
    assert {item.channel for item in items} == {"postcard"}
    assert {item.entered_by for item in items} == {staff}
    assert items[0].person == member and items[0].wants_updates
    assert items[1].person is None and items[1].consent_to_quote


CSV = (b"question,text,consent_to_quote,topic,area,email\n"
       b"working well,The carers centre is great,yes,Carers,,\n"
       b"not working,Waiting lists are long,no,,,\n")


def test_csv_import_previews_then_saves(client_for, staff, past_event):
    Topic.objects.create(name="Carers", slug="carers")
    client = client_for(staff)
    response = client.post(reverse("listening:feedback_import"), {
        "file": SimpleUploadedFile("r.csv", CSV, content_type="text/csv"),
        "event": past_event.pk})
    assert response.status_code == 302
    preview = client.get(reverse("listening:feedback_import_confirm")).content.decode()
    assert "The carers centre is great" in preview and "2 rows ready" in preview
    assert not FeedbackItem.objects.exists(), "nothing saved before confirming"

    client.post(reverse("listening:feedback_import_confirm"))

    items = FeedbackItem.objects.order_by("pk")
    assert [(i.question, i.consent_to_quote, i.channel) for i in items] == [
        ("working", True, "survey"), ("not_working", False, "survey")]
    assert items[0].topic.name == "Carers" and items[0].event == past_event


def test_csv_with_bad_rows_shows_each_error_and_saves_nothing(client_for, staff):
    bad = CSV + b"maybe,Something,perhaps,Nowhere,,not-an-email\n,,,,,\n"
    client = client_for(staff)
    client.post(reverse("listening:feedback_import"),
                {"file": SimpleUploadedFile("r.csv", bad, content_type="text/csv")})
    page = client.get(reverse("listening:feedback_import_confirm")).content.decode()
    assert "Row 4:" in page and "consent_to_quote must be yes or no" in page
    assert "there is no topic called" in page and "is not an email address" in page
    assert "Row 5: the text is empty" in page
    client.post(reverse("listening:feedback_import_confirm"))
    assert not FeedbackItem.objects.exists()


def test_staff_tag_items_with_a_new_theme_and_merge_duplicates(client_for, staff):
    items = [feedback_create(question="other", text=f"Item {i}", channel="paper")
             for i in range(3)]
    client = client_for(staff)
    client.post(reverse("listening:feedback_list"),
                {"items": [items[0].pk, items[1].pk], "new_theme": "Transport"})
    client.post(reverse("listening:feedback_list"),
                {"items": [items[2].pk], "new_theme": "Travel"})
    transport = Theme.objects.get(name="Transport")
    assert transport.items.count() == 2

    client.post(reverse("listening:theme_list"), {
        "action": "merge", "merge-duplicate": Theme.objects.get(name="Travel").pk,
        "merge-into": transport.pk})

    assert list(Theme.objects.values_list("name", flat=True)) == ["Transport"]
    assert transport.items.count() == 3
    page = client.get(reverse("listening:theme_list")).content.decode()
    assert "Transport" in page


def test_erasing_an_account_keeps_feedback_anonymously(member, past_event):
    from listening.data_rights import erase, feedback_for_person

    feedback_create(event=past_event, question="other", channel="online", person=member,
                    text="Keep my words", wants_updates=True)
    Registration.objects.create(event=past_event, person=member)
    assert feedback_for_person(member)[0]["Said"] == "Keep my words"
    erase(member)
    item = FeedbackItem.objects.get()
    assert item.person is None and not item.wants_updates
    assert not Registration.objects.exists()
