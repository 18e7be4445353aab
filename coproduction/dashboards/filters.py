"""The filters every dashboard page shares: a date range, a topic and an area."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.utils import timezone

from people.models import Area, Topic

# By default the dashboards look back over eighteen months, so a trend has room to show.
DEFAULT_MONTHS = 18
LONGEST_YEARS = 10
DATE_INPUT = "govuk-input govuk-input--width-10"
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def first_of_month(day: date, months_back: int = 0) -> date:
    month = day.year * 12 + day.month - 1 - months_back
    return date(month // 12, month % 12 + 1, 1)


@dataclass(frozen=True)
class Filters:
    start: date
    end: date
    topic: Topic | None = None
    area: Area | None = None

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def ends_before(self) -> datetime:
        """The first moment after the range (ranges include their last day)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def months(self) -> list[date]:
        months, month = [], first_of_month(self.start)
        while month <= self.end:
            months.append(month)
            month = first_of_month(month, -1)
        return months

    def quarters(self) -> list[date]:
        return sorted({date(m.year, (m.month - 1) // 3 * 3 + 1, 1) for m in self.months()})

    def query(self) -> dict:
        """The filters as a query string's values, for links to CSV and print versions."""
        values = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.topic:
            values["topic"] = self.topic.pk
        if self.area:
            values["area"] = self.area.pk
        return values

    def describe(self) -> str:
        words = f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"
        if self.topic:
            words += f", topic: {self.topic.name}"
        if self.area:
            words += f", area: {self.area.name}"
        return words


def default_filters(today: date | None = None) -> Filters:
    today = today or timezone.localdate()
    return Filters(start=first_of_month(today, DEFAULT_MONTHS - 1), end=today)


class FilterForm(forms.Form):
    start = forms.DateField(label="From", required=False, help_text="For example, 2025-06-01",
                            widget=forms.DateInput(attrs={"class": DATE_INPUT}))
    end = forms.DateField(label="To", required=False, help_text="For example, 2026-11-30",
                          widget=forms.DateInput(attrs={"class": DATE_INPUT}))
    topic = forms.ModelChoiceField(Topic.objects.order_by("name"), required=False,
                                   empty_label="All topics")
    area = forms.ModelChoiceField(Area.objects.order_by("name"), required=False,
                                  empty_label="All areas")

    def _in_range(self, name):
        day = self.cleaned_data.get(name)
        if day and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(
                f"Enter a date between {EARLIEST.year} and {LATEST.year}.")
        return day

    def clean_start(self):
        return self._in_range("start")

    def clean_end(self):
        return self._in_range("end")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The 'to' date must be on or after the 'from' date.")
        elif start and end and (end - start).days > LONGEST_YEARS * 366:
            self.add_error("start", f"Choose dates at most {LONGEST_YEARS} years apart.")
        return cleaned

    def filters(self) -> Filters:
        """The chosen filters; the defaults where nothing (or nothing valid) was chosen."""
        default = default_filters()
        if not self.is_valid():
            return default
        data = self.cleaned_data
        start, end = data["start"] or default.start, data["end"] or default.end
        return Filters(start=min(start, end), end=end, topic=data["topic"], area=data["area"])


def filters_from(params) -> tuple[FilterForm, Filters]:
    """The form (showing what is in force) and the filters from a page's query string."""
    if any(params.get(name) for name in FilterForm.base_fields):
        form = FilterForm(params)
        return form, form.filters()
    chosen = default_filters()
    return FilterForm(initial={"start": chosen.start, "end": chosen.end}), chosen
