"""Demo data for the people room: the council's areas and topics, one account per role, and
members of the public. Every record is keyed so that running it again changes nothing."""

import random

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils.text import slugify

from people.models import Area, Topic, User

DEMO_PASSWORD = "demo-password-2026"
# (role, email, name): one account for each role, printed by `make run`.
DEMO_ACCOUNTS = [
    ("member", "member@example.org", "Sam Member"),
    ("our voice", "ourvoice@example.org", "Olu Voice"),
    ("staff", "staff@example.org", "Priya Staff"),
    ("finance", "finance@example.org", "Frank Finance"),
    ("admin", "admin@example.org", "Ada Admin"),
]
_ROLE_FIELDS = {"our voice": {"is_our_voice": True}, "staff": {"is_council_staff": True},
                "finance": {"is_finance_officer": True},
                "admin": {"is_service_admin": True, "is_superuser": True}}

# The default demo council is a county; its districts are the areas.
AREAS = ["Ashby Vale", "Brookfield", "Carrow", "Dunmere", "Eastholme", "Fenwick", "Greystone"]
TOPICS = [
    ("Learning disability", "Living with a learning disability"),
    ("Autism", "Autistic people and their families"),
    ("Mental health", "Support for mental health and wellbeing"),
    ("Physical disability", "Living with a physical disability"),
    ("Sensory impairment", "Sight loss, hearing loss and deafblind people"),
    ("Older people", "Growing older with care and support"),
    ("Dementia", "People living with dementia and their carers"),
    ("Carers", "Unpaid carers of family and friends"),
    ("Direct payments", "Managing your own care budget"),
    ("Home care", "Care and support in your own home"),
    ("Care homes", "Living in or choosing a care home"),
    ("Transitions to adulthood", "Moving from children's to adult services"),
]
FIRST_NAMES = ["Amira", "Ben", "Chloe", "Dev", "Eilidh", "Femi", "Grace", "Harpreet", "Ivan",
               "Jade", "Kwame", "Laura", "Mohammed", "Niamh", "Owen", "Patience", "Qasim",
               "Rosa", "Stan", "Tomasz", "Uma", "Vera", "Winston", "Yusuf", "Zara", "Alan",
               "Beryl", "Colin", "Doreen", "Errol"]
LAST_NAMES = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Francis", "Green", "Hughes",
              "Iqbal", "Jones", "Khan", "Lewis", "Morris", "Nowak", "Okafor", "Patel", "Quinn",
              "Roberts", "Singh", "Taylor", "Walsh", "Young"]
MEMBER_COUNT = 40


def _account(email, name, password=None, **roles):
    user, created = User.objects.get_or_create(email=email, defaults={"name": name, **roles})
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def demo_member_emails(count=MEMBER_COUNT):
    rng = random.Random(2026)
    names = []
    for i in range(count):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        names.append((f"member{i + 1:03d}@example.org", name))
    return names


def seed(*, stdout):
    for name in AREAS:
        Area.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for name, description in TOPICS:
        Topic.objects.get_or_create(slug=slugify(name),
                                    defaults={"name": name, "description": description})
    for role, email, name in DEMO_ACCOUNTS:
        _account(email, name, DEMO_PASSWORD, **_ROLE_FIELDS.get(role, {}))
    for email, name in demo_member_emails():
        _account(email, name)
    stdout.write(f"People: {User.objects.count()} accounts, {Area.objects.count()} areas "
                 f"and {Topic.objects.count()} topics for {settings.COUNCIL_NAME}.")
