"""Demo projects: fourteen across every status and level, with sessions, members,
attendance (recorded as Involvement), updates, Our Voice assurance and evaluations.
Keyed on titles, so running it again changes nothing."""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from people.models import AccessNeed, Area, Topic, User
from projects import services
from projects.models import (
    Assurance,
    AssuranceComment,
    AssuranceDecision,
    AssuranceScore,
    Evaluation,
    Interest,
    Level,
    Membership,
    Principle,
    Project,
    Reflection,
    Session,
    Status,
    StatusChange,
    TimeOfDay,
    Update,
)

# (title, status, level, topics, summary, problem)
PROJECTS = [
    ("Short breaks for carers", Status.RECRUITING, Level.CO_PRODUCTION, ["Carers"],
     "Help us make short breaks easier to find and book.",
     "Carers tell us booking a short break takes weeks and the forms are confusing."),
    ("Direct payments made simpler", Status.RECRUITING, Level.CO_DESIGN, ["Direct payments"],
     "Redesign the letters and guides for people who manage a direct payment.",
     "People say the direct payment guide is long and full of jargon."),
    ("Home care that fits your day", Status.RECRUITING, Level.CONSULTATION, ["Home care"],
     "Tell us what good home care visit times look like for you.",
     "Visits are often rushed or at times that do not suit people."),
    ("Dementia-friendly day centres", Status.RUNNING, Level.CO_PRODUCTION,
     ["Dementia", "Older people"],
     "Work with us to make our day centres better for people living with dementia.",
     "Families say the centres can be noisy and hard to find your way around."),
    ("Moving to adult services", Status.RUNNING, Level.CO_DESIGN,
     ["Transitions to adulthood", "Learning disability"],
     "Make the move from children's to adult services smoother for young people.",
     "Young people and families say they have to tell their story again and again."),
    ("Care home visiting charter", Status.RUNNING, Level.ENGAGEMENT, ["Care homes"],
     "Write a charter for visiting family and friends in care homes.",
     "Visiting rules differ from home to home and change without warning."),
    ("Adult social care strategy 2027 to 2032", Status.EVALUATING, Level.STRATEGIC,
     ["Older people", "Carers", "Mental health"],
     "Shape the council's five-year plan for adult social care.",
     "The last strategy was written without people who use services."),
    ("Accessible information standard", Status.EVALUATING, Level.CO_PRODUCTION,
     ["Sensory impairment"],
     "Make sure every letter we send comes in a format people can use.",
     "Blind and deaf people still get letters they cannot read."),
    ("Autism-friendly assessments", Status.CLOSED, Level.CO_DESIGN, ["Autism"],
     "Change how we carry out care assessments with autistic adults.",
     "Assessments were stressful, with little notice and no choice of setting."),
    ("Charging policy explained", Status.CLOSED, Level.INFORMATION, ["Direct payments"],
     "Explain clearly how we work out what you pay towards your care.",
     "People did not understand their bills and were worried."),
    ("Mental health recovery college", Status.IN_REVIEW, Level.CO_PRODUCTION,
     ["Mental health"],
     "Set up courses about recovery, written and taught by people with lived experience.",
     "People want learning that comes from others who have been there."),
    ("Wheelchair-accessible venues guide", Status.IN_REVIEW, Level.CO_DESIGN,
     ["Physical disability"],
     "Build a guide to meeting places in the county that really are accessible.",
     "Venues say they are accessible but people still find steps and no hoist."),
    ("Carers' assessment form", Status.DRAFT, Level.CONSULTATION, ["Carers"],
     "Shorten the carers' assessment form.",
     "The form is 24 pages long."),
    ("Day services transport", Status.WITHDRAWN, Level.ENGAGEMENT, ["Learning disability"],
     "Review transport to day services.",
     "The bus contract is changing."),
]

ORDER = [Status.DRAFT, Status.IN_REVIEW, Status.RECRUITING, Status.RUNNING,
         Status.EVALUATING, Status.CLOSED]

UPDATES = [
    ("We have met for the first time", "Twelve of us met at County Hall. We agreed how we "
     "will work together and what we want to change first.", True),
    ("What we heard so far", "People told us the hardest part is waiting without news. We "
     "are now looking at how often we write to people.", True),
    ("Papers for next time", "Please read the short guide before the next meeting. Ask us "
     "for an easy-read or large-print copy.", False),
]

VENUES = [("County Hall, Committee Room 2", "Market Street\nAshby Vale\nNS1 2AB",
           "Step-free entrance at the side. Hearing loop in the room. Accessible toilet on "
           "this floor."),
          ("Brookfield Community Centre", "12 Mill Lane\nBrookfield\nNS4 7CD",
           "Level access from the car park. Quiet room available.")]


def _rng_users(rng, members, n):
    return rng.sample(members, min(n, len(members)))


def seed(*, stdout):
    rng = random.Random(4004)
    staff = User.objects.get(email="staff@example.org")
    member = User.objects.get(email="member@example.org")
    our_voice = User.objects.get(email="ourvoice@example.org")
    members = list(User.objects.filter(email__startswith="member0").order_by("email"))
    topics = {t.name: t for t in Topic.objects.all()}
    areas = list(Area.objects.all())
    today = timezone.localdate()
    created = 0
    for index, (title, status, level, topic_names, summary, problem) in enumerate(PROJECTS):
        if Project.objects.filter(title=title).exists():
            continue
        created += 1
        starts = {Status.DRAFT: 60, Status.IN_REVIEW: 45, Status.RECRUITING: 21,
                  Status.RUNNING: -60, Status.EVALUATING: -200, Status.CLOSED: -400,
                  Status.WITHDRAWN: -30}[status]
        starts_on = today + timedelta(days=starts)
        co_chair = member if index == 3 else (members[index] if index < len(members) else None)
        project = Project(
            title=title, summary=summary, problem=problem,
            easy_read_summary=summary if index % 3 == 0 else "",
            aims=f"By the end, we want {summary[0].lower()}{summary[1:].rstrip('.')} to be "
                 "done with the people it affects.",
            in_scope="How the service is explained, booked and reviewed.",
            out_of_scope="The total budget, which the council sets each February, and rules "
                         "set by the Care Act 2014.",
            who_for="People with lived experience of this service, and unpaid carers. "
                    "No experience of meetings needed.",
            what_is_involved="Six meetings of two hours over four months, and some reading "
                             "between meetings if you want to.",
            where=f"{VENUES[index % 2][0]}, or online. Buses 12 and 27 stop outside.",
            access_arrangements="We can arrange a BSL interpreter, easy-read papers, a "
                                "hearing loop and a place for your carer or PA.",
            expenses_and_payment="Lunch is provided at the longer meetings.",
            level=level, status=status, starts_on=starts_on,
            ends_on=starts_on + timedelta(days=150), places=8 + index % 5,
            online=index % 2 == 0, in_person=index % 3 != 2,
            time_of_day=[TimeOfDay.DAYTIME, TimeOfDay.EVENING, TimeOfDay.BOTH][index % 3],
            paid=index % 4 != 3, staff_co_chair=staff, lived_experience_co_chair=co_chair,
            terms_of_reference="We meet as equals. Everyone gets time to speak. Papers come a "
                               "week before each meeting. Decisions are made together.")
        services.project_save(project=project, by=staff,
                              topics=[topics[n] for n in topic_names if n in topics],
                              areas=rng.sample(areas, 2) if areas else [])
        _history(project, status, staff)
        if status != Status.DRAFT:
            _assurance(project, status, staff, our_voice, rng, members)
        if status in (Status.RECRUITING, Status.RUNNING, Status.EVALUATING, Status.CLOSED):
            _people(project, status, staff, member, rng, members)
        if status in (Status.RUNNING, Status.EVALUATING, Status.CLOSED):
            _sessions(project, status, staff, rng)
            for title_, body, public in UPDATES:
                Update.objects.get_or_create(project=project, title=title_, defaults={
                    "body": body, "public": public, "author": staff,
                    "sent_at": timezone.now()})
        if status == Status.RECRUITING:
            _sessions(project, status, staff, rng, past=0)
        if status in (Status.EVALUATING, Status.CLOSED):
            _evaluations(project, status, staff, rng)
    stdout.write(f"Projects: {Project.objects.count()} projects ({created} new), "
                 f"{Session.objects.count()} meetings, {Membership.objects.count()} members.")
    # Eighteen months of history for the dashboards, and the Our Voice group's space.
    from projects import demo_story

    demo_story.seed(stdout=stdout)


def _history(project, status, staff):
    if status == Status.WITHDRAWN:
        path = [Status.WITHDRAWN]
    else:
        path = ORDER[1:ORDER.index(status) + 1]
    previous = Status.DRAFT
    for step in path:
        StatusChange.objects.create(project=project, from_status=previous, to_status=step,
                                    changed_by=staff)
        previous = step
    if status == Status.CLOSED:
        project.outcome_summary = ("Because of this project we rewrote the letters with "
                                   "members, cut waiting times from six weeks to two, and "
                                   "now ask people what they need before every meeting.")
        project.save(update_fields=["outcome_summary"])


def _assurance(project, status, staff, our_voice, rng, members):
    reviewers = [our_voice, *members[-3:]]
    for reviewer in reviewers[:3]:
        AssuranceScore.objects.get_or_create(project=project, reviewer=reviewer, defaults={
            p.value: rng.randint(2, 5) for p in Principle})
    comment, _ = AssuranceComment.objects.get_or_create(
        project=project, author=our_voice,
        body="Will people be paid for the reading they do between meetings?")
    if status != Status.IN_REVIEW or project.title.startswith("Mental"):
        comment.reply = "Yes. We pay for one hour of reading before each meeting."
        comment.replied_by, comment.replied_at = staff, timezone.now()
        comment.save()
    if status == Status.IN_REVIEW:
        if project.title.startswith("Wheelchair"):
            AssuranceDecision.objects.create(
                project=project, decision=Assurance.NOT_YET, decided_by=our_voice,
                reasons="The plan does not say how wheelchair users will lead the work.")
            project.assurance = Assurance.NOT_YET
            project.save(update_fields=["assurance"])
        return
    decision = Assurance.SUGGESTIONS if project.pk % 2 else Assurance.ASSURED
    AssuranceDecision.objects.create(
        project=project, decision=decision, decided_by=our_voice,
        reasons="Please send papers a week ahead." if decision == Assurance.SUGGESTIONS else "")
    project.assurance = decision
    project.save(update_fields=["assurance"])


# The recruiting project whose places are all taken, with people waiting.
FULL_PROJECT = "Home care that fits your day"


def _people(project, status, staff, member, rng, members):
    joined = _rng_users(rng, members, project.places - 2)
    if status != Status.RECRUITING or project.title.startswith("Short"):
        joined = [member, *[p for p in joined if p != member]]
    needs = [n.value for n in AccessNeed]
    for person in joined:
        interest, _ = Interest.objects.get_or_create(project=project, person=person, defaults={
            "what_i_bring": "I have used this service for years and know what goes wrong.",
            "access_needs": "", "needs": rng.sample(needs, rng.randint(0, 2))})
        if status == Status.RECRUITING and person != member and rng.random() < 0.5:
            continue  # still waiting for a decision
        if interest.state == Interest.State.PENDING:
            services.interest_decide(interest=interest, decision=Interest.State.ACCEPTED,
                                     by=staff)
    if project.title != FULL_PROJECT:
        return
    # One recruiting project fills up, so its demo shows a waiting list the way real use makes
    # one (the waiting-list service refuses a queue beside free places).
    newcomers = [p for p in _rng_users(rng, members, project.places + 3) if p not in joined]
    for person in newcomers:
        interest = Interest.objects.filter(project=project, person=person).first()
        if interest is None and project.status == Status.RECRUITING:
            interest = services.interest_express(
                project=project, person=person, what_i_bring="I would like to help.",
                access_needs="")
        if interest.state != Interest.State.PENDING:
            continue
        full = services.places_taken(project) >= project.places
        services.interest_decide(
            interest=interest, by=staff,
            decision=Interest.State.WAITING if full else Interest.State.ACCEPTED)


def _sessions(project, status, staff, rng, past=None):
    tz = timezone.get_current_timezone()
    start = project.starts_on
    count = 4
    for number in range(count):
        day = start + timedelta(days=14 * number)
        venue, address, access = VENUES[number % 2]
        hour = 18 if project.time_of_day == TimeOfDay.EVENING else 10
        starts_at = timezone.make_aware(datetime.combine(day, time(hour, 0)), tz)
        session, _ = Session.objects.get_or_create(
            project=project, title=f"Meeting {number + 1}", defaults={
                "starts_at": starts_at, "ends_at": starts_at + timedelta(hours=2),
                "in_person": project.in_person, "venue": venue if project.in_person else "",
                "address": address if project.in_person else "",
                "venue_access": access if project.in_person else "",
                "online": project.online or not project.in_person,
                "online_link": "https://meet.example.org/northshire-"
                               f"{project.pk}-{number + 1}"
                if project.online or not project.in_person else "",
                "what_to_bring": "The short guide we sent you.",
                "arranged": [AccessNeed.STEP_FREE, AccessNeed.HEARING_LOOP]})
        if session.ends_at < timezone.now():
            people = Membership.objects.filter(project=project, left_at__isnull=True)
            hours = {m.person_id: (Decimal("2.00") if rng.random() < 0.85 else None)
                     for m in people}
            services.attendance_mark(session=session, hours_by_person=hours, by=staff)


def _evaluations(project, status, staff, rng):
    for membership in Membership.objects.filter(project=project).select_related("person"):
        if rng.random() < 0.25:
            continue
        Evaluation.objects.get_or_create(project=project, person=membership.person, defaults={
            **{q: rng.choice([3, 3, 3, 2, 1]) for q in Evaluation.QUESTIONS},
            "comment": rng.choice(["", "I felt listened to for the first time.",
                                   "More breaks, please.", "The papers came late."])})
    Reflection.objects.get_or_create(project=project, defaults={
        "what_changed": "Members rewrote the letters and changed the order of the process.",
        "do_differently": "Start with members even earlier, and pay for reading time.",
        "author": staff})


