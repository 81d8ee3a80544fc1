"""A selection (see :mod:`organogram.queries.selection`) written in one export format, as
the bytes of a file to download, with its name and media type.

The web pages' download links and ``organogram export-as`` both come here, so each
format is written by one code path. The template formats (YAML, XLSX, CSV) hold the
structure on the selection's day, created on that day (:func:`.snapshot.record_at`);
W3C ORG and Popolo hold that structure with its history up to the day.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.record import Record
from ..queries.selection import Selection


@dataclass(frozen=True)
class Format:
    """One export format: what to call it, its file name ending and its media type."""

    key: str
    label: str
    extension: str
    media_type: str
    write: Callable[[Selection, str], bytes]


@dataclass(frozen=True)
class Download:
    """An export ready to send: the file's bytes, name and media type."""

    data: bytes
    filename: str
    media_type: str


def snapshot_record(selection: Selection) -> Record:
    """The record the template formats write: the selected structure, created on its day."""
    from .snapshot import record_at

    return record_at(selection.record, selection.day, selection.nodes)


def _yaml(selection: Selection, base: str) -> bytes:
    from ..formats.dump import dataset_text

    return dataset_text(snapshot_record(selection)).encode("utf-8")


def _xlsx(selection: Selection, base: str) -> bytes:
    from .table import write_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, "export.xlsx")
        write_xlsx(snapshot_record(selection), path)
        return path.read_bytes()


def _csv(selection: Selection, base: str) -> bytes:
    """The template's CSV files in a zip, in a folder named after the selection."""
    from .table import write_csv

    out = io.BytesIO()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for path in write_csv(snapshot_record(selection), tmp):
            z.write(path, f"{selection.slug}/{path.name}")
    return out.getvalue()


def _jsonld(selection: Selection, base: str) -> bytes:
    from .orgont import to_jsonld

    return to_jsonld(selection.record, selection.day, base, selection.nodes).encode("utf-8")


def _turtle(selection: Selection, base: str) -> bytes:
    from .orgont import to_turtle

    return to_turtle(selection.record, selection.day, base, selection.nodes).encode("utf-8")


def _popolo(selection: Selection, base: str) -> bytes:
    from .popolo import to_popolo_json

    return to_popolo_json(selection.record, selection.day, selection.nodes).encode("utf-8")


#: Every format a selection can be downloaded in, in the order the pages list them.
FORMATS: dict[str, Format] = {
    f.key: f
    for f in (
        Format("yaml", "YAML dataset", ".yaml", "application/yaml; charset=utf-8", _yaml),
        Format(
            "xlsx",
            "XLSX",
            ".xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _xlsx,
        ),
        Format("csv", "CSV (zip)", ".zip", "application/zip", _csv),
        Format("jsonld", "JSON-LD", ".jsonld", "application/ld+json", _jsonld),
        Format("turtle", "Turtle", ".ttl", "text/turtle; charset=utf-8", _turtle),
        Format("popolo", "Popolo JSON", ".popolo.json", "application/json", _popolo),
    )
}


def download(selection: Selection, key: str, base: str = "") -> Download:
    """``selection`` written in format ``key`` (KeyError for an unknown one).

    ``base`` starts the IRIs of JSON-LD and Turtle (default ``urn:organogram:ORG:``).
    """
    fmt = FORMATS[key]
    return Download(fmt.write(selection, base), selection.slug + fmt.extension, fmt.media_type)
