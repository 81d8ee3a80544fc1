"""Mapping other spreadsheet layouts onto the template.

A mapping says which sheet (or CSV file) holds each section, which column holds each
field, what value a missing field takes, and whether to turn codes into ids. It is read
from a small YAML or JSON file and from ``--map`` and ``--default`` options::

    sheets:   {units: Departments}            # template sheet -> sheet or file name
    columns:  {units: {id: Code, name: Department name, parent: Reports to}}
    defaults: {units: {kind: department, established: 2015}}
    make_ids: true                            # "HR-01" -> "hr-01" in id columns
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..formats.nodes import yaml_error_line, yaml_error_message
from .layout import COLUMNS
from .problems import Report

_ID_BAD = re.compile(r"[^a-z0-9._-]+")


def make_id(text: str, fallback: str = "x") -> str:
    """``text`` as an id: lowercase, runs of other characters made ``-``."""
    ident = _ID_BAD.sub("-", text.strip().lower()).strip("-._")
    return ident or fallback


@dataclass
class Mapping:
    """How a workbook's sheets and columns map onto the template."""

    sheets: dict[str, str] = field(default_factory=dict)
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    defaults: dict[str, dict[str, str]] = field(default_factory=dict)
    make_ids: bool = False

    def source_sheet(self, sheet: str) -> str:
        """The name of the sheet or file that holds the template's ``sheet``."""
        return self.sheets.get(sheet, sheet)

    def field_of(self, sheet: str, header: str) -> str | None:
        """The template field a column of ``sheet`` holds, or None."""
        for name, source in self.columns.get(sheet, {}).items():
            if source.strip().lower() == header.strip().lower():
                return name
        guess = header.strip().lower().replace(" ", "_")
        return guess if guess in COLUMNS[sheet] else None


def read_mapping(path: str | None, report: Report) -> Mapping:
    """The mapping in a YAML or JSON file (an empty mapping when ``path`` is None)."""
    mapping = Mapping()
    if path is None:
        return mapping
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError as exc:
        report.error(path, f"cannot read the mapping: {exc.strerror}", code="mapping")
        return mapping
    except UnicodeDecodeError as exc:
        line = Path(path).read_bytes()[: exc.start].count(b"\n") + 1
        report.error(
            path, f"cannot read the mapping: not UTF-8 ({exc.reason})", code="mapping", row=line
        )
        return mapping
    except yaml.YAMLError as exc:
        # Placed at its line like a dataset file's syntax error, not at a character offset.
        report.error(
            path,
            f"cannot read the mapping: {yaml_error_message(exc)}",
            code="mapping",
            row=yaml_error_line(exc, Path(path)),
        )
        return mapping
    if not isinstance(data, dict):
        report.error(
            path, "a mapping file is a mapping of sheets, columns, defaults", code="mapping"
        )
        return mapping
    for key in data:
        if key not in ("sheets", "columns", "defaults", "make_ids"):
            report.error(path, f"unknown key {key!r}: use sheets, columns, defaults, make_ids")
    mapping.make_ids = bool(data.get("make_ids", False))
    for sheet, source in (data.get("sheets") or {}).items():
        if _known_sheet(path, str(sheet), report):
            mapping.sheets[str(sheet)] = str(source)
    for key, target in (("columns", mapping.columns), ("defaults", mapping.defaults)):
        for sheet, values in (data.get(key) or {}).items():
            if not _known_sheet(path, str(sheet), report) or not isinstance(values, dict):
                continue
            for name, value in values.items():
                _add(
                    path, target, str(sheet), str(name), "" if value is None else str(value), report
                )
    return mapping


def apply_options(mapping: Mapping, maps: list[str], defaults: list[str], report: Report) -> None:
    """Add ``--map SHEET=NAME``, ``--map SHEET.FIELD=COLUMN`` and ``--default`` options."""
    for option, items in (("--map", maps), ("--default", defaults)):
        for item in items:
            left, eq, value = item.partition("=")
            sheet, dot, name = left.strip().partition(".")
            if not eq or not _known_sheet(option, sheet, report):
                if not eq:
                    report.error(option, f"{item!r}: write SHEET.FIELD=VALUE", code="mapping")
                continue
            if option == "--map" and not dot:
                mapping.sheets[sheet] = value
                continue
            if not dot:
                report.error(option, f"{item!r}: write SHEET.FIELD=VALUE", code="mapping")
                continue
            target = mapping.columns if option == "--map" else mapping.defaults
            _add(option, target, sheet, name, value, report)


def _known_sheet(where: str, sheet: str, report: Report) -> bool:
    if sheet in COLUMNS:
        return True
    report.error(where, f"{sheet!r} is not a sheet of the template ({', '.join(COLUMNS)})")
    return False


def _add(
    where: str, target: dict[str, dict[str, str]], sheet: str, name: str, value: str, report: Report
) -> None:
    if name not in COLUMNS[sheet]:
        report.error(where, f"{name!r} is not a column of the {sheet} sheet", code="mapping")
        return
    target.setdefault(sheet, {})[name] = value
