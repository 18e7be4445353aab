"""Writes for the listening room: registrations and the waiting list, attendance, feedback,
themes, commitments, and telling people what happened."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from coproduction import public_cache, waiting_list
from coproduction.documents import url_in_format
from listening.models import (
    Channel,
    Commitment,
    CommitmentUpdate,
    Event,
    FeedbackItem,
    GuestMessage,
    Question,
    Registration,
    Theme,
    places_needed,
)
from messaging.kinds import Kind
from people.models import Area, Involvement, Notification, Topic, User
from people.selectors import document_format_for
from people.services import (
    acted_for_record,
    involvement_record,
    involvement_remove,
    notification_mark_sent,
    notify_guest,
    notify_person,
    preferred_channel,
)

# ---------------------------------------------------------------- events


@transaction.atomic
def event_save(*, event: Event, topics=(), areas=(), saved_by: User | None = None) -> Event:
    creating = event.pk is None
    if creating and saved_by is not None:
        event.created_by = saved_by
    event.full_clean()
    event.save()
    event.topics.set(topics)
    event.areas.set(areas)
    if not creating:  # more places, or companions no longer counted: people move up
        waiting_list.fill_free_places(EventPlaces(event))
    public_cache.bump("events", "listening")
    return event


@transaction.atomic
def event_delete(*, event: Event) -> None:
    """Deletes an event with its bookings, and what we told its guests: a guest's messages
    (people.Notification, with their name and contact details) are kept only through the
    booking (GuestMessage), so they go with it rather than outlive it. No page deletes events
    today; anything that does must call this."""
    notification_ids = list(GuestMessage.objects.filter(registration__event=event)
                            .values_list("notification_id", flat=True))
    event.delete()
    Notification.objects.filter(pk__in=notification_ids, person__isnull=True).delete()


def _when(event: Event) -> str:
    start = timezone.localtime(event.starts_at)
    end = timezone.localtime(event.ends_at)
    return f"{date_format(start, 'l j F Y')}, {date_format(start, 'g:i A')} to " \
           f"{date_format(end, 'g:i A')}".replace("AM", "am").replace("PM", "pm")


def _where(event: Event) -> str:
    places = []
    if event.in_person:
        places.append(event.venue)
    if event.online:
        places.append("online" + (f" ({event.online_details})" if event.online_details else ""))
    return " and ".join(places)


# ---------------------------------------------------------------- registrations


class EventPlaces(waiting_list.Places):
    """An event's places and waiting list, for coproduction.waiting_list."""

    def capacity(self) -> int | None:
        return self.owner.capacity

    def places_taken(self) -> int:
        return self.owner.registrations.filter(status=Registration.Status.CONFIRMED).aggregate(
            taken=Sum(places_needed()))["taken"] or 0

    def waiting(self):
        return self.owner.registrations.filter(status=Registration.Status.WAITING).order_by(
            "created_at", "pk").select_related("person")

    def places_for(self, entry: Registration) -> int:
        return entry.places(self.owner)

    def move_up(self, entry: Registration) -> None:
        Registration.MOVES.check(entry.status, Registration.Status.CONFIRMED)
        entry.status = Registration.Status.CONFIRMED
        entry.save(update_fields=["status"])
        entry.event = self.owner
        _tell_confirmed(entry, promoted=True)


def places_taken(event: Event) -> int:
    return EventPlaces(event).places_taken()


def places_left(event: Event) -> int | None:
    """The places a newcomer can book now (none while anyone waits); None: no limit."""
    return waiting_list.places_left(EventPlaces(event))


@transaction.atomic
def registration_create(*, event: Event, person: User | None = None, guest_name: str = "",
                        guest_contact_method: str = "", guest_contact: str = "",
                        access_needs: str = "", brings_carer: bool = False,
                        brings_assistant: bool = False,
                        brings_interpreter: bool = False,
                        booked_by: User | None = None) -> Registration:
    """Books a place, or a place on the waiting list when the event is full or anyone is
    already waiting. Registering again after cancelling reuses the same row. `booked_by`: a
    staff member booking for `person` (who phoned or wrote), recorded in their history."""
    event = waiting_list.lock(event)
    registration = None
    if person is not None:
        registration = Registration.objects.filter(event=event, person=person).first()
        if registration and registration.status != Registration.Status.CANCELLED:
            raise ValidationError("You are already registered for this event.")
    registration = registration or Registration(event=event, person=person)
    registration.event = event
    registration.guest_name = guest_name
    registration.guest_contact_method = guest_contact_method
    registration.guest_contact = guest_contact
    registration.access_needs = access_needs
    registration.brings_carer = brings_carer
    registration.brings_assistant = brings_assistant
    registration.brings_interpreter = brings_interpreter
    registration.created_at = timezone.now()  # a new booking: its own place in the queue
    registration.reminder_sent_at = None
    booked = waiting_list.has_place_for(EventPlaces(event), registration.places(event))
    status = Registration.Status.CONFIRMED if booked else Registration.Status.WAITING
    if registration.pk:  # booking again after cancelling
        Registration.MOVES.check(registration.status, status)
    registration.status = status
    registration.full_clean()
    registration.save()
    if person is not None:
        acted_for_record(actor=booked_by, person=person, what=(
            f"Booked a place on {event.title}" if status == Registration.Status.CONFIRMED
            else f"Put them on the waiting list for {event.title}"))
    if registration.status == Registration.Status.CONFIRMED:
        _tell_confirmed(registration, promoted=False)
    else:
        _tell(registration, key="waiting", subject=f"You are on the waiting list: {event.title}",
              body=f"{event.title} is full, so we have put you on the waiting list. If a place "
                   f"comes free we will book it for you and tell you straight away.")
    public_cache.bump("events")
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    """Cancels a place (or a place on the waiting list); the first people waiting move up into
    the places that come free, in turn."""
    event = waiting_list.lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    Registration.MOVES.check(registration.status, Registration.Status.CANCELLED)
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    waiting_list.fill_free_places(EventPlaces(event))
    public_cache.bump("events")
    return registration


def confirmation_text(registration: Registration, *, promoted: bool = False) -> tuple[str, str]:
    event = registration.event
    if promoted:
        subject = f"A place has come free: you are booked on {event.title}"
        opening = "Good news: a place has come free and we have booked it for you."
    else:
        subject = f"You are booked: {event.title}"
        opening = "Thank you for registering. Your place is booked."
    lines = [opening, "", f"When: {_when(event)}", f"Where: {_where(event)}"]
    if registration.access_needs:
        lines += ["", f"You told us you need: {registration.access_needs}"]
    lines += ["", "A calendar file is attached so you can add it to your calendar.",
              "If you cannot come, please cancel so that someone else can have your place."]
    return subject, "\n".join(lines)


def message_key(registration: Registration, key: str) -> str:
    """Each message once per booking: someone who cancels and books again is told again."""
    return f"registration:{registration.pk}:{registration.created_at:%Y%m%d%H%M%S%f}:{key}"


def _tell_confirmed(registration: Registration, *, promoted: bool) -> None:
    subject, body = confirmation_text(registration, promoted=promoted)
    _tell(registration, key="confirmed", subject=subject, body=body, calendar=True)


def _tell(registration: Registration, *, key: str, subject: str, body: str, url: str = "",
          calendar: bool = False) -> Notification | None:
    """Tells the person who registered, through the one messaging service: a member by the
    channel they chose, a guest by the one way they gave us (emailed, or listed for staff to
    phone or write). Once per registration and key; returns None if they were told before.
    With calendar=True the email carries the event's calendar file."""
    from listening.calendar import event_calendar_bytes

    url = url or reverse("listening:event_detail", args=[registration.event_id])
    ics = event_calendar_bytes(registration.event) if calendar else b""
    dedupe_key = message_key(registration, key)
    kind = {"reminder": Kind.REMINDER, "what-we-heard": Kind.WHAT_WE_HEARD}.get(
        key, Kind.CONFIRMATION)
    if registration.person_id:
        return notify_person(person=registration.person, subject=subject, body=body, url=url,
                             dedupe_key=dedupe_key, calendar=ics, kind=kind)
    if not (registration.guest_contact and registration.guest_contact_method):
        return None  # a walk-in who gave no way to reach them
    notification = notify_guest(
        name=registration.guest_name, channel=registration.guest_contact_method,
        contact=registration.guest_contact, subject=subject, body=body, url=url,
        dedupe_key=dedupe_key, calendar=ics, kind=kind)
    if notification is not None:
        GuestMessage.objects.create(registration=registration, key=key,
                                    notification=notification)
    return notification


# ---------------------------------------------------------------- attendance


def _involvement_source(registration: Registration) -> str:
    return f"listening.attendance:{registration.pk}"


@transaction.atomic
def attendance_mark(*, registration: Registration, attended: bool,
                    marked_by: User | None = None) -> Registration:
    registration.attended = attended
    registration.save(update_fields=["attended"])
    event = registration.event
    if not registration.person_id:
        return registration
    if attended:
        start = timezone.localtime(event.starts_at)
        involvement_record(
            person=registration.person, kind=Involvement.Kind.EVENT,
            activity_key=f"event:{event.pk}", activity_title=event.title,
            title=f"{event.title} on {date_format(start, 'j F Y')}",
            starts_at=event.starts_at, hours=event.hours,
            url=reverse("listening:event_detail", args=[event.pk]),
            source=_involvement_source(registration), recorded_by=marked_by)
    else:
        involvement_remove(source=_involvement_source(registration))
    return registration


@transaction.atomic
def attendance_save(*, event: Event, attended_ids: set[int], marked_by: User) -> int:
    """Sets who came from the ticked list. Returns how many changed."""
    changed = 0
    registrations = event.registrations.filter(
        status=Registration.Status.CONFIRMED).select_related("person", "event")
    for registration in registrations:
        wanted = registration.pk in attended_ids
        if registration.attended != wanted:
            attendance_mark(registration=registration, attended=wanted, marked_by=marked_by)
            changed += 1
    return changed


@transaction.atomic
def walk_in_add(*, event: Event, name: str, email: str = "", added_by: User) -> Registration:
    """Someone who came without registering. With the email of a member, it is their record."""
    person = User.objects.filter(email__iexact=email).first() if email else None
    registration = None
    if person is not None:
        registration = Registration.objects.filter(event=event, person=person).first()
    if registration is None:
        registration = Registration(event=event, person=person, guest_name="" if person else name,
                                    walk_in=True)
    if registration.pk and registration.status != Registration.Status.CONFIRMED:
        Registration.MOVES.check(registration.status, Registration.Status.CONFIRMED)
    registration.status = Registration.Status.CONFIRMED
    registration.full_clean()
    registration.save()
    public_cache.bump("events")
    return attendance_mark(registration=registration, attended=True, marked_by=added_by)


# ---------------------------------------------------------------- feedback


@transaction.atomic
def feedback_create(*, question: str, text: str, channel: str, event: Event | None = None,
                    person: User | None = None, entered_by: User | None = None,
                    consent_to_quote: bool = False, wants_updates: bool = False,
                    topic: Topic | None = None, area: Area | None = None) -> FeedbackItem:
    """Records one thing someone said. Anonymous feedback (no person) cannot ask for news:
    there is nobody to tell, so the item refuses it (FeedbackItem.clean)."""
    item = FeedbackItem(event=event, question=question, text=text.strip(), channel=channel,
                        person=person, entered_by=entered_by, consent_to_quote=consent_to_quote,
                        wants_updates=wants_updates, topic=topic, area=area)
    item.full_clean()
    item.save()
    public_cache.bump("listening")
    return item


@transaction.atomic
def feedback_bulk_create(*, rows: list[dict], entered_by: User, event: Event | None,
                         channel: str) -> list[FeedbackItem]:
    items = []
    for row in rows:
        item = FeedbackItem(event=event, channel=channel, entered_by=entered_by, **row)
        item.full_clean()
        items.append(item)
    public_cache.bump("listening")
    return FeedbackItem.objects.bulk_create(items)


SURVEY_COLUMNS = ["question", "text", "consent_to_quote", "topic", "area", "email"]
QUESTION_WORDS = {
    **{value: value for value in Question.values},
    **{label.lower(): value for value, label in Question.choices},
    "working well": Question.WORKING, "not working well": Question.NOT_WORKING,
    "not working": Question.NOT_WORKING, "future": Question.FUTURE,
    "important for the future": Question.FUTURE, "": Question.OTHER,
}
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
MAX_IMPORT_ROWS = 5000


@dataclass
class SurveyParse:
    rows: list[dict] = field(default_factory=list)  # clean rows, JSON-safe for the session
    errors: list[str] = field(default_factory=list)  # "Row 4: ..." in plain English


def survey_csv_parse(data: bytes) -> SurveyParse:
    """Reads survey results. Needs a `text` column; `question`, `consent_to_quote`, `topic`,
    `area` and `email` are optional. Nothing is saved: the rows are for the preview."""
    result = SurveyParse()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append("The file is not plain text (CSV saved as UTF-8).")
        return result
    reader = csv.DictReader(io.StringIO(text))
    headers = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    if "text" not in headers:
        result.errors.append("The first row must name the columns, and one must be 'text'.")
        return result
    reader.fieldnames = headers
    topics = {topic.name.lower(): topic.pk for topic in Topic.objects.all()}
    areas = {area.name.lower(): area.pk for area in Area.objects.all()}
    for number, raw in enumerate(reader, start=2):
        if number - 1 > MAX_IMPORT_ROWS:
            result.errors.append(f"The file has more than {MAX_IMPORT_ROWS} rows. Split it.")
            break
        row = {key: (value or "").strip() for key, value in raw.items() if key}
        problems = []
        said = row.get("text", "")
        if not said:
            problems.append("the text is empty")
        question = QUESTION_WORDS.get(row.get("question", "").lower())
        if question is None:
            problems.append(f"'{row.get('question')}' is not one of the questions "
                            "(working well, not working well, future, other)")
        consent = row.get("consent_to_quote", "").lower()
        if consent not in YES | NO:
            problems.append("consent_to_quote must be yes or no")
        topic = row.get("topic", "")
        if topic and topic.lower() not in topics:
            problems.append(f"there is no topic called '{topic}'")
        area = row.get("area", "")
        if area and area.lower() not in areas:
            problems.append(f"there is no area called '{area}'")
        email = row.get("email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(f"'{email}' is not an email address")
        if problems:
            result.errors.append(f"Row {number}: " + "; ".join(problems) + ".")
            continue
        result.rows.append({"row": number, "question": question, "text": said,
                            "consent_to_quote": consent in YES,
                            "topic": topics.get(topic.lower()) if topic else None,
                            "area": areas.get(area.lower()) if area else None,
                            "email": email.lower()})
    if not result.rows and not result.errors:
        result.errors.append("The file has no rows under the column names.")
    return result


@transaction.atomic
def survey_import(*, rows: list[dict], event: Event | None, entered_by: User) -> int:
    emails = {row["email"] for row in rows if row["email"]}
    people = {user.email: user for user in User.objects.filter(email__in=emails)}
    items = [FeedbackItem(event=event, channel=Channel.SURVEY, entered_by=entered_by,
                          question=row["question"], text=row["text"],
                          consent_to_quote=row["consent_to_quote"], topic_id=row["topic"],
                          area_id=row["area"], person=people.get(row["email"]))
             for row in rows]
    FeedbackItem.objects.bulk_create(items, batch_size=500)
    public_cache.bump("listening")
    return len(items)


# ---------------------------------------------------------------- themes


@transaction.atomic
def theme_get_or_create(*, name: str) -> Theme:
    name = " ".join(name.split())
    theme = Theme.objects.filter(name__iexact=name).first()
    if theme is None:
        theme = Theme.objects.create(name=name)
        public_cache.bump("listening")  # the theme lists show it
    return theme


@transaction.atomic
def feedback_tag(*, items, themes: list[Theme]) -> int:
    through = FeedbackItem.themes.through
    item_ids = [item.pk for item in items]
    links = [through(feedbackitem_id=item_id, theme_id=theme.pk)
             for item_id in item_ids for theme in themes]
    through.objects.bulk_create(links, ignore_conflicts=True)
    public_cache.bump("listening")
    return len(item_ids)


@transaction.atomic
def theme_merge(*, duplicate: Theme, into: Theme) -> Theme:
    """Moves everything tagged with `duplicate` to `into`, then removes `duplicate`."""
    if duplicate.pk == into.pk:
        raise ValidationError("Choose two different themes.")
    item_ids = list(duplicate.items.values_list("pk", flat=True))
    into.items.add(*item_ids)
    into.commitments.add(*duplicate.commitments.values_list("pk", flat=True))
    duplicate.delete()
    public_cache.bump("listening")
    return into


# ---------------------------------------------------------------- commitments


@transaction.atomic
def commitment_create(*, created_by: User, feedback_items=(), themes=(),
                      **fields) -> Commitment:
    commitment = Commitment(created_by=created_by, last_update_at=timezone.now(), **fields)
    commitment.full_clean()
    commitment.save()
    commitment.feedback_items.set(feedback_items)
    commitment.themes.set(themes)
    CommitmentUpdate.objects.create(
        commitment=commitment, status=commitment.status, created_by=created_by,
        text=f"We said we will: {commitment.we_will}")
    public_cache.bump("listening")
    return commitment


def commitment_recipients(commitment: Commitment):
    """Members who gave a linked feedback item (directly, or under a linked theme) and asked
    to hear back."""
    from django.db.models import Q

    return User.objects.filter(
        Q(feedback_given__commitments=commitment)
        | Q(feedback_given__themes__commitments=commitment),
        feedback_given__wants_updates=True, is_active=True,
    ).distinct().order_by("name", "email")


@transaction.atomic
def commitment_update(*, commitment: Commitment, status: str, text: str, reason: str = "",
                      updated_by: User) -> CommitmentUpdate:
    """Records a dated update ("we did ..."). When the status changes, everyone who asked to
    hear back is told, once per status."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if status == Commitment.Status.CANT_DO and not (reason or commitment.reason):
        raise ValidationError({"reason": "Say why we can't do this."})
    changed = status != commitment.status
    if changed:
        Commitment.MOVES.check(commitment.status, status)
    commitment.status = status
    if reason:
        commitment.reason = reason
    commitment.last_update_at = timezone.now()
    commitment.owner_reminded_at = None
    commitment.save(update_fields=["status", "reason", "last_update_at", "owner_reminded_at"])
    update = CommitmentUpdate(commitment=commitment, status=status, text=text,
                              created_by=updated_by)
    update.full_clean()
    update.save()
    if changed:
        for message in commitment_news_messages(commitment, text):
            notify_person(person=message.person, subject=message.subject, body=message.body,
                          url=message.url, dedupe_key=f"commitment:{commitment.pk}:{status}",
                          kind=Kind.COMMITMENT_NEWS, sent_by=updated_by)
    public_cache.bump("listening")
    return update


def commitment_news_messages(commitment: Commitment, text: str, *, status: str = "",
                             reason: str = "") -> list[Notification]:
    """The news each person who asked to hear back gets (unsaved: commitment_update sends
    them; the update page previews them by channel with `status` and `reason` not yet
    saved)."""
    subject, body = commitment_news_text(commitment, text, status=status, reason=reason)
    return [Notification(person=person, subject=subject, body=body,
                         url=url_in_format(commitment.get_absolute_url(),
                                           document_format_for(person)),
                         channel=preferred_channel(person))
            for person in commitment_recipients(commitment).select_related("profile")]


def commitment_news_text(commitment: Commitment, text: str, *, status: str = "",
                         reason: str = "") -> tuple[str, str]:
    """The subject and words of news about `commitment`, now at `status` (by default the
    status it has)."""
    status = status or commitment.status
    label = Commitment.Status(status).label
    subject = f"News about something you told us: {label.lower()}"
    lines = ["You told us something, and we promised to act on it.", "",
             f"You said: {commitment.you_said}", f"We will: {commitment.we_will}", "",
             f"Now: {label}.", text]
    reason = reason or commitment.reason
    if status == Commitment.Status.CANT_DO and reason:
        lines.append(f"Why: {reason}")
    return subject, "\n".join(lines)


# ---------------------------------------------------------------- what we heard


def what_we_heard_text(event: Event) -> str:
    from listening.selectors import event_report

    report = event_report(event)
    lines = [f"Thank you for taking part in {event.title}.", "", "What we heard:"]
    lines += [f"- {theme.name} ({theme.count} comments)" for theme in report["themes"][:8]]
    if report["commitments"]:
        lines += ["", "What we will do:"]
        lines += [f"- {commitment.we_will}" for commitment in report["commitments"]]
    return "\n".join(lines)


def what_we_heard_recipients(event: Event):
    """Members who attended or gave feedback at this event, and guests who attended and gave
    us a way to reach them."""
    from django.db.models import Q

    members = User.objects.filter(
        Q(event_registrations__event=event, event_registrations__attended=True)
        | Q(feedback_given__event=event), is_active=True).distinct().order_by(
        "name", "email").select_related("profile")
    guests = event.registrations.filter(person__isnull=True, attended=True).exclude(
        guest_contact="").order_by("guest_name")
    return list(members), list(guests)


def what_we_heard_messages(event: Event, *, subject: str, body: str) -> list[Notification]:
    """The message each person who took part gets (unsaved: the send page previews them by
    channel). Guests are told by the one way they gave us."""
    members, guests = what_we_heard_recipients(event)
    url = reverse("listening:event_report", args=[event.pk])
    return [Notification(person=person, subject=subject, body=body,
                         url=url_in_format(url, document_format_for(person)),
                         channel=preferred_channel(person)) for person in members] + [
        Notification(guest_name=registration.guest_name,
                     guest_contact=registration.guest_contact,
                     channel=registration.guest_contact_method, subject=subject, body=body,
                     url=url)
        for registration in guests if registration.guest_contact_method]


@transaction.atomic
def what_we_heard_send(*, event: Event, subject: str, body: str) -> tuple[int, int]:
    """Tells everyone who took part. Safe to press twice: each person is told once."""
    members, guests = what_we_heard_recipients(event)
    url = reverse("listening:event_report", args=[event.pk])
    told = 0
    for person in members:  # each linked to the version they read
        if notify_person(person=person, subject=subject, body=body,
                         url=url_in_format(url, document_format_for(person)),
                         dedupe_key=f"event:{event.pk}:what-we-heard",
                         kind=Kind.WHAT_WE_HEARD):
            told += 1
    for registration in guests:
        if _tell(registration, key="what-we-heard", subject=subject, body=body, url=url):
            told += 1
    return told, len(members) + len(guests)


def guest_message_mark_done(*, message: GuestMessage, by: User | None = None) -> bool:
    """Staff phoned or wrote to the guest (recorded as their call, by whom and when)."""
    return notification_mark_sent(notification=message.notification, by=by)
