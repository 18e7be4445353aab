"""What was sent to whom, how, and what became of it.

A people.Notification is the message (what we want to say). Each Delivery is one way of
getting it to the person: an email, a text message, a letter or a phone call from staff, with
the exact words used, its status at GOV.UK Notify (or in the built-in outbox when the portal
has no Notify key), and, when a channel failed, the delivery it fell back to."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from coproduction.documents import DocumentFormat
from people.models import MessageFrequency as Frequency
from people.models import Notification

Channel = Notification.Channel


class Digest(models.Model):
    """One round-up sent to one person, covering news from `since` to `until`. The next one
    starts where this one ended, so nothing is told twice."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="digests")
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    since = models.DateTimeField()
    until = models.DateTimeField()
    notification = models.OneToOneField(Notification, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="digest")
    item_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-until", "-pk"]
        constraints = [models.UniqueConstraint(fields=["person", "until"],
                                               name="one_digest_per_person_and_period")]

    def __str__(self):
        return f"Digest {self.pk}"


class Delivery(models.Model):
    """One attempt to reach someone by one channel."""

    class Status(models.TextChoices):
        HELD = "held", "Kept for their round-up"
        QUEUED = "queued", "Waiting to send"
        SENDING = "sending", "Sent to GOV.UK Notify, waiting to hear it arrived"
        DELIVERED = "delivered", "Delivered"
        OUTBOX = "outbox", "In the outbox (GOV.UK Notify is not connected)"
        TEMPORARY_FAILURE = "temporary_failure", "Not delivered yet: trying again"
        PERMANENT_FAILURE = "permanent_failure", "Could not be delivered"
        TO_PHONE = "to_phone", "On the staff list of people to phone"
        NOT_REACHED = "not_reached", "Phoned, not reached yet"
        PHONED = "phoned", "Phoned and told"
        IN_DIGEST = "in_digest", "Sent in their round-up"

    # Nothing more will happen to a delivery in one of these.
    FINISHED = {Status.DELIVERED, Status.OUTBOX, Status.PERMANENT_FAILURE, Status.PHONED,
                Status.IN_DIGEST}
    # The message reached the person (or, in the outbox, would have).
    REACHED = {Status.DELIVERED, Status.OUTBOX, Status.PHONED, Status.IN_DIGEST}
    # Waiting for a member of staff to phone.
    FOR_STAFF = {Status.TO_PHONE, Status.NOT_REACHED}

    Version = DocumentFormat  # the one list of printed formats

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE,
                                     related_name="deliveries")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    version = models.CharField("format", max_length=20, choices=Version.choices,
                               default=Version.STANDARD)
    to = models.CharField("sent to", max_length=300, blank=True,
                          help_text="The email address, mobile number or postal address.")
    subject = models.CharField(max_length=200)
    text = models.TextField("exact words", help_text="The email, text message, letter, or "
                                                    "what staff say on the phone.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED,
                              db_index=True)
    notify_id = models.CharField("GOV.UK Notify id", max_length=64, blank=True, db_index=True)
    error = models.CharField("what went wrong", max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    status_at = models.DateTimeField(default=timezone.now)
    receipt_at = models.DateTimeField("last heard from Notify", null=True, blank=True)
    fallback_from = models.OneToOneField("self", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="fallback")
    fallback_reason = models.CharField(max_length=300, blank=True)
    # Phone calls: who marked the call, and when.
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)
    call_note = models.CharField("note about the call", max_length=300, blank=True)
    digest = models.ForeignKey(Digest, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="deliveries")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"

    def __str__(self):
        return f"{self.get_channel_display()} {self.pk}"

    @property
    def recipient_name(self) -> str:
        person = self.notification.person
        return (person.name if person else self.notification.guest_name) or "Member"

    @property
    def is_for_staff(self) -> bool:
        return self.status in self.FOR_STAFF

    @property
    def phone_to_call(self) -> str:
        """For a phone call: the number to ring, or "" when we have none. A guest's only
        contact may be an email or postal address: that is never shown as a number."""
        from messaging.services import phone_number

        return phone_number(self.to) if self.notification.person_id is None else self.to

    @property
    def no_number_note(self) -> str:
        """Why there is no number to ring, in plain words (the phone list, the call page)."""
        contact = self.notification.guest_contact.strip()
        if self.notification.person_id is not None or not contact:
            return "No phone number: find another way to reach them."
        failed = self.fallback_from.channel if self.fallback_from_id else None
        what = {Channel.EMAIL: "email address", Channel.TEXT: "mobile number",
                Channel.POST: "postal address"}.get(failed)
        contact = ", ".join(line.strip() for line in contact.splitlines() if line.strip())
        if what:
            return (f"No phone number: their {what} {contact} could not be used. "
                    "Find another way to reach them.")
        return (f"No phone number: what they gave us ({contact}) is not a phone number. "
                "Find another way to reach them.")


class CallAttempt(models.Model):
    """Each time staff phoned someone about a message, and what happened."""

    class Outcome(models.TextChoices):
        TOLD = "told", "I told them"
        NOT_REACHED = "not_reached", "I could not reach them"

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="calls")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    note = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return self.outcome
