from django import template
from django.forms import CheckboxSelectMultiple, RadioSelect

register = template.Library()


@register.filter
def error_target(field):
    """The id the error summary links to: the field, or its first option for radios and
    checkboxes (crispy-forms-gds numbers options from 1)."""
    if isinstance(field.field.widget, (RadioSelect, CheckboxSelectMultiple)):
        return f"{field.auto_id}_1"
    return field.auto_id
