"""What every room's forms share."""

from django.core.exceptions import ValidationError


def add_service_error(form, error: ValidationError, *, field: str | None = None) -> None:
    """Puts a service's ValidationError on the form the GOV.UK way: by the field it names
    (when the form has that field), otherwise on `field`, or at the top of the form. The page
    then shows it in the error summary and keeps what was typed."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else field, errors)
    else:
        form.add_error(field, error.messages)
