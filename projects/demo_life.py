"""How a demo project lives: made as a draft, reviewed and assured by Our Voice, recruited,
run, looked back on and closed, each step through the projects room's services and dated when
it happened (coproduction.demo_time), so its history shows who moved it and when. Used by
projects.demo and projects.demo_story."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from coproduction.demo_time import Diary, happened_at, office_time
from people.models import AccessNeed, User
from projects import services
from projects.models import (
    Assurance,
    Evaluation,
    Interest,
    Membership,
    Principle,
    Project,
    Session,
    Status,
)

PATH = [Status.IN_REVIEW, Status.RECRUITING, Status.RUNNING, Status.EVALUATING, Status.CLOSED]
VENUES = [("County Hall, Committee Room 2", "Market Street\nAshby Vale\nNS1 2AB",
           "Step-free entrance at the side. Hearing loop in the room. Accessible toilet on "
           "this floor."),
          ("Brookfield Community Centre", "12 Mill Lane\nBrookfield\nNS4 7CD",
           "Level access from the car park. Quiet room available.")]


def at(day: date, hour: int = 11) -> datetime:
    return office_time(day, hour)


@dataclass
class Life:
    staff: User
    reviewers: list
    diary: Diary
    rng: object
    today: date = field(default_factory=timezone.localdate)

    def create(self, project: Project, *, created: date, topics=(), areas=()) -> Project:
        project.status = Status.DRAFT
        with happened_at(at(created, 10)):
            return services.project_save(project=project, by=self.staff, topics=topics,
                                         areas=areas)

    def move(self, project: Project, to: str, day: date, outcome: str = "") -> Project:
        with happened_at(at(day)):
            moved = services.project_move(project=project, to=to, by=self.staff,
                                          outcome_summary=outcome)
        project.status, project.assurance = moved.status, moved.assurance
        project.outcome_summary = moved.outcome_summary
        return project

    def review(self, project: Project, day: date, *, decision: str | None, reasons: str = "",
               reply: bool = True) -> None:
        """Our Voice score the plan, ask a question (staff answer it) and decide."""
        for number, reviewer in enumerate(self.reviewers[:3]):
            with happened_at(at(day + timedelta(days=1 + number), 14)):
                services.assurance_score_save(project=project, reviewer=reviewer, scores={
                    p.value: self.rng.randint(2, 5) for p in Principle})
        with happened_at(at(day + timedelta(days=2), 15)):
            comment = services.assurance_comment_add(
                project=project, author=self.reviewers[0],
                body="Will people be paid for the reading they do between meetings?")
        if reply:
            with happened_at(at(day + timedelta(days=4), 10)):
                services.assurance_reply(comment=comment, by=self.staff, reply="Yes. We pay "
                                         "for one hour of reading before each meeting.")
        if decision:
            with happened_at(at(day + timedelta(days=7), 16)):
                services.assurance_decide(project=project, by=self.reviewers[0],
                                          decision=decision, reasons=reasons)
            project.assurance = decision

    def assure(self, project: Project, day: date, decision: str = Assurance.ASSURED) -> None:
        self.move(project, Status.IN_REVIEW, day)
        self.review(project, day, decision=decision, reasons="Please send papers a week "
                    "ahead." if decision != Assurance.ASSURED else "")

    def recruit(self, project: Project, people, start: date, end: date, *,
                wait_when_full: bool = True, decide: bool = True) -> list:
        """People say they are interested between `start` and `end` (never before they joined
        the people bank) and staff give them a place, or a place on the waiting list."""
        needs = [n.value for n in AccessNeed]
        joined = []
        span = max((end - start).days, 1)
        for person in people:
            earliest = max(start, timezone.localdate(person.date_joined) + timedelta(days=1))
            if earliest >= end:
                continue
            day = earliest + timedelta(days=self.rng.randrange(max((end - earliest).days, 1)))
            day = min(day, start + timedelta(days=span - 1))
            with happened_at(at(day, self.rng.randint(9, 16))):
                interest = services.interest_express(
                    project=project, person=person, what_i_bring="I have used this service "
                    "for years and know what goes wrong.", access_needs="",
                    needs=self.rng.sample(needs, self.rng.randint(0, 2)))
            if not decide or interest.state != Interest.State.PENDING:
                continue
            full = not services.places_left(project)
            if full and not wait_when_full:
                continue
            with happened_at(at(min(day + timedelta(days=2), end))):
                services.interest_decide(
                    interest=interest, by=self.staff,
                    decision=Interest.State.WAITING if full else Interest.State.ACCEPTED)
            joined.append(person)
        return joined

    def meetings(self, project: Project, first: date, *, count: int, every: int,
                 evening: bool = False, hours: int = 2, title: str = "Meeting {n}",
                 attendance: float = 0.85, venue=None, online: bool | None = None) -> list:
        """Meetings booked in the diary (never at a time when another meeting is on), set up
        a fortnight before, with attendance marked the day after each past one."""
        made = []
        for number in range(count):
            day = first + timedelta(days=every * number)
            start = self.diary.book(day, hours, evening=evening, past=day < self.today
                                    if day != self.today else None)
            end = start + timedelta(hours=hours)
            place, address, access = venue or VENUES[number % 2]
            in_person = project.in_person or not project.online
            on_line = project.online if online is None else online
            session = Session(
                project=project, title=title.format(n=number + 1), starts_at=start,
                ends_at=end, in_person=in_person, venue=place if in_person else "",
                address=address if in_person else "",
                venue_access=access if in_person else "", online=on_line,
                online_link=f"https://meet.example.org/northshire-{project.pk}-{number + 1}"
                if on_line else "", what_to_bring="The short guide we sent you.",
                arranged=[AccessNeed.STEP_FREE, AccessNeed.HEARING_LOOP])
            planned = min(max(start - timedelta(days=14),
                              project.created_at + timedelta(hours=1)), timezone.now())
            with happened_at(planned):
                services.session_save(session=session)
            made.append(session)
            if end < timezone.now():
                people = Membership.objects.filter(project=project, left_at__isnull=True,
                                                   joined_at__lt=start)
                hours_by_person = {
                    m.person_id: (Decimal(hours) if self.rng.random() < attendance else None)
                    for m in people}
                with happened_at(min(end + timedelta(hours=20), timezone.now())):
                    services.attendance_mark(session=session, hours_by_person=hours_by_person,
                                             by=self.staff)
        return made

    def evaluate(self, project: Project, day: date, *, feel: float = 0.6,
                 from_start: float | None = None, comments=()) -> None:
        """Members answer the questions about how it felt, in the weeks after `day`."""
        members = list(Membership.objects.filter(project=project).select_related("person"))
        for index, membership in enumerate(members):
            if self.rng.random() < 0.25:
                continue
            answers = {q: 3 if self.rng.random() < feel else self.rng.choice([1, 2])
                       for q in Evaluation.QUESTIONS}
            comment = self.rng.choice(comments) if comments and index % 2 == 0 else ""
            answers.update(comment=comment,
                           share_comment=bool(comment) and self.rng.random() < 0.7)
            if from_start is not None:
                answers["from_start"] = 3 if self.rng.random() < from_start else 1
            when = at(day + timedelta(days=1 + self.rng.randrange(14)),
                      self.rng.randint(9, 20))
            with happened_at(min(when, timezone.now())):
                services.evaluation_submit(project=project, person=membership.person,
                                           answers=answers)
