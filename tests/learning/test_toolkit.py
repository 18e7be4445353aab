"""The toolkit: pages in the council's words (escaped), templates as Word and PDF, and a
project's planning checklist filled in by staff and shown to Our Voice when they review."""

import io

import pytest
from django.urls import reverse
from docx import Document

from learning.models import ChecklistAnswer, ChecklistItem, ToolkitPage, ToolkitTemplate
from projects.models import Status
from tests.site_rules.projects import make_project

pytestmark = pytest.mark.django_db


def test_the_starter_toolkit_comes_with_the_migrations(db):
    slugs = set(ToolkitPage.objects.values_list("slug", flat=True))
    assert {"what-is-co-production", "six-principles", "values", "ladder-of-involvement",
            "engagement-consultation-co-production", "how-payments-work"} <= slugs
    assert set(ToolkitTemplate.objects.values_list("slug", flat=True)) == {
        "terms-of-reference", "member-role-description", "what-we-heard-letter"}
    assert ChecklistItem.objects.filter(active=True).count() == 6


def test_a_page_shows_headings_and_lists_and_escapes_what_admins_typed(client):
    page = ToolkitPage.objects.create(slug="test", title="Test page", summary="A summary",
                                      body="## A heading\n\n- one <b>point</b>\n- two\n\n"
                                           "Some <script>text</script>.")
    html = client.get(page.get_absolute_url()).content.decode()
    assert '<h2 class="govuk-heading-m">A heading</h2>' in html
    assert "<li>one &lt;b&gt;point&lt;/b&gt;</li>" in html and "<li>two</li>" in html
    assert "&lt;script&gt;" in html and "<script>text" not in html


def test_glossary_lists_the_plain_language_terms(client):
    html = client.get(reverse("learning:glossary")).content.decode()
    assert "stakeholder" in html.lower()


def test_templates_download_as_word_and_pdf(client):
    url = reverse("learning:template_download", args=["terms-of-reference", "docx"])
    response = client.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="terms-of-reference.docx"'
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Terms of reference", "Purpose of the group"]
    assert document.core_properties.title == "Terms of reference"
    pdf = client.get(reverse("learning:template_download",
                             args=["what-we-heard-letter", "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("learning:template_download",
                              args=["terms-of-reference", "exe"])).status_code == 404


def test_staff_fill_in_the_checklist_and_our_voice_see_it_when_they_review(people,
                                                                           client_for):
    project = make_project(people.staff, status=Status.IN_REVIEW, title="Easy-read letters")
    items = list(ChecklistItem.objects.filter(active=True))
    staff = client_for(people.staff)
    data = {f"done_{items[0].pk}": "on", f"note_{items[0].pk}": "Two carers wrote the plan.",
            f"note_{items[1].pk}": "Waiting for finance."}
    response = staff.post(reverse("learning:checklist", args=[project.pk]), data)
    assert response.status_code == 302
    first = ChecklistAnswer.objects.get(project=project, item=items[0])
    second = ChecklistAnswer.objects.get(project=project, item=items[1])
    assert (first.done, first.note, first.answered_by) == (True, "Two carers wrote the plan.",
                                                           people.staff)
    assert (second.done, second.note) == (False, "Waiting for finance.")

    review = client_for(people.our_voice).get(
        reverse("projects:assurance", args=[project.pk])).content.decode()
    assert "Planning checklist" in review
    assert "1 of 6 done." in review
    assert "Two carers wrote the plan." in review and "Waiting for finance." in review
    # Our Voice read it but do not change it; members do not see it.
    our_voice = client_for(people.our_voice)
    assert our_voice.get(reverse("learning:checklist", args=[project.pk])).status_code == 200
    assert our_voice.post(reverse("learning:checklist", args=[project.pk]),
                          {f"done_{items[2].pk}": "on"}).status_code == 403
    assert not ChecklistAnswer.objects.get(project=project, item=items[2]).done
    assert client_for(people.member).get(
        reverse("learning:checklist", args=[project.pk])).status_code == 403
    # Unticking everything is saved too.
    staff.post(reverse("learning:checklist", args=[project.pk]), {})
    first.refresh_from_db()
    assert not first.done


def test_our_voice_cannot_see_a_draft_plans_checklist(people, client_for):
    draft = make_project(people.staff, status=Status.DRAFT, title="Draft plan")
    assert client_for(people.our_voice).get(
        reverse("learning:checklist", args=[draft.pk])).status_code == 404
