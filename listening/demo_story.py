"""Demo history for the dashboards' listening page: eighteen months of listening events that
reach more people, more feedback answered by a commitment, and "what we heard" sent back
sooner. Called at the end of listening.demo.seed. Keyed on titles; running again adds nothing."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from listening.models import (
    Channel,
    Commitment,
    Event,
    EventKind,
    FeedbackItem,
    Question,
    Registration,
    Theme,
)
from listening.services import attendance_mark
from messaging.kinds import Kind
from people.models import Area, Notification, Topic, User
from people.services import notify_person

MONTHS = 18
PLACES = ["Ashby Vale library", "Brookfield community centre", "Carrow town hall",
          "Dunmere church hall", "Eastholme leisure centre", "Fenwick school",
          "Greystone village hall"]
SAID = [
    (Question.NOT_WORKING, "I waited weeks to hear back about my assessment."),
    (Question.NOT_WORKING, "Nobody told me what a direct payment could be used for."),
    (Question.WORKING, "The carers' centre staff really listen."),
    (Question.FUTURE, "Meetings should be in the evening too, for working carers."),
    (Question.NOT_WORKING, "The bus to the day centre is often late."),
    (Question.FUTURE, "Please write letters in plain English."),
    (Question.WORKING, "My home care workers are kind and on time."),
    (Question.FUTURE, "More support for young carers moving on to college."),
]


def seed(*, stdout):
    staff = User.objects.get(email="staff@example.org")
    members = list(User.objects.filter(email__startswith="member0").order_by("email"))
    kinds = list(EventKind.objects.order_by("name"))
    if len(members) < 60 or not kinds:
        return
    rng = random.Random(1819)
    topics, areas = list(Topic.objects.order_by("name")), list(Area.objects.order_by("name"))
    themes = list(Theme.objects.order_by("name")) or [Theme.objects.create(name="Waiting")]
    today = timezone.localdate()
    made = 0
    for month in range(MONTHS):
        age = MONTHS - 1 - month
        for slot in range(2):
            place = PLACES[(month * 2 + slot) % len(PLACES)]
            title = f"Listening space at {place}, {today - timedelta(days=29 * age):%B %Y}"
            if slot:
                title = title.replace("Listening space", "Drop-in")
            if Event.objects.filter(title=title).exists():
                continue
            made += 1
            day = today - timedelta(days=29 * age + 6 + 10 * slot)
            starts = timezone.make_aware(datetime.combine(day, time(10, 0)))
            event = Event.objects.create(
                kind=kinds[(month + slot) % len(kinds)], title=title,
                description="Tell us what is working, what is not and what matters next.",
                host=staff, starts_at=starts, ends_at=starts + timedelta(hours=2),
                venue=place, accessibility="Step-free access and a hearing loop.",
                capacity=40, created_by=staff)
            area = areas[(month * 2 + slot) % len(areas)]
            topic = topics[(month + slot) % len(topics)]
            event.areas.set([area])
            event.topics.set([topic])
            # More people come as word spreads.
            people = rng.sample(members[:160], 6 + month)
            for person in people:
                registration = Registration.objects.create(event=event, person=person)
                if rng.random() < 0.85:
                    attendance_mark(registration=registration, attended=True, marked_by=staff)
            items = []
            for n in range(4 + month // 2):
                question, text = SAID[(month + n) % len(SAID)]
                item = FeedbackItem.objects.create(
                    event=event, question=question, text=text,
                    channel=rng.choice([Channel.NOTES, Channel.NOTES, Channel.PAPER,
                                        Channel.POSTCARD, Channel.ONLINE, Channel.PHONE]),
                    person=rng.choice(people) if rng.random() < 0.6 else None,
                    entered_by=staff, consent_to_quote=rng.random() < 0.5, topic=topic,
                    area=area, created_at=starts + timedelta(hours=1))
                item.themes.add(themes[(month + n) % len(themes)])
                items.append(item)
            # Answering what people said becomes the habit.
            answered = [item for item in items if rng.random() < 0.2 + month / 25]
            if answered:
                done = age > 6 and rng.random() < 0.6
                commitment = Commitment.objects.create(
                    event=event, you_said=answered[0].text,
                    we_will="Look at this with the people who raised it and report back.",
                    owner=staff, due_date=day + timedelta(days=90),
                    status=Commitment.Status.DONE if done else Commitment.Status.IN_PROGRESS,
                    created_by=staff, created_at=starts + timedelta(days=3),
                    last_update_at=starts + timedelta(days=40), topic=topic, area=area)
                commitment.feedback_items.add(*answered)
            # "What we heard" goes back sooner: from about six weeks to about a week.
            heard = starts + timedelta(days=max(5, 42 - 2 * month + rng.randint(-3, 3)))
            if heard < timezone.now():
                note = notify_person(
                    person=people[0], subject=f"What we heard at {title}",
                    body="Thank you for coming. Here is what we heard and what we will do.",
                    dedupe_key=f"event:{event.pk}:what-we-heard", kind=Kind.WHAT_WE_HEARD)
                if note is not None:  # back-dated: the history the dashboards show
                    Notification.objects.filter(pk=note.pk).update(created_at=heard)
    stdout.write(f"Listening (dashboards history): {made} events over {MONTHS} months.")
