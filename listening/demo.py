"""Demo data for the listening room: the Big Conversation (500+ things people said, themed),
listening spaces and forums past and to come, registrations and attendance, and commitments in
every status with their updates. Keyed by title, so running it again adds nothing."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from coproduction.documents import DocumentFormat
from listening.models import (
    Channel,
    Commitment,
    CommitmentUpdate,
    Event,
    EventKind,
    FeedbackItem,
    Question,
    Registration,
    Theme,
)
from listening.services import attendance_mark, registration_create
from people.models import Area, Topic, User

THEMES = {
    "Waiting for an assessment": [
        "I waited five months for my care needs assessment.",
        "Nobody told me how long the wait for an assessment would be.",
        "The assessment was quick once it happened, but the wait was far too long.",
    ],
    "Finding information": [
        "The website is hard to use and the information is out of date.",
        "I did not know what help was out there until a neighbour told me.",
        "Leaflets in the GP surgery helped me find the carers' centre.",
    ],
    "Carers' breaks": [
        "I have not had a proper break from caring in two years.",
        "Respite is booked up months ahead.",
        "The sitting service gave me one afternoon a week. It made a huge difference.",
    ],
    "Direct payments": [
        "Managing a direct payment is a lot of paperwork.",
        "Direct payments give me control over who supports me.",
        "I could not find a personal assistant with my direct payment.",
    ],
    "Home care visits": [
        "My carers are kind but they are always rushed.",
        "Visits are at different times every day, so I cannot plan.",
        "Having the same care worker each week helps me feel safe.",
    ],
    "Transport to services": [
        "There is no bus to the day centre from my village.",
        "Community transport is excellent but you must book a week ahead.",
        "Taxis to appointments cost me more than I can afford.",
    ],
    "Being listened to": [
        "Social workers listened to me and my family.",
        "I tell my story again every time someone new is involved.",
        "I would like to help design services, not just be asked at the end.",
    ],
    "Accessible communication": [
        "Letters are not in easy read, so I need help to understand them.",
        "Please use plain English and fewer abbreviations.",
        "A BSL interpreter at meetings means I can take part.",
    ],
    "Moving from children's services": [
        "Moving to adult services at 18 was like falling off a cliff.",
        "We needed to start planning for adulthood much earlier.",
    ],
    "Loneliness": [
        "Since the lunch club closed I hardly see anyone.",
        "The befriending phone calls are the best part of my week.",
    ],
}
PREFIXES = ["", "", "Honestly, ", "For me, ", "As a carer, ", "My mum says: ", "Speaking for "
            "my son, "]
SUFFIXES = ["", "", " Please do something about it.", " It has been like this for years.",
            " That is what matters most to me.", " Thank you for asking."]
WORKING_WORDS = ("helped", "great", "excellent", "difference", "best", "listened to me",
                 "control", "feel safe", "means I can")
FUTURE_WORDS = ("would like", "needed to", "Please use", "earlier")


def _question(sentence):
    if any(word in sentence for word in WORKING_WORDS):
        return Question.WORKING
    if any(word in sentence for word in FUTURE_WORDS):
        return Question.FUTURE
    return Question.NOT_WORKING

EVENTS = [
    # (title, kind slug, days from now, hours, venue, capacity, audience)
    ("Big Conversation 2026: county event", "big-conversation", -70, 5,
     "Northshire County Hall, Council Chamber", 200,
     "Everyone who draws on care and support, and unpaid carers"),
    ("Big Conversation 2026: online survey", "survey", -90, 2, "", None,
     "Anyone who could not come in person"),
    ("Listening space with the Director of Adult Social Care", "listening-space", -40, 2,
     "Ashby Vale Library, Meeting Room 2", 15, "People who use home care"),
    ("Listening space: carers and respite", "listening-space", -21, 2,
     "Brookfield Community Centre", 12, "Unpaid carers"),
    ("Listening space: direct payments", "listening-space", 9, 2,
     "Carrow Methodist Hall", 12, "People who manage a direct payment"),
    ("Carers' forum: Dunmere", "carers-forum", 16, 2, "Dunmere Children's and Family Centre",
     30, "Unpaid carers of family and friends"),
    ("Drop-in: help with information and advice", "drop-in", 23, 3,
     "Eastholme Market Hall", None, "Anyone"),
    ("Listening space: moving to adult services", "listening-space", 2, 2,
     "Fenwick Youth Centre", 4, "Young people aged 16 to 25 and their families"),
]

COMMITMENTS = [
    # (theme, you said, we will, status, weeks until due, updates)
    ("Waiting for an assessment", "People wait too long for an assessment, and are not told "
     "how long.", "Publish assessment waiting times on our website every month.", "done", -4,
     ["We started work with the performance team.",
      "We did it: waiting times are now on the website, updated on the first of each month."]),
    ("Finding information", "Information is hard to find and out of date.",
     "Check every page of the care and support website with members of the public.",
     "in_progress", 6, ["Eight members have reviewed the first 40 pages."]),
    ("Carers' breaks", "Carers cannot get a break.", "Open 20 more respite nights a month at "
     "Greystone House.", "in_progress", 10, ["We have agreed the budget with the provider."]),
    ("Direct payments", "Direct payments come with too much paperwork.",
     "Cut the direct payment monitoring form from 12 pages to 4.", "done", -8,
     ["A group of direct payment users rewrote the form with us.",
      "We did it: the new 4-page form is in use from 1 September."]),
    ("Home care visits", "Home care visits are rushed and at changing times.",
     "Make 30-minute visits the shortest we commission.", "cant_do", -2,
     ["We looked at the cost with our finance team."]),
    ("Transport to services", "There is no transport to day centres from villages.",
     "Work with community transport to add a weekly route from the villages.", "planned", 16,
     []),
    ("Being listened to", "People retell their story to every new worker.",
     "Try a one-page profile that people write once and share with every worker.", "planned",
     -1, []),
    ("Accessible communication", "Letters are not in easy read.",
     "Offer every standard letter in easy read.", "in_progress", -3,
     ["The first 10 letters are done."]),
    ("Moving from children's services", "Moving to adult services is like falling off a "
     "cliff.", "Start planning with young people at 14, not 17.", "planned", 20, []),
    ("Loneliness", "People are lonely since lunch clubs closed.",
     "Fund two new lunch clubs in Fenwick and Greystone.", "cant_do", -6,
     ["We asked the voluntary sector to bid for funding."]),
]
CANT_DO_REASONS = {
    "Make 30-minute visits the shortest we commission.":
        "We cannot afford it this year without cutting other care. We will look again in "
        "April, and we now ask providers to keep the same worker where they can.",
    "Fund two new lunch clubs in Fenwick and Greystone.":
        "Our grant fund was cut. We have listed every lunch club that is still open on the "
        "website and asked the community foundation to help.",
}


def _at(days, hour=10):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@transaction.atomic
def seed(*, stdout):
    rng = random.Random(5005)
    staff = User.objects.get(email="staff@example.org")
    member = User.objects.get(email="member@example.org")
    members = list(User.objects.filter(email__startswith="member0").order_by("email"))
    topics = {topic.name: topic for topic in Topic.objects.all()}
    areas = list(Area.objects.all())
    kinds = {kind.slug: kind for kind in EventKind.objects.all()}

    events = {}
    for title, kind, days, hours, venue, capacity, audience in EVENTS:
        event, created = Event.objects.get_or_create(title=title, defaults={
            "kind": kinds[kind], "description": f"{title}. Tell us what is working well, what "
            "is not working well and what is important for the future. Senior staff will be "
            "there to listen.", "audience": audience, "host": staff, "starts_at": _at(days),
            "ends_at": _at(days) + timedelta(hours=hours), "in_person": bool(venue),
            "venue": venue, "online": not venue,
            "accessibility": "Step-free access, hearing loop, accessible toilets and a quiet "
                             "room." if venue else "",
            "capacity": capacity, "created_by": staff})
        if created:
            event.areas.set(rng.sample(areas, 2))
            event.topics.set(rng.sample(list(topics.values()), 2))
        events[title] = event

    themes = {name: Theme.objects.get_or_create(name=name)[0] for name in THEMES}
    big, survey = events[EVENTS[0][0]], events[EVENTS[1][0]]
    if not FeedbackItem.objects.filter(event__in=[big, survey]).exists():
        _big_conversation(rng, big, survey, themes, members, member, staff, topics, areas)

    # Registrations and attendance at past listening spaces; bookings for the ones to come.
    for title, _kind, days, *_rest in EVENTS[2:]:
        event = events[title]
        if event.registrations.exists():
            continue
        people = rng.sample(members, min(len(members), (event.capacity or 20) - 1))
        regs = Registration.objects.bulk_create([
            Registration(event=event, person=person, access_needs=rng.choice(
                ["", "", "Hearing loop", "Step-free access", "Large print papers"]),
                brings_carer=rng.random() < 0.2) for person in people])
        if days < 0:
            for registration in regs:
                if rng.random() < 0.8:
                    registration.event = event
                    attendance_mark(registration=registration, attended=True, marked_by=staff)
    upcoming = events["Listening space: direct payments"]
    Registration.objects.get_or_create(event=upcoming, person=member, defaults={
        "access_needs": "Hearing loop, please."})
    # This one fills up: its last place goes to a guest who phoned, and the next guest waits
    # (booked through the service, so the demo keeps the waiting list's rules).
    full = events["Listening space: moving to adult services"]
    if not full.registrations.filter(guest_name="Jordan Ellis").exists():
        for name, phone in [("Sam Okafor", "01632 960222"), ("Jordan Ellis", "01632 960111")]:
            registration_create(event=full, guest_name=name, guest_contact_method="phone",
                                guest_contact=phone)

    for theme_name, you_said, we_will, status, weeks, updates in COMMITMENTS:
        if Commitment.objects.filter(we_will=we_will).exists():
            continue
        created = timezone.now() - timedelta(weeks=12)
        commitment = Commitment.objects.create(
            event=big, you_said=you_said, we_will=we_will, owner=staff,
            due_date=timezone.localdate() + timedelta(weeks=weeks), status=status,
            reason=CANT_DO_REASONS.get(we_will, ""), created_by=staff, created_at=created,
            last_update_at=created, topic=rng.choice(list(topics.values())),
            area=rng.choice(areas))
        commitment.themes.add(themes[theme_name])
        texts = [f"We said we will: {we_will}", *updates]
        if status == Commitment.Status.CANT_DO:
            texts.append("We can't do this. " + CANT_DO_REASONS[we_will])
        steps = _statuses(status, len(texts))
        for i, (text, step) in enumerate(zip(texts, steps, strict=True)):
            at = created + timedelta(weeks=3 * i) if i else created
            CommitmentUpdate.objects.create(commitment=commitment, status=step, text=text,
                                            created_by=staff, created_at=at)
            commitment.last_update_at = at
        # Two open ones have had no news for too long, so the dashboards flag them.
        if status == Commitment.Status.PLANNED and weeks > 0:
            commitment.last_update_at = timezone.now() - timedelta(weeks=10)
        commitment.save(update_fields=["last_update_at"])

    seed_reports(stdout=stdout)
    stdout.write(f"Listening: {Event.objects.count()} events, "
                 f"{FeedbackItem.objects.count()} feedback items in {Theme.objects.count()} "
                 f"themes, {Commitment.objects.count()} commitments, "
                 f"{Registration.objects.count()} registrations.")
    # Eighteen months of history for the dashboards.
    from listening import demo_story

    demo_story.seed(stdout=stdout)


def _statuses(final, count):
    if count == 1:
        return [final]
    if final == Commitment.Status.DONE:
        return [Commitment.Status.PLANNED] + [Commitment.Status.IN_PROGRESS] * (count - 2) + \
            [Commitment.Status.DONE]
    if final == Commitment.Status.CANT_DO:
        return [Commitment.Status.PLANNED] * (count - 1) + [Commitment.Status.CANT_DO]
    return [Commitment.Status.PLANNED] + [final] * (count - 1)


def _big_conversation(rng, big, survey, themes, members, member, staff, topics, areas):
    items = []
    theme_of = []
    channels = [Channel.ONLINE, Channel.PAPER, Channel.POSTCARD, Channel.NOTES, Channel.PHONE]
    topic_list = list(topics.values())
    for n in range(540):
        name = rng.choice(list(THEMES))
        index = rng.randrange(len(THEMES[name]))
        sentence = THEMES[name][index]
        prefix = rng.choice(PREFIXES)
        if prefix and not sentence.startswith("I "):
            sentence = sentence[0].lower() + sentence[1:]
        text = prefix + sentence + rng.choice(SUFFIXES)
        in_survey = n % 4 == 0
        person = rng.choice(members) if members and rng.random() < 0.4 else None
        channel = Channel.SURVEY if in_survey else rng.choice(channels)
        items.append(FeedbackItem(
            event=survey if in_survey else big,
            question=_question(THEMES[name][index]) if rng.random() < 0.95
            else Question.OTHER, text=text, channel=channel, person=person,
            entered_by=None if channel == Channel.ONLINE else staff,
            consent_to_quote=rng.random() < 0.35, wants_updates=bool(person) and
            rng.random() < 0.7, topic=rng.choice(topic_list), area=rng.choice(areas),
            created_at=big.starts_at + timedelta(minutes=n)))
        theme_of.append(name)
    # The demo member said something that has since been acted on.
    items.append(FeedbackItem(
        event=big, question=Question.NOT_WORKING, channel=Channel.ONLINE, person=member,
        text="The direct payment form is far too long. It takes me a whole day.",
        consent_to_quote=True, wants_updates=True, created_at=big.starts_at))
    theme_of.append("Direct payments")
    items = FeedbackItem.objects.bulk_create(items, batch_size=500)
    through = FeedbackItem.themes.through
    # A few items are left untagged so staff have something to theme.
    through.objects.bulk_create([
        through(feedbackitem_id=item.pk, theme_id=themes[name].pk)
        for n, (item, name) in enumerate(zip(items, theme_of, strict=True)) if n % 25 != 7],
        batch_size=1000)


# Easy-read words and pictures staff wrote (at most 15 words a sentence, one idea each).
EASY_READ = {
    "Waiting for an assessment": ("People wait a long time to be assessed.", "waiting"),
    "Finding information": ("It is hard to find information.", "search"),
    "Carers' breaks": ("Carers need a break from caring.", "rest"),
    "Direct payments": ("Direct payments mean lots of forms.", "money"),
    "Home care visits": ("Home care visits are too short.\nThey come at different times.",
                         "home"),
    "Transport to services": ("There are no buses to day centres.", "bus"),
    "Being listened to": ("People tell their story again and again.", "talking"),
    "Accessible communication": ("Our letters are hard to read.", "letter"),
    "Moving from children's services": ("Turning 18 can be hard.\nSupport changes a lot.",
                                        "family"),
    "Loneliness": ("Some people feel lonely.", "sad"),
    "Publish assessment waiting times on our website every month.":
        ("We put waiting times on our website.\nWe change them every month.", "computer"),
    "Cut the direct payment monitoring form from 12 pages to 4.":
        ("We made the direct payment form shorter.\nIt is now 4 pages.", "writing"),
    "Make 30-minute visits the shortest we commission.":
        ("We wanted longer home care visits.\nWe do not have the money this year.",
         "cannot"),
    "Offer every standard letter in easy read.":
        ("We are writing our letters in easy read.", "letter"),
}


def seed_reports(*, stdout):
    """Easy-read words on the themes and most commitments, and the department's report for
    the Big Conversation period published in all three versions (made here, with the same
    code the background job runs)."""
    from listening.models import Report
    from listening.reports import report_make_now, report_publish

    for theme in Theme.objects.filter(name__in=EASY_READ, easy_read_text=""):
        theme.easy_read_text, theme.easy_read_picture = EASY_READ[theme.name]
        theme.save(update_fields=["easy_read_text", "easy_read_picture"])
    for commitment in Commitment.objects.filter(we_will__in=EASY_READ, easy_read_text=""):
        commitment.easy_read_text, commitment.easy_read_picture = EASY_READ[commitment.we_will]
        commitment.save(update_fields=["easy_read_text", "easy_read_picture"])
    date_from = timezone.localdate() - timedelta(days=120)
    date_to = timezone.localdate()
    if Report.objects.filter(scope=Report.Scope.DEPARTMENT, is_published=True).exists():
        return
    staff = User.objects.get(email="staff@example.org")
    for version in DocumentFormat.values:
        report = report_make_now(scope=Report.Scope.DEPARTMENT, version=version,
                                 requested_by=staff, date_from=date_from, date_to=date_to)
        if report.status == Report.Status.DONE:
            report_publish(report=report)
    stdout.write(f"Listening: {Report.objects.published().count()} published reports.")
