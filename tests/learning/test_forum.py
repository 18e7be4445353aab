"""The forum: topics and replies, following (told through the messaging service), marking
a reply helpful, reports and moderation, escaping, search and bounded lists."""

import pytest
from django.urls import reverse

from learning import services
from learning.models import ForumTheme, Helpful, Moderator, Post, Report, Topic
from people.models import Notification
from tests.conftest import make_user


@pytest.fixture
def theme(db):
    return ForumTheme.objects.get(slug="payments")


@pytest.fixture
def topic(people, theme):
    return services.topic_start(author=people.staff, title="Paying co-chairs", kind="question",
                                theme=theme, body="What rate do we pay a co-chair?")


def test_staff_and_our_voice_use_the_forum_and_members_do_not(people, client_for, theme):
    response = client_for(people.our_voice).post(reverse("learning:topic_create"), {
        "kind": "success", "theme": theme.pk, "title": "Our letters worked",
        "body": "Calls went down by half."})
    topic = Topic.objects.get()
    assert response.status_code == 302 and response["Location"] == topic.get_absolute_url()
    assert (topic.author, topic.kind) == (people.our_voice, "success")
    assert topic.posts.get().is_opening
    assert client_for(people.member).get(reverse("learning:forum")).status_code == 403
    assert client_for(people.member).get(topic.get_absolute_url()).status_code == 403


def test_a_partner_organisations_staff_member_starts_a_topic_and_replies(people, client_for,
                                                                          theme, topic):
    worker = make_user("worker@carers.example", "Pat Partner", is_partner=True)
    partner = client_for(worker)
    assert partner.get(reverse("learning:forum")).status_code == 200
    response = partner.post(reverse("learning:topic_create"), {
        "kind": "question", "theme": theme.pk, "title": "Can carers claim travel?",
        "body": "Our carers ask before they sign up."})
    started = Topic.objects.get(title="Can carers claim travel?")
    assert response.status_code == 302 and response["Location"] == started.get_absolute_url()
    assert started.author == worker and started.posts.get().is_opening
    partner.post(reverse("learning:reply", args=[topic.pk]),
                 {"body": "Our carers were paid within a week."})
    assert topic.posts.filter(author=worker, is_opening=False).count() == 1
    # A partner is not a moderator unless named one.
    assert partner.get(reverse("learning:reports")).status_code == 403


def test_a_reply_tells_followers_but_not_the_writer(people, client_for, topic):
    client_for(people.our_voice).post(reverse("learning:follow", args=[topic.pk]),
                                      {"follow": "yes"})
    client_for(people.admin).post(reverse("learning:reply", args=[topic.pk]),
                                  {"body": "The rate is in the payments policy."})
    told = Notification.objects.filter(subject="New reply: Paying co-chairs")
    assert sorted(n.person.email for n in told) == [people.our_voice.email,
                                                    people.staff.email]
    assert "The rate is in the payments policy." in told.first().body
    # Stop following: no more news.
    client_for(people.our_voice).post(reverse("learning:follow", args=[topic.pk]),
                                      {"follow": "no"})
    services.reply_add(topic=topic, author=people.staff, body="Thanks!")
    assert Notification.objects.filter(person=people.our_voice).count() == 1
    # The admin who replied follows now, so hears about the staff member's reply.
    assert Notification.objects.filter(person=people.admin).count() == 1


def test_a_reply_can_be_marked_helpful_once_and_not_by_its_writer(people, client_for, topic):
    reply = services.reply_add(topic=topic, author=people.our_voice, body="£25 an hour.")
    staff = client_for(people.staff)
    staff.post(reverse("learning:helpful", args=[reply.pk]))
    staff.post(reverse("learning:helpful", args=[reply.pk]))
    assert Helpful.objects.filter(post=reply).count() == 1
    client_for(people.our_voice).post(reverse("learning:helpful", args=[reply.pk]))
    assert Helpful.objects.filter(post=reply).count() == 1
    assert "Helpful to 1" in staff.get(topic.get_absolute_url()).content.decode()


def test_posts_are_plain_text_with_links(people, client_for, topic):
    services.reply_add(topic=topic, author=people.our_voice,
                       body="See https://example.org/rates <script>alert(1)</script>")
    html = client_for(people.staff).get(topic.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/rates" rel="nofollow">https://example.org/rates</a>' \
        in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_reports_and_moderation(people, client_for, topic):
    reply = services.reply_add(topic=topic, author=people.our_voice,
                               body="Mrs J at Elm Court lost money.")
    client_for(people.staff).post(reverse("learning:report", args=[reply.pk]),
                                  {"reason": "It names someone."})
    report = Report.objects.get()
    assert (report.reported_by, report.resolved_at) == (people.staff, None)
    # Staff who are not named moderators cannot hide posts or see reports.
    staff = client_for(people.staff)
    assert staff.post(reverse("learning:hide", args=[reply.pk]),
                      {"reason": "x"}).status_code == 403
    assert staff.get(reverse("learning:reports")).status_code == 403
    # Admins moderate; a reason is needed.
    admin = client_for(people.admin)
    assert "Elm Court" in admin.get(reverse("learning:reports")).content.decode()
    response = admin.post(reverse("learning:hide", args=[reply.pk]), {"reason": "  "})
    assert response.status_code == 200
    reply.refresh_from_db()
    assert not reply.hidden
    admin.post(reverse("learning:hide", args=[reply.pk]),
               {"reason": "It named someone who draws on care."})
    reply.refresh_from_db()
    report.refresh_from_db()
    assert reply.hidden and reply.hidden_by == people.admin
    assert report.resolved_by == people.admin
    html = staff.get(topic.get_absolute_url()).content.decode()
    assert "This post was hidden by a moderator." in html
    assert "It named someone who draws on care." in html
    assert "Elm Court" not in html
    # A named moderator may do it too, and show it again.
    Moderator.objects.create(person=people.staff)
    staff.post(reverse("learning:unhide", args=[reply.pk]))
    reply.refresh_from_db()
    assert not reply.hidden


def test_hiding_the_opening_post_takes_the_topic_out_of_lists(people, client_for, topic):
    opening = topic.posts.get(is_opening=True)
    services.post_hide(post=opening, by=people.admin, reason="Posted twice.")
    forum = client_for(people.staff).get(reverse("learning:forum")).content.decode()
    assert "Paying co-chairs" not in forum
    page = client_for(people.staff).get(topic.get_absolute_url()).content.decode()
    assert "Posted twice." in page and "What rate do we pay" not in page
    with pytest.raises(Exception, match="closed"):
        services.reply_add(topic=topic, author=people.staff, body="Hello?")


def test_search_finds_replies_but_not_hidden_words(people, client_for, topic, theme):
    other = services.topic_start(author=people.staff, title="Booking venues", kind="question",
                                 theme=ForumTheme.objects.get(slug="accessibility"),
                                 body="Which venues have a hearing loop?")
    services.reply_add(topic=other, author=people.our_voice, body="The library in Carrow.")
    hidden = services.reply_add(topic=topic, author=people.our_voice, body="Secret Carrow.")
    services.post_hide(post=hidden, by=people.admin, reason="Off topic.")
    client = client_for(people.our_voice)
    page = client.get(reverse("learning:forum"), {"q": "carrow"}).content.decode()
    assert "Booking venues" in page and "Paying co-chairs" not in page
    page = client.get(reverse("learning:forum"), {"theme": theme.pk}).content.decode()
    assert "Paying co-chairs" in page and "Booking venues" not in page


def test_the_forum_list_runs_a_fixed_number_of_queries(people, client_for, theme,
                                                       django_assert_max_num_queries):
    client = client_for(people.staff)
    for n in range(3):
        t = services.topic_start(author=people.staff, title=f"Topic {n}", kind="question",
                                 theme=theme, body="Body")
        services.reply_add(topic=t, author=people.our_voice, body="Reply")
    client.get(reverse("learning:forum"))
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("learning:forum"))
    for n in range(3, 30):
        t = services.topic_start(author=people.our_voice, title=f"Topic {n}", kind="success",
                                 theme=theme, body="Body")
        services.reply_add(topic=t, author=people.staff, body="Reply")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("learning:forum")).content.decode()
    assert "Topic 29" in page and "Page 1 of 2" in page
    with django_assert_max_num_queries(15):
        client.get(t.get_absolute_url())
    assert Post.objects.count() == 60
