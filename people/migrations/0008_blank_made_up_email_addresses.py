"""People added by staff without an email address were given a made-up one
(no-email-…@no-email.invalid), and deleted accounts one like deleted-12@deleted.invalid. Email
is optional now: those addresses are blanked, and allauth's rows for them go."""

from django.db import migrations

MADE_UP = ("@no-email.invalid", "@deleted.invalid")


def blank_made_up_addresses(apps, schema_editor):
    User = apps.get_model("people", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for ending in MADE_UP:
        EmailAddress.objects.filter(email__iendswith=ending).delete()
        User.objects.filter(email__iendswith=ending).update(email="")


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0007_email_optional_and_done_for_them"),
        ("account", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(blank_made_up_addresses, migrations.RunPython.noop),
    ]
