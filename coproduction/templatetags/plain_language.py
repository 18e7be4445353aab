import json

from django import template

from coproduction import plain_language

register = template.Library()


@register.inclusion_tag("coproduction/plain_language_report.html", takes_context=True)
def plain_language_report(context):
    """On the page staff land on after saving: what the check found in what they wrote."""
    return {"fields": plain_language.take_report(context["request"]), "saved": True}


@register.inclusion_tag("coproduction/plain_language_form.html")
def plain_language_form(form):
    """On a form page: the settings and glossary for the live check, and, when the form comes
    back with errors, what the check found in what was typed."""
    if not getattr(form, "plain_language_fields", ()):
        return {}
    glossary = plain_language.load_glossary()
    return {"config": json.dumps(plain_language.live_config(glossary)),
            "fields": form.plain_language_report(glossary=glossary), "saved": False}
