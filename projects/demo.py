"""Demo projects: fourteen across every status and level, with sessions, members,
attendance (recorded as Involvement), updates, Our Voice assurance and evaluations.
Keyed on titles, so running it again changes nothing."""

import random
from datetime import timedelta

from django.utils import timezone

from coproduction.demo_time import Diary, happened_at, office_time
from people.models import Area, Topic, User
from projects import services
from projects.demo_life import VENUES, Life
from projects.models import (
    Assurance,
    Level,
    Membership,
    Project,
    Session,
    Status,
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

UPDATES = [
    ("We have met for the first time", "Twelve of us met at County Hall. We agreed how we "
     "will work together and what we want to change first.", True),
    ("What we heard so far", "People told us the hardest part is waiting without news. We "
     "are now looking at how often we write to people.", True),
    ("Papers for next time", "Please read the short guide before the next meeting. Ask us "
     "for an easy-read or large-print copy.", False),
]
# Days from today each project starts, by the status it has reached today.
STARTS = {Status.DRAFT: 60, Status.IN_REVIEW: 45, Status.RECRUITING: 21, Status.RUNNING: -60,
          Status.EVALUATING: -200, Status.CLOSED: -400, Status.WITHDRAWN: -30}
OUTCOME = ("Because of this project we rewrote the letters with members, cut waiting times "
           "from six weeks to two, and now ask people what they need before every meeting.")
# The recruiting project whose places are all taken, with people waiting.
FULL_PROJECT = "Home care that fits your day"


def our_voice_reviewers():
    """The Our Voice account first, then two more members of the group."""
    our_voice = User.objects.get(email="ourvoice@example.org")
    others = User.objects.filter(is_our_voice=True, is_active=True).exclude(
        pk=our_voice.pk).order_by("date_joined", "pk")[:2]
    return [our_voice, *others]


def seed(*, stdout):
    rng = random.Random(4004)
    staff = User.objects.get(email="staff@example.org")
    member = User.objects.get(email="member@example.org")
    members = list(User.objects.filter(email__startswith="member0").order_by("email"))
    topics = {t.name: t for t in Topic.objects.all()}
    areas = list(Area.objects.all())
    today = timezone.localdate()
    life = Life(staff=staff, reviewers=our_voice_reviewers(), diary=Diary(), rng=rng)
    created = 0
    for index, (title, status, level, topic_names, summary, problem) in enumerate(PROJECTS):
        if Project.objects.filter(title=title).exists():
            continue
        created += 1
        starts_on = today + timedelta(days=STARTS[status])
        made_on = min(starts_on - timedelta(days=90), today - timedelta(days=20))
        if status == Status.WITHDRAWN:
            made_on = today - timedelta(days=120)
        settled = [m for m in members if m.date_joined.date() < made_on]
        co_chair = member if index == 3 else (settled[index % len(settled)] if settled
                                              else None)
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
            level=level, starts_on=starts_on,
            ends_on=starts_on + timedelta(days=150), places=8 + index % 5,
            online=index % 2 == 0, in_person=index % 3 != 2,
            time_of_day=[TimeOfDay.DAYTIME, TimeOfDay.EVENING, TimeOfDay.BOTH][index % 3],
            paid=index % 4 != 3, staff_co_chair=staff, lived_experience_co_chair=co_chair,
            terms_of_reference="We meet as equals. Everyone gets time to speak. Papers come a "
                               "week before each meeting. Decisions are made together.")
        life.create(project, created=made_on,
                    topics=[topics[n] for n in topic_names if n in topics],
                    areas=rng.sample(areas, 2) if areas else [])
        _live(life, project, status, made_on, member, members, rng)
    stdout.write(f"Projects: {Project.objects.count()} projects ({created} new), "
                 f"{Session.objects.count()} meetings, {Membership.objects.count()} members.")
    # Eighteen months of history for the dashboards, and the Our Voice group's space.
    from projects import demo_story

    demo_story.seed(stdout=stdout)


def _live(life, project, status, made_on, member, members, rng):
    """Takes a new draft to `status` the way staff and Our Voice would have."""
    today = timezone.localdate()
    if status == Status.WITHDRAWN:
        life.move(project, Status.WITHDRAWN, today - timedelta(days=30))
        return
    if status == Status.DRAFT:
        return
    in_review = made_on + timedelta(days=7)
    if status == Status.IN_REVIEW:
        life.move(project, Status.IN_REVIEW, in_review)
        wheelchair = project.title.startswith("Wheelchair")
        life.review(project, in_review, reply=not wheelchair,
                    decision=Assurance.NOT_YET if wheelchair else None,
                    reasons="The plan does not say how wheelchair users will lead the work.")
        return
    life.assure(project, in_review,
                Assurance.SUGGESTIONS if project.pk % 2 else Assurance.ASSURED)
    recruiting = made_on + timedelta(days=20)
    life.move(project, Status.RECRUITING, recruiting)
    evening = project.time_of_day == TimeOfDay.EVENING
    if status == Status.RECRUITING:
        _recruiting(life, project, member, members, rng, recruiting)
        life.meetings(project, project.starts_on, count=4, every=14, evening=evening)
        return
    joined = [member, *[p for p in rng.sample(members, project.places + 4) if p != member]]
    life.recruit(project, joined[:project.places - 2], recruiting + timedelta(days=1),
                 project.starts_on - timedelta(days=1), wait_when_full=False)
    life.move(project, Status.RUNNING, project.starts_on)
    life.meetings(project, project.starts_on, count=4, every=14, evening=evening)
    for number, (title, body, public) in enumerate(UPDATES):
        with happened_at(office_time(project.starts_on + timedelta(days=3 + 12 * number), 15)):
            update = services.update_post(update=Update(project=project, title=title,
                                                        body=body, public=public,
                                                        author=life.staff))
            services.update_send(update=update)
    if status == Status.RUNNING:
        return
    evaluating = project.ends_on
    life.move(project, Status.EVALUATING, evaluating)
    life.evaluate(project, evaluating, feel=0.6, comments=[
        "I felt listened to for the first time.", "More breaks, please.",
        "The papers came late."])
    with happened_at(office_time(evaluating + timedelta(days=20), 15)):
        services.reflection_save(
            project=project, by=life.staff,
            what_changed="Members rewrote the letters and changed the order of the process.",
            do_differently="Start with members even earlier, and pay for reading time.")
    if status == Status.CLOSED:
        life.move(project, Status.CLOSED, evaluating + timedelta(days=45), outcome=OUTCOME)


def _recruiting(life, project, member, members, rng, recruiting):
    """People say they are interested; staff have decided on about half so far. One project
    fills up, so its demo shows a waiting list the way real use makes one."""
    today = timezone.localdate()
    people = [p for p in rng.sample(members, project.places) if p != member]
    if project.title.startswith("Short"):
        people = [member, *people]
    decided = [p for p in people if p == member or rng.random() < 0.5]
    life.recruit(project, decided, recruiting + timedelta(days=1), today - timedelta(days=3))
    life.recruit(project, [p for p in people if p not in decided],
                 recruiting + timedelta(days=1), today, decide=False)
    if project.title != FULL_PROJECT:
        return
    newcomers = [p for p in rng.sample(members, project.places + 6)
                 if p not in people and p != member]
    life.recruit(project, newcomers, recruiting + timedelta(days=1), today - timedelta(days=1))
