from django.db import transaction

from people.models import GRANTABLE_ROLES, Involvement, Notification, Role, RoleChange, User


@transaction.atomic
def user_set_roles(*, changed_by: User, user: User, roles: set[Role]) -> list[RoleChange]:
    """Gives `user` exactly `roles` (beyond member) and records each change."""
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
    return changes


def involvement_record(*, person: User, kind: str, activity_key: str, activity_title: str,
                       title: str, starts_at, hours, source: str, url: str = "",
                       recorded_by: User | None = None) -> Involvement:
    """Records (or updates) that `person` took part. Keyed by `source`, so safe to repeat."""
    involvement, _ = Involvement.objects.update_or_create(
        source=source,
        defaults={"person": person, "kind": kind, "activity_key": activity_key,
                  "activity_title": activity_title, "title": title, "starts_at": starts_at,
                  "hours": hours, "url": url, "recorded_by": recorded_by},
    )
    return involvement


def involvement_remove(*, source: str) -> None:
    Involvement.objects.filter(source=source).delete()


def notify_person(*, person: User, subject: str, body: str, url: str = "",
                  dedupe_key: str = "") -> Notification | None:
    """Tells one person something, by the channel they prefer. Returns None when they were
    already told (same dedupe_key). Emails go out from a background job after the commit."""
    from people.tasks import send_notification_email

    if dedupe_key and Notification.objects.filter(person=person, dedupe_key=dedupe_key).exists():
        return None
    notification = Notification.objects.create(
        person=person, subject=subject, body=body, url=url, dedupe_key=dedupe_key,
        channel=preferred_channel(person),
    )
    if notification.channel == Notification.Channel.EMAIL:
        transaction.on_commit(lambda: send_notification_email.delay(notification.pk))
    return notification


def preferred_channel(person: User) -> str:
    """How this person wants to be contacted. The people bank's profile decides; people
    without a profile (or who did not say) get email."""
    profile_channel = getattr(getattr(person, "profile", None), "preferred_channel", "")
    return profile_channel or Notification.Channel.EMAIL
