"""The feedback form: each hint sits with its own checkbox, and anonymous feedback cannot
ask for news (the form says so in plain English, and the service refuses too)."""

import re
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from listening.models import Channel, FeedbackItem, Question
from listening.services import feedback_bulk_create, feedback_create

pytestmark = pytest.mark.django_db

HINT = "If you tick this, we cannot tell you what happens."


def _checkbox_item(page, field):
    """The HTML of the GOV.UK checkbox item holding this field's input."""
    start = page.rindex('<div class="govuk-checkboxes__item">', 0, page.index(f'id="id_{field}"'))
    end = page.find('<div class="govuk-checkboxes__item">', start + 1)
    end = page.index("</fieldset>", start) if end == -1 else end
    return page[start:end]


def test_the_hint_about_news_sits_with_do_not_link_this_to_my_name(client_for, member):
    page = client_for(member).get(reverse("listening:feedback_give")).content.decode()

    anonymous = _checkbox_item(page, "anonymous")
    news = _checkbox_item(page, "wants_updates")
    assert "Do not link this to my name" in anonymous and HINT in anonymous
    assert 'aria-describedby="id_anonymous_hint"' in anonymous
    assert HINT not in news and "Tell me what happens" in news
    assert page.index(HINT) > page.index("Do not link this to my name")


def test_anonymous_feedback_cannot_ask_for_news(client_for, member):
    response = client_for(member).post(reverse("listening:feedback_give"), {
        "question": "working", "text": "The new forms are clear", "wants_updates": "on",
        "anonymous": "on"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "We cannot tell you what happens if your feedback is not linked to your name" in page
    assert 'href="#id_wants_updates"' in page, "the error summary links to the box"
    assert "The new forms are clear" in page
    assert not FeedbackItem.objects.exists()


def test_the_service_refuses_news_for_anonymous_feedback(staff):
    with pytest.raises(ValidationError) as refused:
        feedback_create(question=Question.WORKING, text="Good", channel=Channel.ONLINE,
                        person=None, wants_updates=True)
    assert "wants_updates" in refused.value.message_dict
    with pytest.raises(ValidationError):
        feedback_bulk_create(rows=[{"question": Question.OTHER, "text": "Call me",
                                    "person": None, "consent_to_quote": False,
                                    "wants_updates": True}],
                             entered_by=staff, event=None, channel=Channel.PAPER)
    assert not FeedbackItem.objects.exists()


def test_staff_typing_in_feedback_need_an_email_to_send_news(client_for, staff):
    response = client_for(staff).post(reverse("listening:feedback_add"), {
        "channel": "paper", "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0",
        "items-0-question": "working", "items-0-text": "Lovely day",
        "items-0-wants_updates": "on"})
    assert "To send them news, enter the email address they use with us" in \
        response.content.decode()
    assert not FeedbackItem.objects.exists()


def test_the_feedback_list_has_no_two_fields_with_one_id(client_for, staff, member):
    feedback_create(question=Question.WORKING, text="Good", channel=Channel.ONLINE,
                    person=member)
    page = client_for(staff).get(reverse("listening:feedback_list")).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [name for name, count in ids.items() if count > 1] == []
    assert 'for="id_theme"' in page and 'for="tag_theme"' in page
