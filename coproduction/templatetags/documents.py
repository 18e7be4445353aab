"""Tags for printed documents (templates extending documents/base_print.html)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def easy_read_picture(name: str):
    """One of the openly licensed pictograms (listening.pictograms, the set staff pick from
    for reports) for the left of an easy-read point, with its alt text. The path is under
    static/, the only place the PDF renderer may read."""
    from listening import pictograms

    picture = pictograms.get(name)
    return format_html('<img src="{}" alt="{}" width="96" height="96">', picture.path,
                       picture.alt)


@register.inclusion_tag("includes/document_formats.html", takes_context=True)
def document_format_links(context, url: str, label: str):
    """Links to a document in each printed format, the reader's own first (from their
    profile, people.selectors.document_format_for), so that anyone can pick another without
    JavaScript. `label` says what it is, for example "your certificate"."""
    from coproduction.documents import DocumentFormat
    from people.selectors import document_format_for

    request = context.get("request")
    chosen = document_format_for(request.user) if request is not None else ""
    links = [{"url": f"{url}?format={value}", "name": name, "yours": value == chosen}
             for value, name in DocumentFormat.choices]
    links.sort(key=lambda link: not link["yours"])
    return {"links": links, "label": label}
