from django import template

from coproduction.money import format_pounds

register = template.Library()


@register.filter
def pounds(value):
    """£1,234.50: always pounds and pence."""
    return format_pounds(value)
