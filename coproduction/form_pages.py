from django.shortcuts import render


def form_page(request, form, *, title, button, back, back_text, intro="", caption="",
              extra=None, template="coproduction/form_page.html", multipart=False):
    """The one page shape for a staff or member form: a back link, an optional caption (what the
    form is about), the heading, the form with GOV.UK errors, and the plain-language check."""
    return render(request, template, {
        "form": form, "title": title, "button": button, "back": back, "back_text": back_text,
        "intro": intro, "caption": caption, "multipart": multipart, **(extra or {})})
