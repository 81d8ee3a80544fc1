"""A paper sent to be drafted (the drafting page, the API): an uploaded file read within
the size limit of a source's copy and under the same checks (:mod:`.source_files`), then
its text read by the drafting package. Nothing is stored.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core.dates import DateError, FuzzyDate
from ..core.errors import OrganogramError
from ..core.record import Record
from ..drafting import AsOf, DocumentError, Draft, draft_paper, paper_date, read_document
from ..queries.resolve import NotResolved
from .reading.names import cached_names
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


@dataclass
class Asked:
    """A request to draft a paper, read: its ``text`` and ``name``, the date names are read
    as of (``at``, empty: the paper's own), the ``source`` cited (an id, empty: none), and
    what is wrong with it, by field (nothing is drafted while ``errors`` holds any)."""

    text: str = ""
    name: str = ""
    at: str = ""
    source: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)


def asked_paper(
    state,
    *,
    upload: Upload | None,
    pasted: str,
    at: str,
    source: str,
    file_field: str,
    text_field: str,
) -> Asked:
    """Read what the drafting page or the API was sent: a file (``upload``) or ``pasted``
    text, never both; a date; a source named by id, symbol or title. Problems with the
    paper are told under ``file_field`` or ``text_field`` (the sender's own names)."""
    asked = Asked()
    if at.strip():
        try:
            asked.at = str(FuzzyDate.parse(at.strip()))
        except DateError as exc:
            asked.errors["at"] = [str(exc)]
    if source.strip():
        names = cached_names(state, "source", FuzzyDate.day(dt.date.today()))
        try:
            asked.source = names.resolve(source).id
        except NotResolved as exc:
            asked.errors["source"] = [exc.message]
    if upload is not None and pasted.strip():
        asked.errors[file_field] = ["give a file or paste the text, not both"]
    elif upload is None and not pasted.strip():
        asked.errors[text_field] = ["give the paper as a file, or paste its text"]
    elif upload is not None:
        try:
            asked.text, asked.name = paper_text(upload), upload.name or "the file"
        except PaperError as exc:
            asked.errors[file_field] = [str(exc)]
    else:
        asked.text, asked.name = pasted, "the pasted text"
    return asked
