"""The dashboard pages: chart and table together, filters from the query string, CSV of each
table, the print version and its PDF, and who may see them."""

import csv
import io
import re

import pytest

from coproduction.dashboards.charts import Chart, Series
from tests.dashboards.conftest import YEAR

PAGES = ["growth", "listening", "reach", "experience", "recognition"]


@pytest.fixture
def staff_client(scenario, client_for):
    return client_for(scenario.people.staff)


@pytest.mark.parametrize("slug", PAGES)
def test_each_page_has_chart_summary_and_tables(staff_client, slug):
    html = staff_client.get(f"/dashboards/{slug}/", YEAR).content.decode()
    assert re.search(r'<svg[^>]*role="img"[^>]*aria-labelledby="chart-1-title chart-1-desc"',
                     html)
    assert '<title id="chart-1-title">' in html and '<desc id="chart-1-desc">' in html
    assert "In short" in html
    assert '<caption class="govuk-table__caption' in html
    assert f"/dashboards/{slug}/print/?start=2025-01-01&amp;end=2025-12-31" in html


def test_the_chart_and_table_show_the_same_figures(staff_client):
    html = staff_client.get("/dashboards/growth/", YEAR).content.decode()
    # The status bar chart labels each bar with its figure; the table has the same.
    assert 'font-weight="bold">2</text>' in html  # "Looking for people": 2
    assert ('<th scope="row" class="govuk-table__header">Looking for people</th><td '
            'class="govuk-table__cell govuk-table__cell--numeric">2</td>') in html


def test_filters_are_kept_in_the_form_and_links(scenario, staff_client):
    query = {**YEAR, "area": scenario.south.pk}
    html = staff_client.get("/dashboards/reach/", query).content.decode()
    assert 'value="2025-01-01"' in html
    assert re.search(rf'<option value="{scenario.south.pk}" selected\s*>South', html)
    assert f"area={scenario.south.pk}" in html  # CSV and print links keep the filters
    assert "area: South (d)" in html


def test_a_bad_date_range_is_explained_and_the_defaults_used(staff_client):
    response = staff_client.get("/dashboards/growth/", {"start": "2025-12-01",
                                                         "end": "2025-01-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "The &#x27;to&#x27; date must be on or after the &#x27;from&#x27; date." in html


def test_csv_of_a_table_has_the_same_rows(staff_client):
    response = staff_client.get("/dashboards/growth/levels.csv", YEAR)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Quarter" and rows[0][-1] == "Co-design or higher"
    assert rows[1] == ["Jan–Mar 2025", "1", "0", "1", "0", "0", "0", "2", "0%"]
    assert rows[4] == ["Oct–Dec 2025", "0", "0", "0", "1", "1", "0", "2", "100%"]


def test_csv_of_an_unknown_table_is_not_found(staff_client):
    assert staff_client.get("/dashboards/growth/nothing.csv").status_code == 404
    assert staff_client.get("/dashboards/nothing/print/").status_code == 404


def test_print_version_and_pdf(staff_client):
    page = staff_client.get("/dashboards/experience/print/", YEAR)
    html = page.content.decode()
    assert "Experience: How did taking part feel?" in html
    assert "Great tea" in html and "Secret" not in html
    assert 'class="portal-filters' not in html
    pdf = staff_client.get("/dashboards/experience/print/", {**YEAR, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_members_and_finance_cannot_see_the_dashboards(scenario, client_for):
    assert client_for(scenario.m[0]).get("/dashboards/growth/").status_code == 403
    assert client_for(scenario.people.finance).get("/dashboards/").status_code == 403
    assert client_for(scenario.people.our_voice).get("/dashboards/reach/").status_code == 200


def test_line_charts_never_rely_on_colour_alone():
    chart = Chart(title="t", description="d", kind="line", categories=["a", "b"],
                  series=[Series("One", [1, 2]), Series("Two", [2, 1]),
                          Series("Three", [1, 1])])
    lines = chart.drawing["lines"]
    assert len({line["dash"] for line in lines}) == 3
    assert len({line["marker"] for line in lines}) == 3
    # Each line is named at its end, and the names do not overlap.
    ends = sorted(line["end_y"] for line in lines)
    assert all(b - a >= 16 for a, b in zip(ends, ends[1:], strict=False))


def test_bars_carry_their_value_as_text():
    chart = Chart(title="t", description="d", kind="bar", categories=["a", "b"],
                  series=[Series("n", [3, None])], unit="%")
    assert [bar["value"] for bar in chart.drawing["bars"]] == ["3%", "no figure"]


def test_members_own_dashboard(scenario, client_for):
    from decimal import Decimal

    from django.utils import timezone

    from listening.models import Commitment, FeedbackItem
    from payments.models import Claim, ClaimLine
    from people.models import Involvement
    from projects.models import Membership

    person = scenario.m[0]
    now = timezone.now()
    Involvement.objects.create(person=person, kind=Involvement.Kind.EVENT, activity_key="e:1",
                               activity_title="Carers' forum", title="Carers' forum",
                               starts_at=now, hours=Decimal("2.50"), source="mine:1")
    claim = Claim.objects.create(person=person, made_by=person, activity_title="Forum",
                                 activity_date=now.date(), status=Claim.Status.PAID)
    ClaimLine.objects.create(claim=claim, category=ClaimLine.Category.PAYMENT,
                             description="x", amount=Decimal("25.00"))
    item = FeedbackItem.objects.create(question="working", text="The buses are late",
                                       person=person)
    promise = Commitment.objects.create(you_said="Buses", we_will="Talk to the bus company",
                                        owner=scenario.people.staff, due_date=now.date())
    promise.feedback_items.add(item)
    Membership.objects.create(project=scenario.projects[0], person=person)
    html = client_for(person).get("/dashboards/mine/").content.decode()
    # Hours and money this tax year only (the 2025 scenario's are in an earlier one).
    assert "took part 1 time, for 2.50 hours" in html
    assert "£25.00 in payments" in html
    assert "The buses are late" in html and "Talk to the bus company" in html
    assert ">P1</a>, joined" in html
    assert '<title id="chart-1-title">Your hours each month this tax year</title>' in html


@pytest.mark.parametrize("query", [
    {"start": "9999-12-31", "end": "9999-12-31"}, {"start": "2026-13-45"},
    {"start": "0001-01-01", "end": "2025-01-01"}, {"topic": "abc", "area": "999999"},
    {"start": "2030-01-01"},
])
def test_nonsense_filters_fall_back_to_the_defaults(staff_client, query):
    response = staff_client.get("/dashboards/reach/", query)
    assert response.status_code == 200
    assert staff_client.get("/dashboards/growth/levels.csv", query).status_code == 200
