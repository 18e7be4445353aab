"""Weekly and monthly round-ups, for members who asked for one instead of each message as it
happens (people.MemberProfile.message_frequency).

News that can wait (messaging.kinds.CAN_WAIT: updates from their projects, news of the
commitments they asked about, what we heard, new reports) is kept for them
(Delivery.Status.HELD). When their round-up is due, one message brings together what was kept,
the projects that started looking for people, and the events and news posts (stories.NewsPost)
published since the last one that match their interests and area, in their channel and format.
Each round-up covers the time since the last one ended, and each kept message goes in exactly
one, so nothing is told twice; a round-up with nothing in it is recorded (so the next starts
from here) but not sent."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from messaging.kinds import Kind
from messaging.models import Delivery, Digest, Frequency
from people.models import MemberProfile, Notification

PERIODS = {Frequency.WEEKLY: timedelta(days=7), Frequency.MONTHLY: timedelta(days=30)}
NAMES = {Frequency.WEEKLY: "weekly", Frequency.MONTHLY: "monthly"}


def _matching(queryset, profile):
    """Things that share one of the person's topics (if they chose any) and are in one of
    their areas (if they chose any; things with no area are for everywhere)."""
    topics = list(profile.topics.all())
    areas = list(profile.areas.all())
    if topics:
        queryset = queryset.filter(topics__in=topics)
    if areas:
        queryset = queryset.filter(Q(areas__in=areas) | Q(areas__isnull=True))
    return queryset.distinct()


def digest_contents(person, *, since, until) -> dict:
    from listening.models import Event
    from projects.models import Project, Status
    from stories.models import NewsPost

    profile = person.profile
    kept = list(Delivery.objects.filter(notification__person=person, status=Delivery.Status.HELD,
                                        created_at__lt=until)
                .select_related("notification").order_by("created_at", "pk"))
    projects = list(_matching(Project.objects.recruiting().filter(
        status_changes__to_status=Status.RECRUITING, status_changes__changed_at__gte=since,
        status_changes__changed_at__lt=until), profile).order_by("title"))
    events = list(_matching(Event.objects.published().upcoming().filter(
        created_at__gte=since, created_at__lt=until), profile).order_by("starts_at"))
    # A post keeps the time it was first published (stories.services.news_move), so one taken
    # down and put back is not told again.
    news = list(_matching(NewsPost.objects.published().filter(
        published_at__gte=since, published_at__lt=until), profile)
        .order_by("published_at", "pk"))
    return {"kept": kept, "projects": projects, "events": events, "news": news}


def digest_text(contents: dict) -> str:
    from messaging.content import link

    lines = []
    if contents["kept"]:
        lines += ["News for you:"]
        for delivery in contents["kept"]:
            first = delivery.notification.body.strip().split("\n")[0]
            lines += [f"- {delivery.subject}. {first}".rstrip()]
            if delivery.notification.url:
                lines += [f"  {link(delivery.notification.url)}"]
        lines += [""]
    if contents["projects"]:
        lines += ["New projects you might like to join:"]
        lines += [f"- {project.title}: {link(project.get_absolute_url())}"
                  for project in contents["projects"]]
        lines += [""]
    if contents["events"]:
        lines += ["New events you might like:"]
        for event in contents["events"]:
            starts = timezone.localtime(event.starts_at)
            lines += [f"- {event.title}, {starts:%A %-d %B} at "
                      f"{starts:%-I:%M%p}".replace("AM", "am").replace("PM", "pm")
                      + f": {link(event.get_absolute_url())}"]
        lines += [""]
    if contents["news"]:
        lines += ["What co-production has achieved:"]
        lines += [f"- {post.title}: {link(post.get_absolute_url())}"
                  for post in contents["news"]]
        lines += [""]
    lines += ["You chose to hear from us in a round-up. You can change this in your profile, "
              "under \"How should we contact you?\"."]
    return "\n".join(lines)


def due(profile, now) -> tuple | None:
    """(since, until) when this person's round-up is due, else None."""
    period = PERIODS.get(profile.message_frequency)
    if period is None:
        return None
    last = Digest.objects.filter(person_id=profile.user_id).order_by("-until").first()
    # The first round-up covers the period before it (or since they joined).
    since = last.until if last else max(now - period, profile.created_at)
    if last and now - last.until < period:
        return None
    if not last and now - profile.created_at < timedelta(days=1):
        return None  # joined today: nothing to round up yet
    return since, now


def digest_send(person, *, frequency: str, since, until) -> Digest | None:
    """Makes and sends one round-up. Returns None if another run made it first."""
    from people.services import notify_person

    try:
        with transaction.atomic():
            digest = Digest.objects.create(person=person, frequency=frequency, since=since,
                                           until=until)
            contents = digest_contents(person, since=since, until=until)
            count = sum(len(items) for items in contents.values())
            digest.item_count = count
            if count:
                digest.notification = notify_person(
                    person=person, kind=Kind.DIGEST, url="/dashboard/",
                    subject=f"Your {NAMES[frequency]} round-up from {_service()}",
                    body=digest_text(contents),
                    dedupe_key=f"digest:{until:%Y%m%d%H%M%S}")
                held = [delivery.pk for delivery in contents["kept"]]
                Delivery.objects.filter(pk__in=held, status=Delivery.Status.HELD).update(
                    status=Delivery.Status.IN_DIGEST, digest=digest, status_at=until,
                    sent_at=until)
                Notification.objects.filter(deliveries__pk__in=held,
                                            sent_at__isnull=True).update(sent_at=until)
            digest.save(update_fields=["item_count", "notification"])
            return digest
    except IntegrityError:
        return None


def _service() -> str:
    from django.conf import settings

    return settings.SERVICE_NAME


def digests_send_due(now=None) -> dict:
    """Every round-up that is due (the beat job). Safe to run twice: one per person and
    period (the Digest row is the claim)."""
    now = now or timezone.now()
    sent = empty = 0
    profiles = (MemberProfile.objects.filter(
        message_frequency__in=list(PERIODS), user__is_active=True,
        user__anonymised_at__isnull=True).select_related("user")
        .prefetch_related("topics", "areas"))
    for profile in profiles.iterator(chunk_size=200):
        period = due(profile, now)
        if period is None:
            continue
        digest = digest_send(profile.user, frequency=profile.message_frequency,
                             since=period[0], until=period[1])
        if digest is None:
            continue
        if digest.item_count:
            sent += 1
        else:
            empty += 1
    return {"sent": sent, "empty": empty}
