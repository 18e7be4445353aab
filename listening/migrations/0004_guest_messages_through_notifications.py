"""Guests are told through the people room's one messaging service: each GuestMessage becomes
a Notification (with the guest's name and contact) that the GuestMessage links to. The
confirmation email's own claim (Registration.confirmation_sent_at) goes: the notification's
sent_at is the claim now."""

import django.db.models.deletion
from django.db import migrations, models
from django.urls import reverse


def messages_to_notifications(apps, schema_editor):
    GuestMessage = apps.get_model("listening", "GuestMessage")
    Notification = apps.get_model("people", "Notification")
    for message in GuestMessage.objects.select_related("registration").iterator():
        registration = message.registration
        message.notification = Notification.objects.create(
            person=None, guest_name=registration.guest_name,
            guest_contact=registration.guest_contact or "(no contact details)",
            channel=registration.guest_contact_method or "post", subject=message.subject,
            body=message.body, dedupe_key=f"registration:{registration.pk}:"
                       f"{registration.created_at:%Y%m%d%H%M%S%f}:{message.key}",
            created_at=message.created_at, sent_at=message.sent_at,
            url=reverse("listening:event_detail", args=[registration.event_id]))
        message.save(update_fields=["notification"])


class Migration(migrations.Migration):

    dependencies = [
        ("listening", "0003_event_project"),
        ("people", "0004_guests_and_calendar_files"),
    ]

    operations = [
        migrations.AddField(
            model_name="guestmessage",
            name="notification",
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE,
                                       related_name="+", to="people.notification"),
        ),
        migrations.RunPython(messages_to_notifications, migrations.RunPython.noop),
        migrations.RemoveField(model_name="guestmessage", name="subject"),
        migrations.RemoveField(model_name="guestmessage", name="body"),
        migrations.RemoveField(model_name="guestmessage", name="sent_at"),
        migrations.AlterField(
            model_name="guestmessage",
            name="notification",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE,
                                       related_name="+", to="people.notification"),
        ),
        migrations.RemoveField(model_name="registration", name="confirmation_sent_at"),
    ]
