"""One whole journey in Chromium: staff take a project to recruiting with Our Voice
assurance; a member finds it, expresses interest, is accepted and sees a meeting."""

from datetime import date, timedelta

import pytest

from people.models import Topic
from projects.models import Project, Status
from tests.browser import launch_browser, new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, label):
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()


def test_project_from_draft_to_a_member_seeing_a_meeting(live_server, people):
    Topic.objects.create(name="Home care", slug="home-care")
    playwright, browser = launch_browser()
    try:
        staff = new_page(browser, live_server.url, people.staff)
        staff.goto("/projects/new/")
        fields = {
            "#id_title": "Home care that fits your day",
            "#id_summary": "Help us change home care visit times.",
            "#id_problem": "Visits are rushed.", "#id_aims": "Visits that suit people.",
            "#id_in_scope": "Visit times.", "#id_out_of_scope": "The home care budget.",
            "#id_who_for": "People who get home care.",
            "#id_what_is_involved": "Four meetings of two hours.",
            **day_month_year("#id_starts_on", date.today() + timedelta(days=10)),
            **day_month_year("#id_ends_on", date.today() + timedelta(days=120)),
            "#id_places": "6", "#id_expenses_and_payment": "Taxis paid for if you need one.",
        }
        for selector, value in fields.items():
            staff.fill(selector, value)
        staff.check("input[name=level][value=co_production]")
        staff.get_by_label("Home care", exact=True).check()
        submit(staff, "Save as draft")
        project = Project.objects.get(title="Home care that fits your day")
        assert "Project saved as a draft" in staff.inner_text("main")

        staff.get_by_role("link", name="Change the status").click()
        staff.check("input[name=to][value=in_review]")
        submit(staff, "Change status")

        our_voice = new_page(browser, live_server.url, people.our_voice)
        our_voice.goto("/projects/review/")
        our_voice.get_by_role("link", name="Home care that fits your day").click()
        our_voice.get_by_role("link", name="Record the decision").click()
        our_voice.check("input[name=decision][value=assured]")
        submit(our_voice, "Record decision")
        assert "Assured, recorded by Olu Voice" in our_voice.inner_text("main")

        staff.goto(f"/projects/{project.pk}/status/")
        staff.check("input[name=to][value=recruiting]")
        submit(staff, "Change status")
        project.refresh_from_db()
        assert project.status == Status.RECRUITING

        staff.get_by_role("link", name="Add a meeting").click()
        staff.fill("#id_title", "First meeting")
        for selector, value in day_month_year("#id_date",
                                              date.today() + timedelta(days=12)).items():
            staff.fill(selector, value)
        staff.fill("#id_start_time", "10:00")
        staff.fill("#id_end_time", "12:00")
        staff.fill("#id_venue", "County Hall")
        submit(staff, "Add meeting")

        member = new_page(browser, live_server.url, people.member)
        member.goto("/projects/")
        member.fill("#id_q", "home care")
        submit(member, "Show projects")
        member.get_by_role("link", name="Home care that fits your day").click()
        assert "Assured" in member.inner_text("main")
        member.get_by_role("link", name="I would like to take part").click()
        member.fill("#id_what_i_bring", "I have had home care for five years.")
        member.get_by_label("Step-free access").check()
        submit(member, "Send")
        assert "Waiting for a decision" in member.inner_text("main")

        staff.goto(f"/projects/{project.pk}/interest/review/")
        staff.get_by_role("link", name="Decide on Mo Member").click()
        staff.check("input[name=decision][value=accepted]")
        submit(staff, "Save and tell them")

        member.goto(f"/projects/{project.pk}/")
        assert "You are a member of this project" in member.inner_text("main")
        member.get_by_role("link", name="First meeting", exact=True).click()
        text = member.inner_text("main")
        assert "County Hall" in text and "Add this meeting to your calendar" in text
        member.goto("/dashboard/")
        assert "Home care that fits your day" in member.inner_text("main")
    finally:
        browser.close()
        playwright.stop()


def day_month_year(selector, day):
    """GOV.UK's date input: the day, month and year boxes of one date, filled as typed."""
    return {f"{selector}_0": str(day.day), f"{selector}_1": str(day.month),
            f"{selector}_2": str(day.year)}
