"""Uploaded files are checked by what they contain, not by their name."""

from django.core.exceptions import ValidationError

MEGABYTE = 1024 * 1024
# The first bytes of each kind of file we accept.
SIGNATURES = {
    "pdf": [b"%PDF-"],
    "jpeg": [b"\xff\xd8\xff"],
    "png": [b"\x89PNG\r\n\x1a\n"],
    "docx": [b"PK\x03\x04"],
}
NAMES = {"pdf": "PDF", "jpeg": "JPEG", "png": "PNG", "docx": "Word document"}


def detect_kind(uploaded) -> str | None:
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for kind, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return kind
    return None


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
    return kind
