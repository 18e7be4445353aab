from django.db import migrations

# A starter list for a council's Adult Social Care: words our own guidance and the people we
# work with told us get in the way. Admins change it in Django admin.
STARTER_GLOSSARY = [
    ("co-production", "working together as equals, from start to finish"),
    ("commissioning", "deciding which services to pay for, and buying them"),
    ("stakeholder", "people with an interest (say who: carers, staff, health services)"),
    ("service user", "person who draws on care and support (or use their name)"),
    ("signpost", "tell people about, or point people to"),
    ("outcomes", "what changed, or what we want to change"),
    ("holistic", "looking at the whole of someone's life"),
    ("person-centred", "built around what the person wants and needs"),
    ("capacity", "time or space (or, about a decision, being able to decide)"),
    ("leverage", "use"),
    ("facilitate", "help, run or lead"),
    ("utilise", "use"),
    ("going forward", "from now on, or in future"),
    ("key worker", "the person who helps you most (say their job)"),
    ("empower", "help people to have more say"),
    ("deliverables", "what we will do or make"),
    ("in order to", "to"),
    ("prior to", "before"),
    ("respite", "a short break for carers"),
    ("reablement", "short-term help to get back to doing things for yourself"),
    ("safeguarding", "keeping people safe from harm and abuse"),
    ("statutory", "by law"),
]


def add_starter_terms(apps, schema_editor):
    GlossaryTerm = apps.get_model("coproduction", "GlossaryTerm")
    for term, plainer in STARTER_GLOSSARY:
        GlossaryTerm.objects.get_or_create(term=term, defaults={"plainer": plainer})


def remove_starter_terms(apps, schema_editor):
    GlossaryTerm = apps.get_model("coproduction", "GlossaryTerm")
    GlossaryTerm.objects.filter(term__in=[term for term, _ in STARTER_GLOSSARY]).delete()


class Migration(migrations.Migration):

    dependencies = [("coproduction", "0002_glossaryterm")]

    operations = [migrations.RunPython(add_starter_terms, remove_starter_terms)]
