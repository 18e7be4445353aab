import logging

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from people.models import (
    GRANTABLE_ROLES,
    Consent,
    EqualityAnswers,
    Invitation,
    Involvement,
    MemberProfile,
    Notification,
    RetentionCheck,
    Role,
    RoleChange,
    StaffAccess,
    TrainingRecord,
    User,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def user_set_roles(*, changed_by: User, user: User, roles: set[Role],
                   tell: bool = True) -> list[RoleChange]:
    """Gives `user` exactly `roles` (beyond member) and records each change. tell=False only
    for records of the past (the demo's history), where the person was told at the time."""
    user = User.objects.select_for_update().get(pk=user.pk)
    changes = []
    for role, field in GRANTABLE_ROLES.items():
        wanted = role in roles
        if getattr(user, field) != wanted:
            setattr(user, field, wanted)
            changes.append(RoleChange(changed_by=changed_by, user=user, role=role, granted=wanted))
    if changes:
        user.save(update_fields=list(GRANTABLE_ROLES.values()))
        RoleChange.objects.bulk_create(changes)
    for change in changes:
        audit_record(actor=changed_by, action=StaffAccess.Action.ROLE_CHANGED, subject=user,
                     obj=user, detail=f"{'Gave' if change.granted else 'Took away'} the "
                                      f"{change.get_role_display()} role")
    if any(change.role == Role.OUR_VOICE for change in changes):
        from projects.our_voice import membership_follow_role  # the group follows the role

        membership_follow_role(person=user, by=changed_by)
    granted = [change.get_role_display() for change in changes if change.granted]
    if granted and tell:
        transaction.on_commit(lambda: _tell_role_granted(user, granted, changed_by))
    return changes


def _tell_role_granted(user: User, roles: list[str], changed_by: User) -> None:
    """A security notice, so it goes to the account's email whatever channel the person
    prefers for news: someone who did not expect a new role must hear of it at once."""
    from allauth.account.adapter import get_adapter

    email = EmailAddress.objects.get_primary_email(user) or user.email
    if email:
        get_adapter().send_mail("people/email/role_granted", email, {
            "user": user, "roles": roles, "changed_by_name": changed_by.name or "An admin",
            "needs_second_factor": user.needs_second_factor,
        })


def involvement_record(*, person: User, kind: str, activity_key: str, activity_title: str,
                       title: str, starts_at, hours, source: str, url: str = "",
                       recorded_by: User | None = None) -> Involvement:
    """Records (or updates) that `person` took part. Keyed by `source`, so safe to repeat.
    Keeps the person's stored fair-spread count (User.recent_involvements) in step."""
    involvement, _ = Involvement.objects.update_or_create(
        source=source,
        defaults={"person": person, "kind": kind, "activity_key": activity_key,
                  "activity_title": activity_title, "title": title, "starts_at": starts_at,
                  "hours": hours, "url": url, "recorded_by": recorded_by},
    )
    recent_involvements_refresh(person_ids=[person.pk])
    return involvement


def involvement_remove(*, source: str) -> None:
    records = Involvement.objects.filter(source=source)
    person_ids = list(records.values_list("person_id", flat=True))
    if person_ids:
        records.delete()
        recent_involvements_refresh(person_ids=person_ids)


def recent_involvements_refresh(*, person_ids=None) -> int:
    """Stores the fair-spread count (User.recent_involvements) of `person_ids`, or, when None
    (the nightly job), of everyone whose count may have changed: those with a count and those
    involved in the period, written only where it differs (involvement ages out as time
    passes; Django admin edits are caught here too). One UPDATE; returns how many changed."""
    from people.selectors import recent_involvement_count, recently_involved

    people = User.objects.all()
    if person_ids is not None:
        people = people.filter(pk__in=person_ids)
    else:
        people = (people.filter(Q(recent_involvements__gt=0) | recently_involved())
                  .alias(fresh=recent_involvement_count())
                  .exclude(recent_involvements=F("fresh")))
    return people.update(recent_involvements=recent_involvement_count())


def notify_person(*, person: User, subject: str, body: str, url: str = "",
                  dedupe_key: str = "", calendar: bytes = b"",
                  kind: str = "", sent_by: User | None = None) -> Notification | None:
    """Tells one person something, through the one messaging service (messaging.services):
    by the channel they prefer, in their format, falling back to another channel or the staff
    phone list so that nothing is dropped. `kind` is a messaging.kinds.Kind (news that can
    wait goes in the round-up of those who asked for one). Returns None when they were
    already told (same dedupe_key). Sending happens after the commit; an email carries
    `calendar` (an .ics file from coproduction.documents.calendar_bytes) when it can.
    `sent_by`: the staff member who chose to send it (the audit trail's "who"); None when
    the portal sends it as part of something else (a reminder, a claim decision's notice)."""
    if dedupe_key and Notification.objects.filter(person=person, dedupe_key=dedupe_key).exists():
        return None
    return _notification_create(person=person, subject=subject, body=body, url=url,
                                dedupe_key=dedupe_key, calendar=calendar, kind=kind,
                                channel=preferred_channel(person), sent_by=sent_by)


def notify_guest(*, name: str, channel: str, contact: str, subject: str, body: str,
                 url: str = "", dedupe_key: str = "", calendar: bytes = b"",
                 kind: str = "", sent_by: User | None = None) -> Notification | None:
    """Tells someone with no account (a guest who booked an event) something, by the one way
    they gave us: `channel` is a Notification.Channel and `contact` their email address, phone
    number or postal address. Sent like notify_person's; a phone call goes on the staff list
    of people to phone. Returns None when already told."""
    if dedupe_key and Notification.objects.filter(person__isnull=True,
                                                  dedupe_key=dedupe_key).exists():
        return None
    return _notification_create(person=None, guest_name=name, guest_contact=contact,
                                subject=subject, body=body, url=url, dedupe_key=dedupe_key,
                                calendar=calendar, channel=channel, kind=kind,
                                sent_by=sent_by)


@transaction.atomic
def _notification_create(*, calendar: bytes, kind: str, sent_by: User | None,
                         **fields) -> Notification:
    from messaging.services import deliver

    notification = Notification.objects.create(
        calendar=calendar.decode() if isinstance(calendar, bytes) else calendar, **fields)
    deliver(notification, kind=kind, sent_by=sent_by)
    return notification


def notification_mark_sent(*, notification: Notification, by: User | None = None) -> bool:
    """Staff phoned or wrote: the message is delivered. Returns False if it already was."""
    from messaging.services import notification_phoned

    return notification_phoned(notification=notification, by=by)


def preferred_channel(person: User) -> str:
    """How this person wants to be contacted. The people bank's profile decides; people
    without a profile (or who did not say) get email."""
    profile_channel = getattr(getattr(person, "profile", None), "preferred_channel", "")
    return profile_channel or Notification.Channel.EMAIL


# --- The people bank ---------------------------------------------------------------------


def profile_get_or_create(*, person: User) -> MemberProfile:
    profile, _ = MemberProfile.objects.get_or_create(user=person)
    return profile


@transaction.atomic
def profile_save(*, profile: MemberProfile, name: str | None = None,
                 changed_by: User | None = None, what: str = "") -> MemberProfile:
    """Saves a profile a form has changed (and the name, which lives on the user). A staff
    member changing it for the person (`changed_by`) is recorded in the person's history,
    with `what` they changed in plain words ("their access needs")."""
    profile.updated_at = timezone.now()
    profile.full_clean(exclude=["user"])
    profile.save()
    if name is not None and name != profile.user.name:
        profile.user.name = name
        profile.user.save(update_fields=["name"])
    acted_for_record(actor=changed_by, person=profile.user,
                     what=f"Updated {what or 'their profile'}")
    return profile


def current_consent(person: User) -> Consent | None:
    return Consent.objects.filter(person=person, withdrawn_at=None).first()


@transaction.atomic
def consent_give(*, person: User, method: str = Consent.Method.ONLINE,
                 recorded_by: User | None = None, given_at=None,
                 what_they_were_told: str = "") -> Consent:
    """Records that `person` joined the people bank under the current privacy notice. Given
    by phone or on paper, `recorded_by` is the staff member who took it, `given_at` when the
    person agreed and `what_they_were_told` what was read or shown to them."""
    existing = Consent.objects.select_for_update().filter(person=person,
                                                          withdrawn_at=None).first()
    if existing:
        return existing
    if method != Consent.Method.ONLINE and recorded_by is None:
        raise ValueError("Consent by phone or on paper is recorded by a staff member.")
    consent = Consent(person=person, notice_version=settings.PRIVACY_NOTICE_VERSION,
                      method=method, recorded_by=recorded_by,
                      given_at=given_at or timezone.now(),
                      what_they_were_told=what_they_were_told)
    consent.full_clean()
    consent.save()
    acted_for_record(actor=recorded_by, person=person,
                     what=f"Recorded their consent to join the people bank, given "
                          f"{consent.get_method_display().lower()}")
    return consent


@transaction.atomic
def consent_withdraw(*, person: User) -> int:
    """Withdraws consent: the person can no longer be found or invited, and every invitation
    still waiting for an answer is withdrawn at once. Returns how many were withdrawn."""
    now = timezone.now()
    Consent.objects.filter(person=person, withdrawn_at=None).update(withdrawn_at=now)
    return Invitation.objects.filter(
        person=person, status__in=Invitation.MOVES.moving_to(Invitation.Status.WITHDRAWN),
    ).update(status=Invitation.Status.WITHDRAWN, answered_at=now)


@transaction.atomic
def equality_save(*, person: User, answers: dict) -> EqualityAnswers:
    record, _ = EqualityAnswers.objects.get_or_create(
        person=person, defaults={**answers, "notice_version": settings.PRIVACY_NOTICE_VERSION})
    for field, value in answers.items():
        setattr(record, field, value)
    record.consented_at = timezone.now()
    record.notice_version = settings.PRIVACY_NOTICE_VERSION
    record.full_clean()
    record.save()
    return record


def equality_delete(*, person: User) -> None:
    EqualityAnswers.objects.filter(person=person).delete()


def training_add(*, person: User, title: str, provider: str, attended_on,
                 recorded_by: User | None = None) -> TrainingRecord:
    record = TrainingRecord(person=person, title=title, provider=provider,
                            attended_on=attended_on, recorded_by=recorded_by)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def member_create_on_behalf(*, created_by: User, email: str, name: str, method: str,
                            profile_fields: dict, topics=(), areas=(),
                            what_they_were_told: str = "") -> User:
    """A staff member adds someone to the people bank from a paper form or a phone call.
    Email is optional: with one, the person can sign in later by resetting a password or
    with an emailed code; without, staff act for them (and messages go by their channel)."""
    person = User.objects.create_user(email=email or "", password=None, name=name)
    if person.email:
        EmailAddress.objects.create(user=person, email=person.email, verified=False,
                                    primary=True)
    profile = MemberProfile(user=person, created_by=created_by, **profile_fields)
    profile.full_clean(exclude=["user"])
    profile.save()
    profile.topics.set(topics)
    profile.areas.set(areas)
    audit_record(actor=created_by, action=StaffAccess.Action.CREATED_PROFILE, subject=person,
                 obj=person)
    consent_give(person=person, method=method, recorded_by=created_by,
                 what_they_were_told=what_they_were_told)
    return person


def audit_record(*, actor: User | None, action: str, subject: User | None = None, obj=None,
                 object_type: str = "", object_id="", count: int = 1,
                 detail: str = "") -> StaffAccess:
    """Adds one row to the audit trail. Call it from the service that does the action, inside
    its transaction, so that an action that fails leaves no row. `obj` is the record acted on
    (kept as its type and id); `object_type`/`object_id` for what is not a row (a dashboard).
    actor None: the portal itself. `detail` is never personal data."""
    if obj is not None:
        object_type, object_id = obj._meta.label_lower, obj.pk
    return StaffAccess.objects.create(actor=actor, action=action, subject=subject,
                                      object_type=object_type, object_id=str(object_id),
                                      count=count, detail=detail[:300])


def acted_for_record(*, actor: User | None, person: User, what: str) -> StaffAccess | None:
    """Records in `person`'s history that staff member `actor` did `what` for them (a
    sentence: "Booked a place on Carers' café"). Every room's services call this with their
    acting_for/recorded_by user; nothing is recorded when the person acted for themselves
    (actor None or the person). Shown on the person's own profile and on the staff page."""
    if actor is None or actor.pk == person.pk:
        return None
    return audit_record(actor=actor, action=StaffAccess.Action.ACTED_FOR, subject=person,
                        obj=person, detail=what)


# --- Invitations ---------------------------------------------------------------------------


def invitations_to_send(*, people, target) -> tuple[list[User], int]:
    """Of `people`, those to invite to `target`: people who withdrew consent, or were already
    invited to it, are left out. Gives (to invite, how many left out)."""
    consenting = set(Consent.objects.filter(person__in=people, withdrawn_at=None,
                                            person__is_active=True)
                     .values_list("person_id", flat=True))
    invited = set(Invitation.objects.filter(person__in=people, target_kind=target.kind,
                                            target_id=target.pk)
                  .values_list("person_id", flat=True))
    chosen = [person for person in people
              if person.pk in consenting and person.pk not in invited]
    return chosen, len(people) - len(chosen)


def invitation_message(person: User, target, *, invitation_pk: int | None = None
                       ) -> Notification:
    """The invitation message for one person (unsaved: invitations_send sends it, and the
    people bank previews it by channel before anything is sent; the preview links to the
    next invitation's number)."""
    if invitation_pk is None:
        invitation_pk = (Invitation.objects.order_by("-pk").values_list("pk", flat=True)
                         .first() or 0) + 1
    return Notification(
        person=person, subject=f"Would you like to take part in {target.title}?",
        body=(f"We think you could help with {target.title}. "
              "Please tell us yes, no or not now. "
              "You do not have to take part, and saying no is fine."),
        url=f"/invitations/{invitation_pk}/", channel=preferred_channel(person))


def invitations_send(*, sent_by: User, people, target) -> tuple[int, int]:
    """Invites each of `people` to `target` (a people.invitations.InvitationTarget), by their
    own contact channel. People who withdrew consent, or were already invited to it, are
    skipped. Returns (sent, skipped)."""
    from messaging.kinds import Kind

    people = list(people)
    chosen, skipped = invitations_to_send(people=people, target=target)
    sent = 0
    for person in chosen:
        with transaction.atomic():
            invitation, created = Invitation.objects.get_or_create(
                person=person, target_kind=target.kind, target_id=target.pk,
                defaults={"target_title": target.title, "target_url": target.url,
                          "sent_by": sent_by})
            if not created:  # invited by someone else just now
                skipped += 1
                continue
            message = invitation_message(person, target, invitation_pk=invitation.pk)
            notify_person(person=person, subject=message.subject, body=message.body,
                          url=message.url, dedupe_key=f"invitation:{invitation.pk}",
                          kind=Kind.INVITATION, sent_by=sent_by)
            sent += 1
    return sent, skipped


def invitation_answer(*, invitation: Invitation, answer: str,
                      answered_by: User | None = None) -> Invitation:
    """Records the person's answer, then lets the target's room act on it. `answered_by`: a
    staff member giving the answer the person gave them (by phone or letter)."""
    from people import invitations

    if answer not in Invitation.ANSWERS:
        raise ValueError(f"Not an answer: {answer}")
    with transaction.atomic():
        updated = Invitation.objects.filter(
            pk=invitation.pk, status__in=Invitation.MOVES.moving_to(answer),
        ).update(status=answer, answered_at=timezone.now())
        if not updated:
            raise ValueError("This invitation can no longer be answered.")
        invitation.refresh_from_db()
        invitations.answered(invitation)
        acted_for_record(actor=answered_by, person=invitation.person,
                         what=f"Answered their invitation to {invitation.target_title}: "
                              f"{invitation.get_status_display().lower()}")
    return invitation


# --- Deletion and retention ----------------------------------------------------------------


@transaction.atomic
def person_anonymise(*, person: User) -> User:
    """Deletes a person's account: their identity, contact details, profile, equality answers,
    consents, training, invitations and messages go. The user row stays, with no name or
    contact details, so that records the council must keep (payment claims, for six years)
    and participation records (counted in totals) still point somewhere. Other rooms strip
    their own data first through people.data_rights.register_erasure_hook."""
    from people.data_rights import erasure_hooks

    person = User.objects.select_for_update().get(pk=person.pk)
    if person.anonymised_at:
        return person
    for hook in erasure_hooks():
        hook(person)
    MemberProfile.objects.filter(user=person).delete()
    EqualityAnswers.objects.filter(person=person).delete()
    Consent.objects.filter(person=person).delete()
    TrainingRecord.objects.filter(person=person).delete()
    Invitation.objects.filter(person=person).delete()
    Notification.objects.filter(person=person).delete()
    RetentionCheck.objects.filter(person=person).delete()
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    _admin_log_forget(person)
    person.email = ""
    person.name = ""
    person.set_unusable_password()
    person.is_active = False
    for field in GRANTABLE_ROLES.values():
        setattr(person, field, False)
    person.is_superuser = False
    person.anonymised_at = timezone.now()
    person.save()
    sessions_end(person=person)
    return person


def _admin_log_forget(person: User) -> None:
    """Django admin's log describes each object it changed as the object's str() (for an
    account, its name): those descriptions of the person go; which change was made stays."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    about = Q(content_type=ContentType.objects.get_for_model(User), object_id=str(person.pk))
    for value in (person.name, person.email):
        if value:
            about |= Q(object_repr__icontains=value)
    LogEntry.objects.filter(about).update(object_repr=f"Deleted account {person.pk}")


def sessions_end(*, person: User) -> int:
    """Ends every session `person` is signed in with (allauth.usersessions records each one at
    sign-in, so this reads that person's rows, not every session). Returns how many."""
    from allauth.usersessions.models import UserSession

    sessions = list(UserSession.objects.filter(user=person))
    for session in sessions:
        session.end()
    return len(sessions)


@transaction.atomic
def retention_stay(*, person: User, recorded_by: User | None = None) -> bool:
    """The person answered the retention question: they want to stay. `recorded_by`: a staff
    member recording the answer they gave by phone or letter (kept in their history)."""
    deleted, _ = RetentionCheck.objects.filter(person=person).delete()
    if deleted:
        acted_for_record(actor=recorded_by, person=person,
                         what="Recorded that they want to stay in the people bank")
    return bool(deleted)


def retention_leave(*, person: User, recorded_by: User) -> User:
    """The person told staff (by phone or letter) that they want to leave: their account is
    deleted (person_anonymise), and the history keeps who recorded it."""
    with transaction.atomic():
        acted_for_record(actor=recorded_by, person=person,
                         what="Deleted their account at their request")
        return person_anonymise(person=person)


def retention_can_answer_online(person: User) -> bool:
    """Whether the person can answer the retention question themselves, online: only with an
    email address can they sign in. Everyone else answers by phone or letter, and staff
    record it; silence never deletes them (people.tasks.retention_review)."""
    return bool(person.email)


def retention_ask(*, person: User) -> RetentionCheck | None:
    """Asks `person` whether they want to stay, by their own channel (notify_person), with
    the ways they can answer: online only if they can sign in. Once: returns None if they
    were already asked (the RetentionCheck row is the claim, one per person)."""
    from messaging.kinds import Kind

    online = retention_can_answer_online(person)
    phone = settings.COUNCIL_PHONE
    how = ((f"phone us on {phone}, " if phone else "phone us, ")
           + ("write back to us, or sign in and press \"Keep my account\"" if online
              else "or write back to us"))
    wait = (f"If we do not hear from you in {settings.RETENTION_ANSWER_DAYS} days, we will "
            "delete your account and your details." if online
            else "We will keep your details until we hear from you.")
    try:
        with transaction.atomic():
            check = RetentionCheck.objects.create(person=person)
            check.question = notify_person(
                person=person, subject="Do you want to stay in the people bank?",
                body=("We have not heard from you for a long time. Please tell us if you "
                      f"want to stay: {how}. {wait}"),
                url="/my-data/stay/" if online else "",
                dedupe_key=f"retention:{check.flagged_at:%Y-%m-%d}", kind=Kind.RETENTION)
            check.save(update_fields=["question"])
    except IntegrityError:
        return None  # another run asked them first
    return check
