"""Reads for the learning room: each page's data in a fixed number of queries (lists, not
querysets that templates would run)."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from coproduction.models import GlossaryTerm
from learning import rules
from learning.models import (
    Audience,
    Booking,
    ChecklistAnswer,
    ChecklistItem,
    Completion,
    Course,
    CourseSession,
    Follow,
    Helpful,
    Post,
    Report,
    Topic,
    Trainer,
)

# --- The training offer ---------------------------------------------------------------------


def courses_for(user, *, audience: str = ""):
    """The courses a person may see, each with its next sessions still to come."""
    courses = Course.objects.all() if rules.is_council_staff(user) else (
        Course.objects.published().exclude(audience=Audience.STAFF))
    if audience:
        courses = courses.for_audience(audience)
    upcoming = CourseSession.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at")
    return courses.annotate(
        upcoming_count=Count("sessions", filter=Q(sessions__starts_at__gt=timezone.now())),
    ).prefetch_related(Prefetch("sessions", queryset=upcoming, to_attr="upcoming")).order_by(
        "title")


def _with_counts(sessions):
    return sessions.annotate(
        booked=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED)),
        waiting=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITING)))


def counted_places_left(session) -> int:
    """For a session from _with_counts: its places as coproduction.waiting_list counts them
    (none while anyone waits)."""
    return 0 if session.waiting else max(session.capacity - session.booked, 0)


def sessions_with_places(sessions) -> list[CourseSession]:
    """Sessions with `booked` and `waiting` counted in the database and `places_left` as
    coproduction.waiting_list counts it (none while anyone waits)."""
    sessions = list(_with_counts(sessions))
    for session in sessions:
        session.places_left = counted_places_left(session)
    return sessions


def sessions_to_book_for(person):
    """Sessions still to come, of published courses open to `person`, that they are not
    booked on (or waiting for): what staff can book them onto. Each has `booked` and
    `waiting` counted, for counted_places_left."""
    courses = Course.objects.published()
    if not rules.is_council_staff(person):
        courses = courses.exclude(audience=Audience.STAFF)
    mine = Booking.objects.filter(person=person).exclude(
        status=Booking.Status.CANCELLED).values("session_id")
    return _with_counts(
        CourseSession.objects.filter(course__in=courses, starts_at__gt=timezone.now())
        .exclude(pk__in=mine).select_related("course").order_by("starts_at", "pk"))


def course_page(course, user) -> dict:
    sessions = sessions_with_places(CourseSession.objects.filter(course=course))
    mine = {}
    if user.is_authenticated:
        mine = {b.session_id: b for b in Booking.objects.filter(
            session__course=course, person=user).exclude(status=Booking.Status.CANCELLED)}
    for session in sessions:
        session.my_booking = mine.get(session.pk)
    now = timezone.now()
    return {"course": course,
            "upcoming": [s for s in sessions if s.starts_at > now],
            "past": [s for s in sessions if s.starts_at <= now][-5:],
            "can_book": rules.can_book(user, course),
            "can_run": rules.can_run_courses(user)}


def session_page(session, user) -> dict:
    session = sessions_with_places(CourseSession.objects.filter(pk=session.pk)
                                   .select_related("course"))[0]
    booking = None
    if user.is_authenticated:
        booking = (Booking.objects.filter(session=session, person=user)
                   .exclude(status=Booking.Status.CANCELLED).first())
    can_run = rules.can_run_courses(user)
    context = {"session": session, "course": session.course, "booking": booking,
               "can_book": rules.can_book(user, session.course) and not session.is_past,
               "can_run": can_run,
               "trainers": list(Trainer.objects.filter(session=session)
                                .select_related("person"))}
    if can_run:
        bookings = list(Booking.objects.filter(session=session)
                        .exclude(status=Booking.Status.CANCELLED)
                        .select_related("person").order_by("status", "created_at", "pk"))
        came = set(Completion.objects.filter(session=session).values_list("person_id",
                                                                          flat=True))
        for item in bookings:
            item.came = item.person_id in came
        context.update(bookings=bookings, came_count=len(came))
    return context


def upcoming_bookings(person) -> list[Booking]:
    """Their places (and places on a waiting list) on sessions still to come."""
    return list(Booking.objects.filter(person=person)
                .exclude(status=Booking.Status.CANCELLED)
                .filter(session__starts_at__gt=timezone.now())
                .select_related("session__course").order_by("session__starts_at"))


def my_learning(person) -> dict:
    bookings = upcoming_bookings(person)
    completions = list(Completion.objects.filter(person=person).select_related("course"))
    linked = {c.training_record_id for c in completions}
    elsewhere = [r for r in person.training.all() if r.pk not in linked]
    trained = list(Trainer.objects.filter(person=person).select_related("session__course")
                   .order_by("-session__starts_at"))
    return {"bookings": bookings, "completions": completions, "elsewhere": elsewhere,
            "trained": trained}


def certificate(completion) -> dict:
    """Everything the certificate says, loaded before rendering (its format is the reader's
    own, people.selectors.document_format_for, unless they pick another)."""
    course = completion.course
    return {"completion": completion, "course": course, "person": completion.person,
            "points": course.learning_points(), "issued_on": timezone.localdate()}


def who_has_been_trained(*, course=None, project_leads_only=False) -> dict:
    """For staff: each course with how many people completed it and how many of them lead a
    project now (its staff co-chair); for one course, who (project leads only on request)."""
    from projects.models import Project, Status

    lead_ids = set(Project.objects.exclude(status__in=[Status.CLOSED, Status.WITHDRAWN])
                   .exclude(staff_co_chair=None).values_list("staff_co_chair", flat=True))
    courses = list(Course.objects.annotate(
        people=Count("completions__person", distinct=True),
        leads=Count("completions__person", distinct=True,
                    filter=Q(completions__person__in=lead_ids)),
    ).order_by("title"))
    people = []
    if course is not None:
        people = (Completion.objects.filter(course=course).select_related("person")
                  .order_by("person__name", "person__email", "-completed_on"))
        if project_leads_only:
            people = people.filter(person__in=lead_ids)
    return {"courses": courses, "people": people, "lead_ids": lead_ids,
            "all_leads": len(lead_ids)}


# --- The toolkit ----------------------------------------------------------------------------


def glossary() -> list[GlossaryTerm]:
    return list(GlossaryTerm.objects.order_by("term"))


def checklist_for(project) -> list[dict]:
    """Each active checklist item with this project's answer (None when not answered)."""
    answers = {a.item_id: a for a in ChecklistAnswer.objects.filter(project=project)
               .select_related("answered_by")}
    return [{"item": item, "answer": answers.get(item.pk)}
            for item in ChecklistItem.objects.filter(active=True)]


# --- The forum ------------------------------------------------------------------------------


def topics(*, q: str = "", theme=None, kind: str = ""):
    """Visible topics with their reply counts, newest activity first; search looks in titles
    and in the text of every post that is not hidden."""
    found = Topic.objects.visible().select_related("theme", "author")
    if theme is not None:
        found = found.filter(theme=theme)
    if kind:
        found = found.filter(kind=kind)
    if q:
        matching_posts = Post.objects.filter(topic=OuterRef("pk"), hidden_at__isnull=True,
                                             body__icontains=q)
        found = found.filter(Q(title__icontains=q) | Exists(matching_posts))
    return found.annotate(
        replies=Count("posts", filter=Q(posts__is_opening=False,
                                        posts__hidden_at__isnull=True)),
        helpful=Count("posts__helpful_marks"),
    ).order_by("-last_post_at", "-pk")


def topic_page(topic, user) -> dict:
    posts = list(Post.objects.filter(topic=topic).select_related("author", "hidden_by")
                 .annotate(helpful_count=Count("helpful_marks"),
                           marked_by_me=Exists(Helpful.objects.filter(
                               post=OuterRef("pk"), person=user)),
                           open_reports=Count("reports", filter=Q(
                               reports__resolved_at__isnull=True))))
    opening = next((p for p in posts if p.is_opening), None)
    return {"topic": topic, "opening": opening,
            "replies": [p for p in posts if not p.is_opening],
            "following": Follow.objects.filter(topic=topic, person=user).exists(),
            "can_moderate": rules.can_moderate(user)}


def open_reports():
    return (Report.objects.filter(resolved_at__isnull=True)
            .select_related("post__topic", "post__author", "reported_by")
            .order_by("reported_at", "pk"))
