"""Time for the demo data (`manage.py seed_demo`): the demo is made through the rooms' services,
like real use, but over eighteen months rather than in the minute it takes to load.

- `happened_at(when)`: what the services write inside the block (a status change, a decision,
  a claim event, a message) is dated `when`, as if it had happened then.
- `Diary`: times for meetings and events as a council would set them: on working days (never
  on a weekend, 25 or 26 December or 1 January), in the day or early evening, and never two at
  the same time, so nobody is ever booked in two places at once.
- `working_day`, `office_time`: the nearest working day, and a time in office hours on it.
"""

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.utils import timezone

HOLIDAYS = {(12, 25), (12, 26), (1, 1)}
# When meetings start: morning, afternoon and (only when asked) early evening.
DAY_STARTS = [time(10, 0), time(13, 30)]
EVENING_START = time(18, 0)
LATEST_END = time(21, 0)


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


_real_now = timezone.now


@contextmanager
def happened_at(when: datetime):
    """Inside the block the services' clock reads `when` (moving on as time passes), so what
    they write (a status change, a decision, a claim event, a message) is dated as if it had
    happened then, and their rules are checked as they stood then. Demo data only: it sets
    django.utils.timezone.now, and the default of every field that defaults to it, for the
    length of the block, on this single-threaded command."""
    started = _real_now()
    if when >= started:
        yield
        return

    def clock():
        return when + (_real_now() - started)

    fields = _stamped_fields()
    timezone.now = clock
    for field in fields:
        field.default = clock
        field.__dict__.pop("_get_default", None)
    try:
        yield
    finally:
        timezone.now = _real_now
        for field in fields:
            field.default = _real_now
            field.__dict__.pop("_get_default", None)


_STAMPED = []


def _stamped_fields():
    """Every model field stamped with "now" when a row is made (default=timezone.now)."""
    if not _STAMPED:
        _STAMPED.extend(field for model in apps.get_models()
                        for field in model._meta.concrete_fields
                        if field.default is _real_now)
    return _STAMPED


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
            # Later day first, then earlier: a tuple, not a set, so the demo is the same in
            # every process (a set of dates is ordered by hash, which Python salts per run).
            for candidate in dict.fromkeys((day + timedelta(days=distance),
                                            day - timedelta(days=distance))):
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
