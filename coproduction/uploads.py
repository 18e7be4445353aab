"""Uploaded files are checked by what they contain, not by their name, and are stored under a
random name: the uploaded name may hold personal data or markup, and decides nothing."""

import io
import re
import secrets
import zipfile

from botocore.exceptions import BotoCoreError
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction

MEGABYTE = 1024 * 1024
# A stored file that could not be read or written for now: the disk, or the object store
# unreachable or timing out (botocore's errors are not OSErrors). Jobs retry on these.
STORAGE_ERRORS = (OSError, BotoCoreError)
# The first bytes of each kind of file we accept.
SIGNATURES = {
    "pdf": [b"%PDF-"],
    "jpeg": [b"\xff\xd8\xff"],
    "png": [b"\x89PNG\r\n\x1a\n"],
    "docx": [b"PK\x03\x04"],
}
NAMES = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG", "docx": "Word document"}
EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "docx": "docx"}

# Markup a browser would run if it ever took the file for a web page (a "polyglot": a real
# PNG or PDF with HTML inside), and the parts of a PDF that run or launch things.
# Only long markers: short ones turn up by chance in a photo's compressed bytes.
ACTIVE_CONTENT = re.compile(rb"<\s*(script|html|svg|iframe|object|embed|body)\b|javascript:",
                            re.I)
PDF_ACTIVE_CONTENT = re.compile(rb"/(JavaScript|Launch|EmbeddedFile|RichMedia|XFA)\b")
# The industry's harmless test "virus": every scanner treats it as infected, and so do we.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
# A Word document is a ZIP of XML: refuse one that would unpack to far more than it weighs.
DOCX_MAX_UNPACKED = 100 * MEGABYTE
DOCX_MAX_RATIO = 100
DOCX_REQUIRED = {"[Content_Types].xml", "word/document.xml"}


def detect_kind(uploaded) -> str | None:
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return kind
    return None


def _read_all(uploaded) -> bytes:
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def _is_real_word_document(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            unpacked = sum(entry.file_size for entry in entries)
            if not DOCX_REQUIRED <= names or unpacked > DOCX_MAX_UNPACKED:
                return False
            if unpacked > DOCX_MAX_RATIO * max(len(data), 1):
                return False
            if any(name.startswith("/") or ".." in name.split("/") for name in names):
                return False
            head = archive.read("[Content_Types].xml")[:4096]
            return b"wordprocessingml" in head
    except (zipfile.BadZipFile, KeyError, ValueError, NotImplementedError, OSError):
        return False


def _has_active_content(kind: str, data: bytes) -> bool:
    if kind == "docx":  # compressed: its XML is checked by the structure check instead
        return False
    if ACTIVE_CONTENT.search(data):
        return True
    return kind == "pdf" and bool(PDF_ACTIVE_CONTENT.search(data))


def check_upload(uploaded, *, kinds=("pdf", "jpeg", "png"), max_megabytes: int = 10) -> str:
    """Returns the file's kind, or raises ValidationError with a message in plain English."""
    names = [NAMES[kind] for kind in kinds]
    allowed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    if uploaded.size == 0:
        raise ValidationError("The selected file is empty. Choose a different file.")
    if uploaded.size > max_megabytes * MEGABYTE:
        raise ValidationError(f"The selected file must be smaller than {max_megabytes}MB.")
    kind = detect_kind(uploaded)
    if kind not in kinds:
        raise ValidationError(f"The selected file must be a {allowed}.")
    data = _read_all(uploaded)
    if EICAR in data:
        raise ValidationError("The selected file contains a virus. Choose a different file.")
    if kind == "docx" and not _is_real_word_document(data):
        raise ValidationError("The selected file is not a Word document we can open. "
                              "Save it again as a Word document (.docx) or a PDF.")
    if _has_active_content(kind, data):
        raise ValidationError(f"The selected file has parts that could run on a computer, so "
                              f"we cannot take it. Save it again as a plain {NAMES[kind]}.")
    return kind


def give_random_name(uploaded, kind: str):
    """Stores the file under a random name with the extension of what it really is."""
    uploaded.name = f"{secrets.token_hex(16)}.{EXTENSIONS[kind]}"
    return uploaded


def delete_stored_files(names) -> None:
    """Deletes these stored files (on disk or in the object store) once the transaction that
    removed their rows commits: a rolled-back removal keeps its files."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [default_storage.delete(name) for name in names])
