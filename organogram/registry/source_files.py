"""Copies of source documents kept in the registry: an upload read within a size limit,
and the stored copies read back.

An upload is read in pieces and refused as soon as it passes the limit
(``ORGANOGRAM_SOURCE_FILE_BYTES``), so that no more than the limit is ever held. Its type
is read from its name's extension where one is known (the browser's word otherwise):
the copy is served as an attachment, never shown in the page.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from . import models as m

#: Used when neither the name nor the browser tells the type.
OCTET_STREAM = "application/octet-stream"
#: Default limit when the setting is absent (25 MB).
DEFAULT_LIMIT = 25 * 1024 * 1024


@dataclass(frozen=True)
class Upload:
    """A file given as a source's copy: its name, the type the sender gave, its bytes in
    pieces (read once) and, when the sender knows it, its size."""

    name: str
    content_type: str
    chunks: Iterable[bytes]
    size: int | None = None

    @classmethod
    def sent(cls, file: Any) -> Upload | None:
        """The upload of a file a request sent (Django's ``UploadedFile``, which the API
        is given too), read in pieces when it is read; None when no file was sent."""
        if file is None:
            return None
        return cls(file.name or "", file.content_type or "", file.chunks(), file.size)


@dataclass(frozen=True)
class Copy:
    """An upload read and checked: what is stored."""

    name: str
    content_type: str
    data: bytes
    sha256: str

    @property
    def size(self) -> int:
        """Its length in bytes."""
        return len(self.data)

    def describe(self) -> dict[str, object]:
        """What an audit entry tells of it (not its bytes)."""
        return {
            "name": self.name,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
        }


class BadUpload(ValueError):
    """An upload that cannot be kept: too large, empty or without a usable name."""


def limit() -> int:
    """The largest copy that may be uploaded, in bytes."""
    return int(getattr(settings, "ORGANOGRAM_SOURCE_FILE_BYTES", DEFAULT_LIMIT))


def size_text(size: int) -> str:
    """A size in words: ``25 MB``, ``312 KB``, ``80 bytes``."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    if size >= 1024:
        return f"{size / 1024:.3g} KB"
    return f"{size} bytes"


def clean_name(name: str) -> str:
    """The file's own name: no folders, no control characters, at most 255 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    if base in ("", ".", ".."):
        raise BadUpload("the file has no name: give it one with an extension (report.pdf)")
    stem, dot, ext = base.rpartition(".")
    if len(base) > 255:
        base = (stem[: 250 - len(ext)] + dot + ext) if dot else base[:255]
    return base


def content_type(name: str, given: str) -> str:
    """The type of a file called ``name``: from its extension, else as given."""
    guessed, _ = mimetypes.guess_type(name, strict=False)
    given = (given or "").split(";")[0].strip().lower()
    return guessed or (given if re.fullmatch(r"[a-z0-9.+-]+/[a-z0-9.+-]+", given) else OCTET_STREAM)


def read_upload(upload: Upload, most: int | None = None) -> Copy:
    """Read ``upload`` within ``most`` bytes (default :func:`limit`); BadUpload when it is
    larger (read no further than the limit), empty or badly named."""
    most = limit() if most is None else most
    name = clean_name(upload.name)
    too_large = (
        f"the file is larger than {size_text(most)}, the most a copy may be; "
        "keep it elsewhere and give its link"
    )
    if upload.size is not None and upload.size > most:
        raise BadUpload(too_large)
    digest = hashlib.sha256()
    pieces: list[bytes] = []
    total = 0
    for chunk in upload.chunks:
        total += len(chunk)
        if total > most:
            raise BadUpload(too_large)
        digest.update(chunk)
        pieces.append(chunk)
    if total == 0:
        raise BadUpload("the file is empty")
    return Copy(name, content_type(name, upload.content_type), b"".join(pieces), digest.hexdigest())


def stored(source_id: str) -> m.SourceFile | None:
    """The copy kept for ``source_id``, or None."""
    return m.SourceFile.objects.filter(pk=source_id).first()


def stored_names() -> dict[str, str]:
    """Source id -> the name of its kept copy, for every source that has one."""
    return dict(m.SourceFile.objects.values_list("source", "name"))


def store_copy(source_id: str, copy: Copy, at: object) -> None:
    """Keep ``copy`` as the copy of ``source_id`` (replacing one kept before)."""
    m.SourceFile.objects.update_or_create(
        source=source_id,
        defaults={
            "name": copy.name,
            "content_type": copy.content_type,
            "size": copy.size,
            "sha256": copy.sha256,
            "data": copy.data,
            "uploaded_at": at,
        },
    )


def row_copy(row: m.SourceFile) -> Copy:
    """A kept copy as read back (its bytes as stored)."""
    return Copy(row.name, row.content_type, bytes(row.data), row.sha256)
