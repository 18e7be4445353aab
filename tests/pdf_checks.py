"""Reading PDFs back in tests: their words (pdftotext), the size of their type, and what makes
them accessible (a structure tree, a title shown as the window title, the language, alt text
on every figure)."""

import re
import subprocess
import tempfile
from pathlib import Path

# Liberation Sans: a word's box is ascent + descent, 1.117 × the font size.
BOX_PER_POINT = 1.117


def _file(pdf: bytes) -> Path:
    path = Path(tempfile.mkdtemp()) / "document.pdf"
    path.write_bytes(pdf)
    return path


def pdf_text(pdf: bytes) -> str:
    """The words, with runs of white space made one space."""
    out = subprocess.run(["pdftotext", "-layout", str(_file(pdf)), "-"], capture_output=True,
                         text=True, check=True).stdout
    return " ".join(out.split())


def type_sizes(pdf: bytes) -> list[float]:
    """The size in points of every word, from pdftotext's bounding boxes."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(_file(pdf)), "-"], capture_output=True,
                           text=True, check=True).stdout
    return [(float(y2) - float(y1)) / BOX_PER_POINT for y1, y2 in re.findall(
        r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">', boxes)]


def assert_tagged(pdf: bytes, title: str, *, figures: bool = False) -> None:
    from pypdf import PdfReader

    reader = PdfReader(_file(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] in ("en-GB", "en-gb")
    assert reader.metadata.title == f"{title} – Northshire County Council"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    found, stack = [], [root["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if hasattr(node, "get") and node.get("/S") == "/Figure":
            found.append(node)
        kids = node.get("/K", []) if hasattr(node, "get") else []
        stack.extend(kids if isinstance(kids, list) else [kids])
    assert all(figure.get("/Alt") for figure in found)
    if figures:
        assert len(found) >= 3, "an easy-read document has a picture beside each point"


SMALLEST = {"standard": 12, "large_print": 16, "easy_read": 14}


def assert_type_size(pdf: bytes, version: str) -> None:
    """Large print never under 16pt, easy read never under 14pt, and nothing in any document
    (footers and page numbers included) under the standard body size."""
    sizes = type_sizes(pdf)
    assert sizes and min(sizes) >= SMALLEST[version] - 0.1, (version, min(sizes))


def capture_html(monkeypatch) -> list[str]:
    """Keeps the HTML of every PDF made from now on (the PDFs are still made)."""
    from coproduction import documents

    made, real = [], documents.html_to_pdf

    def keeping(html):
        made.append(html)
        return real(html)

    monkeypatch.setattr(documents, "html_to_pdf", keeping)
    return made


def assert_easy_read_wording(html: str) -> None:
    """Every paragraph keeps the easy-read rule the staff's own words are held to: one idea a
    sentence, at most 15 words (coproduction.plain_language, its stricter mode)."""
    from coproduction.plain_language import check_easy_read

    paragraphs = [re.sub(r"<[^>]+>", "", text) for text in
                  re.findall(r"<p[^>]*>(.*?)</p>", html, re.S)]
    assert len(paragraphs) >= 5
    long = [finding.words[0] for text in paragraphs
            for finding in check_easy_read(text, glossary=[])
            if finding.kind == "long_sentence"]
    assert not long, long
