"""The plain-language check staff see as they write public text.

Three rules, the same in static/js/plain-language.js (which runs them live as people type):

- long sentence: more than settings.PLAIN_LANGUAGE_MAX_WORDS words. A sentence ends at . ! or ?
  followed by a space, or at a line break (each bullet or line is read on its own);
- jargon: a term from the glossary admins keep (GlossaryTerm), whole words, any case, with
  the usual endings (stakeholder, stakeholders; facilitate, facilitated, facilitating;
  synergy, synergies);
- acronym: 2 to 6 capital letters (an 's' may follow: GPs) that are not in
  settings.PLAIN_LANGUAGE_ALLOWED_ACRONYMS and that the text never explains in brackets,
  either "Care Quality Commission (CQC)" or "CQC (Care Quality Commission)".

The check only advises: it never stops anything being saved. Forms opt in with
PlainLanguageFields; views call remember() after saving, and the page they land on shows the
findings once ({% plain_language_report %}).
"""

import re
from dataclasses import dataclass

from django.conf import settings

DEFAULT_MAX_WORDS = 25
DEFAULT_ALLOWED_ACRONYMS = ("UK", "NHS", "BSL", "PDF", "OK", "GP", "TV", "ID", "AM", "PM")

LONG_SENTENCE = "long_sentence"
JARGON = "jargon"
ACRONYM = "acronym"

SESSION_KEY = "plain_language_findings"

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
_WORD = re.compile(r"[A-Za-z0-9£$%]+(?:['’.-][A-Za-z0-9]+)*")
_ACRONYM = re.compile(r"\b([A-Z]{2,6})s?\b")


@dataclass(frozen=True)
class Finding:
    kind: str  # LONG_SENTENCE, JARGON or ACRONYM
    words: tuple  # what was found: the sentence, the jargon as written, or the acronym
    suggestion: str

    def as_dict(self):
        return {"kind": self.kind, "words": list(self.words), "suggestion": self.suggestion}


def max_words():
    return getattr(settings, "PLAIN_LANGUAGE_MAX_WORDS", DEFAULT_MAX_WORDS)


def allowed_acronyms():
    return {a.upper() for a in getattr(settings, "PLAIN_LANGUAGE_ALLOWED_ACRONYMS",
                                       DEFAULT_ALLOWED_ACRONYMS)}


def load_glossary():
    """[(term, plainer)] from the database, in one query."""
    from coproduction.models import GlossaryTerm

    return list(GlossaryTerm.objects.order_by("term").values_list("term", "plainer"))


EASY_READ_MAX_WORDS = 15


def check_plain_language(text, *, glossary=None, limit=None):
    """Findings for one piece of text, in the order: long sentences, jargon, acronyms.

    glossary: [(term, plainer)]; when not given it is read from the database (one query).
    Pass it in when checking several fields at once. limit: the most words in a sentence
    (settings.PLAIN_LANGUAGE_MAX_WORDS unless given; easy read uses EASY_READ_MAX_WORDS).
    """
    text = text or ""
    if not text.strip():
        return []
    if glossary is None:
        glossary = load_glossary()
    return [*_long_sentences(text, limit), *_jargon(text, glossary),
            *_acronyms(text, glossary)]


def check_easy_read(text, *, glossary=None):
    """The stricter easy-read mode: sentences of at most 15 words, one idea each."""
    return check_plain_language(text, glossary=glossary, limit=EASY_READ_MAX_WORDS)


def sentences(text):
    return [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]


def _long_sentences(text, limit=None):
    limit = limit or max_words()
    found = []
    for sentence in sentences(text):
        count = len(_WORD.findall(sentence))
        if count > limit:
            found.append(Finding(
                LONG_SENTENCE, (sentence,),
                f"This sentence has {count} words. Try splitting it into shorter sentences "
                f"of {limit} words or fewer, with one idea in each."))
    return found


def term_pattern(term):
    """A regular expression for a glossary term: whole words, any case, a space or a hyphen
    between words, and the usual endings on the last word."""
    words = re.split(r"[\s-]+", term.strip().lower())
    last = words[-1]
    if last.endswith("e"):
        ending = re.escape(last[:-1]) + r"(?:e|es|ed|ing|er|ers)"
    elif re.search(r"[^aeiou]y$", last):
        ending = re.escape(last[:-1]) + r"(?:y|ies|ied|ying)"
    else:
        ending = re.escape(last) + r"(?:s|es|ed|ing)?"
    body = r"[\s-]+".join([*(re.escape(word) for word in words[:-1]), ending])
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


def _jargon(text, glossary):
    found = []
    for term, plainer in glossary:
        if not term.strip():
            continue
        matches = list(dict.fromkeys(m.group(0) for m in term_pattern(term).finditer(text)))
        if matches:
            found.append(Finding(JARGON, tuple(matches),
                                 f"Try: {plainer}."))
    return found


def explained_acronyms(text):
    """Acronyms the text explains in brackets, either way round."""
    explained = set()
    for match in re.finditer(r"\(\s*([A-Z]{2,6})s?\s*\)", text):
        before = text[:match.start()].split()
        if len(before) >= 2:  # words before the brackets: "Care Quality Commission (CQC)"
            explained.add(match.group(1))
    for match in re.finditer(r"\b([A-Z]{2,6})s?\s*\(\s*([^)]*[a-z][^)]*)\)", text):
        if len(match.group(2).split()) >= 2:  # "CQC (Care Quality Commission)"
            explained.add(match.group(1))
    return explained


def _acronyms(text, glossary):
    allowed = allowed_acronyms() | {term.strip().upper() for term, _ in glossary}
    explained = explained_acronyms(text)
    seen = []
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        if acronym not in allowed and acronym not in explained and acronym not in seen:
            seen.append(acronym)
    return [Finding(ACRONYM, (acronym,),
                    f"Say what {acronym} stands for the first time you use it, for example "
                    f"“Care Quality Commission (CQC)”, or use the words instead.")
            for acronym in seen]


# --- Forms, views and pages --------------------------------------------------------------


class PlainLanguageFields:
    """For a form whose fields are public text: plain_language_fields names them. Marks their
    widgets for the live check, and checks what was typed."""

    plain_language_fields = ()
    plain_language_max_words = None  # EASY_READ_MAX_WORDS for easy-read text

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.plain_language_fields:
            self.fields[name].widget.attrs["data-plain-language"] = "true"
            if self.plain_language_max_words:
                self.fields[name].widget.attrs["data-plain-language-max-words"] = str(
                    self.plain_language_max_words)

    def plain_language_applies(self):
        """Whether the text is public, so the check matters (an update may be private)."""
        return True

    def plain_language_report(self, glossary=None):
        """[{"label", "findings": [dict]}] for each marked field with findings, from what was
        submitted; empty for an unbound form."""
        if not self.is_bound or not self.plain_language_applies():
            return []
        if glossary is None:
            glossary = load_glossary()
        report = []
        for name in self.plain_language_fields:
            text = self[name].value()
            findings = check_plain_language(str(text or ""), glossary=glossary,
                                            limit=self.plain_language_max_words)
            if findings:
                label = str(self.fields[name].label or name)
                report.append({"label": label[:1].upper() + label[1:],
                               "findings": [finding.as_dict() for finding in findings]})
        return report


def remember(request, form, url):
    """After a save: keep the form's findings for the page at url to show once."""
    report = form.plain_language_report()
    if report:
        request.session[SESSION_KEY] = {"url": str(url), "fields": report}
    else:
        request.session.pop(SESSION_KEY, None)


def take_report(request):
    """The findings remembered for this page, once; [] if there are none."""
    session = getattr(request, "session", None)
    if session is None or SESSION_KEY not in session:
        return []
    stored = session[SESSION_KEY]
    if stored.get("url") != request.path:
        return []
    del session[SESSION_KEY]
    return stored.get("fields", [])


def live_config(glossary):
    """What the live check in the browser needs, for a data attribute."""
    return {"maxWords": max_words(), "allowed": sorted(allowed_acronyms()),
            "glossary": [[term, plainer] for term, plainer in glossary]}
