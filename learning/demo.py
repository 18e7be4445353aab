"""Demo data for learning together: courses for members, staff and both, with past sessions
(attendance, certificates, a paid lived-experience co-trainer) and sessions to come (one full,
with a waiting list); planning checklists on the demo projects; and a forum with topics,
replies, a helpful mark, a hidden post and an open report. Keyed on titles, so running it
again changes nothing. The toolkit's pages and templates come with the migrations."""

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from coproduction.demo_time import Diary
from learning import services
from learning.models import (
    Audience,
    Booking,
    ChecklistAnswer,
    ChecklistItem,
    Course,
    CourseSession,
    ForumTheme,
    Moderator,
    Post,
    Topic,
    Trainer,
)
from people.models import AccessNeed, User

# (title, audience, summary, what you will learn, easy read)
COURSES = [
    ("What is co-production?", Audience.BOTH,
     "A friendly introduction for anyone new to working together. People with lived "
     "experience and staff learn side by side.",
     "What co-production means in Northshire\nThe six principles and why they matter\n"
     "The ladder of involvement: which rung your work is on\nHow people are paid and "
     "supported",
     "Co-production means working together as equals.\nYou will learn what it means.\n"
     "You will meet staff and other people with lived experience.\nWe pay your travel."),
    ("Being a co-chair", Audience.MEMBERS,
     "For members who will co-chair a project group with a member of staff.",
     "How to plan a meeting with your staff co-chair\nHow to make sure everyone can speak\n"
     "What to do when people disagree\nWhere to get support",
     "A co-chair helps run meetings.\nYou will learn how to do it.\nYou will not be on "
     "your own."),
    ("Speaking up in meetings", Audience.MEMBERS,
     "Build your confidence to share your experience and ideas in meetings with "
     "professionals.",
     "How to prepare for a meeting\nWays to say what you think, even when nervous\n"
     "Asking for what you need",
     "Meetings can feel scary.\nThis course helps you speak up.\nYou can bring a "
     "friend or carer."),
    ("Starting a co-production project", Audience.STAFF,
     "For staff about to lead a project: plan it with people from the start.",
     "Using the planning checklist\nAgreeing a recognition budget\nRecruiting fairly "
     "from the people bank\nGetting your plan ready for Our Voice",
     ""),
    ("Easy read writing", Audience.STAFF,
     "Write letters and papers that everyone can understand, with an easy-read trainer "
     "who has a learning disability.",
     "Short sentences, one idea each\nChoosing pictures that help\nTesting your writing "
     "with the people who will read it",
     ""),
]

VENUE = ("Carrow Community Centre", "12 Market Street, Carrow, NS4 2AB")


# A session lasts three hours; the diary keeps four free, the co-trainer's paid time
# (preparing the room and staying after), so nobody is booked elsewhere then.
SESSION_HOURS, TRAINER_HOURS = 3, 4


def _session(course, diary, day, *, past, start_at=None, online=False, capacity=12):
    """A session on the working day nearest `day` at a time nobody is booked elsewhere
    (coproduction.demo_time.Diary, the diary the other rooms' meetings and events are in)."""
    starts = diary.book(day, TRAINER_HOURS, past=past, start_at=start_at)
    ends = starts + timedelta(hours=SESSION_HOURS)
    return CourseSession.objects.create(
        course=course, starts_at=starts, ends_at=ends, in_person=not online,
        venue="" if online else VENUE[0], address="" if online else VENUE[1], online=online,
        online_link="https://meet.example.org/northshire-training" if online else "",
        access_arrangements=("Captions on, and breaks every 45 minutes." if online else
                             "Step-free entrance and accessible toilet. Hearing loop in the "
                             "main hall. Easy-read handouts. A quiet room is available."),
        arranged=[] if online else [AccessNeed.STEP_FREE, AccessNeed.HEARING_LOOP,
                                    AccessNeed.EASY_READ, AccessNeed.QUIET_ROOM],
        capacity=capacity)


def _book_past(session, people):
    for person in people:
        Booking.objects.get_or_create(session=session, person=person, defaults={
            "access_needs": "", "created_at": session.starts_at - timedelta(days=10)})


def seed(*, stdout):
    staff = User.objects.get(email="staff@example.org")
    staff2 = User.objects.get(email="staff2@example.org")
    member = User.objects.get(email="member@example.org")
    our_voice = User.objects.get(email="ourvoice@example.org")
    admin = User.objects.get(email="admin@example.org")
    members = list(User.objects.filter(email__startswith="member0").order_by("email")[:30])
    co_trainer = members[0] if members else our_voice
    today = timezone.localdate()
    diary = Diary()
    created = 0
    for index, (title, audience, summary, points, easy) in enumerate(COURSES):
        if Course.objects.filter(title=title).exists():
            continue
        created += 1
        course = Course.objects.create(title=title, audience=audience, summary=summary,
                                       what_you_will_learn=points, easy_read_summary=easy,
                                       created_by=staff)
        learners = ([staff, staff2] if audience == Audience.STAFF else
                    [member, our_voice, *members[1 + index * 4:5 + index * 4]])
        if audience == Audience.BOTH:
            learners += [staff, staff2]
        # A past session: attendance recorded, so certificates and training records exist.
        past = _session(course, diary, today - timedelta(days=40 + index * 9), past=True)
        _book_past(past, learners)
        Trainer.objects.create(session=past, person=co_trainer,
                               kind=Trainer.Kind.LIVED_EXPERIENCE,
                               hours=Decimal(TRAINER_HOURS))
        Trainer.objects.create(session=past, person=staff2, kind=Trainer.Kind.STAFF,
                               hours=past.length_in_hours())
        came = {person.pk for person in learners[:-1]}  # one did not come
        services.attendance_mark(session=past, came=came, by=staff)
        # Sessions to come: one in person, one online.
        soon = _session(course, diary, today + timedelta(days=10 + index * 3), past=False,
                        capacity=3 if index == 0 else 12)
        _session(course, diary, today + timedelta(days=45 + index * 5), past=False,
                 start_at=time(14, 0), online=True)
        if audience != Audience.STAFF:
            for person in [*members[20:25]]:
                services.booking_create(
                    session=soon, person=person,
                    access_needs="I need step-free access." if person.pk % 2 else "",
                    needs=[AccessNeed.STEP_FREE] if person.pk % 2 else [])
    # A staff member recorded from a paper sheet: "Starting a co-production project".
    starting = Course.objects.get(title="Starting a co-production project")
    if not starting.completions.filter(person=admin).exists():
        services.completion_record_from_paper(person=admin, course=starting,
                                              completed_on=today - timedelta(days=200),
                                              by=staff)
    _checklists(staff)
    _forum(staff=staff, staff2=staff2, our_voice=our_voice, admin=admin)
    stdout.write(f"Learning: {created} courses added.")


def _checklists(staff):
    from projects.models import Project, Status

    items = list(ChecklistItem.objects.filter(active=True))
    notes = ["Two carers helped write the plan in March.", "£2,400 agreed with finance.",
             "Carrow Community Centre: step-free, hearing loop; papers in easy read.",
             "", "Checked on the portal; two long sentences shortened.",
             "A \"what we heard\" letter after each meeting, and updates online."]
    for project in Project.objects.filter(status__in=[Status.IN_REVIEW, Status.RUNNING,
                                                      Status.RECRUITING])[:6]:
        if ChecklistAnswer.objects.filter(project=project).exists():
            continue
        answers = {item.pk: (position != 3 or project.status == Status.RUNNING,
                             notes[position % len(notes)])
                   for position, item in enumerate(items)}
        services.checklist_save(project=project, answers=answers, by=staff)


# (title, kind, theme slug, who starts it, opening post, [(who, reply)])
TOPICS = [
    ("How early is \"from the start\"?", Topic.Kind.QUESTION, "starting-a-project", "staff",
     "I'm planning a review of day services. At what point should I bring people in: "
     "before I write the plan, or once I know the budget?",
     [("our_voice", "Before the plan, please! We can help you work out what the problem is. "
                    "The toolkit page on the ladder of involvement has examples."),
      ("staff2", "We held a drop-in first and it changed the whole project. Notes here: "
                 "https://intranet.example.org/day-services-drop-in")]),
    ("Paying people on Universal Credit", Topic.Kind.QUESTION, "payments", "staff",
     "A member is worried payments will affect their Universal Credit. What do we tell "
     "them?",
     [("staff2", "Point them to the \"How we pay you\" page: it has the benefits note. "
                 "They can choose vouchers or expenses only instead.")]),
    ("Our easy-read letters worked", Topic.Kind.SUCCESS, "accessibility", "our_voice",
     "We co-wrote the direct payment letters with three members. Calls about the letter "
     "went down by half in two months. Thank you to everyone involved!",
     [("staff2", "This is brilliant. Can we share it at the next Our Voice meeting?"),
      ("our_voice", "Yes please. I'll bring the before and after versions.")]),
]


def _forum(*, staff, staff2, our_voice, admin):
    Moderator.objects.get_or_create(person=staff2)
    people = {"staff": staff, "staff2": staff2, "our_voice": our_voice}
    themes = {theme.slug: theme for theme in ForumTheme.objects.all()}
    for title, kind, theme, starter, body, replies in TOPICS:
        if Topic.objects.filter(title=title).exists() or theme not in themes:
            continue
        author = people[starter]
        topic = services.topic_start(author=author, title=title, kind=kind,
                                     theme=themes[theme], body=body)
        posts = [services.reply_add(topic=topic, author=people[who], body=text)
                 for who, text in replies]
        if posts and posts[0].author_id != author.pk:
            services.helpful_mark(post=posts[0], person=author)
    topic = Topic.objects.filter(title="Paying people on Universal Credit").first()
    if topic is not None and not Post.objects.filter(topic=topic, hidden_at__isnull=False).exists():
        spam = services.reply_add(topic=topic, author=our_voice,
                                  body="Mrs J at Elm Court told me she lost money last year.")
        services.post_hide(post=spam, by=staff2,
                           reason="It named someone who draws on care. Please do not name "
                                  "people here.")
        latest = topic.posts.filter(is_opening=False, hidden_at__isnull=True).first()
        if latest is not None:
            services.post_report(post=latest, by=our_voice,
                                 reason="Is this still right after the April rate change?")
