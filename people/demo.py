"""Demo data for the people room: the council's areas and topics, one account per role, and
members of the public. Every record is keyed so that running it again changes nothing."""

import random
from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from coproduction.demo_time import Diary, happened_at, office_time, working_day
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
    Role,
    Topic,
    User,
)
from people.services import (
    consent_give,
    consent_withdraw,
    equality_save,
    involvement_record,
    member_create_on_behalf,
    profile_get_or_create,
    profile_save,
    training_add,
    user_set_roles,
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
_ROLES = {"our voice": Role.OUR_VOICE, "staff": Role.STAFF, "finance": Role.FINANCE,
          "admin": Role.ADMIN}

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


def _account(email, name, password=None, *, joined=None, **fields):
    user, created = User.objects.get_or_create(email=email, defaults={"name": name, **fields})
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        if joined is not None:
            user.date_joined = joined
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


# Names staff and guests have in the demo: no member shares one (people.demo, listening.demo).
TAKEN_NAMES = {name for _role, _email, name in DEMO_ACCOUNTS} | {"Sam Okafor", "Jordan Ellis"}


def demo_member_emails(count=MEMBER_COUNT):
    """Members' addresses and names, every name different (so no project lists two people
    of the same name)."""
    rng = random.Random(2026)
    names, seen = [], set(TAKEN_NAMES)
    while len(names) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name in seen:
            continue
        seen.add(name)
        names.append((f"member{len(names) + 1:03d}@example.org", name))
    return names


# How many of the demo's members (besides the Our Voice account) sit on Our Voice.
OUR_VOICE_MEMBERS = 5
# How long ago the demo's story starts: everything in it is dated within these days.
HISTORY_DAYS = 540
# When each demo account joined (days ago): the Our Voice member is a long-standing one.
JOINED_DAYS_AGO = {"member@example.org": 430, "ourvoice@example.org": 545,
                   "staff@example.org": 547, "staff2@example.org": 400,
                   "finance@example.org": 530, "admin@example.org": 548}


def seed(*, stdout):
    for name in AREAS:
        Area.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    for name, description in TOPICS:
        Topic.objects.get_or_create(slug=slugify(name),
                                    defaults={"name": name, "description": description})
    now = timezone.now()
    # The first admin is made the way `createsuperuser` makes one; every other role is given
    # by that admin through the roles service, so Admin -> role changes shows when and by whom.
    admin = _account("admin@example.org", "Ada Admin", DEMO_PASSWORD, is_service_admin=True,
                     is_superuser=True, joined=now - timedelta(days=JOINED_DAYS_AGO[
                         "admin@example.org"]))
    for role, email, name in DEMO_ACCOUNTS:
        joined = office_time((now - timedelta(days=JOINED_DAYS_AGO[email])).date())
        user = _account(email, name, DEMO_PASSWORD, joined=joined)
        wanted = _ROLES.get(role)
        if wanted and role != "admin" and not user.has_role(wanted):
            with happened_at(joined + timedelta(days=1)):
                user_set_roles(changed_by=admin, user=user, roles={wanted}, tell=False)
    staff = User.objects.get(email="staff@example.org")
    areas, topics = list(Area.objects.all()), list(Topic.objects.all())
    rng = random.Random(3003)
    diary = Diary()
    made = 0
    for i, (email, name) in enumerate(demo_member_emails()):
        # The first dozen are the "usual voices", there from the start; the first five of
        # them sit on Our Voice.
        joined = office_time((now - timedelta(days=540 - 2 * i)).date()) if i < 12 else None
        made += _profile(rng, diary, email, name, i, staff, areas, topics, joined=joined)
        if i < OUR_VOICE_MEMBERS:
            user = User.objects.get(email=email)
            if not user.is_our_voice:
                with happened_at(user.date_joined + timedelta(days=2)):
                    user_set_roles(changed_by=admin, user=user, roles={Role.OUR_VOICE},
                                   tell=False)
    for number, email in enumerate(("member@example.org", "ourvoice@example.org")):
        user = User.objects.get(email=email)
        _profile(rng, diary, email, user.name, 1000 + number, staff, areas, topics,
                 joined=user.date_joined)
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


# Equality answers in the proportions of a county's adult social care users and carers (older,
# more women, more disabled people than the population; some prefer not to say). Weights per
# answer, in the order of EqualityAnswers.QUESTIONS; the last is "prefer not to say".
EQUALITY_WEIGHTS = {
    "age_band": [3, 6, 11, 22, 33, 19, 6],
    "sex": [58, 38, 4],
    "gender_identity": [94, 1, 5],
    "ethnicity": [5, 2, 2, 85, 1, 5],
    "disability": [58, 34, 8],
    "sexual_orientation": [86, 2, 2, 1, 9],
    "religion": [33, 50, 3, 1, 1, 0.5, 0.5, 2, 9],
    "caring": [38, 57, 5],
}


def equality_answers(rng) -> dict:
    return {field: rng.choices([value for value, _label in choices],
                               weights=EQUALITY_WEIGHTS[field])[0]
            for field, (_question, choices) in EqualityAnswers.QUESTIONS.items()}


def _profile(rng, diary, email, name, i, staff, areas, topics, joined=None) -> int:
    """A varied profile, consent and history for one demo member (once), made through the
    people bank's services at the time the person joined."""
    existing = User.objects.filter(email=email).first()
    if existing is not None and MemberProfile.objects.filter(user=existing).exists():
        return 0
    on_paper = i % 9 == 4 and existing is None
    channel = rng.choices(Notification.Channel.values, weights=[12, 3, 3, 2])[0]
    if i == 0 or i >= 1000:  # the demo accounts read their messages by email
        channel = Notification.Channel.EMAIL
    formats = _some(rng, Format.choices, 2)
    # Joined at some time in the last eighteen months, more of them recently.
    created = joined or office_time(
        (timezone.now() - timedelta(days=int(HISTORY_DAYS * rng.random() ** 1.3) + 3)).date(),
        hour=rng.randint(9, 16), minute=rng.choice([0, 15, 30, 45]))
    fields = dict(
        # Texts need a mobile: Ofcom's numbers for drama (07700 900000 to 900999).
        phone=(f"07700 900{rng.randint(0, 999):03d}" if channel == Notification.Channel.TEXT
               else f"01632 9{rng.randint(60000, 60999)}"),
        preferred_channel=channel,
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
        recognition=rng.choices(Recognition.values, weights=[8, 3, 4, 2])[0])
    chosen_topics = rng.sample(topics, rng.randint(1, 4))
    chosen_areas = rng.sample(areas, rng.randint(1, 2))
    with happened_at(created):
        if on_paper:
            user = member_create_on_behalf(
                created_by=staff, email=email, name=name,
                method=Consent.Method.PAPER if i % 2 else Consent.Method.PHONE,
                profile_fields=fields, topics=chosen_topics, areas=chosen_areas)
        else:
            user = existing or _account(email, name)
            profile = profile_get_or_create(person=user)
            for field, value in fields.items():
                setattr(profile, field, value)
            profile_save(profile=profile)
            profile.topics.set(chosen_topics)
            profile.areas.set(chosen_areas)
            consent_give(person=user)
        if rng.random() < 0.7:
            equality_save(person=user, answers=equality_answers(rng))
    if i % 23 == 22:
        with happened_at(created + timedelta(days=30)):
            consent_withdraw(person=user)
    for title, provider in rng.sample(COURSES, rng.choice([0, 0, 1, 2])):
        attended = working_day(created.date() + timedelta(days=rng.randint(10, 200)))
        if attended < timezone.localdate():
            with happened_at(office_time(attended, 16)):
                training_add(person=user, title=title, provider=provider, attended_on=attended,
                             recorded_by=staff)
    # Some people were involved before the portal: a few earlier activities (the projects and
    # listening demos add more), so the fair-spread count varies.
    for j in range(rng.choice([0, 0, 0, 1, 2, 4])):
        activity = rng.choice(PAST_ACTIVITIES)
        hours = Decimal(rng.choice(["1.5", "2", "3"]))
        day = (timezone.now() - timedelta(days=rng.randint(20, HISTORY_DAYS))).date()
        starts_at = diary.book(day, float(hours), past=True)
        involvement_record(
            person=user, kind=Involvement.Kind.OTHER,
            activity_key=f"other:{PAST_ACTIVITIES.index(activity)}",
            activity_title=activity, title=f"{activity} meeting", starts_at=starts_at,
            hours=hours, source=f"people.demo:{i}:{j}", recorded_by=staff)
    User.objects.filter(pk=user.pk, date_joined__gt=created).update(date_joined=created)
    return 1
