"""The plain-language check: its three rules, the glossary admins keep, the same rules in the
browser, and what staff see after saving public text on projects and listening events."""

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from coproduction.models import GlossaryTerm
from coproduction.plain_language import (
    ACRONYM,
    JARGON,
    LONG_SENTENCE,
    check_plain_language,
    live_config,
    sentences,
)
from listening.models import Commitment, Event, EventKind
from projects.models import Project, Update
from tests.site_rules.projects import make_project

GLOSSARY = [("stakeholder", "people with an interest"), ("service user", "person"),
            ("synergy", "working well together"),
            ("person-centred", "built around the person"), ("facilitate", "help"),
            ("outcomes", "what changed")]


def kinds(findings):
    return [finding.kind for finding in findings]


def words(n, word="word"):
    return " ".join([word] * n)


# --- Long sentences ----------------------------------------------------------------------

def test_sentence_of_exactly_the_limit_is_fine_one_more_is_long(settings):
    settings.PLAIN_LANGUAGE_MAX_WORDS = 25
    assert check_plain_language(words(25) + ".", glossary=[]) == []
    [finding] = check_plain_language(words(26) + ".", glossary=[])
    assert finding.kind == LONG_SENTENCE
    assert "26 words" in finding.suggestion and "25 words or fewer" in finding.suggestion


def test_limit_comes_from_the_setting(settings):
    settings.PLAIN_LANGUAGE_MAX_WORDS = 10
    assert kinds(check_plain_language(words(11), glossary=[])) == [LONG_SENTENCE]
    assert check_plain_language(words(10), glossary=[]) == []


def test_each_sentence_and_each_line_is_counted_on_its_own():
    text = f"{words(20)}. {words(20)}! {words(20)}?\n{words(20)}\n- {words(20)}"
    assert check_plain_language(text, glossary=[]) == []
    assert len(sentences(text)) == 5
    long_one = f"Short one. {words(30, 'long')}. Another short one."
    [finding] = check_plain_language(long_one, glossary=[])
    assert finding.words == (words(30, "long") + ".",)


def test_hyphenated_words_and_numbers_count_once_each():
    start = "A person-centred plan for 2026, costing £1.50 each: "  # 8 words
    assert check_plain_language(start + words(17), glossary=[]) == []
    assert kinds(check_plain_language(start + words(18), glossary=[])) == [LONG_SENTENCE]


# --- Jargon ------------------------------------------------------------------------------

def test_jargon_any_case_with_usual_endings_on_word_boundaries():
    [finding] = check_plain_language(
        "We met Stakeholders and one STAKEHOLDER, then stakeholder groups.", glossary=GLOSSARY)
    assert finding.kind == JARGON
    assert finding.words == ("Stakeholders", "STAKEHOLDER", "stakeholder")
    assert "people with an interest" in finding.suggestion
    # Inside another word is not a match.
    assert check_plain_language("The multistakeholderism debate.", glossary=GLOSSARY) == []


def test_jargon_phrases_with_spaces_or_hyphens_and_verb_endings():
    found = check_plain_language(
        "Service-users get person centred care. We facilitated it and are facilitating more.",
        glossary=GLOSSARY)
    assert [(f.kind, f.words) for f in found] == [
        (JARGON, ("Service-users",)), (JARGON, ("person centred",)),
        (JARGON, ("facilitated", "facilitating"))]


def test_plain_text_has_no_findings():
    text = "We want to hear from people who get help at home. Come and tell us what works."
    assert check_plain_language(text, glossary=GLOSSARY) == []
    assert check_plain_language("", glossary=GLOSSARY) == []
    assert check_plain_language("   \n ", glossary=GLOSSARY) == []


@pytest.mark.django_db
def test_glossary_comes_from_the_database_in_one_query(django_assert_num_queries):
    GlossaryTerm.objects.update_or_create(term="holistic",
                                          defaults={"plainer": "the whole of your life"})
    GlossaryTerm.objects.create(term="synergy", plainer="working well together")
    with django_assert_num_queries(1):
        found = check_plain_language("A holistic plan with real synergies and outcomes.")
    jargon = {f.words for f in found if f.kind == JARGON}
    assert {("holistic",), ("synergies",), ("outcomes",)} <= jargon  # outcomes: starter list
    GlossaryTerm.objects.filter(term="synergy").delete()
    assert ("synergies",) not in {f.words for f in check_plain_language("synergies")}


@pytest.mark.django_db
def test_starter_glossary_is_there_after_migrating():
    terms = set(GlossaryTerm.objects.values_list("term", flat=True))
    assert {"co-production", "commissioning", "stakeholder", "service user", "signpost",
            "outcomes", "holistic", "person-centred", "capacity", "leverage", "facilitate",
            "utilise"} <= terms


# --- Acronyms ----------------------------------------------------------------------------

def test_unexplained_acronyms_are_found_once_each_in_order():
    found = check_plain_language("The CQC visit. ASC staff and the CQC again. ESA too.",
                                 glossary=[])
    assert [(f.kind, f.words) for f in found] == [
        (ACRONYM, ("CQC",)), (ACRONYM, ("ASC",)), (ACRONYM, ("ESA",))]


def test_acronym_length_boundaries_and_plurals():
    found = check_plain_language("A GPs AB ABCDEF ABCDEFG Xy I", glossary=[])
    # One letter and seven letters are not acronyms; GP is allowed (GPs is its plural).
    assert [f.words for f in found] == [("AB",), ("ABCDEF",)]


def test_allowed_acronyms_come_from_the_setting(settings):
    text = "Ask the NHS for a PDF in BSL. The UK is OK. CQC."
    assert [f.words for f in check_plain_language(text, glossary=[])] == [("CQC",)]
    settings.PLAIN_LANGUAGE_ALLOWED_ACRONYMS = ["CQC"]
    assert [f.words for f in check_plain_language(text, glossary=[])] == [
        ("NHS",), ("PDF",), ("BSL",), ("UK",), ("OK",)]


def test_acronym_explained_in_brackets_either_way_round_is_fine():
    text = ("The Care Quality Commission (CQC) checks homes. ESA (Employment and Support "
            "Allowance) is a benefit. Later the CQC and ESA come back. But DWP does not.")
    assert [f.words for f in check_plain_language(text, glossary=[])] == [("DWP",)]
    # Brackets that do not explain it do not count.
    assert [f.words for f in check_plain_language("(CQC)", glossary=[])] == [("CQC",)]
    assert [f.words for f in check_plain_language("See CQC (2024).", glossary=[])] == [
        ("CQC",)]


def test_acronym_in_the_glossary_is_reported_once_as_jargon():
    found = check_plain_language("ASC will call.", glossary=[("ASC", "Adult Social Care")])
    assert [(f.kind, f.words) for f in found] == [(JARGON, ("ASC",))]


# --- The same rules in the browser -------------------------------------------------------

CASES = [
    words(25) + ".", words(26) + ".",
    f"Short one. {words(30, 'long')}. Another short one.\n{words(26)}",
    "We met Stakeholders and one STAKEHOLDER, then stakeholder groups.",
    "Service-users get person centred care. We facilitated it and are facilitating more.",
    "The multistakeholderism debate.",
    "Synergies, synergy and capacities.",
    "The CQC visit. ASC staff and the CQC again. ESA too. A GPs AB ABCDEF ABCDEFG",
    "The Care Quality Commission (CQC) checks homes. ESA (Employment and Support "
    "Allowance) is a benefit. But DWP does not. (ABC) See XYZ (2024).",
    "“Quoted sentence ends here.” " + words(24) + " the end.",
]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
@pytest.mark.parametrize("text", CASES)
def test_browser_rules_find_what_the_server_finds(text, settings):
    settings.PLAIN_LANGUAGE_MAX_WORDS = 25
    config = live_config(GLOSSARY)
    script = Path(settings.BASE_DIR, "static/js/plain-language.js")
    program = (f"const pl = require({json.dumps(str(script))});"
               "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
               "console.log(JSON.stringify(pl.check(input.text, input.config)));")
    result = subprocess.run(["node", "-e", program], check=True, capture_output=True,
                            text=True, input=json.dumps({"text": text, "config": config}))
    in_browser = json.loads(result.stdout)
    on_server = [f.as_dict() for f in check_plain_language(text, glossary=GLOSSARY)]
    assert in_browser == on_server


# --- What staff see ----------------------------------------------------------------------

JARGON_SUMMARY = "We will facilitate a holistic review with stakeholders and the CQC."


def _project_form(staff, **extra):
    data = {
        "title": "Better home care", "summary": JARGON_SUMMARY,
        "problem": "Visits are rushed.", "aims": "Visits at times that suit people.",
        "in_scope": "Visit times.", "out_of_scope": "The home care budget.",
        "who_for": "People who get home care.", "what_is_involved": "Six meetings.",
        "level": "co_production", "starts_on": "2026-09-01", "ends_on": "2027-01-31",
        "places": "2", "in_person": "on", "time_of_day": "daytime", "paid": "on",
        "expenses_and_payment": "Taxis paid for if you need one.", "staff_co_chair": staff.pk,
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_form_page_carries_glossary_and_script_for_the_live_check(client_for, people):
    page = client_for(people.staff).get(reverse("projects:create")).content.decode()
    assert 'data-plain-language-config="' in page
    assert "js/plain-language.js" in page
    # Summary, easy read, aims, what we can and cannot change, who for.
    assert page.count('data-plain-language="true"') == 6
    assert "person-centred" in page  # the glossary, for the browser
    assert "Plain English check" not in page  # nothing typed yet


@pytest.mark.django_db
def test_staff_saving_a_project_with_jargon_see_the_findings_once(client_for, people):
    client = client_for(people.staff)
    response = client.post(reverse("projects:create"), _project_form(people.staff),
                           follow=True)
    project = Project.objects.get(title="Better home care")
    assert project.summary == JARGON_SUMMARY, "the check never stops a save"
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == project.get_absolute_url()
    assert "Project saved as a draft." in page
    assert "Plain English check" in page
    assert "“facilitate”. Try:" in page and "“holistic”. Try:" in page
    assert "Say what CQC stands for" in page
    assert "<h3 class=\"govuk-heading-s govuk-!-margin-bottom-2\">Summary</h3>" in page
    # Shown once: not again on the next visit.
    assert "Plain English check" not in client.get(project.get_absolute_url()).content.decode()

    # Saved again in plain words: nothing to say.
    response = client.post(reverse("projects:edit", args=[project.pk]),
                           _project_form(people.staff, summary="We want to hear from you."),
                           follow=True)
    assert "Project details saved." in response.content.decode()
    assert "Plain English check" not in response.content.decode()


@pytest.mark.django_db
def test_project_form_with_errors_shows_the_check_with_the_errors(client_for, people):
    response = client_for(people.staff).post(
        reverse("projects:create"), _project_form(people.staff, ends_on="2026-01-01"))
    page = response.content.decode()
    assert response.status_code == 200 and not Project.objects.exists()
    assert "The end date must be on or after the start date" in page
    assert "Plain English check" in page and "“facilitate”. Try:" in page


@pytest.mark.django_db
def test_public_update_is_checked_a_members_only_one_is_not(client_for, people):
    project = make_project(people.staff, status="recruiting")
    client = client_for(people.staff)
    url = reverse("projects:update_create", args=[project.pk])
    response = client.post(url, {"title": "News", "body": JARGON_SUMMARY, "public": "on"},
                           follow=True)
    assert Update.objects.filter(public=True, body=JARGON_SUMMARY).exists()
    assert "“stakeholders”. Try:" in response.content.decode()
    response = client.post(url, {"title": "Members", "body": JARGON_SUMMARY}, follow=True)
    assert Update.objects.filter(public=False).exists()
    assert "Plain English check" not in response.content.decode()


def _event_form(staff, **extra):
    kind, _ = EventKind.objects.get_or_create(slug="listening-space",
                                              defaults={"name": "Listening space"})
    start = (timezone.localtime() + timedelta(days=10)).replace(hour=10, minute=0)
    data = {"title": "Drop-in at the library", "kind": kind.pk,
            "description": "Come and signpost your outcomes to the ASC team. " + words(26),
            "audience": "Service users and carers", "host": staff.pk,
            "date_0": str(start.day), "date_1": str(start.month), "date_2": str(start.year),
            "start_time": "10:00", "end_time": "12:00",
            "in_person": "on", "venue": "Carrow Library", "is_published": "on"}
    data.update(extra)
    return data


@pytest.mark.django_db
def test_staff_saving_an_event_with_jargon_see_the_findings(client_for, people):
    client = client_for(people.staff)
    response = client.post(reverse("listening:event_create"), _event_form(people.staff),
                           follow=True)
    event = Event.objects.get(title="Drop-in at the library")
    assert event.audience == "Service users and carers"
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == event.get_absolute_url()
    assert "Event created." in page and "Plain English check" in page
    assert "“signpost”. Try:" in page and "“outcomes”. Try:" in page
    assert "Say what ASC stands for" in page
    assert "Long sentence:" in page
    assert "Who it is for" in page and "“Service users”. Try:" in page

    # Editing: the form shows the live-check settings, and saving plain words says nothing.
    edit = reverse("listening:event_edit", args=[event.pk])
    assert "data-plain-language-config" in client.get(edit).content.decode()
    response = client.post(edit, _event_form(people.staff, description="Come and talk to us.",
                                             audience="Carers"), follow=True)
    assert "Event saved." in response.content.decode()
    assert "Plain English check" not in response.content.decode()


@pytest.mark.django_db
def test_commitment_and_its_updates_are_checked(client_for, people):
    from listening.models import Theme

    client = client_for(people.staff)
    theme = Theme.objects.create(name="Waiting times")
    response = client.post(reverse("listening:commitment_create"), {
        "you_said": "Waits are long", "we_will": "Leverage our commissioning of ASC",
        "owner": people.staff.pk, "due_date": "2030-01-31", "themes": [theme.pk]},
        follow=True)
    commitment = Commitment.objects.get()
    page = response.content.decode()
    assert "Commitment made." in page and "“commissioning”. Try:" in page
    assert "“Leverage”. Try:" in page

    response = client.post(reverse("listening:commitment_update", args=[commitment.pk]),
                           {"status": "done", "text": "We did utilise the DWP data."},
                           follow=True)
    page = response.content.decode()
    assert commitment.updates.filter(text="We did utilise the DWP data.").exists()
    assert "“utilise”. Try:" in page and "Say what DWP stands for" in page


def test_settings_have_their_defaults():
    assert settings.PLAIN_LANGUAGE_MAX_WORDS == 25
    assert {"UK", "NHS", "BSL", "PDF", "OK"} <= set(settings.PLAIN_LANGUAGE_ALLOWED_ACRONYMS)
