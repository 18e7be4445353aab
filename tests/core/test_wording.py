"""allauth's pages, messages and emails in our plain-English, sentence-case wording."""

import ast
import gettext
import re
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import translation

from tests.site_checks import client_as

LOCALE = Path(settings.BASE_DIR) / "locale" / "en_GB" / "LC_MESSAGES"


def po_entries(text):
    """{(msgctxt, msgid): msgstr or [plural forms]} from a .po file (our own, simple one)."""
    found = {}
    for block in text.split("\n\n"):
        fields, key = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (".*")$', line)
            if match:
                key = match.group(1)
                fields[key] = [match.group(2)]
            elif line.startswith('"') and key:
                fields[key].append(line)
        if fields.get("msgid", ['""']) != ['""']:  # not the header
            text_of = {k: "".join(ast.literal_eval(p) for p in v) for k, v in fields.items()}
            strs = [text_of[k] for k in sorted(text_of) if k.startswith("msgstr[")]
            found[(text_of.get("msgctxt"), text_of["msgid"])] = strs or text_of["msgstr"]
    return found


def test_the_compiled_catalogue_says_what_the_po_file_says():
    entries = po_entries((LOCALE / "django.po").read_text(encoding="utf-8"))
    assert len(entries) > 150
    with open(LOCALE / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for (context, msgid), msgstr in entries.items():
        if isinstance(msgstr, list):
            got = [compiled.npgettext(context, msgid, msgid, n) if context
                   else compiled.ngettext(msgid, msgid, n) for n in (1, 2)]
        else:
            got = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        if got != msgstr:
            stale.append(msgid)
    assert not stale, f"Run `make messages`: django.mo is older than django.po for {stale[:3]}"
    # Nothing in the .mo that the .po no longer has (a removed entry left compiled).
    assert len(compiled._catalog) - 1 == sum(  # the header is one entry
        len(v) if isinstance(v, list) else 1 for v in entries.values())


def test_every_translation_keeps_the_placeholders_of_its_msgid():
    for (_, msgid), msgstr in po_entries(
            (LOCALE / "django.po").read_text(encoding="utf-8")).items():
        for form in msgstr if isinstance(msgstr, list) else [msgstr]:
            assert sorted(re.findall(r"%\(\w+\)s|%d|\{\w+\}", form)) == sorted(
                re.findall(r"%\(\w+\)s|%d|\{\w+\}", msgid)), msgid


def test_the_project_catalogue_is_the_one_in_use():
    with translation.override("en-gb"):
        assert translation.gettext("Sign In") == "Sign in"
        assert translation.gettext("Two-Factor Authentication") == "Second sign-in step"


def heading_and_title(html):
    h1 = re.search(r"<h1[^>]*>\s*(.*?)\s*</h1>", html, re.S).group(1)
    title = re.search(r"<title>\s*(.*?)\s*</title>", html, re.S).group(1)
    return h1, title


def test_the_sign_in_page_says_sign_in_and_explains_both_ways(db):
    html = Client().get("/accounts/login/").content.decode()
    h1, title = heading_and_title(html)
    assert h1 == "Sign in"
    assert title.startswith("Sign in – ")
    assert ">Sign in</button>" in re.sub(r"\s+", " ", html).replace("> ", ">").replace(" <", "<")
    assert "Sign In" not in html and "Remember Me" not in html
    assert "with your email address and password" in html
    assert "with a code we email to you" in html
    assert 'href="/accounts/login/code/"' in html


def test_the_sign_up_page_explains_why_we_ask_for_an_email_address(db):
    html = Client().get("/accounts/signup/").content.decode()
    h1, title = heading_and_title(html)
    assert h1 == "Create an account"
    assert title.startswith("Create an account – ")
    assert "Why we ask for your email address" in html
    assert "You use your email address to sign in." in html
    assert "Sign Up" not in html and "Signup" not in html


def test_the_authenticator_set_up_page_explains_what_it_is_and_why_staff_need_one(people):
    client = client_as(people.member, reauthenticated=True)
    html = client.get("/accounts/2fa/totp/activate/").content.decode()
    h1, _ = heading_and_title(html)
    assert h1 == "Set up an authenticator app"
    assert "What an authenticator app is" in html
    assert "Why staff need one" in html
    assert "Activate Authenticator App" not in html
    # The QR code says what it is, not the secret itself.
    assert re.search(r'<img src="data:image/svg\+xml[^"]*" alt="QR code for your authenticator',
                     html)


def test_the_account_page_links_to_every_account_setting(people):
    html = client_as(people.member).get("/accounts/email/").content.decode()
    assert heading_and_title(html)[0] == "Your account"
    for url in ("/accounts/password/change/", "/accounts/2fa/", "/profile/", "/my-data/"):
        assert f'href="{url}"' in html


def test_messages_and_emails_are_in_plain_words(people):
    client = Client()
    response = client.post("/accounts/login/", {"login": people.member.email,
                                                "password": "wrong-password"})
    assert "The email address or password is not right." in response.content.decode()
    client.post("/accounts/login/code/", {"email": people.member.email})
    assert mail.outbox[-1].subject == "Your sign-in code"
    assert "Type it into the page you have open." in mail.outbox[-1].body


def test_django_form_messages_are_in_plain_english(db):
    from django import forms

    class HoursForm(forms.Form):
        hours = forms.DecimalField(min_value=0, max_digits=4, decimal_places=1)
        when = forms.DateField()
        why = forms.CharField(max_length=5)
        choice = forms.ChoiceField(choices=[("a", "A")])

    with translation.override("en-gb"):
        form = HoursForm(data={"hours": "-1", "when": "31/02/2026", "why": "too long",
                               "choice": "b"})
        errors = {name: str(error[0]) for name, error in form.errors.items()}
        assert errors == {
            "hours": "Enter a number that is 0 or more.",
            "when": "Enter a real date, like 27 3 2026.",
            "why": "Use 5 characters or fewer (you used 8).",
            "choice": "b is not one of the options. Choose one of the options shown.",
        }
        assert HoursForm(data={})["hours"].errors == ["Answer this question."]
