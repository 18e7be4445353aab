"""The whole listening cycle in Chromium, with JavaScript off (every journey must work
without it): staff create an event, a member registers, staff mark attendance and type in
what the member said, make a commitment and update it, and the member sees what happened."""

import pytest

from listening.models import Commitment, Event, FeedbackItem, Registration
from people.models import Involvement, Notification
from tests.browser import launch_browser, new_page
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_event_to_commitment_to_member_seeing_what_happened(live_server):
    from listening.models import EventKind

    EventKind.objects.get_or_create(slug="listening-space", defaults={"name": "Listening space"})
    staff = make_user("journey-staff@test.example", "Jay Staff", second_factor=True,
                      is_council_staff=True)
    member = make_user("journey-member@test.example", "Mina Member")
    playwright, browser = launch_browser()
    try:
        as_staff = new_page(browser, live_server.url, staff, javascript=False)
        as_member = new_page(browser, live_server.url, member, javascript=False)

        as_staff.goto("/events/new/")
        as_staff.fill("#id_title", "Listening space: day centres")
        as_staff.select_option("#id_kind", label="Listening space")
        as_staff.fill("#id_description", "Tell our director about day centres.")
        for selector, value in (("#id_date_0", "1"), ("#id_date_1", "5"), ("#id_date_2", "2030"),
                                ("#id_start_time", "10:00"), ("#id_end_time", "12:00")):
            as_staff.fill(selector, value)
        as_staff.fill("#id_venue", "Greystone Library")
        as_staff.fill("#id_capacity", "10")
        as_staff.click("button:has-text('Save the event')")
        as_staff.wait_for_url("**/events/*/")
        event = Event.objects.get(title="Listening space: day centres")

        as_member.goto(f"/events/{event.pk}/")
        as_member.click("a:has-text('Register for this event')")
        as_member.check("#id_brings_1")
        as_member.click("main button:has-text('Register')")
        as_member.wait_for_url(f"**/events/{event.pk}/")
        assert "You are booked on this event" in as_member.inner_text("main")

        as_staff.goto(f"/events/{event.pk}/attendance/")
        registration = Registration.objects.get(event=event, person=member)
        as_staff.check(f"#attended-{registration.pk}")
        as_staff.click("button:has-text('Save who came')")
        as_staff.wait_for_selector("text=Attendance saved")
        assert Involvement.objects.filter(person=member, activity_key=f"event:{event.pk}")

        as_staff.goto(f"/listening/feedback/add/?event={event.pk}")
        as_staff.select_option("#id_channel", label="Notes taken at the event")
        as_staff.select_option("#id_items-0-question", label="What is not working well")
        as_staff.fill("#id_items-0-text", "The day centre bus is always late.")
        as_staff.fill("#id_items-0-email", member.email)
        as_staff.check("#id_items-0-wants_updates")
        as_staff.click("button:has-text('Save the feedback')")
        as_staff.wait_for_url("**/listening/feedback/")
        item = FeedbackItem.objects.get(text="The day centre bus is always late.")

        as_staff.check("#tag_items")
        as_staff.click("button:has-text('Make a commitment from the items you chose')")
        as_staff.wait_for_url("**/listening/commitments/new/**")
        as_staff.fill("#id_you_said", "The bus to the day centre is late.")
        as_staff.fill("#id_we_will", "Agree a new timetable with the bus company.")
        for box, value in (("0", "1"), ("1", "7"), ("2", "2030")):  # GOV.UK's date input
            as_staff.fill(f"#id_due_date_{box}", value)
        as_staff.click("button:has-text('Make the commitment')")
        as_staff.wait_for_url("**/commitments/*/")
        commitment = Commitment.objects.get()
        assert list(commitment.feedback_items.all()) == [item]

        as_staff.click("a:has-text('Add an update')")
        assert "Mina Member" in as_staff.inner_text("main"), "staff see who will be told"
        as_staff.check("input[name='status'][value='done']")
        as_staff.fill("#id_text", "We did it: the new timetable starts on Monday.")
        as_staff.click("button:has-text('Save the update')")
        # First a preview of what each person will get, by their channel; then it is sent.
        as_staff.click("button:has-text('Save the update and tell 1 person')")
        as_staff.wait_for_url(f"**/commitments/{commitment.pk}/")
        assert Notification.objects.filter(person=member,
                                           dedupe_key=f"commitment:{commitment.pk}:done")

        as_member.goto("/dashboard/")
        text = as_member.inner_text("main")
        assert "The day centre bus is always late." in text
        assert "Agree a new timetable with the bus company." in text and "Done" in text
        as_member.click("a:has-text('Agree a new timetable with the bus company.')")
        assert "We did it: the new timetable starts on Monday." in as_member.inner_text("main")
    finally:
        browser.close()
        playwright.stop()
