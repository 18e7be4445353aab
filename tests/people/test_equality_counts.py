"""Equality monitoring: staff and Our Voice see counts only, small ones suppressed."""

from django.test import override_settings

from people.models import EqualityAnswers
from people.selectors import equality_counts
from tests.conftest import make_user


def _answers(n, **overrides):
    base = {field: "prefer_not" for field in EqualityAnswers.QUESTIONS}
    for i in range(n):
        person = make_user(f"eq{EqualityAnswers.objects.count()}-{i}@test.example")
        EqualityAnswers.objects.create(person=person, notice_version="t",
                                       **{**base, **overrides})


def _rows(result, question_start):
    question = next(q for q in result["questions"] if q["question"].startswith(question_start))
    return {row["label"]: row["count"] for row in question["rows"]}


def test_nothing_is_shown_below_the_threshold(db):
    _answers(4, sex="female")
    result = equality_counts(threshold=5)
    assert result["too_few"] and result["questions"] == []


def test_small_counts_are_suppressed_and_cannot_be_worked_out(db):
    _answers(7, sex="female")
    _answers(6, sex="male")
    _answers(2, sex="prefer_not")
    rows = _rows(equality_counts(threshold=5), "Your sex")
    # 2 is hidden; the next smallest (6) too, so 2 cannot be found from the total.
    assert rows == {"Female": 7, "Male": None, "Prefer not to say": None}


@override_settings(EQUALITY_SUPPRESS_BELOW=3)
def test_threshold_is_a_setting(db):
    _answers(3, sex="female")
    _answers(3, sex="male")
    assert _rows(equality_counts(), "Your sex") == {"Female": 3, "Male": 3,
                                                   "Prefer not to say": 0}


def test_our_voice_and_staff_see_counts_never_people(client_for, people):
    _answers(6, ethnicity="white")
    make_user("named@test.example", "Unique Name Person")
    for user in (people.our_voice, people.staff):
        client = client_for(user)
        home = client.get("/our-voice/" if user == people.our_voice
                          else "/staff/").content.decode()
        # The home page has a short panel linking to the totals, not the totals themselves.
        assert "6 people have answered the equality questions." in home
        assert 'href="/people-bank/equality-totals/">See the equality totals' in home
        assert "Your ethnic group" not in home
        html = client.get("/people-bank/equality-totals/").content.decode()
        assert "<h1 class=\"govuk-heading-l\">Equality totals for the people bank</h1>" in html
        assert "Your ethnic group" in html
        assert "eq0-0@test.example" not in html and "Unique Name Person" not in html


def test_the_equality_totals_page_runs_the_same_queries_however_many_answered(
        client_for, people, django_assert_max_num_queries):
    client = client_for(people.staff)
    _answers(6, ethnicity="white")
    with django_assert_max_num_queries(12) as few:
        client.get("/people-bank/equality-totals/")
    _answers(40, ethnicity="asian")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/people-bank/equality-totals/")
    assert "46 people answered." in response.content.decode()
