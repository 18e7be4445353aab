from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from icalendar import Calendar

from coproduction.documents import calendar_event, calendar_response, csv_bytes, render_pdf
from coproduction.uploads import check_upload

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 50


def test_csv_cells_cannot_run_as_spreadsheet_formulas():
    text = csv_bytes(["name", "note"], [["=HYPERLINK(\"x\")", "-5"], ["Ann", "fine"]])
    lines = text.decode("utf-8-sig").splitlines()
    assert lines[1] == "\"'=HYPERLINK(\"\"x\"\")\",'-5"
    assert lines[2] == "Ann,fine"


def test_upload_checked_by_content_not_name():
    assert check_upload(SimpleUploadedFile("receipt.png", PNG)) == "png"
    with pytest.raises(ValidationError, match="must be a PDF, JPEG or PNG"):
        check_upload(SimpleUploadedFile("receipt.pdf", b"MZ this is a program"))
    with pytest.raises(ValidationError, match="empty"):
        check_upload(SimpleUploadedFile("empty.pdf", b""))
    with pytest.raises(ValidationError, match="smaller than 1MB"):
        check_upload(SimpleUploadedFile("big.png", PNG + b"\x00" * 1024 * 1024),
                      max_megabytes=1)


def test_calendar_file_holds_the_event_in_london_time():
    starts = datetime(2026, 12, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    ends = datetime(2026, 12, 3, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    response = calendar_response("meeting.ics", [calendar_event(
        uid="session-1", title="Carers group; meeting, 1", starts_at=starts, ends_at=ends,
        location="Town Hall, Room 2", url="/projects/1/")])
    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["summary"]) == "Carers group; meeting, 1"
    assert event.decoded("dtstart") == starts
    assert str(event["location"]) == "Town Hall, Room 2"


def test_render_pdf_makes_a_pdf_with_the_text(tmp_path):
    import subprocess

    pdf = render_pdf("documents/test_page.html", {"heading": "Certificate of involvement"})
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "Certificate of involvement" in text
    assert "Northshire County Council" in text


def test_any_document_prints_in_large_print_with_footers_at_body_size(tmp_path):
    import re
    import subprocess

    from pypdf import PdfReader

    pdf = render_pdf("documents/test_page.html", {"heading": "Certificate of involvement"},
                     version="large_print")
    path = tmp_path / "large.pdf"
    path.write_bytes(pdf)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                           text=True, check=True).stdout
    heights = [float(y2) - float(y1) for y1, y2 in re.findall(
        r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)]
    assert min(heights) / 1.117 >= 17.9  # Liberation Sans: a box is 1.117 × the type size
    reader = PdfReader(path)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
