"""Demo history for the dashboards: eighteen months of projects in which the level mix moves
up the ladder, more projects are co-chaired and assured, more new people take part and members
feel more listened to; and the Our Voice group with its meetings, papers and action log.
Called at the end of projects.demo.seed. Keyed on titles, so running it again changes nothing."""

import random
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from coproduction.demo_time import Diary, happened_at, office_time
from coproduction.documents import DocumentFormat
from people.models import Area, Topic, User
from projects import services
from projects.demo import our_voice_reviewers
from projects.demo_life import Life
from projects.models import (
    ActionItem,
    Assurance,
    Level,
    MeetingPaper,
    Membership,
    Project,
    Session,
    Status,
)
from projects.our_voice import action_save, our_voice_group_set_up, paper_add

MONTHS = 18
PER_MONTH = 2
# The level of each month's two projects, oldest first: from telling and asking people
# towards designing and deciding with them.
LADDER = [
    (Level.INFORMATION, Level.CONSULTATION), (Level.ENGAGEMENT, Level.INFORMATION),
    (Level.CONSULTATION, Level.ENGAGEMENT), (Level.INFORMATION, Level.CONSULTATION),
    (Level.CONSULTATION, Level.CO_DESIGN), (Level.ENGAGEMENT, Level.CONSULTATION),
    (Level.CO_DESIGN, Level.CONSULTATION), (Level.CONSULTATION, Level.CO_DESIGN),
    (Level.CO_DESIGN, Level.ENGAGEMENT), (Level.CO_PRODUCTION, Level.CONSULTATION),
    (Level.CO_DESIGN, Level.CO_DESIGN), (Level.CO_PRODUCTION, Level.CONSULTATION),
    (Level.CO_PRODUCTION, Level.CO_DESIGN), (Level.CO_DESIGN, Level.CO_PRODUCTION),
    (Level.STRATEGIC, Level.CO_DESIGN), (Level.CO_PRODUCTION, Level.CO_PRODUCTION),
    (Level.CO_PRODUCTION, Level.STRATEGIC), (Level.CO_DESIGN, Level.CO_PRODUCTION),
]
SUBJECTS = ["Respite at home", "Reablement after hospital", "Advocacy services",
            "Day opportunities", "Shared lives", "Supported living", "Hospital discharge",
            "Assistive technology", "Carers' emergency plans", "Information and advice",
            "Employment support", "Loneliness", "Falls prevention", "Young carers moving on",
            "Deaf-friendly services", "Housing with care", "Personal assistants",
            "Care charges letters"]
COMMENTS = ["I felt listened to.", "Staff treated us as equals.", "Papers came late.",
            "I would like more breaks.", "It was good to meet others like me.",
            "We changed the letter together.", "I did not know what happened in the end."]
COUNTY_HALL = ("County Hall", "Market Street\nAshby Vale\nNS1 2AB",
               "Step-free entrance at the side. Hearing loop in the room.")
OUR_VOICE_ACTIONS = [
    ("Ask finance why some claims take more than a month to pay", "Co-chairs", 20,
     ActionItem.Status.DONE, "Finance now pay every week; the dashboard shows it."),
    ("Check the equality figures against the census for the next meeting", "Olu", 35,
     ActionItem.Status.IN_PROGRESS, "Admins have entered the census figures."),
    ("Invite the director to talk about the strategy", "Staff co-chair", -10,
     ActionItem.Status.OPEN, ""),
    ("Write an easy-read guide to what Our Voice does", "Working group", 60,
     ActionItem.Status.IN_PROGRESS, "First draft shared."),
    ("Review why few people in Greystone take part", "Co-chairs", -3,
     ActionItem.Status.OPEN, ""),
]


def _pdf(text: str) -> bytes:
    """A small, valid one-page PDF saying `text` (demo papers)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


def seed(*, stdout):
    staff = User.objects.get(email="staff@example.org")
    members = list(User.objects.filter(email__startswith="member0").order_by("email"))
    if len(members) < 60:
        return
    rng = random.Random(1818)
    life = Life(staff=staff, reviewers=our_voice_reviewers(), diary=Diary(), rng=rng)
    topics, areas = list(Topic.objects.order_by("name")), list(Area.objects.order_by("name"))
    today = timezone.localdate()
    # A core of "usual voices" take part from the start; more new people join over time.
    core, newcomers = members[:12], members[12:120]
    made = 0
    for month in range(MONTHS):
        age = MONTHS - 1 - month  # months ago
        for slot in range(PER_MONTH):
            number = month * PER_MONTH + slot
            title = f"{SUBJECTS[month]}{' (part two)' if slot else ''}"
            if Project.objects.filter(title=title).exists():
                continue
            made += 1
            starts_on = today - timedelta(days=29 * age + 5 + 9 * slot)
            made_on = starts_on - timedelta(days=30)
            status = (Status.CLOSED if age > 8 else Status.EVALUATING if age > 4
                      else Status.RUNNING)
            # Co-chairs with lived experience become the norm.
            co_chair = core[number % 12] if rng.random() < 0.2 + month / 22 else None
            project = Project(
                title=title, level=LADDER[month][slot], starts_on=starts_on,
                ends_on=starts_on + timedelta(days=120),
                summary=f"Improve {SUBJECTS[month].lower()} with the people who use it.",
                problem="People told us this does not work as well as it should.",
                aims="A better service, designed with the people who use it.",
                in_scope="How the service is arranged and explained.",
                out_of_scope="The council's overall budget.",
                who_for="People with lived experience of this service, and carers.",
                what_is_involved="Four meetings over four months.",
                expenses_and_payment="Taxis paid for if you need one.", staff_co_chair=staff,
                lived_experience_co_chair=co_chair)
            life.create(project, created=made_on, topics=[topics[number % len(topics)]],
                        areas=[areas[number % len(areas)]])
            # Our Voice assure every plan; fewer need suggestions as time goes on.
            life.assure(project, made_on + timedelta(days=5),
                        Assurance.ASSURED if rng.random() < 0.3 + month / 20
                        else Assurance.SUGGESTIONS)
            life.move(project, Status.RECRUITING, made_on + timedelta(days=18))
            share_new = 0.15 + month / 30
            people = [rng.choice(newcomers) if rng.random() < share_new else rng.choice(core)
                      for _ in range(7)]
            people = [p for p in dict.fromkeys(people) if p != co_chair]
            life.recruit(project, people, made_on + timedelta(days=19),
                         starts_on - timedelta(days=1), wait_when_full=False)
            life.move(project, Status.RUNNING, starts_on)
            life.meetings(project, starts_on, count=2, every=21, venue=COUNTY_HALL)
            if status in (Status.EVALUATING, Status.CLOSED):
                high = project.level in (Level.CO_DESIGN, Level.CO_PRODUCTION,
                                         Level.STRATEGIC)
                life.move(project, Status.EVALUATING, project.ends_on)
                # Members feel more listened to as time goes on.
                life.evaluate(project, project.ends_on, feel=0.45 + month / 30,
                              from_start=0.8 if high else 0.3, comments=COMMENTS)
            if status == Status.CLOSED:
                life.move(project, Status.CLOSED, project.ends_on + timedelta(days=30),
                          outcome="Members rewrote the leaflet and the booking steps.")
    _our_voice(rng, staff, members, life.diary)
    stdout.write(f"Projects (dashboards history): {made} projects over {MONTHS} months, and "
                 "the Our Voice group's space.")


def _our_voice(rng, staff, members, diary):
    """The group since it began, about eighteen months ago: everyone with the Our Voice role
    is a member, it meets every month, and keeps papers, minutes and an action log."""
    today = timezone.localdate()
    began = today - timedelta(days=530)
    with happened_at(office_time(began, 10)):
        group = our_voice_group_set_up(by=staff)
    if group.sessions.exists():
        return
    group.lived_experience_co_chair = members[0]
    group.starts_on = began
    # The group has no end date, which the project form (project_save) asks for: its details
    # are set here. Its co-chair is already a member, as everyone with the role is.
    group.save(update_fields=["lived_experience_co_chair", "starts_on"])
    Membership.objects.filter(project=group, person=members[0]).update(
        role=Membership.Role.CO_CHAIR)
    for number, months in enumerate(range(-16, 3)):
        day = today + timedelta(days=30 * months)
        start = diary.book(day, 2, past=day < today if day != today else None)
        session = Session(
            project=group, title=f"Our Voice meeting {start:%B %Y}", starts_at=start,
            ends_at=start + timedelta(hours=2), venue="County Hall, Committee Room 1",
            online=True, online_link=f"https://meet.example.org/our-voice-{number}",
            venue_access="Step-free entrance at the side. Hearing loop. A quiet room.",
            what_to_bring="The dashboards pack and the plans to review.")
        with happened_at(min(start - timedelta(days=21), timezone.now())):
            services.session_save(session=session)
        if months >= -5:  # papers (and minutes of the meetings held) for the recent ones
            kinds = ([MeetingPaper.Kind.PAPERS] if months >= 0
                     else [MeetingPaper.Kind.PAPERS, MeetingPaper.Kind.MINUTES])
            for kind in kinds:
                sent = start - timedelta(days=7) if kind == MeetingPaper.Kind.PAPERS \
                    else start + timedelta(days=6)
                for paper_format in DocumentFormat.values:
                    label = dict(DocumentFormat.choices)[paper_format]
                    title = ("Agenda and dashboards pack" if kind == MeetingPaper.Kind.PAPERS
                             else "Minutes")
                    paper = MeetingPaper(session=session, kind=kind, format=paper_format,
                                         title=title)
                    paper.file.save(f"our-voice-{number}-{kind}-{paper_format}.pdf",
                                    ContentFile(_pdf(f"{title} ({label}), {start:%B %Y}")),
                                    save=False)
                    with happened_at(min(sent, timezone.now())):
                        paper_add(paper=paper, by=staff)
        if session.ends_at < timezone.now():
            people = Membership.objects.filter(project=group, left_at__isnull=True,
                                               joined_at__lt=start)
            with happened_at(session.ends_at + timedelta(hours=20)):
                services.attendance_mark(session=session, by=staff, hours_by_person={
                    m.person_id: Decimal("2.00") if rng.random() < 0.9 else None
                    for m in people})
    our_voice = User.objects.get(email="ourvoice@example.org")
    for action, owner, due_in, status, note in OUR_VOICE_ACTIONS:
        with happened_at(office_time(today - timedelta(days=max(10, 40 - due_in)), 16)):
            action_save(action=ActionItem(project=group, action=action, owner=owner,
                                          due_on=today + timedelta(days=due_in),
                                          status=status, note=note), by=our_voice)
