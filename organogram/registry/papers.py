"""A paper sent to be drafted (the drafting page, the API): an uploaded file read within
the size limit of a source's copy and under the same checks (:mod:`.source_files`), then
its text read by the drafting package. Nothing is stored.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..core.errors import OrganogramError
from ..core.record import Record
from ..drafting import AsOf, DocumentError, Draft, draft_paper, paper_date, read_document
from .source_files import BadUpload, Upload, read_upload

#: The kinds of file a paper may be, by extension.
PAPER_TYPES = (".txt", ".md", ".pdf")


class PaperError(OrganogramError):
    """A paper that cannot be read; the message names the file and why."""


def paper_text(upload: Upload) -> str:
    """The text of the uploaded paper; PaperError naming the file when it is too large,
    empty, not a .txt, .md or .pdf file, not UTF-8 text or a PDF without text."""
    shown = upload.name or "the file"
    try:
        copy = read_upload(upload)
    except BadUpload as exc:
        raise PaperError(f"{shown}: {exc}") from None
    suffix = Path(copy.name).suffix.lower()
    if suffix not in PAPER_TYPES:
        raise PaperError(
            f"{copy.name}: not a paper the drafting reads; give a {', '.join(PAPER_TYPES)} file"
        )
    # The drafting package reads files: the bytes go to a private folder for the reading,
    # and any message names the file as sent, not where it was put.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"paper{suffix}"
        path.write_bytes(copy.data)
        try:
            text = read_document(path)
        except DocumentError as exc:
            raise PaperError(str(exc).replace(str(path), copy.name)) from None
    if not text.strip():
        raise PaperError(f"{copy.name}: the file holds no text")
    return text


def drafted(record: Record, text: str, *, source: str, at: str) -> Draft:
    """:func:`draft_paper` of ``text``, its names read as of ``at`` or, when empty, of the
    date the paper itself suggests (saying why), as `organogram plan draft` does."""
    when = AsOf(at, "the date asked for") if at else paper_date(text, record, source or None)
    draft = draft_paper(record, text, source=source, at=when.date)
    draft.at_reason = when.why
    return draft
