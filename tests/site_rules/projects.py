"""Rules for the projects room. build(world) makes a project looking for people (the member
takes part, staff lead it), one in review with Our Voice, and one being looked back on."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from projects.models import (
    Assurance,
    AssuranceComment,
    AssuranceDecision,
    Attendance,
    CalendarFeed,
    Evaluation,
    Interest,
    Level,
    Membership,
    Project,
    Reflection,
    Session,
    Status,
    Update,
)
from tests.conftest import make_user
from tests.site_rules.rules import (
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    FormCheck,
    Rule,
    everyone,
    only,
    signed_in,
)


def make_project(staff, *, status=Status.RECRUITING, title="Better short breaks for carers",
                 **extra):
    fields = dict(
        title=title, summary="We want to make short breaks easier to book.",
        problem="Carers told us booking a break is hard.", aims="A simpler way to book.",
        in_scope="The booking process and the information we give.",
        out_of_scope="The overall budget for short breaks.", who_for="Unpaid carers.",
        what_is_involved="Six meetings of two hours.", level=Level.CO_PRODUCTION,
        status=status, starts_on=date.today(), ends_on=date.today() + timedelta(days=120),
        places=8, expenses_and_payment="Taxis paid for if you need one.", staff_co_chair=staff,
        assurance=Assurance.ASSURED if status != Status.IN_REVIEW else "")
    fields.update(extra)
    return Project.objects.create(**fields)


def build(world):
    p = world.people
    recruiting = make_project(p.staff)
    recruiting.terms_document.save("terms.pdf", ContentFile(b"%PDF-1.4 terms"), save=True)
    Membership.objects.create(project=recruiting, person=p.member, needs=["step_free"])
    starts = timezone.now() + timedelta(days=7)
    session = Session.objects.create(project=recruiting, title="First meeting", starts_at=starts,
                                     ends_at=starts + timedelta(hours=2), venue="County Hall",
                                     online=True, online_link="https://meet.example.org/x")
    # The member came to a first meeting, so has a certificate of involvement.
    came = timezone.now() - timedelta(days=14)
    welcome = Session.objects.create(project=recruiting, title="Welcome meeting",
                                     starts_at=came, ends_at=came + timedelta(hours=2),
                                     venue="County Hall")
    Attendance.objects.create(session=welcome, person=p.member, hours=2, marked_by=p.staff)
    update = Update.objects.create(project=recruiting, author=p.staff, title="We have begun",
                                   body="Thank you all.")
    applicant = make_user("applicant@test.example", "Ann Applicant")
    interest = Interest.objects.create(project=recruiting, person=applicant,
                                       what_i_bring="I care for my dad.")

    in_review = make_project(p.staff, status=Status.IN_REVIEW, title="Easy-read letters")
    comment = AssuranceComment.objects.create(project=in_review, author=p.our_voice,
                                              body="Who checks the letters?")

    evaluating = make_project(p.staff, status=Status.EVALUATING, title="Day services review")
    Membership.objects.create(project=evaluating, person=p.member)
    feed = CalendarFeed.objects.create(person=p.member)
    world.projects = {"recruiting": recruiting, "in_review": in_review,
                      "evaluating": evaluating, "session": session, "update": update,
                      "interest": interest, "comment": comment, "feed": feed}


def _pk(key):
    return lambda w: {"pk": w.projects[key].pk}


# Open to the project's members and those who run it (and Our Voice, who see all plans);
# everyone else is told it is not found.
MEMBERS_AND_RUNNERS = (LOGIN, OK, OK, OK, NOT_FOUND, NOT_FOUND)
# The partner role's person is not a member of the project, and their organisation does not
# co-host it.
NOT_FOR_PARTNER = {"partner": NOT_FOUND}
# Staff, and the lived-experience co-chair (not one of the six test roles).
RUNNERS = (LOGIN, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND)

RULES = {
    "projects:list": everyone(),
    "projects:mine": signed_in(),
    "projects:create": only("staff"),
    "projects:review_queue": only("our_voice", "staff"),
    "projects:calendar_feed": everyone(kwargs=lambda w: {"token": w.projects["feed"].token}),
    "projects:calendar_feed_renew": everyone(NOT_ALLOWED),
    "projects:detail": everyone(kwargs=_pk("recruiting")),
    "projects:edit": only("staff", kwargs=_pk("recruiting")),
    "projects:status": only("staff", kwargs=_pk("recruiting")),
    "projects:terms_document": Rule(*MEMBERS_AND_RUNNERS, **NOT_FOR_PARTNER,
                                    kwargs=_pk("recruiting")),
    "projects:assurance": only("our_voice", "staff", kwargs=_pk("in_review")),
    "projects:assurance_score": only("our_voice", kwargs=_pk("in_review")),
    "projects:assurance_comment": only("our_voice", kwargs=_pk("in_review")),
    "projects:assurance_decision": only("our_voice", kwargs=_pk("in_review")),
    "projects:assurance_reply": only("staff", kwargs=_pk("comment")),
    "projects:interest": signed_in(kwargs=_pk("recruiting")),
    "projects:interest_review": only("staff", kwargs=_pk("recruiting")),
    # Staff register someone's interest for them (from their people bank page).
    "projects:interest_for_person": only("staff",
                                         kwargs=lambda w: {"person_pk": w.offline.pk}),
    "projects:interest_decide": only("staff", kwargs=_pk("interest")),
    # Asks "are you sure?" first: the member leaving, or staff removing them.
    "projects:membership_end": Rule(LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND,
                                    kwargs=lambda w: {"pk": w.projects["recruiting"]
                                                      .memberships.first().pk}),
    "projects:session_create": Rule(*RUNNERS,
                                    kwargs=_pk("recruiting")),
    "projects:session": Rule(*MEMBERS_AND_RUNNERS, **NOT_FOR_PARTNER, kwargs=_pk("session")),
    "projects:session_edit": Rule(*RUNNERS, kwargs=_pk("session")),
    "projects:session_arranged": everyone(NOT_ALLOWED, kwargs=_pk("session")),
    "projects:session_ics": Rule(*MEMBERS_AND_RUNNERS, **NOT_FOR_PARTNER,
                                 kwargs=_pk("session")),
    "projects:attendance": Rule(*RUNNERS,
                                kwargs=_pk("session")),
    "projects:update_create": Rule(*RUNNERS,
                                   kwargs=_pk("recruiting")),
    "projects:update_send": Rule(*RUNNERS,
                                 kwargs=_pk("update")),
    "projects:evaluation": Rule(LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                                kwargs=_pk("evaluating")),
    "projects:reflection": only("staff", kwargs=_pk("evaluating")),
    "projects:certificate": Rule(LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                                 kwargs=_pk("recruiting")),
}

FORM_CHECKS = [
    FormCheck(url="projects:interest_for_person", role="staff",
              kwargs=lambda w: {"person_pk": w.offline.pk},
              data={"what_i_bring": "", "access_needs": "A quiet room"},
              unchanged=(Interest, Membership), kept=("A quiet room",),
              errors=("Choose a project",)),
    FormCheck(url="projects:create", role="staff",
              data={"title": "Home care visits", "summary": "", "starts_on_0": "1",
                    "starts_on_1": "9", "starts_on_2": "2026", "ends_on_0": "1",
                    "ends_on_1": "8", "ends_on_2": "2026", "places": "8"},
              kept=("Home care visits", "9", "8", "2026"), unchanged=(Project,),
              errors=("The end date must be on or after the start date",)),
    FormCheck(url="projects:status", role="staff", kwargs=_pk("evaluating"),
              data={"to": "closed", "outcome_summary": ""}, kept=(), unchanged=(),
              errors=("Say what changed because of the project",)),
    FormCheck(url="projects:assurance_score", role="our_voice", kwargs=_pk("in_review"),
              data={"skills": "4"}, kept=()),
    FormCheck(url="projects:assurance_comment", role="our_voice", kwargs=_pk("in_review"),
              data={"body": ""}, kept=(), unchanged=(AssuranceComment,)),
    FormCheck(url="projects:assurance_decision", role="our_voice", kwargs=_pk("in_review"),
              data={"decision": "not_yet", "reasons": ""}, kept=(),
              unchanged=(AssuranceDecision,), errors=("Give your reasons",)),
    FormCheck(url="projects:assurance_reply", role="staff", kwargs=_pk("comment"),
              data={"reply": ""}, kept=()),
    FormCheck(url="projects:interest", role="our_voice", kwargs=_pk("recruiting"),
              data={"what_i_bring": "", "access_needs": "I use a wheelchair"},
              unchanged=(Interest,)),
    FormCheck(url="projects:interest_decide", role="staff", kwargs=_pk("interest"),
              data={"decision": "declined", "message": ""}, kept=(),
              errors=("Write a kind message",)),
    FormCheck(url="projects:session_create", role="staff", kwargs=_pk("recruiting"),
              data={"title": "Second meeting", "date_0": "", "start_time": "10:00",
                    "end_time": "09:00", "in_person": "on", "venue": "Library"},
              kept=("Second meeting", "Library"), unchanged=(Session,)),
    FormCheck(url="projects:update_create", role="staff", kwargs=_pk("recruiting"),
              data={"title": "", "body": "We met the director."}, unchanged=(Update,)),
    FormCheck(url="projects:evaluation", role="member", kwargs=_pk("evaluating"),
              data={"listened": "3", "comment": "Good tea"}, unchanged=(Evaluation,),
              kept=("Good tea",)),
    FormCheck(url="projects:reflection", role="staff", kwargs=_pk("evaluating"),
              data={"what_changed": "", "do_differently": "More breaks"},
              unchanged=(Reflection,)),
]
