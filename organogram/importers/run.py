"""Running an import by kind: the files in, a checked record and its report out.

Every importer reads all its files and reports every problem before anything is built;
errors raise :class:`~.problems.ImportFailed` (nothing is written by the caller), and
warnings travel with the record in the :class:`~.problems.Report`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.record import Record
from .problems import Report


@dataclass
class Options:
    """What the command line passes to every importer (each uses what it needs)."""

    org_id: str = ""
    org_name: str = ""
    #: the date of a snapshot whose file name does not say it.
    date: str = ""
    mapping: str | None = None
    maps: list[str] = field(default_factory=list)
    defaults: list[str] = field(default_factory=list)
    #: keep the names of post holders found in the data (as people, marked personal).
    names: bool = True
    #: draw a progress bar (None: only when standard error is a terminal).
    progress: bool | None = None


Importer = Callable[[list[str], Options, Report], Record | None]


def _template(kind: str) -> Importer:
    def run(files: list[str], options: Options, report: Report) -> Record | None:
        from .mapping import apply_options, read_mapping
        from .tables import read_csv, read_xlsx
        from .template import read_template

        mapping = read_mapping(options.mapping, report)
        apply_options(mapping, options.maps, options.defaults, report)
        tables = []
        for f in expand(files, ".csv" if kind == "csv" else ".xlsx"):
            tables.extend(read_xlsx(f, report) if kind == "xlsx" else [read_csv(f, report)])
        if report.errors:
            return None
        org = {"id": options.org_id, "name": options.org_name}
        return read_template(tables, report, mapping, org, options.progress)

    return run


def _lazy(module: str) -> Importer:
    def run(files: list[str], options: Options, report: Report) -> Record | None:
        from importlib import import_module

        return import_module(f"{__package__}.{module}").read(files, options, report)

    return run


#: Kind (as the command line names it) -> importer.
KINDS: dict[str, Importer] = {
    "xlsx": _template("xlsx"),
    "csv": _template("csv"),
    "uk-organogram": _lazy("uk_organogram"),
    "govuk-organisations": _lazy("govuk"),
    "us-agencies": _lazy("us_agencies"),
}


def expand(files: list[str], suffix: str) -> list[str]:
    """The files given, a folder standing for its files ending in ``suffix`` (sorted)."""
    out: list[str] = []
    for f in files:
        p = Path(f)
        if p.is_dir():
            out.extend(str(c) for c in sorted(p.iterdir()) if c.suffix.lower() == suffix)
        else:
            out.append(f)
    return out


def run_import(kind: str, files: list[str], options: Options) -> tuple[Record, Report]:
    """Import ``files`` of ``kind``; raises ImportFailed with every problem if one is an error."""
    report = Report()
    record = KINDS[kind](files, options, report)
    report.raise_if_errors()
    assert record is not None, "an importer returned nothing without reporting an error"
    if not record.timeline.changes:
        # Files of another kind, or empty ones, would otherwise be written as an empty
        # organization, and with --replace take the place of the registry's record.
        report.error(
            ", ".join(files),
            f"nothing to import: no unit or post was found (are these {kind} files?)",
            code="empty",
        )
        report.raise_if_errors()
    return record, report
