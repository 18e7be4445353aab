"""Writes for the projects room. Each service validates, writes in one transaction and tells
people through people.services.notify_person (emails go out after the commit)."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coproduction import public_cache, waiting_list
from messaging.kinds import Kind
from people.models import Involvement, Notification, User
from people.services import (
    acted_for_record,
    involvement_record,
    involvement_remove,
    notify_person,
    preferred_channel,
)
from projects import rules
from projects.models import (
    MOVES,
    Assurance,
    AssuranceComment,
    AssuranceDecision,
    AssuranceScore,
    Attendance,
    CalendarFeed,
    Evaluation,
    Interest,
    Membership,
    Project,
    Reflection,
    Session,
    Status,
    StatusChange,
    Update,
)

ASSURED = (Assurance.ASSURED, Assurance.SUGGESTIONS)
# What only a status change (or Our Voice's decision) may write.
STATUS_FIELDS = ("id", "status", "assurance", "outcome_summary", "created_at")


# --- Projects ---------------------------------------------------------------------------

@transaction.atomic
def project_save(*, project: Project, by: User, topics=(), areas=()) -> Project:
    """Creates or changes a project's details (not its status)."""
    creating = project.pk is None
    project.full_clean()
    if creating:
        project.save()
    else:
        # Only project_move changes the status (and what goes with it), so a copy loaded
        # before a move can never undo the move or Our Voice's decision.
        project.save(update_fields=[f.name for f in Project._meta.concrete_fields
                                    if f.name not in STATUS_FIELDS])
    project.topics.set(topics)
    project.areas.set(areas)
    if project.lived_experience_co_chair_id:
        membership, _ = Membership.objects.update_or_create(
            project=project, person_id=project.lived_experience_co_chair_id,
            defaults={"role": Membership.Role.CO_CHAIR, "left_at": None})
        _record_joining(membership, by)
    if creating:
        StatusChange.objects.create(project=project, from_status=Status.DRAFT,
                                    to_status=Status.DRAFT, changed_by=by)
    else:  # more places: the people waiting move up into them
        waiting_list.fill_free_places(ProjectPlaces(project, by=by))
    public_cache.bump("projects")
    return project


@transaction.atomic
def project_move(*, project: Project, to: str, by: User, outcome_summary: str = "") -> Project:
    """Moves a project to its next status, if that move is allowed, and records who did it."""
    if not rules.can_edit(by, project):
        raise PermissionDenied("Only staff change a project's status.")
    project = Project.objects.select_for_update().get(pk=project.pk)
    MOVES.check(Status(project.status), Status(to))
    if to == Status.RECRUITING and project.assurance not in ASSURED:
        raise ValidationError("Our Voice must assure the plan before you can recruit.")
    if to == Status.CLOSED:
        if not outcome_summary.strip():
            raise ValidationError({"outcome_summary": "Say what changed because of the "
                                                      "project before you close it."})
        project.outcome_summary = outcome_summary
    if to == Status.DRAFT:
        # The plan is being changed: Our Voice must look at it again before anyone is
        # recruited, so their earlier decision no longer stands.
        project.assurance = ""
    StatusChange.objects.create(project=project, from_status=project.status, to_status=to,
                                changed_by=by)
    project.status = to
    project.save(update_fields=["status", "outcome_summary", "assurance"])
    if to == Status.EVALUATING:
        _ask_for_evaluations(project)
    public_cache.bump("projects")
    return project


def _ask_for_evaluations(project):
    for message in evaluation_messages(project):
        notify_person(person=message.person, subject=message.subject, body=message.body,
                      url=message.url, dedupe_key=f"project:{project.pk}:evaluation",
                      kind=Kind.EVALUATION)


def evaluation_messages(project) -> list[Notification]:
    """The question each member is asked when the project moves to evaluating (unsaved: the
    status page previews them by channel before the move)."""
    url = reverse("projects:evaluation", args=[project.pk])
    members = User.objects.filter(project_memberships__project=project).distinct()
    return [Notification(person=person, subject=f"How did it go? Tell us about {project.title}",
                         body=(f"Thank you for taking part in {project.title}. Please answer "
                               "six short questions about how it felt. It takes about five "
                               "minutes."),
                         url=url, channel=preferred_channel(person))
            for person in members.select_related("profile")]


# --- Our Voice assurance ------------------------------------------------------------------

def _check_in_review(project, by):
    if not rules.is_our_voice(by):
        raise PermissionDenied("Only members of Our Voice assure plans.")
    if project.status != Status.IN_REVIEW:
        raise ValidationError("This plan is not in review now.")


@transaction.atomic
def assurance_score_save(*, project: Project, reviewer: User, scores: dict) -> AssuranceScore:
    _check_in_review(project, reviewer)
    score, _ = AssuranceScore.objects.update_or_create(
        project=project, reviewer=reviewer, defaults={**scores, "scored_at": timezone.now()})
    return score


@transaction.atomic
def assurance_comment_add(*, project: Project, author: User, body: str) -> AssuranceComment:
    _check_in_review(project, author)
    comment = AssuranceComment(project=project, author=author, body=body)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def assurance_reply(*, comment: AssuranceComment, by: User, reply: str) -> AssuranceComment:
    if not rules.can_reply_to_assurance(by, comment.project):
        raise PermissionDenied("Only staff answer Our Voice's comments.")
    comment.reply, comment.replied_by, comment.replied_at = reply, by, timezone.now()
    comment.full_clean()
    comment.save(update_fields=["reply", "replied_by", "replied_at"])
    return comment


@transaction.atomic
def assurance_decide(*, project: Project, by: User, decision: str,
                     reasons: str = "") -> AssuranceDecision:
    _check_in_review(project, by)
    if decision != Assurance.ASSURED and not reasons.strip():
        raise ValidationError({"reasons": "Give your reasons, so staff know what to change."})
    record = AssuranceDecision(project=project, decided_by=by, decision=decision,
                               reasons=reasons)
    record.full_clean()
    record.save()
    Project.objects.filter(pk=project.pk).update(assurance=decision)
    project.assurance = decision
    return record


# --- Recruiting -----------------------------------------------------------------------------

@transaction.atomic
def interest_express(*, project: Project, person: User, what_i_bring: str, access_needs: str,
                     needs=(), recorded_by: User | None = None) -> Interest:
    """A member's expression of interest; saying it again updates what they told us.
    `recorded_by`: a staff member registering it for them (by phone or letter), recorded in
    their history."""
    if project.status != Status.RECRUITING:
        raise ValidationError("This project is not looking for people now.")
    interest, created = Interest.objects.get_or_create(
        project=project, person=person,
        defaults={"what_i_bring": what_i_bring, "access_needs": access_needs,
                  "needs": list(needs)})
    if not created:
        interest.what_i_bring, interest.access_needs = what_i_bring, access_needs
        interest.needs = list(needs)
        if interest.state == Interest.State.WITHDRAWN:
            Interest.MOVES.check(interest.state, Interest.State.PENDING)
            interest.state = Interest.State.PENDING
        interest.save(update_fields=["what_i_bring", "access_needs", "needs", "state"])
    acted_for_record(actor=recorded_by, person=person,
                     what=f"Registered their interest in {project.title}")
    return interest


class ProjectPlaces(waiting_list.Places):
    """A project's places and waiting list, for coproduction.waiting_list. Members take places
    (co-chairs do not); the waiting list is in the order people were put on it."""

    def __init__(self, project: Project, *, by: User | None = None):
        super().__init__(project)
        self.by = by

    def capacity(self) -> int:
        return self.owner.places

    def places_taken(self) -> int:
        return Membership.objects.filter(project=self.owner, role=Membership.Role.MEMBER,
                                         left_at__isnull=True).count()

    def waiting(self):
        return (Interest.objects.filter(project=self.owner, state=Interest.State.WAITING)
                .select_related("person").order_by("decided_at", "created_at", "pk"))

    def move_up(self, entry: Interest) -> None:
        entry.project = self.owner
        _accept(entry, self.by, moved_up=True)
        entry.decided_by, entry.decided_at = self.by, timezone.now()
        entry.save(update_fields=["state", "decided_by", "decided_at"])


def places_taken(project) -> int:
    return ProjectPlaces(project).places_taken()


def places_left(project) -> int:
    """The places a newcomer can have now: none while anyone is waiting."""
    return waiting_list.places_left(ProjectPlaces(project))


def _record_joining(membership, by):
    project = membership.project
    involvement_record(
        person=membership.person, kind=Involvement.Kind.PROJECT,
        activity_key=f"project:{project.pk}", activity_title=project.title,
        title=f"Joined {project.title}", starts_at=membership.joined_at, hours=Decimal("0"),
        source=f"projects.membership:{membership.pk}", url=project.get_absolute_url(),
        recorded_by=by)
    public_cache.bump("projects")  # the public list shows how many places are taken


def _accept(interest, by, *, moved_up=False, message=""):
    Interest.MOVES.check(interest.state, Interest.State.ACCEPTED)
    project = interest.project
    membership, _ = Membership.objects.update_or_create(
        project=project, person=interest.person,
        defaults={"access_needs": interest.access_needs, "needs": interest.needs,
                  "left_at": None, "joined_at": timezone.now()})
    _record_joining(membership, by)
    interest.state = Interest.State.ACCEPTED
    if moved_up:
        subject = f"A place has come up for you on {project.title}"
        body = ("Good news: a place came up and you were first on the waiting list. "
                "You are now a member of the project. Your project page shows the meetings.")
        key = f"interest:{interest.pk}:moved-up"
    else:
        subject = f"You have a place on {project.title}"
        body = ("Thank you for offering to take part. You are now a member of the project. "
                "Your project page shows the meetings.")
        if message.strip():
            body = f"{body}\n\n{message.strip()}"
        key = f"interest:{interest.pk}:accepted"
    notify_person(person=interest.person, subject=subject, body=body,
                  url=project.get_absolute_url(), dedupe_key=key, kind=Kind.PROJECT_PLACE)
    return membership


@transaction.atomic
def interest_decide(*, interest: Interest, decision: str, by: User,
                    message: str = "") -> Interest:
    """Accept, put on the waiting list or decline (with a kind message)."""
    project = waiting_list.lock(interest.project)
    interest.project = project
    places = ProjectPlaces(project, by=by)
    if decision == Interest.State.ACCEPTED:
        if interest.state == Interest.State.ACCEPTED:
            raise ValidationError({"decision": "This person already has a place."})
        if not waiting_list.has_place_for(places):
            if places.places_taken() >= project.places:
                raise ValidationError({"decision": "All the places are taken. Put this person "
                                                   "on the waiting list instead."})
            raise ValidationError({"decision": "People are on the waiting list, so the next "
                                               "place is theirs. Put this person on the "
                                               "waiting list instead."})
        _accept(interest, by, message=message)
    elif decision == Interest.State.WAITING:
        if interest.state != Interest.State.WAITING and waiting_list.has_place_for(places):
            raise ValidationError({"decision": "There is a free place, so nobody needs to "
                                               "wait. Give this person the place, or say no "
                                               "with a kind message."})
        if interest.state != decision:
            Interest.MOVES.check(interest.state, decision)
        interest.state = decision
        notify_person(person=interest.person,
                      subject=f"You are on the waiting list for {project.title}",
                      body=message or ("All the places are taken for now. We will tell you "
                                       "as soon as one comes up."),
                      url=project.get_absolute_url(), dedupe_key=f"interest:{interest.pk}:waiting",
                      kind=Kind.PROJECT_PLACE)
    elif decision == Interest.State.DECLINED:
        if not message.strip():
            raise ValidationError({"message": "Write a kind message to say why."})
        if interest.state != decision:
            Interest.MOVES.check(interest.state, decision)
        interest.state = decision
        notify_person(person=interest.person, subject=f"About {project.title}", body=message,
                      url=reverse("projects:list"), dedupe_key=f"interest:{interest.pk}:declined",
                      kind=Kind.PROJECT_PLACE)
    else:
        raise ValidationError({"decision": "Choose what to do."})
    interest.message, interest.decided_by, interest.decided_at = message, by, timezone.now()
    interest.save(update_fields=["state", "message", "decided_by", "decided_at"])
    return interest


@transaction.atomic
def interest_express_for(*, project: Project, person: User, recorded_by: User,
                         give_place: bool = False, what_i_bring: str, access_needs: str,
                         needs=()) -> Interest:
    """Staff register the interest of someone who phoned or wrote, and may give them a place
    at once: the member's service and the decision's, with their rules (a free place, nobody
    waiting first), each recorded in the person's history. All or nothing."""
    interest = interest_express(project=project, person=person, what_i_bring=what_i_bring,
                                access_needs=access_needs, needs=needs,
                                recorded_by=recorded_by)
    if give_place and interest.state != Interest.State.ACCEPTED:
        interest_decide(interest=interest, decision=Interest.State.ACCEPTED, by=recorded_by)
        acted_for_record(actor=recorded_by, person=person,
                         what=f"Gave them a place on {project.title}")
    return interest


@transaction.atomic
def membership_end(*, membership: Membership, by: User) -> Interest | None:
    """Someone leaves (or is removed from) a project; the first person waiting moves up."""
    project = waiting_list.lock(membership.project)
    Membership.objects.filter(pk=membership.pk).update(left_at=timezone.now())
    Interest.objects.filter(project=project, person_id=membership.person_id,
                            state__in=Interest.MOVES.moving_to(Interest.State.WITHDRAWN)).update(
        state=Interest.State.WITHDRAWN)
    public_cache.bump("projects")
    return promote_from_waiting_list(project=project, by=by)


@transaction.atomic
def promote_from_waiting_list(*, project: Project, by: User) -> Interest | None:
    """Gives any free place to the first person waiting (coproduction.waiting_list)."""
    moved = waiting_list.fill_free_places(ProjectPlaces(project, by=by))
    return moved[0] if moved else None


def interest_from_invitation(*, project_id: int, person: User) -> Interest | None:
    """A "yes" to an invitation from the people bank becomes an expression of interest."""
    project = Project.objects.filter(pk=project_id, status=Status.RECRUITING).first()
    if project is None:
        return None
    interest, _ = Interest.objects.get_or_create(
        project=project, person=person,
        defaults={"what_i_bring": "Invited from the people bank and said yes."})
    return interest


# --- Running ------------------------------------------------------------------------------

@transaction.atomic
def session_save(*, session: Session) -> Session:
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def attendance_mark(*, session: Session, hours_by_person: dict, by: User) -> None:
    """`hours_by_person` maps each member's id to the hours they came for, or None if they
    did not come. Attendance feeds participation history and claims."""
    project = session.project
    longest = session.length_in_hours()
    for hours in hours_by_person.values():
        if hours is not None and not (0 < hours <= longest):
            raise ValidationError("Hours must be more than 0 and no more than "
                                  f"{longest.normalize():f}, the length of the meeting.")
    existing = {a.person_id: a for a in Attendance.objects.filter(session=session)}
    for person_id, hours in hours_by_person.items():
        record = existing.get(person_id)
        if hours is None:
            if record is not None:
                involvement_remove(source=f"projects.attendance:{record.pk}")
                record.delete()
            continue
        if record is None:
            record = Attendance.objects.create(session=session, person_id=person_id,
                                               hours=hours, marked_by=by)
        else:
            record.hours, record.marked_by, record.marked_at = hours, by, timezone.now()
            record.save(update_fields=["hours", "marked_by", "marked_at"])
        involvement_record(
            person=User(pk=person_id), kind=Involvement.Kind.PROJECT_SESSION,
            activity_key=f"project:{project.pk}", activity_title=project.title,
            title=f"{project.title}: {session.title} on "
                  f"{timezone.localtime(session.starts_at):%-d %B %Y}",
            starts_at=session.starts_at, hours=hours, url=project.get_absolute_url(),
            source=f"projects.attendance:{record.pk}", recorded_by=by)


@transaction.atomic
def session_arranged_save(*, session: Session, arranged) -> Session:
    session.arranged = list(arranged)
    session.save(update_fields=["arranged"])
    return session


def session_send_reminders(session_id: int) -> int:
    """Tells each member about a session the day before. Safe to run twice: the session is
    claimed with a conditional update, and each person's reminder has its own dedupe key."""
    claimed = Session.objects.filter(pk=session_id, reminders_sent_at__isnull=True).update(
        reminders_sent_at=timezone.now())
    if not claimed:
        return 0
    session = Session.objects.select_related("project").get(pk=session_id)
    members = User.objects.filter(project_memberships__project=session.project,
                                  project_memberships__left_at__isnull=True)
    starts = timezone.localtime(session.starts_at)
    where = "online" if session.online and not session.in_person else (session.venue or "")
    sent = 0
    for person in members:
        if notify_person(
            person=person, subject=f"Reminder: {session.title} tomorrow",
            body=(f"{session.project.title}: {session.title} is tomorrow, "
                  f"{starts:%A %-d %B} at {starts:%-I:%M%p}".replace("AM", "am")
                  .replace("PM", "pm") + (f", {where}." if where else ".")
                  + (f" Please bring or read: {session.what_to_bring}"
                     if session.what_to_bring else "")),
            url=session.get_absolute_url(), dedupe_key=f"session:{session.pk}:reminder",
            kind=Kind.REMINDER,
        ):
            sent += 1
    return sent


@transaction.atomic
def update_post(*, update: Update) -> Update:
    update.full_clean()
    update.save()
    return update


def update_recipients(update: Update):
    return User.objects.filter(project_memberships__project=update.project_id,
                               project_memberships__left_at__isnull=True).order_by("name")


@transaction.atomic
def update_send(*, update: Update) -> int:
    """Sends an update to the project's members once."""
    claimed = Update.objects.filter(pk=update.pk, sent_at__isnull=True).update(
        sent_at=timezone.now())
    if not claimed:
        return 0
    count = 0
    for person in update_recipients(update):
        message = update_message(update, person)
        if notify_person(person=person, subject=message.subject, body=message.body,
                         url=message.url, dedupe_key=f"update:{update.pk}",
                         kind=Kind.PROJECT_UPDATE, sent_by=update.author):
            count += 1
    return count


def update_message(update: Update, person: User) -> Notification:
    """The message an update makes for one member (unsaved: update_send sends it, and the
    send page previews it by channel)."""
    return Notification(person=person, subject=f"{update.project.title}: {update.title}",
                        body=update.body, url=update.project.get_absolute_url(),
                        channel=preferred_channel(person))


# --- Evaluating ---------------------------------------------------------------------------

@transaction.atomic
def evaluation_submit(*, project: Project, person: User, answers: dict) -> Evaluation:
    if project.status != Status.EVALUATING:
        raise ValidationError("Feedback for this project is closed.")
    if not Membership.objects.filter(project=project, person=person).exists():
        raise ValidationError("Only people who took part can give feedback on a project.")
    evaluation, _ = Evaluation.objects.update_or_create(
        project=project, person=person, defaults={**answers, "submitted_at": timezone.now()})
    return evaluation


@transaction.atomic
def reflection_save(*, project: Project, by: User, what_changed: str,
                    do_differently: str) -> Reflection:
    reflection, _ = Reflection.objects.update_or_create(
        project=project, defaults={"what_changed": what_changed,
                                   "do_differently": do_differently, "author": by})
    return reflection


def calendar_feed_for(person: User) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(person=person)
    return feed


@transaction.atomic
def calendar_feed_renew(*, person: User) -> CalendarFeed:
    """A new private address for a person's calendar; the old one stops working at once
    (for someone who shared it by mistake, or lost a phone)."""
    feed = calendar_feed_for(person)
    feed.renew_token()
    feed.save(update_fields=["token"])
    return feed
