"""The toolkit's plain text (pages and templates) as blocks for a page, a PDF and a Word file.

Admins write plain text: a blank line starts a paragraph, "## " starts a heading and "- "
a point in a list. Nothing is read as HTML, so everything is escaped when shown."""

import io

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def blocks(text: str) -> list[dict]:
    """[{"kind": "heading" | "paragraph" | "list", "text": str, "items": [str]}]"""
    found = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in chunk.strip("\n").split("\n") if line.strip()]
        paragraph = []
        for line in lines:
            if line.startswith("## "):
                _flush(found, paragraph)
                found.append({"kind": "heading", "text": line[3:].strip()})
            elif line.lstrip().startswith("- "):
                _flush(found, paragraph)
                if found and found[-1]["kind"] == "list" and found[-1].get("open"):
                    found[-1]["items"].append(line.lstrip()[2:].strip())
                else:
                    found.append({"kind": "list", "items": [line.lstrip()[2:].strip()],
                                  "open": True})
            else:
                if found and found[-1].get("open"):
                    found[-1]["open"] = False
                paragraph.append(line.strip())
        _flush(found, paragraph)
        if found and found[-1].get("open"):
            found[-1]["open"] = False
    return found


def _flush(found, paragraph):
    if paragraph:
        found.append({"kind": "paragraph", "text": " ".join(paragraph)})
        paragraph.clear()


def template_docx(template) -> bytes:
    """The template as a Word file (python-docx): headings are Word headings, so the file's
    structure is read out by screen readers and shown in Word's navigation pane."""
    from django.conf import settings
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(12)
    document.core_properties.title = template.title
    document.core_properties.author = settings.COUNCIL_NAME
    document.core_properties.language = "en-GB"
    document.add_heading(template.title, level=1)
    for block in blocks(template.body):
        if block["kind"] == "heading":
            document.add_heading(block["text"], level=2)
        elif block["kind"] == "list":
            for item in block["items"]:
                document.add_paragraph(item, style="List Bullet")
        else:
            document.add_paragraph(block["text"])
    document.add_paragraph(f"{settings.SERVICE_NAME}, {settings.COUNCIL_NAME}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
