"""The whole-site run's privacy checks (tests/site_privacy.py) can fail: the canaries are in the
world and show where they may, the header check finds what is missing, and production sends
HSTS for a year."""

import logging

from django.http import HttpResponse
from django.urls import reverse

from tests.site_privacy import (
    CANARIES,
    canaries_shown,
    header_problems,
    logs_showing,
    production_hsts,
    response_text,
)


def _value(kind):
    return CANARIES[kind][0]


def test_the_canaries_show_to_the_roles_that_may_see_them(site_world, role_clients):
    member = site_world.people.member
    seen = {
        "member": response_text(role_clients["member"].get(reverse("people:my_data"))),
        "staff": response_text(role_clients["staff"].get(
            reverse("people:bank_person", kwargs={"pk": member.pk}))),
        "finance": response_text(role_clients["finance"].get(reverse("payments:payee_list"))),
        "our_voice": response_text(role_clients["our_voice"].get(
            reverse("learning:topic", kwargs={"pk": site_world.learning["topic"].pk}))),
    }
    for kind in ("equality answer", "access needs", "claim notes", "payee reference"):
        assert _value(kind) in seen["member"], kind
    assert _value("access needs") in seen["staff"]
    assert _value("payee reference") in seen["finance"]
    assert _value("forum post") in seen["our_voice"]
    # And the same pages count as leaks for a role that may not see them.
    assert canaries_shown("admin", seen["our_voice"]) == []
    assert canaries_shown("finance", seen["our_voice"]) == ["forum post"]
    assert canaries_shown("staff", seen["member"]) == ["equality answer", "payee reference"]


def test_the_header_check_finds_what_a_bare_response_lacks():
    problems = header_problems(HttpResponse("hello"))
    for missing in ("Content-Security-Policy", "object-src", "frame-ancestors", "form-action",
                    "X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy",
                    "Permissions-Policy", "HSTS"):
        assert any(missing in problem for problem in problems), missing
    response = HttpResponse("hello")
    response.headers["Content-Security-Policy"] = "default-src 'self' 'unsafe-inline'"
    assert any("unsafe-inline" in problem for problem in header_problems(response))


def test_production_sends_hsts_for_a_year_with_subdomains():
    hsts = production_hsts()
    assert hsts["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert hsts["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and hsts["SECURE_HSTS_PRELOAD"]


def test_the_log_check_reads_messages_arguments_and_tracebacks():
    def record(msg, args=(), exc=None):
        return logging.LogRecord("x", logging.ERROR, __file__, 1, msg, args, exc)

    try:
        raise ValueError("secret CANARY-X")
    except ValueError as error:
        exc = (ValueError, error, error.__traceback__)
    assert logs_showing(["CANARY-X"], [record("fine")]) == []
    assert logs_showing(["CANARY-X"], [record("for %s", ("CANARY-X",))])
    assert logs_showing(["CANARY-X"], [record("failed", exc=exc)])


def test_every_scheduled_job_sends_and_logs_no_canary_to_anyone_not_allowed(
        site_world, caplog, django_capture_on_commit_callbacks):
    """Every email the periodic jobs send (reminders with the access needs people gave,
    round-ups, retention questions, reports) goes only to people who may read what is in it,
    and no log line holds a canary."""
    from datetime import timedelta

    from django.conf import settings
    from django.core import mail
    from django.utils import timezone
    from django.utils.module_loading import import_string

    from learning.models import CourseSession
    from listening.models import Event
    from projects.models import Session
    from tests.site_privacy import mail_problems

    caplog.set_level(logging.DEBUG)
    tomorrow = timezone.now() + timedelta(days=1)
    for model in (CourseSession, Event, Session):
        model.objects.filter(starts_at__gt=timezone.now()).update(
            starts_at=tomorrow, ends_at=tomorrow + timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        for job in settings.CELERY_BEAT_SCHEDULE.values():
            import_string(job["task"])()
    assert len(mail.outbox) >= 3, "the jobs sent reminders"
    assert not mail_problems(mail.outbox, site_world)
    assert not logs_showing([value for value, _ in CANARIES.values()], caplog.records)


def test_dashboards_show_equality_only_as_counts_with_small_ones_hidden(site_world,
                                                                       role_clients):
    """One person's answer is never shown, on the dashboards, their CSV or the totals page:
    8 White, 6 Black and 1 Asian answer; 1 is hidden, and 6 with it (or 1 could be worked
    out from the total)."""
    import csv
    import io

    from people.models import EqualityAnswers, MemberProfile
    from people.services import consent_give
    from tests.conftest import make_user

    base = {field: "prefer_not" for field in EqualityAnswers.QUESTIONS}
    for ethnicity, how_many in (("white", 8), ("black", 6), ("asian", 1)):
        for i in range(how_many):
            person = make_user(f"eq-{ethnicity}-{i}@test.example")
            MemberProfile.objects.create(user=person)
            consent_give(person=person)
            EqualityAnswers.objects.create(person=person, notice_version="1",
                                           **{**base, "ethnicity": ethnicity})
    for role in ("our_voice", "staff", "admin"):
        client = role_clients[role]
        table = client.get(reverse("dashboards:csv", kwargs={
            "slug": "reach", "table": "equality_ethnicity"}))
        assert table.status_code == 200, role
        rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(response_text(table)))}
        assert rows["Asian or Asian British"][:2] == ["Hidden", "Hidden"], role
        assert rows["Black, Black British, Caribbean or African"][:2] == ["Hidden", "Hidden"]
        assert rows["White"][0] == "8", role
    for role in ("our_voice", "staff"):
        html = response_text(role_clients[role].get(reverse("people:equality_totals")))
        asian = html[html.index("Asian or Asian British"):][:300]
        assert "Hidden" in asian and ">1<" not in asian, role


def test_emails_people_are_sent_as_things_happen_carry_canaries_only_to_who_may_read_them(
        site_world, caplog, django_capture_on_commit_callbacks):
    """A booking (the member's access needs in their own confirmation), a forum reply (the
    followers are told, with the words), a claim returned with its reason: every email goes
    only to someone allowed what it carries."""
    from django.core import mail

    from learning.services import follow_set, reply_add
    from listening.services import registration_create
    from payments.models import Claim
    from payments.services import claim_decide
    from tests.site_privacy import mail_problems

    caplog.set_level(logging.DEBUG)
    p = site_world.people
    topic = site_world.learning["topic"]
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(event=site_world.listening.event, person=p.member,
                            access_needs=_value("access needs"))
        for follower in (p.staff, p.our_voice, p.admin):
            follow_set(topic=topic, person=follower, following=True)
        reply_add(topic=topic, author=p.our_voice, body=f"Agreed. {_value('forum post')}")
        claim_decide(claim=Claim.objects.get(pk=site_world.claim.pk), by=p.staff,
                     decision=Claim.Status.RETURNED, reason="Please add the bus ticket.")
    carrying = [message for message in mail.outbox
                if any(value in message.body for value, _ in CANARIES.values())]
    # The member's confirmation carries their access needs, the followers' the reply.
    assert {address for message in carrying for address in message.to} >= {
        p.member.email, p.staff.email, p.admin.email}
    assert not mail_problems(mail.outbox, site_world)
    assert not logs_showing([value for value, _ in CANARIES.values()], caplog.records)
