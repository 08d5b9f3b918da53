"""Publications' files as they arrive (#32): a PDF by its content, not its name, within a size
limit, readable, not locked by a password; its metadata and number of pages kept to be shown
(the secretariat sees what a file says of its author before publishing it), and its text,
for the search. pypdf reads it; nothing is rewritten."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError

MAX_PDF_BYTES = 40 * 1024 * 1024
MAX_TEXT = 200_000  # characters of a file's text kept for the search
SHOWN_METADATA = ("/Title", "/Author", "/Subject", "/Creator", "/Producer", "/CreationDate")


def validate_pdf(file):
    """A PDF as it arrives; one already stored passed when it was uploaded."""
    if getattr(file, "_committed", False):
        return
    if file.size > MAX_PDF_BYTES:
        raise ValidationError(
            _("A file may be %(megabytes)s MB at most."),
            code="pdf_too_large",
            params={"megabytes": MAX_PDF_BYTES // (1024 * 1024)},
        )
    file.seek(0)
    if file.read(5) != b"%PDF-":
        raise ValidationError(_("This file is not a PDF."), code="not_pdf")
    try:
        reader = PdfReader(file)
        if reader.is_encrypted:
            raise ValidationError(
                _("This PDF is locked by a password: upload it unlocked."), code="pdf_locked"
            )
        len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ValidationError(
            _("This PDF cannot be read: it may be damaged."), code="pdf_bad"
        ) from error
    finally:
        file.seek(0)


def described(file):
    """(pages, {metadata shown}, text) of a PDF already checked."""
    file.seek(0)
    reader = PdfReader(file)
    metadata = {}
    for key in SHOWN_METADATA:
        value = (reader.metadata or {}).get(key)
        if value:
            metadata[key.lstrip("/")] = shown(value)
    text = []
    size = 0
    for page in reader.pages:
        try:
            words = page.extract_text() or ""
        except Exception:  # noqa: BLE001 (a page pypdf cannot read leaves the rest)
            words = ""
        text.append(words)
        size += len(words)
        if size > MAX_TEXT:
            break
    file.seek(0)
    return len(reader.pages), metadata, " ".join(" ".join(text).split())[:MAX_TEXT]


def shown(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value)[:300]
