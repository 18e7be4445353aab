"""Hostile uploads are refused or made harmless: checked by content (a Word file by its real
structure), no markup a browser would run, no test virus, no zip bomb, nothing empty or too
big; stored under a random name and served only as an attachment with a fixed name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from coproduction.uploads import EICAR, check_upload, give_random_name

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 50
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def docx(extra=None, *, content_types=b"application/vnd.openxmlformats-officedocument"
                                      b".wordprocessingml.document.main+xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types>" + content_types + b"</Types>")
        archive.writestr("word/document.xml", b"<w:document>Terms</w:document>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)


def refused(data, *, name="file.pdf", kinds=("pdf", "jpeg", "png", "docx"), match=""):
    with pytest.raises(ValidationError, match=match):
        check_upload(upload(name, data), kinds=kinds)
    return True


def test_real_files_are_taken():
    assert check_upload(upload("a.png", PNG)) == "png"
    assert check_upload(upload("a.pdf", PDF)) == "pdf"
    assert check_upload(upload("terms.docx", docx()), kinds=("pdf", "docx")) == "docx"


def test_a_png_that_is_also_a_web_page_is_refused():
    assert refused(PNG + b"<html><script>alert(document.cookie)</script></html>",
                   match="could run")


def test_an_svg_with_script_is_refused_whatever_its_name():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    assert refused(svg, name="photo.png", match="must be a")
    assert refused(PNG + svg, name="photo.png", match="could run")


def test_a_pdf_that_runs_javascript_is_refused():
    script = b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"
    assert refused(PDF.replace(b"/Type /Catalog", b"/Type /Catalog " + script),
                   match="could run")


def test_the_eicar_test_virus_is_refused():
    assert refused(PDF + EICAR, match="virus")
    assert refused(PNG + EICAR, match="virus")


def test_any_zip_is_not_a_word_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("terms<svg onload=alert(1)>.html", "<script>alert(1)</script>")
    assert refused(buffer.getvalue(), name="terms.docx", match="not a Word document")
    assert refused(docx(content_types=b"spreadsheetml"), name="t.docx",
                   match="not a Word document")


def test_a_zip_bomb_dressed_as_a_word_document_is_refused():
    bomb = docx({"word/media/bomb.bin": b"\x00" * (120 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024  # small to upload, huge to open
    assert refused(bomb, name="terms.docx", match="not a Word document")


def test_a_word_document_that_unpacks_outside_its_folder_is_refused():
    assert refused(docx({"../../evil.sh": b"rm -rf /"}), name="t.docx",
                   match="not a Word document")


def test_empty_and_oversize_files_are_refused():
    assert refused(b"", match="empty")
    with pytest.raises(ValidationError, match="smaller than 1MB"):
        check_upload(upload("big.png", PNG + b"\x00" * 1024 * 1024), max_megabytes=1)


@pytest.mark.parametrize("hostile_name", ["../x", "../../etc/passwd", "<svg onload=alert(1)>.pdf",
                                          "terms.pdf.html"])
def test_the_uploaded_name_is_never_kept(hostile_name):
    document = upload(hostile_name, PDF)
    give_random_name(document, check_upload(document))
    assert document.name.endswith(".pdf") and "/" not in document.name
    assert len(document.name) == 32 + len(".pdf")


@pytest.mark.django_db
def test_terms_of_reference_are_stored_at_random_and_served_as_an_attachment(people, client_for,
                                                                             media_root):
    from projects.models import Project
    from tests.projects.test_project_form import _form_data

    response = client_for(people.staff).post("/projects/new/", {
        **_form_data(people.staff),
        "terms_document": upload("terms<svg onload=alert(1)>.docx", docx())})
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get(title="Better short breaks")
    stored = project.terms_document.name
    assert "svg" not in stored and stored.startswith("projects/terms/") and stored.endswith(".docx")
    download = client_for(people.staff).get(f"/projects/{project.pk}/terms/")
    assert download["Content-Disposition"] == 'attachment; filename="terms-of-reference.docx"'
    assert download["X-Content-Type-Options"] == "nosniff"
