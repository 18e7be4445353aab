"""Rules for the learning room. build(world) makes a course for members with a session that
has happened (the member came and has a certificate) and one to come (the member is booked),
a staff-only course, a forum topic with a reply and a report, and uses the projects room's
plan in review for the planning checklist."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from learning.models import (
    Audience,
    Booking,
    Completion,
    Course,
    CourseSession,
    ForumTheme,
    Post,
    Report,
    ToolkitPage,
    ToolkitTemplate,
    Topic,
    Trainer,
)
from people.services import training_add
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


def build(world):
    p = world.people
    course = Course.objects.create(
        title="Being a co-chair", audience=Audience.MEMBERS,
        summary="For members who will co-chair a project group.",
        what_you_will_learn="How to plan a meeting\nHow to make sure everyone can speak",
        easy_read_summary="A co-chair helps run meetings.", created_by=p.staff)
    staff_course = Course.objects.create(
        title="Starting a co-production project", audience=Audience.STAFF,
        summary="For staff about to lead a project.", what_you_will_learn="The checklist")
    now = timezone.now()
    past = CourseSession.objects.create(
        course=course, starts_at=now - timedelta(days=20),
        ends_at=now - timedelta(days=20) + timedelta(hours=3), venue="Carrow Centre",
        access_arrangements="Step-free entrance.", capacity=10)
    upcoming = CourseSession.objects.create(
        course=course, starts_at=now + timedelta(days=9),
        ends_at=now + timedelta(days=9, hours=3), venue="Carrow Centre", online=True,
        online_link="https://meet.example.org/training", capacity=10)
    Booking.objects.create(session=past, person=p.member, access_needs="Step-free access")
    booking = Booking.objects.create(session=upcoming, person=p.member,
                                     access_needs="Step-free access")
    record = training_add(person=p.member, title=course.title, provider=course.provider,
                          attended_on=past.starts_at.date(), recorded_by=p.staff)
    completion = Completion.objects.create(
        person=p.member, course=course, session=past, completed_on=past.starts_at.date(),
        source=Completion.Source.ATTENDED, training_record=record, recorded_by=p.staff)
    trainer = Trainer.objects.create(session=past, person=p.our_voice,
                                     kind=Trainer.Kind.LIVED_EXPERIENCE, hours=Decimal("4"))
    theme = ForumTheme.objects.get(slug="starting-a-project")
    topic = Topic.objects.create(title="How early is from the start?",
                                 kind=Topic.Kind.QUESTION, theme=theme, author=p.staff)
    Post.objects.create(topic=topic, author=p.staff, body="When do we bring people in?",
                        is_opening=True)
    reply = Post.objects.create(topic=topic, author=p.our_voice,
                                body="Before the plan, see https://example.org/ladder")
    report = Report.objects.create(post=reply, reported_by=p.staff, reason="Out of date?")
    world.learning = {"course": course, "staff_course": staff_course, "past": past,
                      "upcoming": upcoming, "booking": booking, "completion": completion,
                      "trainer": trainer, "topic": topic, "reply": reply, "report": report,
                      "page": ToolkitPage.objects.first(),
                      "template": ToolkitTemplate.objects.first()}


def _pk(key):
    return lambda w: {"pk": w.learning[key].pk}


FORUM = ("our_voice", "staff", "admin", "partner")

RULES = {
    "learning:home": everyone(),
    # The training offer: public for members' courses, run by staff.
    "learning:course_list": everyone(),
    "learning:course_create": only("staff"),
    "learning:course": everyone(kwargs=_pk("course")),
    "learning:course_edit": only("staff", kwargs=_pk("course")),
    "learning:session_create": only("staff", kwargs=_pk("course")),
    "learning:session": everyone(kwargs=_pk("upcoming")),
    "learning:session_edit": only("staff", kwargs=_pk("upcoming")),
    "learning:book": signed_in(kwargs=_pk("upcoming")),
    "learning:attendance": only("staff", kwargs=_pk("past")),
    "learning:trainer_add": only("staff", kwargs=_pk("past")),
    "learning:trainer_remove": everyone(NOT_ALLOWED, kwargs=_pk("trainer")),
    # Staff book a place for someone who phoned or wrote (from their people bank page).
    "learning:book_for_person": only("staff", kwargs=lambda w: {"person_pk": w.offline.pk}),
    # The member's own booking, and staff who run courses; for anyone else it does not exist.
    "learning:booking_cancel": Rule(LOGIN, OK, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND,
                                    kwargs=_pk("booking")),
    "learning:mine": signed_in(),
    "learning:certificate": Rule(LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND,
                                 kwargs=_pk("completion")),
    "learning:record_paper": only("staff"),
    "learning:trained": only("staff", query="course=1"),
    # The toolkit is public.
    "learning:toolkit": everyone(),
    "learning:glossary": everyone(),
    "learning:toolkit_page": everyone(kwargs=lambda w: {"slug": w.learning["page"].slug}),
    "learning:template_download": everyone(kwargs=lambda w: {
        "slug": w.learning["template"].slug, "file_format": "docx"}),
    # A project's planning checklist: staff fill it in, Our Voice read it in review.
    "learning:checklist": only("staff", "our_voice",
                               kwargs=lambda w: {"pk": w.projects["in_review"].pk}),
    # The forum: staff, Our Voice, partners' staff and admins (who moderate).
    "learning:forum": only(*FORUM),
    "learning:topic_create": only(*FORUM),
    "learning:topic": only(*FORUM, kwargs=_pk("topic")),
    "learning:reply": only(*FORUM, kwargs=_pk("topic")),
    "learning:follow": everyone(NOT_ALLOWED, kwargs=_pk("topic")),
    "learning:helpful": everyone(NOT_ALLOWED, kwargs=_pk("reply")),
    "learning:report": only(*FORUM, kwargs=_pk("reply")),
    "learning:hide": only("admin", kwargs=_pk("reply")),
    "learning:unhide": everyone(NOT_ALLOWED, kwargs=_pk("reply")),
    "learning:reports": only("admin"),
    "learning:report_dismiss": everyone(NOT_ALLOWED, kwargs=_pk("report")),
}

FORM_CHECKS = [
    FormCheck(url="learning:course_create", role="staff",
              data={"title": "", "audience": "members", "summary": "About chairing",
                    "what_you_will_learn": "", "provider": "The council"},
              unchanged=(Course,)),
    FormCheck(url="learning:session_create", role="staff", kwargs=_pk("course"),
              data={"date_0": "31", "date_1": "2", "date_2": "2027", "start_time": "10:00",
                    "end_time": "12:00", "in_person": "on", "venue": "Library",
                    "capacity": "12"},
              kept=("Library", "31", "2027"), unchanged=(CourseSession,),
              errors=("Enter a real date",)),
    FormCheck(url="learning:book", role="member", kwargs=_pk("upcoming"),
              data={"access_needs": "A hearing loop"}, unchanged=(Booking,),
              errors=("You have already booked this session",)),
    FormCheck(url="learning:book_for_person", role="staff",
              kwargs=lambda w: {"person_pk": w.offline.pk},
              data={"access_needs": "Step-free access"}, unchanged=(Booking,),
              kept=("Step-free access",), errors=("Choose a course and date",)),
    FormCheck(url="learning:trainer_add", role="staff", kwargs=_pk("past"),
              data={"email": "nobody@test.example", "kind": "lived_experience",
                    "hours": "3"},
              unchanged=(Trainer,), errors=("No one with that email address",)),
    FormCheck(url="learning:record_paper", role="staff",
              data={"email": "member@test.example", "completed_on_0": "1",
                    "completed_on_1": "1", "completed_on_2": "2026"},
              unchanged=(Completion,), kept=("member@test.example",)),
    FormCheck(url="learning:topic_create", role="our_voice",
              data={"kind": "question", "title": "", "body": "How do we pay co-chairs?"},
              unchanged=(Topic, Post)),
    FormCheck(url="learning:reply", role="staff", kwargs=_pk("topic"), data={"body": ""},
              kept=(), unchanged=(Post,)),
    FormCheck(url="learning:report", role="our_voice", kwargs=_pk("reply"),
              data={"reason": ""}, kept=(), unchanged=(Report,)),
    FormCheck(url="learning:hide", role="admin", kwargs=_pk("reply"),
              data={"reason": "   "}, kept=()),
]
