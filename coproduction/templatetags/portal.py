import datetime

from django import template
from django.forms import BaseForm, BaseFormSet, CheckboxSelectMultiple, MultiWidget, RadioSelect
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.html import format_html_join

from coproduction.money import Money, format_pounds

register = template.Library()


@register.filter
def error_target(field):
    """The id the error summary links to: the field, or its first option for radios and
    checkboxes (crispy-forms-gds numbers options from 1)."""
    if isinstance(field.field.widget, (RadioSelect, CheckboxSelectMultiple)):
        return f"{field.auto_id}_1"
    if isinstance(field.field.widget, MultiWidget):  # the date input: its day box
        return f"{field.auto_id}_0"
    return field.auto_id


@register.simple_tag(takes_context=True)
def forms_with_errors(context):
    """Every form on the page that has errors, whatever the view named it (and the forms of a
    formset), so the error summary and the "Error:" title never miss one."""
    found = []
    for value in context.flatten().values():
        forms = value.forms if isinstance(value, BaseFormSet) else [value]
        for form in forms:
            if isinstance(form, BaseForm) and form.is_bound and form.errors and form not in found:
                found.append(form)
        if isinstance(value, BaseFormSet) and value.is_bound and value.non_form_errors():
            found.append(value)
    return found


@register.filter
def record_key(key):
    """A record's key as a label: "what you would bring" → "What you would bring"."""
    text = str(key).replace("_", " ")
    return text[:1].upper() + text[1:]


@register.filter
def record_value(value):
    """A plain value from a data record, as people read it: dates in words, money in pounds
    and pence (coproduction.money.Money), yes or no, a dash for none."""
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if value is None or value == "":
        return "–"
    if isinstance(value, datetime.datetime):
        return format_date(timezone.localtime(value) if timezone.is_aware(value) else value,
                           "j F Y, g:i a")
    if isinstance(value, datetime.date):
        return format_date(value, "j F Y")
    if isinstance(value, Money):
        return format_pounds(value)
    return linebreaksbr(value, autoescape=True)


SUMMARY_ROW = ('<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{}</dt>'
               '<dd class="govuk-summary-list__value">{}</dd></div>')


@register.filter
def record_rows(record):
    """A data record's rows of a GOV.UK summary list (escaped as the template would), made
    here rather than by a template loop: "download my data" runs to a thousand rows for a
    busy member, and the loop was most of the page's time (issue 13)."""
    return format_html_join("", SUMMARY_ROW, ((record_key(key), record_value(value))
                                              for key, value in record.items()))
