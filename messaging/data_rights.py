"""What "download my data" shows of the messages we sent a person: each way we tried to
reach them (registered with people.data_rights in MessagingConfig.ready). Only the person's
own messages; guests (no account) have none here."""

from messaging.models import Delivery


def deliveries_for_person(person) -> list[dict]:
    deliveries = (Delivery.objects.filter(notification__person=person)
                  .select_related("done_by").order_by("created_at", "pk"))
    return [{"Subject": delivery.subject, "How": delivery.get_channel_display(),
             "Format": delivery.get_version_display(), "Sent to": delivery.to,
             "Made": delivery.created_at, "Sent": delivery.sent_at,
             "What happened": delivery.get_status_display(),
             "When we last heard": delivery.status_at,
             "What went wrong": delivery.error,
             "Why this way": delivery.fallback_reason,
             "Phoned by": str(delivery.done_by or "") if delivery.channel == "phone" else "",
             "Note about the call": delivery.call_note,
             "Exact words": delivery.text}
            for delivery in deliveries]
