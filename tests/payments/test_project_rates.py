"""A project's page says what the payments policy pays, not a rate of its own: the policy is
the one place rates live (a project once promised £20 an hour while the policy paid £16)."""

from datetime import date

from django.test import Client

from payments.models import ActivityRate
from tests.site_rules.projects import make_project


def test_a_paid_projects_page_shows_the_policys_rates(people, policy):
    project = make_project(people.staff, expenses_and_payment="Taxis paid for if you need one.")
    html = Client().get(project.get_absolute_url()).content.decode()
    assert "Meeting: £16.00 per hour" in html
    assert "Interview panel: £60.00 per half day (up to 4 hours)" in html
    assert "Meeting: £15.00" not in html  # the rate before 6 April 2026 is history
    assert "Taxis paid for if you need one." in html
    # A new rate in the policy is what every project's page says from then on.
    ActivityRate.objects.create(activity_type=policy["meeting"], amount="17.50",
                                effective_from=date(2026, 12, 1))
    assert "Meeting: £17.50 per hour" in Client().get(project.get_absolute_url()).content.decode()


def test_a_project_without_payments_says_only_that_costs_are_covered(people, policy):
    project = make_project(people.staff, paid=False)
    html = Client().get(project.get_absolute_url()).content.decode()
    assert "We pay you for your time" not in html
    assert "We pay back what it costs you to take part" in html

