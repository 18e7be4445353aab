"""Reads for the messages pages: each list loads in a fixed number of queries."""

from collections import Counter

from django.db.models import Count

from messaging.models import Channel, Delivery


def outbox(*, channel: str = "", status: str = ""):
    deliveries = Delivery.objects.select_related("notification__person")
    if channel:
        deliveries = deliveries.filter(channel=channel)
    if status:
        deliveries = deliveries.filter(status=status)
    return deliveries.order_by("-created_at", "-pk")


def counts_by_channel() -> list[tuple[str, int]]:
    rows = Delivery.objects.order_by().values("channel").annotate(n=Count("pk"))
    counts = {row["channel"]: row["n"] for row in rows}
    return [(label, counts.get(value, 0)) for value, label in Channel.choices]


def to_phone():
    """Messages waiting for staff to phone: the oldest first."""
    return (Delivery.objects.filter(status__in=Delivery.FOR_STAFF)
            .select_related("notification__person__profile", "done_by",
                            "fallback_from")
            .order_by("created_at", "pk"))


def delivery_chain(delivery: Delivery) -> list[Delivery]:
    """Every way we tried for the same message, first to last."""
    return list(Delivery.objects.filter(notification_id=delivery.notification_id)
                .select_related("done_by").prefetch_related("calls__by")
                .order_by("created_at", "pk"))


def failures_for(person) -> list[Delivery]:
    """Messages that could not be delivered to this person (for their page)."""
    return list(Delivery.objects.filter(notification__person=person,
                                        status=Delivery.Status.PERMANENT_FAILURE)
                .select_related("fallback").order_by("-created_at")[:10])


def recent_for(person) -> list[Delivery]:
    return list(Delivery.objects.filter(notification__person=person)
                .order_by("-created_at", "-pk")[:10])


def channel_preview(notifications_to_be, *, kind: str = "") -> dict:
    """How a message would reach each person, before anything is sent: `notifications_to_be`
    are unsaved people.Notification rows (one per person, profiles loaded). Returns the
    count per way (channel, or their round-up), the exact words of each channel (for the
    first person it goes to that way) and each person (a guest: their name) with their way."""
    from messaging import services
    from messaging.kinds import CAN_WAIT
    from messaging.models import Frequency

    counts, examples, people = Counter(), {}, []
    for notification in notifications_to_be:
        if kind in CAN_WAIT and notification.person is not None and \
                services.frequency_for(notification.person) != Frequency.AS_IT_HAPPENS:
            way = services.frequency_for(notification.person)
            counts[way] += 1
            people.append((notification.person, Frequency(way).label))
            continue
        channel = services.channel_plan(notification)[0]
        counts[channel] += 1
        label = Channel(channel).label
        if channel != services.preferred(notification):
            label += f" (they asked for {Channel(services.preferred(notification)).label.lower()})"
        people.append((notification.person if notification.person is not None
                       else f"{notification.guest_name} (guest)", label))
        if channel not in examples:
            examples[channel] = services.words_for(notification, channel)
    ways = [(value, label) for value, label in Channel.choices] + [
        (Frequency.WEEKLY, "Kept for their weekly round-up"),
        (Frequency.MONTHLY, "Kept for their monthly round-up")]
    return {"counts": [(label, counts[value]) for value, label in ways if counts[value]],
            "examples": [(Channel(value).label, value, examples[value])
                         for value in Channel.values if value in examples],
            "people": people, "total": sum(counts.values())}
