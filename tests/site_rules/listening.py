"""Listening events, feedback, themes and commitments: what each role gets."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coproduction.documents import DocumentFormat
from listening.models import (
    Commitment,
    CommitmentUpdate,
    Event,
    EventKind,
    FeedbackItem,
    Registration,
    Report,
    Theme,
)
from listening.services import (
    commitment_create,
    event_save,
    feedback_create,
    registration_create,
    walk_in_add,
)
from tests.site_rules.rules import (
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    REDIRECT,
    FormCheck,
    Rule,
    everyone,
    only,
    signed_in,
)


def _event(w):
    return {"pk": w.listening.event.pk}


def _past(w):
    return {"pk": w.listening.past_event.pk}


def _commitment(w):
    return {"pk": w.listening.commitment.pk}


def _report(w):
    return {"pk": w.listening.report.pk}


def _theme(w):
    return {"pk": w.listening.theme.pk}


RULES = {
    "listening:event_list": everyone(),
    "listening:event_create": only("staff"),
    # Staff book a place for someone who phoned or wrote (from their people bank page).
    "listening:book_for_person": only("staff",
                                      kwargs=lambda w: {"person_pk": w.offline.pk}),
    "listening:event_detail": everyone(kwargs=_event),
    "listening:event_calendar": everyone(kwargs=_event),
    "listening:event_register": everyone(kwargs=_event),
    # "Are you sure?" for people booked; nobody in the world is booked on this event.
    "listening:registration_cancel": signed_in(REDIRECT, kwargs=_event),
    "listening:event_feedback": everyone(kwargs=_event),
    "listening:event_edit": only("staff", kwargs=_event),
    # Running the event: staff, and the partner's staff, whose organisation co-hosts the past
    # event (tests/site_rules/stories.py build).
    "listening:event_attendance": only("staff", "partner", kwargs=_past),
    "listening:event_walk_in": only("staff", "partner", kwargs=_past),
    "listening:event_sign_in_sheet": only("staff", "partner", kwargs=_past),
    "listening:event_what_we_heard": only("staff", "partner", kwargs=_past),
    "listening:event_contact_list": only("staff", "partner", kwargs=_past),
    "listening:feedback_give": everyone(),
    "listening:my_listening": signed_in(),
    "listening:you_said_we_did": everyone(),
    "listening:event_report": everyone(kwargs=_past),
    "listening:commitment_detail": everyone(kwargs=_commitment),
    "listening:feedback_list": only("staff"),
    "listening:feedback_add": only("staff"),
    "listening:feedback_import": only("staff"),
    # Without an upload waiting to be checked, staff are sent back to upload one.
    "listening:feedback_import_confirm": Rule(LOGIN, FORBIDDEN, FORBIDDEN, REDIRECT,
                                              FORBIDDEN, FORBIDDEN),
    "listening:theme_list": only("staff"),
    "listening:commitment_list": only("staff"),
    "listening:commitment_create": only("staff"),
    "listening:commitment_update": only("staff", kwargs=_commitment),
    # "You said, we did" reports: published ones are public; making them is for staff.
    "listening:published_reports": everyone(),
    "listening:report_page": everyone(kwargs=_report),
    "listening:report_download": everyone(kwargs=_report),
    "listening:report_list": only("staff"),
    "listening:report_request": only("staff"),
    "listening:report_status": only("staff", kwargs=_report),
    "listening:report_try_again": everyone(NOT_ALLOWED, kwargs=_report),
    "listening:report_publish": everyone(NOT_ALLOWED, kwargs=_report),
    "listening:easy_read_builder": only("staff"),
    "listening:easy_read_theme": only("staff", kwargs=_theme),
    "listening:easy_read_commitment": only("staff", kwargs=_commitment),
}


def build(world):
    from types import SimpleNamespace

    people = world.people
    kind, _ = EventKind.objects.get_or_create(slug="listening-space",
                                              defaults={"name": "Listening space"})
    now = timezone.now()
    event = event_save(event=Event(
        kind=kind, title="Listening space: home care", description="Tell our director about "
        "home care.", host=people.staff, starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=2), venue="Ashby Vale Library", capacity=20),
        saved_by=people.staff)
    past_event = event_save(event=Event(
        kind=kind, title="Carers' forum in Brookfield", description="A forum for carers.",
        host=people.staff, starts_at=now - timedelta(days=14),
        ends_at=now - timedelta(days=14, hours=-2), venue="Brookfield Community Centre"),
        saved_by=people.staff)
    registration = registration_create(event=past_event, person=people.member,
                                       access_needs="A hearing loop")
    walk_in_add(event=past_event, name="Pat Guest", added_by=people.staff)
    registration_create(event=past_event, guest_name="Gerry Guest",
                        guest_contact_method=Registration.ContactMethod.PHONE,
                        guest_contact="01234 000000")
    theme = Theme.objects.create(name="Waiting times")
    item = feedback_create(event=past_event, question="not_working", channel="online",
                           text="I waited months for an assessment.", person=people.member,
                           consent_to_quote=True, wants_updates=True)
    item.themes.add(theme)
    commitment = commitment_create(
        created_by=people.staff, feedback_items=[item], themes=[theme], event=past_event,
        you_said="Assessments take too long.", we_will="Publish waiting times every month.",
        owner=people.staff, due_date=(now + timedelta(days=60)).date())
    # A published report, made already (the whole-site checks do not run the PDF job).
    report = Report.objects.create(
        title="You said, we did: Carers' forum in Brookfield", scope=Report.Scope.EVENT,
        event=past_event, version=DocumentFormat.STANDARD, status=Report.Status.DONE,
        requested_by=people.staff, size=14, is_published=True, published_at=now)
    report.file.save("report.pdf", ContentFile(b"%PDF-1.7 report"), save=True)
    world.listening = SimpleNamespace(event=event, past_event=past_event, theme=theme,
                                      item=item, commitment=commitment,
                                      registration=registration, report=report)


FORM_CHECKS = [
    FormCheck(url="listening:book_for_person", role="staff",
              kwargs=lambda w: {"person_pk": w.offline.pk},
              data={"access_needs": "Step-free access"}, unchanged=(Registration,),
              kept=(), errors=("Choose an event",)),
    FormCheck(url="listening:event_create", role="staff",
              data={"title": "Drop-in at the library", "kind": "", "description": "Come along",
                    "date_0": "1", "date_1": "5", "date_2": "2030", "start_time": "10:00",
                    "end_time": "09:00", "in_person": "on", "venue": "Carrow Library"},
              unchanged=(Event,),
              kept=("Drop-in at the library", "Carrow Library", "10:00", "09:00"),
              errors=("The end time must be after the start time.",)),
    FormCheck(url="listening:event_register", role="visitor", kwargs=_event,
              data={"guest_name": "Jo Guest", "guest_contact_method": "email",
                    "guest_contact": "not-an-email"},
              unchanged=(Registration,), kept=("Jo Guest", "not-an-email"),
              errors=("Enter an email address like name@example.com",)),
    FormCheck(url="listening:event_register", role="member", kwargs=_event,
              data={"access_needs": "x" * 2001},
              unchanged=(Registration,), kept=()),
    FormCheck(url="listening:event_feedback", role="visitor", kwargs=_event,
              data={"question": "", "text": ""}, unchanged=(FeedbackItem,), kept=()),
    FormCheck(url="listening:feedback_give", role="member",
              data={"question": "working", "text": ""}, unchanged=(FeedbackItem,), kept=()),
    FormCheck(url="listening:feedback_give", role="member",
              data={"question": "working", "text": "Kind staff", "wants_updates": "on",
                    "anonymous": "on"},
              unchanged=(FeedbackItem,), kept=(),
              errors=("We cannot tell you what happens if your feedback is not linked",)),
    FormCheck(url="listening:event_walk_in", role="staff", kwargs=_past,
              data={"name": "Walk In", "email": "not-an-email"},
              unchanged=(Registration,)),
    FormCheck(url="listening:event_what_we_heard", role="staff", kwargs=_past,
              data={"subject": "", "body": ""}, kept=()),
    FormCheck(url="listening:feedback_add", role="staff",
              data={"channel": "paper", "items-TOTAL_FORMS": "5", "items-INITIAL_FORMS": "0",
                    "items-0-question": "", "items-0-text": "Kept words",
                    "items-0-email": "nobody-here@test.example"},
              unchanged=(FeedbackItem,), kept=("nobody-here@test.example",),
              errors=("Choose which question this answers",)),
    FormCheck(url="listening:feedback_import", role="staff", data={"event": ""},
              files={"file": SimpleUploadedFile("results.csv", b"\x00\x01binary",
                                                content_type="text/csv")},
              unchanged=(FeedbackItem,), kept=(), errors=("The file must be a CSV file",)),
    FormCheck(url="listening:feedback_list", role="staff", data={"new_theme": ""},
              unchanged=(Theme,), kept=()),
    FormCheck(url="listening:theme_list", role="staff",
              kwargs=None, data={"action": "add", "add-name": ""}, unchanged=(Theme,),
              kept=()),
    FormCheck(url="listening:commitment_create", role="staff",
              data={"you_said": "People wait too long", "we_will": "", "due_date_0": "31",
                    "due_date_1": "2", "due_date_2": "2027"},
              unchanged=(Commitment,), kept=("31", "2027")),
    FormCheck(url="listening:commitment_update", role="staff", kwargs=_commitment,
              data={"status": "cant_do", "text": "We looked at it", "reason": ""},
              unchanged=(CommitmentUpdate,), kept=(), errors=("Say why we can",)),
    FormCheck(url="listening:report_request", role="staff",
              data={"scope": "event", "event": "", "date_from_0": "32", "date_from_1": "13",
                    "date_from_2": "2026", "versions": ["standard", "easy_read"]},
              unchanged=(Report,), kept=("32", "13", "2026"),
              errors=("Choose the event the report is about",)),
    FormCheck(url="listening:easy_read_theme", role="staff", kwargs=_theme,
              data={"easy_read_text": "People told us that they wait far too long for an "
                                      "assessment of their care and support needs.",
                    "easy_read_picture": "waiting"},
              kept=(), errors=("Keep each sentence to 15 words or fewer",
                               'value="waiting" checked')),
    FormCheck(url="listening:easy_read_commitment", role="staff", kwargs=_commitment,
              data={"easy_read_text": "", "easy_read_picture": ""}, kept=()),
]
