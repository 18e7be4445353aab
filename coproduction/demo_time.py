"""Time for the demo data (`manage.py seed_demo`): the demo is made through the rooms' services,
like real use, but over eighteen months rather than in the minute it takes to load.

- `happened_at(when)`: what the services write inside the block (a status change, a decision,
  a claim event, a message) is dated `when`, as if it had happened then: every timestamp they
  stamped with "now" is moved back by the same amount. Scheduled times (a meeting's start and
  end) are never moved.
- `Diary`: times for meetings and events as a council would set them: on working days (never
  on a weekend, 25 or 26 December or 1 January), in the day or early evening, and never two at
  the same time, so nobody is ever booked in two places at once.
- `working_day`, `office_time`: the nearest working day, and a time in office hours on it.
"""

import re
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db import connection, models
from django.db.models import F
from django.utils import timezone

# Fields that say when something is planned to happen, not when it was done: never moved.
SCHEDULED = {("projects", "session"): {"starts_at", "ends_at"},
             ("listening", "event"): {"starts_at", "ends_at"}}
HOLIDAYS = {(12, 25), (12, 26), (1, 1)}
# When meetings start: morning, afternoon and (only when asked) early evening.
DAY_STARTS = [time(10, 0), time(13, 30)]
EVENING_START = time(18, 0)
LATEST_END = time(21, 0)
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE)\s+"?(\w+)"?', re.IGNORECASE)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and (day.month, day.day) not in HOLIDAYS


def working_day(day: date, *, forward: bool = True) -> date:
    """`day` if it is a working day, else the next (or, forward=False, the last) one."""
    step = timedelta(days=1 if forward else -1)
    while not is_working_day(day):
        day += step
    return day


def office_time(day: date, hour: int = 11, minute: int = 0) -> datetime:
    """A moment in office hours on the nearest working day on or before `day`."""
    return timezone.make_aware(datetime.combine(working_day(day, forward=False),
                                                time(hour, minute)))


@contextmanager
def happened_at(when: datetime):
    """Dates what is written inside the block at `when` (see the module's docstring). Only
    timestamps at or after the block's start are moved, so older rows are never touched."""
    tables = set()

    def record(execute, sql, params, many, context):
        match = _WRITE.match(sql)
        if match:
            tables.add(match.group(1))
        return execute(sql, params, many, context)

    started = timezone.now()
    with connection.execute_wrapper(record):
        yield
    shift = started - when
    if shift <= timedelta(0):
        return
    by_table = {model._meta.db_table: model for model in apps.get_models()}
    for table in tables:
        model = by_table.get(table)
        if model is None:
            continue
        fixed = SCHEDULED.get((model._meta.app_label, model._meta.model_name), set())
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateTimeField) and field.name not in fixed:
                model._default_manager.filter(**{f"{field.name}__gte": started}).update(
                    **{field.name: F(field.name) - shift})


class Diary:
    """The demo's one diary of meetings, events and other activities (loaded from what is in
    the database). `book` finds the nearest free time to the day asked for."""

    def __init__(self):
        from listening.models import Event
        from people.models import Involvement
        from projects.models import Session

        self.taken = list(Session.objects.values_list("starts_at", "ends_at"))
        self.taken += list(Event.objects.values_list("starts_at", "ends_at"))
        self.taken += [(start, start + timedelta(hours=float(hours or 0)))
                       for start, hours in Involvement.objects.exclude(
                           kind=Involvement.Kind.PROJECT).exclude(source__startswith="projects.")
                       .exclude(source__startswith="listening.")
                       .values_list("starts_at", "hours")]

    def is_free(self, start: datetime, end: datetime) -> bool:
        return not any(start < taken_end and taken_start < end
                       for taken_start, taken_end in self.taken)

    def book(self, day: date, hours: float, *, evening: bool = False, past: bool | None = None,
             start_at: time | None = None) -> datetime:
        """The start of a free time of `hours` on the working day nearest `day` (in the
        evening if asked). past=True keeps it over before now; past=False keeps it to come."""
        now = timezone.now()
        starts = [EVENING_START] if evening else ([start_at] if start_at else DAY_STARTS)
        for distance in range(0, 400):
            for candidate in {day + timedelta(days=distance), day - timedelta(days=distance)}:
                if not is_working_day(candidate):
                    continue
                for start_time in starts:
                    start = timezone.make_aware(datetime.combine(candidate, start_time))
                    end = start + timedelta(hours=hours)
                    if timezone.localtime(end).time() > LATEST_END or (
                            timezone.localtime(end).date() != candidate):
                        continue
                    if past is True and end > now or past is False and start < now:
                        continue
                    if self.is_free(start, end):
                        self.taken.append((start, end))
                        return start
        raise ValueError(f"No free time near {day}")
