"""A document's text: plain text and Markdown as they are, PDF through pypdf."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import OrganogramError


class DocumentError(OrganogramError):
    """A document that cannot be read; the message names the file and why."""


def read_document(path: str | Path) -> str:
    """The text of the document at ``path`` (``.pdf`` through pypdf, anything else read as
    UTF-8 text), or :class:`DocumentError` naming the file."""
    path = Path(path)
    if not path.is_file():
        raise DocumentError(f"{path}: no such file")
    if path.suffix.lower() == ".pdf":
        return _pdf_text(path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8 or give the PDF"
        ) from None


def _pdf_text(path: Path) -> str:
    # Imported here: only PDF papers need it.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as exc:
        raise DocumentError(f"{path}: not a readable PDF ({exc})") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise DocumentError(
            f"{path}: the PDF holds no text (a scanned image?); give its text instead"
        )
    return text
