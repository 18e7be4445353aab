"""Demo data for the people room: the council's areas and topics, one account per role, and
members of the public. Every record is keyed so that running it again changes nothing."""

import random
from datetime import date, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from people.models import (
    AccessNeed,
    Area,
    Availability,
    Consent,
    EqualityAnswers,
    Format,
    Involvement,
    MeetingMode,
    MemberProfile,
    Notification,
    Recognition,
    Topic,
    TrainingRecord,
    User,
)

DEMO_PASSWORD = "demo-password-2026"
# (role, email, name): one account for each role, printed by `make run`.
DEMO_ACCOUNTS = [
    ("member", "member@example.org", "Sam Member"),
    ("our voice", "ourvoice@example.org", "Olu Voice"),
    ("staff", "staff@example.org", "Priya Staff"),
    # A second member of staff: a claim one of them made for someone, the other decides.
    ("staff", "staff2@example.org", "Tom Second-Staff"),
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
MEMBER_COUNT = 220
HELP_WITH = [
    "Making letters easier to understand", "Choosing a care home", "Support for young carers",
    "Better information about direct payments", "Day services after Covid",
    "Getting help quickly after a hospital stay", "Housing with care",
    "Making meetings easier for Deaf people", "Respite breaks for carers",
    "Moving from children's services", "Home care visits that are not rushed",
    "Mental health crisis support", "Transport to day centres", "Dementia-friendly places",
]
ACCESS_NOTES = [
    "I use a wheelchair and need an accessible toilet.", "I need to sit near the front.",
    "Please send papers a week before.", "I find busy rooms hard.",
    "Mornings are difficult because of my medication.", "I bring my assistance dog.", "", "",
    "", "",
]
COURSES = [("Introduction to co-production", "Northshire Involvement Team"),
           ("Chairing meetings", "Northshire Involvement Team"),
           ("Safeguarding awareness", "Northshire Safeguarding Board"),
           ("Being a recruitment panel member", "Adult Social Care HR"),
           ("Digital skills: joining online meetings", "Northshire Libraries")]
PAST_ACTIVITIES = ["Carers' forum", "Home care review group", "Learning disability partnership "
                   "board", "Mental health service user group", "Day services consultation"]


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
    staff = User.objects.get(email="staff@example.org")
    areas, topics = list(Area.objects.all()), list(Topic.objects.all())
    rng = random.Random(3003)
    made = 0
    for i, (email, name) in enumerate(demo_member_emails()):
        user = _account(email, name)
        made += _profile(rng, user, i, staff, areas, topics)
    _profile(rng, User.objects.get(email="member@example.org"), 0, staff, areas, topics)
    stdout.write(f"People: {User.objects.count()} accounts, "
                 f"{MemberProfile.objects.count()} profiles ({made} new), "
                 f"{Consent.objects.filter(withdrawn_at=None).count()} in the people bank, "
                 f"{Area.objects.count()} areas and {Topic.objects.count()} topics for "
                 f"{settings.COUNCIL_NAME}.")
    from people import demo_population

    demo_population.seed(stdout=stdout)


def _some(rng, choices, most=3):
    chosen = {value for value, _label in rng.sample(choices, rng.randint(0, most))}
    return [value for value, _label in choices if value in chosen]


def _profile(rng, user, i, staff, areas, topics) -> int:
    """A varied profile, consent and history for one demo member (once)."""
    if MemberProfile.objects.filter(user=user).exists():
        return 0
    on_paper = i % 9 == 4
    channel = rng.choices(Notification.Channel.values, weights=[12, 3, 3, 2])[0]
    if i == 0:
        channel = Notification.Channel.EMAIL
    formats = _some(rng, Format.choices, 2)
    created = timezone.now() - timedelta(days=rng.randint(5, 900))
    profile = MemberProfile.objects.create(
        # Texts need a mobile: Ofcom's numbers for drama (07700 900000 to 900999).
        user=user, preferred_channel=channel,
        phone=(f"07700 900{rng.randint(0, 999):03d}" if channel == Notification.Channel.TEXT
               else f"01632 9{rng.randint(60000, 60999)}"),
        address=f"{rng.randint(1, 120)} {rng.choice(['Mill Lane', 'Church Street', 'Park Road', 'Station Road', 'The Green'])}\n{rng.choice(areas).name}",  # noqa: E501
        contact_times=rng.choice(["", "Weekday mornings", "After 4pm", "Not on Mondays"]),
        formats=formats,
        interpreter_language=rng.choice(["Polish", "Urdu", "Punjabi", "Romanian"])
        if Format.INTERPRETER in formats else "",
        access_needs=_some(rng, AccessNeed.choices, 3),
        access_needs_other=rng.choice(ACCESS_NOTES),
        draws_on_care=rng.random() < 0.6, unpaid_carer=rng.random() < 0.45,
        help_with=rng.choice(HELP_WITH), meeting_mode=rng.choice(MeetingMode.values),
        availability=_some(rng, Availability.choices, 3) or [Availability.WEEKDAY_DAYTIME],
        recognition=rng.choices(Recognition.values, weights=[8, 3, 4, 2])[0],
        created_by=staff if on_paper else None, created_at=created, updated_at=created)
    profile.topics.set(rng.sample(topics, rng.randint(1, 4)))
    profile.areas.set(rng.sample(areas, rng.randint(1, 2)))
    withdrawn = i % 23 == 22
    Consent.objects.create(
        person=user, notice_version=settings.PRIVACY_NOTICE_VERSION, given_at=created,
        method=(Consent.Method.PAPER if i % 2 else Consent.Method.PHONE) if on_paper
        else Consent.Method.ONLINE, recorded_by=staff if on_paper else None,
        withdrawn_at=created + timedelta(days=30) if withdrawn else None)
    if rng.random() < 0.7:
        EqualityAnswers.objects.create(person=user, notice_version=settings.PRIVACY_NOTICE_VERSION,
                                       consented_at=created, **{
            field: rng.choices([value for value, _l in choices],
                               weights=[6] * (len(choices) - 1) + [1])[0]
            for field, (_q, choices) in EqualityAnswers.QUESTIONS.items()})
    for title, provider in rng.sample(COURSES, rng.choice([0, 0, 1, 2])):
        TrainingRecord.objects.create(person=user, title=title, provider=provider,
                                      attended_on=date(2025, 1, 1)
                                      + timedelta(days=rng.randint(0, 600)))
    # Some people were involved before the portal: a few earlier activities (the projects and
    # listening demos add more), so the fair-spread count varies.
    for j in range(rng.choice([0, 0, 0, 1, 2, 4])):
        activity = rng.choice(PAST_ACTIVITIES)
        Involvement.objects.get_or_create(source=f"people.demo:{i}:{j}", defaults={
            "person": user, "kind": Involvement.Kind.OTHER,
            "activity_key": f"other:{PAST_ACTIVITIES.index(activity)}",
            "activity_title": activity, "title": f"{activity} meeting",
            "starts_at": timezone.now() - timedelta(days=rng.randint(20, 700)),
            "hours": Decimal(rng.choice(["1.5", "2", "3"]))})
    return 1
