"""The words of each message by channel: the email, a short text message (at most two text
message parts where possible), the letter and what staff say on the phone."""

import re

from django.conf import settings
from django.template.loader import render_to_string

from coproduction.context_processors import branding

# Two text message parts: 2 x 153 characters of the GSM alphabet. One character outside it
# (a curly quote, an em dash) makes every part hold 67 characters and the message cost more.
SMS_LIMIT = 306
_GSM_FRIENDLY = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                 "\u2014": "-", "\u2026": "...", "\u00a0": " ", "\u2022": "-", "\u00b7": "-"}


def gsm_friendly(text: str) -> str:
    for character, plain in _GSM_FRIENDLY.items():
        text = text.replace(character, plain)
    return text


def link(url: str) -> str:
    if not url:
        return ""
    return url if url.startswith("http") else settings.SITE_URL + url


def _sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if part]


def sms_text(*, subject: str, body: str, url: str = "") -> str:
    """The short version: the subject, as many whole sentences of the body as fit, and the
    link; within two text message parts unless the subject and link alone are longer."""
    subject = gsm_friendly(subject.strip().rstrip("."))
    tail = f" More: {link(url)}" if url else f" Questions? Call {settings.COUNCIL_PHONE}."
    text = f"{subject}."
    for sentence in _sentences(gsm_friendly(body)):
        if len(text) + 1 + len(sentence) + len(tail) > SMS_LIMIT:
            if text == f"{subject}.":  # not even one sentence fits: cut it at a word
                room = SMS_LIMIT - len(text) - len(tail) - 4
                if room > 20:
                    text += " " + sentence[:room].rsplit(" ", 1)[0] + "..."
            break
        text += " " + sentence
    return text + tail


def email_text(*, name: str, subject: str, body: str, url: str = "") -> str:
    return render_to_string("people/email/notification.txt", {
        **branding(), "name": name,
        "notification": {"subject": subject, "body": body, "url": url}})


def phone_script(*, name: str, subject: str, body: str, url: str = "") -> str:
    """What staff say on the phone, in plain words."""
    lines = [f"Say hello to {name or 'them'} and say you are calling from "
             f"{settings.COUNCIL_NAME} about: {subject}.", "", "Tell them:", body.strip()]
    if url:
        lines += ["", f"If they use the internet, the details are at {link(url)}"]
    lines += ["", "Ask if they have any questions, and if they need anything to take part."]
    return "\n".join(lines)


def letter_context(*, name: str, address: str, subject: str, body: str, url: str = "",
                   sent_on=None) -> dict:
    return {"name": name, "address_lines": [line.strip() for line in address.splitlines()
                                            if line.strip()][:7],
            "subject": subject, "paragraphs": [p.strip() for p in body.split("\n\n")
                                               if p.strip()],
            "link": link(url), "sent_on": sent_on}


def letter_pdf(*, version: str, **context) -> bytes:
    """A letter for GOV.UK Notify's precompiled letters, in the person's format."""
    from coproduction.documents import render_pdf

    return render_pdf("messaging/letter.html", letter_context(**context), version=version)
