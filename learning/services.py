"""Writes for the learning room. Each service validates, writes in one transaction and tells
people through people.services.notify_person (emails go out after the commit)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from coproduction import waiting_list
from coproduction.documents import calendar_bytes, calendar_event
from learning import rules
from learning.models import (
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
from messaging.kinds import Kind
from people.models import Involvement, User
from people.services import (
    acted_for_record,
    involvement_record,
    involvement_remove,
    notify_person,
    training_add,
)

# --- Courses and sessions -------------------------------------------------------------------


@transaction.atomic
def course_save(*, course: Course) -> Course:
    course.full_clean()
    course.save()
    return course


@transaction.atomic
def session_save(*, session: CourseSession) -> CourseSession:
    creating = session.pk is None
    session.full_clean()
    session.save()
    if not creating:  # more places: the people waiting move up into them
        waiting_list.fill_free_places(SessionPlaces(session))
    return session


@transaction.atomic
def trainer_add(*, session: CourseSession, person: User, kind: str, hours) -> Trainer:
    trainer = Trainer(session=session, person=person, kind=kind, hours=hours)
    if Trainer.objects.filter(session=session, person=person).exists():
        raise ValidationError({"email": f"{person} is already a trainer on this session."})
    trainer.full_clean()
    trainer.save()
    if session.is_past:
        _record_training_delivered(trainer, by=None)
    return trainer


@transaction.atomic
def trainer_remove(*, trainer: Trainer) -> None:
    involvement_remove(source=f"learning.trainer:{trainer.pk}")
    trainer.delete()


def _record_training_delivered(trainer: Trainer, by: User | None) -> None:
    """A lived-experience co-trainer's time is participation, so they can claim for it in
    the payments room like any meeting. Staff trainers are at work: nothing to claim."""
    if trainer.kind != Trainer.Kind.LIVED_EXPERIENCE:
        return
    session = trainer.session
    course = session.course
    involvement_record(
        person=trainer.person, kind=Involvement.Kind.OTHER,
        activity_key=f"course:{course.pk}", activity_title=course.title,
        title=f"Co-trainer: {course.title} on "
              f"{timezone.localtime(session.starts_at):%-d %B %Y}",
        starts_at=session.starts_at, hours=trainer.hours, url=session.get_absolute_url(),
        source=f"learning.trainer:{trainer.pk}", recorded_by=by)


# --- Places and the waiting list -----------------------------------------------------------


class SessionPlaces(waiting_list.Places):
    """A session's places and waiting list, for coproduction.waiting_list."""

    def capacity(self) -> int:
        return self.owner.capacity

    def places_taken(self) -> int:
        return Booking.objects.filter(session=self.owner, status=Booking.Status.BOOKED).count()

    def waiting(self):
        return (Booking.objects.filter(session=self.owner, status=Booking.Status.WAITING)
                .select_related("person").order_by("created_at", "pk"))

    def move_up(self, entry: Booking) -> None:
        Booking.MOVES.check(entry.status, Booking.Status.BOOKED)
        entry.status = Booking.Status.BOOKED
        entry.save(update_fields=["status"])
        entry.session = self.owner
        _tell_booked(entry, moved_up=True)


def places_left(session: CourseSession) -> int:
    """The places a newcomer can have now: none while anyone is waiting."""
    return waiting_list.places_left(SessionPlaces(session))


def _when(session: CourseSession) -> str:
    starts = timezone.localtime(session.starts_at)
    ends = timezone.localtime(session.ends_at)
    return (f"{starts:%A %-d %B %Y}, {starts:%-I:%M%p} to {ends:%-I:%M%p}"
            .replace("AM", "am").replace("PM", "pm"))


def _tell_booked(booking: Booking, *, moved_up: bool) -> None:
    session = booking.session
    course = session.course
    if moved_up:
        subject = f"A place has come free: you are booked on {course.title}"
        opening = ("Good news: a place came free and you were first on the waiting list, "
                   "so we have booked it for you.")
        key = f"booking:{booking.pk}:moved-up:{booking.created_at:%Y%m%d%H%M%S}"
    else:
        subject = f"You are booked: {course.title}"
        opening = "Thank you for booking. Your place is kept for you."
        key = f"booking:{booking.pk}:booked:{booking.created_at:%Y%m%d%H%M%S}"
    lines = [opening, "", f"When: {_when(session)}", f"Where: {session.where()}"]
    if booking.access_needs:
        lines += ["", f"You told us you need: {booking.access_needs}"]
    lines += ["", "A calendar file is attached so you can add it to your calendar.",
              "If you cannot come, please cancel so that someone else can have your place."]
    notify_person(person=booking.person, subject=subject, body="\n".join(lines),
                  url=session.get_absolute_url(), dedupe_key=key,
                  calendar=session_calendar(session), kind=Kind.CONFIRMATION)


def session_calendar(session: CourseSession) -> bytes:
    """The session as a calendar (.ics) file, attached to the booking email."""
    return calendar_bytes([calendar_event(
        uid=f"course-session-{session.pk}", title=session.course.title,
        starts_at=session.starts_at, ends_at=session.ends_at,
        description=session.course.summary, location=session.where(),
        url=session.get_absolute_url())])


@transaction.atomic
def booking_create(*, session: CourseSession, person: User, access_needs: str = "",
                   needs=(), booked_by: User | None = None) -> Booking:
    """Books a place, or a place on the waiting list when the session is full or anyone is
    already waiting. Booking again after cancelling reuses the same row and joins the back
    of the queue. `booked_by`: a staff member booking for `person` (who phoned or wrote),
    recorded in their history; the person is told by their own channel either way."""
    if not rules.can_book(person, session.course):
        raise PermissionDenied("This course is not open to you.")
    session = waiting_list.lock(session)
    if session.is_past:
        raise ValidationError("This session has already happened. Choose another date.")
    booking = Booking.objects.filter(session=session, person=person).first()
    if booking and booking.status != Booking.Status.CANCELLED:
        raise ValidationError(
            f"{person} is already booked on this session (or on its waiting list)."
            if booked_by is not None and booked_by.pk != person.pk else
            "You have already booked this session.")
    booking = booking or Booking(session=session, person=person)
    booking.session = session
    booking.access_needs, booking.needs = access_needs, list(needs)
    booking.created_at = timezone.now()
    booking.reminder_sent_at = None
    status = (Booking.Status.BOOKED if waiting_list.has_place_for(SessionPlaces(session))
              else Booking.Status.WAITING)
    if booking.pk:
        Booking.MOVES.check(booking.status, status)
    booking.status = status
    booking.full_clean()
    booking.save()
    day = f"{timezone.localtime(session.starts_at):%-d %B %Y}"
    acted_for_record(actor=booked_by, person=person, what=(
        f"Booked a place on {session.course.title} on {day}"
        if status == Booking.Status.BOOKED else
        f"Put them on the waiting list for {session.course.title} on {day}"))
    if status == Booking.Status.BOOKED:
        _tell_booked(booking, moved_up=False)
    else:
        notify_person(
            person=person, subject=f"You are on the waiting list: {session.course.title}",
            body=(f"The session on {_when(session)} is full, so we have put you on the "
                  "waiting list. If a place comes free we will book it for you and tell you "
                  "straight away."),
            url=session.get_absolute_url(),
            dedupe_key=f"booking:{booking.pk}:waiting:{booking.created_at:%Y%m%d%H%M%S}",
            kind=Kind.CONFIRMATION)
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking) -> list[Booking]:
    """Cancels a place (or a place on the waiting list); the first people waiting move up.
    Returns the bookings that moved up."""
    session = waiting_list.lock(booking.session)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    Booking.MOVES.check(booking.status, Booking.Status.CANCELLED)
    booking.status = Booking.Status.CANCELLED
    booking.save(update_fields=["status"])
    return waiting_list.fill_free_places(SessionPlaces(session))


def session_send_reminders(session_id: int) -> int:
    """Reminds each person booked on a session the day before. Safe to run twice: the session
    is claimed with a conditional update and each reminder has its own dedupe key."""
    claimed = CourseSession.objects.filter(pk=session_id, reminders_sent_at__isnull=True).update(
        reminders_sent_at=timezone.now())
    if not claimed:
        return 0
    session = CourseSession.objects.select_related("course").get(pk=session_id)
    sent = 0
    for booking in (Booking.objects.filter(session=session, status=Booking.Status.BOOKED)
                    .select_related("person")):
        body = (f"{session.course.title} is tomorrow, {_when(session)}, {session.where()}.")
        if session.access_arrangements:
            body += f"\n\nWhat we have arranged: {session.access_arrangements}"
        if notify_person(person=booking.person, subject=f"Reminder: {session.course.title} "
                                                        "tomorrow",
                         body=body, url=session.get_absolute_url(),
                         dedupe_key=f"course-session:{session.pk}:reminder",
                         kind=Kind.REMINDER):
            sent += 1
    Booking.objects.filter(session=session, status=Booking.Status.BOOKED).update(
        reminder_sent_at=timezone.now())
    return sent


# --- Attendance, records and certificates ---------------------------------------------------


@transaction.atomic
def attendance_mark(*, session: CourseSession, came: set[int], by: User) -> None:
    """`came` holds the ids of the people booked who came. Each of them gets a completion of
    the course with a training record (on their profile) and a certificate; anyone unticked
    loses them. Lived-experience co-trainers' time is recorded for payment."""
    if not rules.can_run_courses(by):
        raise PermissionDenied("Only staff record attendance.")
    if not session.is_past:
        raise ValidationError("You can record who came once the session has started.")
    booked = set(Booking.objects.filter(session=session, status=Booking.Status.BOOKED)
                 .values_list("person_id", flat=True))
    unknown = came - booked
    if unknown:
        raise ValidationError("Only people booked on the session can be marked as coming.")
    existing = {c.person_id: c for c in Completion.objects.filter(session=session)
                .select_related("training_record")}
    course = session.course
    day = timezone.localdate(session.starts_at)
    for person_id in booked:
        completion = existing.get(person_id)
        if person_id in came and completion is None:
            record = training_add(person=User(pk=person_id), title=course.title,
                                  provider=course.run_by(), attended_on=day, recorded_by=by)
            Completion.objects.create(person_id=person_id, course=course, session=session,
                                      completed_on=day, source=Completion.Source.ATTENDED,
                                      training_record=record, recorded_by=by)
        elif person_id not in came and completion is not None:
            completion.training_record.delete()  # the completion goes with it
    for trainer in Trainer.objects.filter(session=session).select_related("person"):
        _record_training_delivered(trainer, by=by)


@transaction.atomic
def training_record_for_someone(*, person: User, title: str, provider: str, attended_on,
                                by: User):
    """Staff type in training someone did elsewhere, from a paper record or a phone call."""
    if not rules.can_run_courses(by):
        raise PermissionDenied("Only staff record training for someone.")
    if attended_on > timezone.localdate():
        raise ValidationError({"completed_on": "The date must be today or in the past."})
    return training_add(person=person, title=title.strip(), provider=provider.strip(),
                        attended_on=attended_on, recorded_by=by)


@transaction.atomic
def completion_record_from_paper(*, person: User, course: Course, completed_on,
                                 by: User) -> Completion:
    """Staff type in a course someone completed, from a paper record (a sign-in sheet)."""
    if not rules.can_run_courses(by):
        raise PermissionDenied("Only staff record training for someone.")
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "The date must be today or in the past."})
    record = training_add(person=person, title=course.title, provider=course.run_by(),
                          attended_on=completed_on, recorded_by=by)
    return Completion.objects.create(person=person, course=course, completed_on=completed_on,
                                     source=Completion.Source.PAPER, training_record=record,
                                     recorded_by=by)


# --- The planning checklist ---------------------------------------------------------------


@transaction.atomic
def checklist_save(*, project, answers: dict, by: User) -> None:
    """`answers` maps each ChecklistItem id to (done, note)."""
    if not rules.can_fill_checklist(by, project):
        raise PermissionDenied("Only staff fill in a project's checklist.")
    items = set(ChecklistItem.objects.filter(active=True).values_list("pk", flat=True))
    now = timezone.now()
    for item_id, (done, note) in answers.items():
        if item_id not in items:
            continue
        ChecklistAnswer.objects.update_or_create(
            project=project, item_id=item_id,
            defaults={"done": done, "note": note.strip(), "answered_by": by,
                      "answered_at": now})


# --- The forum ------------------------------------------------------------------------------


def _check_forum(user):
    if not rules.can_use_forum(user):
        raise PermissionDenied("The forum is for staff and Our Voice.")


@transaction.atomic
def topic_start(*, author: User, title: str, kind: str, theme, body: str) -> Topic:
    _check_forum(author)
    topic = Topic(title=title.strip(), kind=kind, theme=theme, author=author)
    topic.full_clean()
    topic.save()
    post = Post(topic=topic, author=author, body=body.strip(), is_opening=True)
    post.full_clean()
    post.save()
    Follow.objects.get_or_create(topic=topic, person=author)
    return topic


@transaction.atomic
def reply_add(*, topic: Topic, author: User, body: str) -> Post:
    """Adds a reply, and tells everyone following the topic (but the writer)."""
    _check_forum(author)
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if topic.hidden_at is not None:
        raise ValidationError("This topic was hidden by a moderator, so it is closed.")
    post = Post(topic=topic, author=author, body=body.strip())
    post.full_clean()
    post.save()
    Topic.objects.filter(pk=topic.pk).update(last_post_at=post.created_at)
    Follow.objects.get_or_create(topic=topic, person=author)
    followers = (User.objects.filter(forum_follows__topic=topic, is_active=True)
                 .exclude(pk=author.pk))
    url = f"{topic.get_absolute_url()}#post-{post.pk}"
    for person in followers:
        notify_person(person=person, subject=f"New reply: {topic.title}",
                      body=(f"{author} replied to a topic you follow in the co-production "
                            f"forum:\n\n{_excerpt(post.body)}"),
                      url=url, dedupe_key=f"forum-post:{post.pk}", kind=Kind.FORUM_REPLY)
    return post


def _excerpt(text: str, words: int = 40) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


@transaction.atomic
def follow_set(*, topic: Topic, person: User, following: bool) -> None:
    _check_forum(person)
    if following:
        Follow.objects.get_or_create(topic=topic, person=person)
    else:
        Follow.objects.filter(topic=topic, person=person).delete()


@transaction.atomic
def helpful_mark(*, post: Post, person: User) -> bool:
    """Marks a reply as helpful, once per person; not your own, not a hidden one. Returns
    False when it was marked already."""
    _check_forum(person)
    if post.is_opening or post.hidden or post.author_id == person.pk:
        raise ValidationError("You can mark someone else's reply as helpful.")
    _, created = Helpful.objects.get_or_create(post=post, person=person)
    return created


@transaction.atomic
def post_report(*, post: Post, by: User, reason: str) -> Report:
    _check_forum(by)
    report = Report(post=post, reported_by=by, reason=reason.strip())
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def post_hide(*, post: Post, by: User, reason: str) -> Post:
    """Hides a post, saying why; hiding a topic's opening post hides the topic. Open reports
    of the post are resolved."""
    if not rules.can_moderate(by):
        raise PermissionDenied("Only moderators hide posts.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why you are hiding it. Everyone sees the reason."})
    now = timezone.now()
    post.hidden_at, post.hidden_by, post.hidden_reason = now, by, reason.strip()
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    if post.is_opening:
        Topic.objects.filter(pk=post.topic_id).update(hidden_at=now)
    Report.objects.filter(post=post, resolved_at__isnull=True).update(resolved_at=now,
                                                                       resolved_by=by)
    return post


@transaction.atomic
def post_unhide(*, post: Post, by: User) -> Post:
    if not rules.can_moderate(by):
        raise PermissionDenied("Only moderators show hidden posts again.")
    post.hidden_at, post.hidden_by, post.hidden_reason = None, None, ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    if post.is_opening:
        Topic.objects.filter(pk=post.topic_id).update(hidden_at=None)
    return post


@transaction.atomic
def report_dismiss(*, report: Report, by: User) -> None:
    """A moderator looked and the post can stay."""
    if not rules.can_moderate(by):
        raise PermissionDenied("Only moderators deal with reports.")
    Report.objects.filter(pk=report.pk, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=by)


def trainer_hours_default(session: CourseSession) -> Decimal:
    return session.length_in_hours()

