from django import template
from django.forms import BaseForm, BaseFormSet, CheckboxSelectMultiple, RadioSelect

register = template.Library()


@register.filter
def error_target(field):
    """The id the error summary links to: the field, or its first option for radios and
    checkboxes (crispy-forms-gds numbers options from 1)."""
    if isinstance(field.field.widget, (RadioSelect, CheckboxSelectMultiple)):
        return f"{field.auto_id}_1"
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
