from django.db import migrations

KINDS = [
    ("listening-space", "Listening space"),
    ("big-conversation", "Big Conversation event"),
    ("carers-forum", "Carers' forum"),
    ("drop-in", "Drop-in"),
    ("survey", "Survey"),
    ("other", "Other"),
]


def add_kinds(apps, schema_editor):
    EventKind = apps.get_model("listening", "EventKind")
    for slug, name in KINDS:
        EventKind.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("listening", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
