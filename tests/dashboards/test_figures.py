"""Each dashboard's figures against hand-worked expectations from the small known data in
conftest.py (the year 2025), with the date range and the topic and area filters."""

from datetime import date
from decimal import Decimal

from django.test import override_settings

from coproduction.dashboards import selectors
from coproduction.dashboards.filters import Filters
from people.models import PopulationFigure

YEAR = Filters(start=date(2025, 1, 1), end=date(2025, 12, 31))


def rows(page, key):
    return page.table(key).rows


def row(page, key, first):
    return next(r for r in rows(page, key) if r[0] == first)


# ---------------------------------------------------------------- growth

def test_growth_level_mix_moves_up_the_ladder(scenario):
    page = selectors.growth(YEAR)
    # Columns: quarter, information … strategic, all, share at co-design or higher.
    # Jan–Mar: P1 consultation, P2 information. Oct–Dec: P3 co-production, P4 co-design.
    # P5 started in 2024 and P6 is a draft: neither is counted.
    assert rows(page, "levels") == [
        ["Jan–Mar 2025", 1, 0, 1, 0, 0, 0, 2, "0%"],
        ["Apr–Jun 2025", 0, 0, 0, 0, 0, 0, 0, "No projects"],
        ["Jul–Sep 2025", 0, 0, 0, 0, 0, 0, 0, "No projects"],
        ["Oct–Dec 2025", 0, 0, 0, 1, 1, 0, 2, "100%"],
    ]
    assert page.summary == ("Projects at co-design or higher rose from 0% in Jan–Mar 2025 to "
                            "100% in Oct–Dec 2025.")
    assert page.charts[0].series[0].values == [0, None, None, 100]


def test_growth_status_and_how_projects_were_run(scenario):
    page = selectors.growth(YEAR)
    assert dict(rows(page, "status")) == {
        "In review by Our Voice": 0, "Looking for people": 2, "Running": 1, "Looking back": 0,
        "Finished": 1}
    # Co-chaired with lived experience: P1, P3 (2 of 4). Assured: P1, P3, P4 (3 of 4).
    assert rows(page, "how_run") == [
        ["Co-chaired by a person with lived experience", 2, "50%"],
        ["Assured by Our Voice before starting", 3, "75%"],
        ["All projects", 4, "100%"],
    ]


def test_growth_level_claimed_against_involved_from_the_start(scenario):
    page = selectors.growth(YEAR)
    # P1 (consultation): answers yes, yes, no, no (one did not answer) → 2 of 4.
    assert row(page, "from_start", "Consultation") == ["Consultation", 4, 2, "50%"]
    assert row(page, "from_start", "Co-production") == ["Co-production", 1, 1, "100%"]
    assert row(page, "from_start", "Co-design") == ["Co-design", 0, 0, "No answers"]


def test_growth_topic_filter(scenario):
    page = selectors.growth(Filters(start=YEAR.start, end=YEAR.end, topic=scenario.carers))
    # Carers: P1, P3, P4.
    assert row(page, "how_run", "All projects")[1] == 3
    assert row(page, "how_run", "Co-chaired by a person with lived experience") == [
        "Co-chaired by a person with lived experience", 2, "66.7%"]


def test_growth_area_filter(scenario):
    page = selectors.growth(Filters(start=YEAR.start, end=YEAR.end, area=scenario.south))
    # South: P2 (information, Jan–Mar) and P4 (co-design, Oct–Dec).
    assert [r[-2:] for r in rows(page, "levels")] == [[1, "0%"], [0, "No projects"],
                                                      [0, "No projects"], [1, "100%"]]
    assert rows(page, "how_run")[0][1:] == [0, "0%"]
    assert rows(page, "how_run")[1][1:] == [1, "50%"]


def test_growth_date_range(scenario):
    page = selectors.growth(Filters(start=date(2025, 10, 1), end=date(2025, 12, 31)))
    assert rows(page, "levels") == [["Oct–Dec 2025", 0, 0, 0, 1, 1, 0, 2, "100%"]]
    assert page.summary == ("100% of projects that started in Oct–Dec 2025 were at co-design "
                            "or higher.")
    earlier = selectors.growth(Filters(start=date(2024, 4, 1), end=date(2024, 6, 30)))
    assert rows(earlier, "levels") == [["Apr–Jun 2024", 0, 0, 0, 0, 0, 1, 1, "100%"]]


# ---------------------------------------------------------------- listening

def test_listening_reach_feedback_and_commitments(scenario):
    page = selectors.listening(YEAR)
    # E1: m1, m2 and a guest came (m3 booked but did not); E2: m4. E3 was in 2024.
    assert rows(page, "reached") == [["Events", 2], ["Members who came", 3],
                                     ["Guests who came", 1],
                                     ["People reached (members and guests)", 4]]
    assert dict(rows(page, "channels"))["Online form"] == 2
    assert dict(rows(page, "channels"))["All feedback"] == 4
    assert rows(page, "themes") == [["Transport (d)", 2], ["Waiting (d)", 1]]
    # One of four items is answered by a commitment; "what we heard" went 3 days after E1.
    assert rows(page, "answered") == [
        ["Things said", 4], ["Answered by a commitment", 1], ["Share answered", "25%"],
        ['Median days from the end of an event to "what we heard"', Decimal("3.0")]]
    assert dict(rows(page, "commitments")) == {
        "Planned": 1, "In progress": 0, "Done": 1, "We can't do this": 0,
        "Open and past their due date": 1, "Open with no news for 8 weeks": 1}
    assert row(page, "feedback_months", "Apr 2025") == ["Apr 2025", 2]
    assert page.summary == ("4 things were said in these dates and 25% of them have been "
                            "answered by a commitment.")


def test_listening_area_filter(scenario):
    page = selectors.listening(Filters(start=YEAR.start, end=YEAR.end, area=scenario.north))
    assert rows(page, "reached")[0] == ["Events", 1]
    assert rows(page, "reached")[-1] == ["People reached (members and guests)", 3]
    assert rows(page, "event_areas") == [["North (d)", 1]]
    assert row(page, "answered", "Share answered") == ["Share answered", "50%"]
    assert row(page, "commitments", "Done") == ["Done", 0]


def test_listening_date_range(scenario):
    page = selectors.listening(Filters(start=date(2025, 5, 1), end=date(2025, 12, 31)))
    # Only E2 (May), the two June items, and the commitment made in May (done).
    assert rows(page, "reached")[0] == ["Events", 1]
    assert row(page, "answered", "Things said") == ["Things said", 2]
    assert row(page, "answered", "Share answered") == ["Share answered", "0%"]
    assert dict(rows(page, "commitments"))["Done"] == 1
    assert dict(rows(page, "commitments"))["Planned"] == 0


def test_listening_topic_filter(scenario):
    page = selectors.listening(Filters(start=YEAR.start, end=YEAR.end,
                                       topic=scenario.carers))
    assert rows(page, "event_kinds") == [["Space (d)", 1]]
    assert row(page, "answered", "Things said") == ["Things said", 2]


# ---------------------------------------------------------------- reach

def test_reach_people_bank_growth_with_a_running_total(scenario):
    page = selectors.reach(YEAR)
    # m1, m2 joined in 2024; m3, m4 in January; m5 in March; m6 withdrew.
    assert rows(page, "bank_size")[:4] == [["Jan 2025", 2, 4], ["Feb 2025", 0, 4],
                                           ["Mar 2025", 1, 5], ["Apr 2025", 0, 5]]
    assert rows(page, "bank_size")[-1] == ["Dec 2025", 0, 5]


def test_reach_first_time_and_returning(scenario):
    page = selectors.reach(YEAR)
    # January: m1 (first came in 2024). February: m1 back, m2 new. March: m1, m2 back;
    # m3, m4 new.
    assert rows(page, "first_time")[:4] == [
        ["Jan 2025", 0, 1, 1], ["Feb 2025", 1, 1, 2], ["Mar 2025", 2, 2, 4],
        ["Apr 2025", 0, 0, 0]]


def test_reach_usual_voices_and_lorenz_curve(scenario):
    page = selectors.reach(YEAR)
    # 10 attendances by 4 people: m1 6, m2 2, m3 1, m4 1. With four people each tenth-group
    # holds one; the most active gave 6 of 10.
    assert rows(page, "usual_voices") == [
        ["Group 1", 1, 6, "60%"], ["Group 2", 1, 2, "20%"], ["Group 3", 1, 1, "10%"],
        ["Group 4", 1, 1, "10%"]]
    assert page.extra["top_share"] == 60
    lorenz = page.charts[2]
    assert lorenz.x_values == [0, 25, 50, 75, 100]
    assert lorenz.series[0].values == [0, 10, 20, 40, 100]
    assert page.summary == ("The people bank has 5 people; the most active tenth of "
                            "participants gave 60% of all attendances.")


def test_reach_by_area_and_topic(scenario):
    page = selectors.reach(YEAR)
    assert rows(page, "areas") == [["North (d)", 3, 3], ["South (d)", 2, 1]]
    assert row(page, "topics", "Carers (d)") == ["Carers (d)", 1, 1]


def test_reach_area_and_topic_filters(scenario):
    south = selectors.reach(Filters(start=YEAR.start, end=YEAR.end, area=scenario.south))
    assert rows(south, "bank_size")[:3] == [["Jan 2025", 1, 1], ["Feb 2025", 0, 1],
                                            ["Mar 2025", 1, 2]]
    assert rows(south, "usual_voices") == [["Group 1", 1, 1, "100%"]]
    carers = selectors.reach(Filters(start=YEAR.start, end=YEAR.end, topic=scenario.carers))
    assert rows(carers, "bank_size")[0] == ["Jan 2025", 0, 1]
    assert rows(carers, "usual_voices") == [["Group 1", 1, 6, "100%"]]


def test_reach_date_range(scenario):
    page = selectors.reach(Filters(start=date(2025, 3, 1), end=date(2025, 3, 31)))
    # In March m1 came twice, m2, m3 and m4 once each: m1 is group 1 with 2 of 5.
    assert rows(page, "usual_voices")[0] == ["Group 1", 1, 2, "40%"]
    assert rows(page, "bank_size") == [["Mar 2025", 1, 5]]


@override_settings(EQUALITY_SUPPRESS_BELOW=3)
def test_equality_small_counts_and_the_next_smallest_are_hidden(scenario):
    page = selectors.reach(YEAR)
    # Bank: female 3, male 2. 2 is under 3, so hidden, and so is 3 (the next smallest),
    # or 2 could be worked out from the total of 5. Took part: 4 answered (3 female,
    # 1 male): both hidden the same way.
    assert rows(page, "equality_sex") == [
        ["Female", "Hidden", "Hidden", "Hidden", "Hidden", "Not entered"],
        ["Male", "Hidden", "Hidden", "Hidden", "Hidden", "Not entered"],
        ["Prefer not to say", 0, "0%", 0, "0%", "Not entered"],
    ]


@override_settings(EQUALITY_SUPPRESS_BELOW=2)
def test_equality_beside_the_population(scenario):
    PopulationFigure.objects.create(answer="sex.female", percent=Decimal("51.0"),
                                    source="Census 2021")
    page = selectors.reach(YEAR)
    # Bank: 3 of 5 female (60%), 2 male (40%). Took part: male 1 is under 2, so it and the
    # next smallest (female 3) are hidden.
    assert rows(page, "equality_sex")[:2] == [
        ["Female", 3, "60%", "Hidden", "Hidden", "51.0%"],
        ["Male", 2, "40%", "Hidden", "Hidden", "Not entered"],
    ]


def test_equality_with_too_few_answers_shows_nothing(scenario):
    # The default threshold is 5: only 5 in the bank answered, 4 who took part.
    page = selectors.reach(YEAR)
    assert rows(page, "equality_sex")[0][3:5] == ["Hidden", "Hidden"]
    assert rows(page, "equality_sex")[0][1:3] == ["Hidden", "Hidden"]
    assert page.extra["equality_bank_total"] == 5


# ---------------------------------------------------------------- experience

def test_experience_by_project_hides_small_groups(scenario):
    page = selectors.experience(YEAR)
    # P1: 5 answers; listened yes 4 (80%), equal yes 3 (60%), the rest all yes.
    # P3: 2 answers, under the threshold of 5: no shares shown.
    assert rows(page, "projects") == [
        ["P1", 5, "80%", "60%", "100%", "100%", "100%", "100%"],
        ["P3", 2, *["Hidden"] * 6],
    ]
    assert row(page, "quarters", "Apr–Jun 2025") == ["Apr–Jun 2025", 5, "80%", "60%",
                                                     "100%", "100%", "100%", "100%"]
    # Overall 7 answers: listened 6 (85.7%), equal 4 (57.1%).
    assert page.summary == ("85.7% of 7 members who answered felt listened to, and 57.1% "
                            "felt treated as an equal.")


def test_experience_shows_only_comments_members_agreed_to_share(scenario):
    page = selectors.experience(YEAR)
    assert [c["comment"] for c in page.extra["comments"]] == ["Great tea"]


def test_experience_filters(scenario):
    later = selectors.experience(Filters(start=date(2025, 7, 1), end=YEAR.end))
    assert later.summary == "Fewer than 5 members answered in these dates."
    south = selectors.experience(Filters(start=YEAR.start, end=YEAR.end, area=scenario.south))
    assert south.summary == "Nobody answered the questions about taking part in these dates."
    carers = selectors.experience(Filters(start=YEAR.start, end=YEAR.end,
                                          topic=scenario.carers))
    assert [r[0] for r in rows(carers, "projects")] == ["P1", "P3"]


# ---------------------------------------------------------------- recognition

def test_recognition_money_by_month_and_activity(scenario):
    page = selectors.recognition(YEAR)
    money = Decimal
    # Approved, being paid or paid only: February £40 + £5.50 expenses (claim 1); March
    # £20 + £10 vouchers (claim 2) and £20 (claim 4). Waiting and rejected claims are not
    # counted.
    assert row(page, "months", "Feb 2025") == ["Feb 2025", money("40.00"), money("0.00"),
                                               money("0.00"), money("5.50"), money("45.50")]
    assert row(page, "months", "Mar 2025") == ["Mar 2025", money("40.00"), money("10.00"),
                                               money("0.00"), money("0.00"), money("50.00")]
    assert rows(page, "activities") == [
        ["P1", money("60.00"), money("0.00"), money("0.00"), money("5.50"), money("65.50")],
        ["P2", money("20.00"), money("10.00"), money("0.00"), money("0.00"), money("30.00")]]
    # Paid claims took 10 and 4 days from sending: the median is 7.
    assert row(page, "claims", "Claims waiting for approval")[1] == 1
    assert row(page, "claims", "Claims paid")[1] == 2
    assert row(page, "claims", "Median days from sending a claim to being paid")[1] == \
        Decimal("7.0")
    assert page.summary.startswith("£95.50 was approved")
    assert row(page, "days_to_pay", "Feb 2025") == ["Feb 2025", 1, Decimal("10.0")]
    assert row(page, "days_to_pay", "Mar 2025") == ["Mar 2025", 1, Decimal("4.0")]
    assert row(page, "days_to_pay", "Apr 2025") == ["Apr 2025", 0, "None paid"]


def test_recognition_topic_filter_follows_the_activity(scenario):
    page = selectors.recognition(Filters(start=YEAR.start, end=YEAR.end,
                                         topic=scenario.dementia))
    # Only claim 2 is for a Dementia project (P2).
    assert rows(page, "activities") == [["P2", Decimal("20.00"), Decimal("10.00"),
                                         Decimal("0.00"), Decimal("0.00"), Decimal("30.00")]]
    assert row(page, "claims", "Claims waiting for approval")[1] == 0


def test_recognition_date_range(scenario):
    page = selectors.recognition(Filters(start=date(2025, 3, 1), end=date(2025, 3, 31)))
    assert [r[0] for r in rows(page, "months")] == ["Mar 2025"]
    assert row(page, "claims", "Claims paid")[1] == 1
    assert row(page, "claims", "Median days from sending a claim to being paid")[1] == \
        Decimal("4.0")
