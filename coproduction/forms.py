"""What every room's forms share."""

import datetime

from crispy_forms_gds import fields as gds_fields
from crispy_forms_gds import widgets as gds_widgets
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator


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

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y")


class DateInputWidget(gds_widgets.DateInputWidget):
    """GOV.UK's date input. A date sent as one value (`?from=2026-04-06` in a link someone
    shared, or an older form) is read too, so no address stops working."""

    def value_from_datadict(self, data, files, name):
        if f"{name}_0" not in data and data.get(name):
            typed = str(data.get(name)).strip()
            for date_format in DATE_FORMATS:
                try:
                    found = datetime.datetime.strptime(typed, date_format).date()
                except ValueError:
                    continue
                return [str(found.day), str(found.month), str(found.year)]
            return [typed, "", ""]
        return super().value_from_datadict(data, files, name)


class DateField(gds_fields.DateInputField):
    """Every date people type, one way: day, month and year boxes, with messages in plain
    English that say what to do. Gives a `datetime.date` (or None when not required)."""

    widget = DateInputWidget

    def __init__(self, *, example: str = "27 3 2026", error_messages=None, **kwargs):
        kwargs.pop("max_length", None)  # (from a model's CharField-like defaults)
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
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        if not 1900 <= found.year <= 2100:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return found
