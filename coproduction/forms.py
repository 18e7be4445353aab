"""What every room's forms share."""

import datetime
import re

from crispy_forms_gds import fields as gds_fields
from crispy_forms_gds import widgets as gds_widgets
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils import timezone


def add_service_error(form, error: ValidationError, *, field: str | None = None) -> None:
    """Puts a service's ValidationError on the form the GOV.UK way: by the field it names
    (when the form has that field), otherwise on `field`, or at the top of the form. The page
    then shows it in the error summary and keeps what was typed."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else field, errors)
    else:
        form.add_error(field, error.messages)


# --- The one date input: GOV.UK's day, month and year boxes -----------------------------------

class DateInputWidget(gds_widgets.DateInputWidget):
    """GOV.UK's date input. A date sent as one value (`?from=2026-04-06` in a link someone
    shared, or an older form) is read too, so no address stops working."""

    def value_from_datadict(self, data, files, name):
        if f"{name}_0" not in data and data.get(name):
            return list(_day_month_year(str(data.get(name))))
        return super().value_from_datadict(data, files, name)

    def decompress(self, value):
        if isinstance(value, str):
            return _day_month_year(value)
        return super().decompress(value)


def _day_month_year(typed: str) -> tuple:
    """A date typed as one value, as (day, month, year) text: 2026-04-06, 6/4/2026, 6 4 2026.
    Three parts that make no real date stay as typed, so the form says so."""
    parts = [part for part in re.split(r"[\s/.-]+", typed.strip()) if part]
    if len(parts) != 3:
        return (typed.strip(), "", "") if typed.strip() else (None, None, None)
    if len(parts[0]) == 4:  # year first (ISO)
        parts = [parts[2], parts[1], parts[0]]
    return tuple(parts)


class DateField(gds_fields.DateInputField):
    """Every date people type, one way: day, month and year boxes, with messages in plain
    English that say what to do. Gives a `datetime.date` (or None when not required)."""

    widget = DateInputWidget

    def __init__(self, *, example: str = "27 3 2026", error_messages=None, **kwargs):
        super().__init__(**kwargs)
        self.example = example
        self.error_messages = {
            **self.error_messages,
            "required": f"Enter the date, for example {example}",
            "incomplete": f"Enter the day, month and year, for example {example}",
            "invalid": f"Enter a real date, for example {example}",
            **(error_messages or {}),
        }
        for part, field in zip(("day", "month", "year"), self.fields, strict=True):
            field.error_messages["incomplete"] = f"Enter the {part}"
            field.validators = [RegexValidator(r"^\s*[0-9]+\s*$", f"Enter the {part} as a number")]

    def compress(self, data_list):
        day, month, year = (str(part or "").strip() for part in data_list)
        if not (day and month and year):
            return None
        try:
            found = datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as error:  # 31 2 2147483648: too big for C
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if not 1900 <= found.year <= 2100:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return found


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DayAndTimes(forms.Form):
    """A meeting or event on one day: the one date input, a start and an end time, turned into
    the instance's `starts_at` and `ends_at` (in the council's time zone)."""

    date = DateField(label="Date", help_text="For example, 14 10 2026", example="14 10 2026")
    start_time = forms.TimeField(label="Start time", widget=TimeInput(),
                                 help_text="For example, 10:00",
                                 error_messages={"required": "Enter the start time, for "
                                                             "example 10:00",
                                                 "invalid": "Enter a real time, for example "
                                                            "10:00"})
    end_time = forms.TimeField(label="End time", widget=TimeInput(),
                               help_text="For example, 12:30",
                               error_messages={"required": "Enter the end time, for example "
                                                           "12:30",
                                               "invalid": "Enter a real time, for example "
                                                          "12:30"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and instance.starts_at:
            starts = timezone.localtime(instance.starts_at)
            self.initial.update(date=starts.date(), start_time=starts.time(),
                                end_time=timezone.localtime(instance.ends_at).time())

    def clean(self):
        cleaned = super().clean()
        day, start, end = (cleaned.get("date"), cleaned.get("start_time"),
                           cleaned.get("end_time"))
        if day and start and end:
            if end <= start:
                self.add_error("end_time", "The end time must be after the start time.")
            else:
                zone = timezone.get_current_timezone()
                self.instance.starts_at = timezone.make_aware(
                    datetime.datetime.combine(day, start), zone)
                self.instance.ends_at = timezone.make_aware(
                    datetime.datetime.combine(day, end), zone)
        return cleaned


class DocumentFormatField(forms.ChoiceField):
    """Which printed format a document comes in (coproduction.documents.DocumentFormat), as
    radios, with the reader's own format chosen already (the form's initial value)."""

    def __init__(self, **kwargs):
        from coproduction.documents import DocumentFormat

        kwargs.setdefault("label", "Which format do you want?")
        kwargs.setdefault("help_text", "Large print is 18 point. Easy read has short "
                                       "sentences and pictures.")
        super().__init__(choices=DocumentFormat.choices, widget=forms.RadioSelect,
                         error_messages={"required": "Choose a format",
                                         "invalid_choice": "Choose a format from the list"},
                         **kwargs)


class _RecentIterator(ModelChoiceIterator):
    """Works out the rows to show when the drop-down is drawn (the chosen one is known then)."""

    def _shown(self):
        field = self.field
        shown = Q(pk__in=field.queryset.values("pk")[:field.shown])
        if field.chosen is not None:
            shown |= Q(pk=field.chosen)
        return field.queryset.filter(shown)

    def __iter__(self):
        self.queryset = self._shown()
        yield from super().__iter__()

    def __len__(self):
        return self._shown().count() + (self.field.empty_label is not None)


class RecentChoiceField(forms.ModelChoiceField):
    """A drop-down of the first `shown` rows of its queryset (the most recent events, say),
    plus the one already chosen, that still accepts any row of the queryset: a list of
    choices that does not grow with the data (issue 13). Order the queryset newest first."""

    iterator = _RecentIterator

    def __init__(self, queryset, *, shown=100, **kwargs):
        self.shown, self.chosen = shown, None
        super().__init__(queryset, **kwargs)

    def get_bound_field(self, form, field_name):
        bound = super().get_bound_field(form, field_name)
        value = bound.value()
        self.chosen = int(value) if str(value or "").isdigit() else None
        return bound
