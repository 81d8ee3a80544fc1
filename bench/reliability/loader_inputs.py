"""The loaders and importers the malformed-input run tries, each with a small valid input.

Each :class:`Base` is a command (``organogram load``, ``import …``, ``plan import``), a
folder holding a valid input made from the tests' fixtures, and the files of it that
:mod:`.loader_mutations` makes malformed (:class:`Target`, with what their columns mean).
The run itself, and what it counts as a violation: :mod:`.loaders`.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .common import EXAMPLE, ROOT, Database, cli

FIXTURES = ROOT / "tests" / "fixtures"
IMPORTS = FIXTURES / "imports"


@dataclass
class Target:
    """A file of a base input that mutations are made to, and what its columns mean."""

    path: str  # relative to the base's folder
    ids: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)


@dataclass
class Base:
    """A small valid input, the command that loads it, and the files to mutate."""

    name: str
    files: Path  # a folder holding the input's files
    command: Callable[[Path], list[str]]  # the folder -> the arguments
    targets: list[Target]
    replace_flag: bool = True  # the command takes --replace (else: always a loaded registry)
    single: bool = False  # one file is the whole input: empty must be refused


def _copy(src: Path, dst: Path, names: list[str] | None = None) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for f in sorted(src.iterdir()):
        if f.is_file() and (names is None or f.name in names):
            shutil.copy(f, dst / f.name)
    return dst


def _plan_sheet_xlsx(path: Path, rows: list[list[str]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "changes"
    for row in rows:
        ws.append(row)
    wb.save(path)


PLAN_ROWS = [
    ["op", "date", "unit", "name", "node", "to"],
    ["rename", "2021-10-01", "emerg", "Emergency Department", "", ""],
    ["move", "2021-10-01", "", "", "emerg", "dg"],
]


def bases(work: Path) -> list[Base]:
    """Every loader and importer, each with a small valid input in ``work``."""
    template_targets = [
        Target("units.csv", ["id"], ["parent", "cite"], ["established"]),
        Target("posts.csv", ["id"], ["unit", "reports_to"], ["established"], ["senior"]),
        Target("changes.csv", ["id"], ["unit", "post", "person"], ["date"]),
        Target("sources.csv", ["id"], [], ["date"]),
        Target("people.csv", ["id"]),
        Target("organization.csv", ["id"]),
    ]
    template = _copy(IMPORTS / "template", work / "template")
    xlsx = work / "template-xlsx"
    xlsx.mkdir(parents=True, exist_ok=True)
    env = Database("SQLite").env(work / "var-xlsx", "x")
    out = work / "template-dataset"
    for args in (
        ["import", "csv", str(template), "--into", str(out), "--force"],
        ["export-as", "xlsx", str(out), "-o", str(xlsx / "template.xlsx")],
    ):
        done = cli(args, env)
        if done.returncode != 0:
            raise RuntimeError(f"organogram {' '.join(args)}: {done.stderr}")
    plan = work / "plan"
    plan.mkdir(parents=True, exist_ok=True)
    with (plan / "changes.csv").open("w", newline="") as f:
        csv.writer(f).writerows(PLAN_ROWS)
    plan_xlsx = work / "plan-xlsx"
    plan_xlsx.mkdir(parents=True, exist_ok=True)
    _plan_sheet_xlsx(plan_xlsx / "changes.xlsx", PLAN_ROWS)
    uk = "130930-HMIC-Organogram-Data-"
    us = "authoritative_agency_list_2017-03-08_d6fff0ea5.csv"
    govuk = "organisations_2022-10-13.json"
    reg = ["--registry"]
    return [
        Base(
            "dataset (one YAML file)",
            _copy(EXAMPLE, work / "example"),
            lambda d: ["load", str(d)],
            [Target("example.yaml")],
            single=True,
        ),
        Base(
            "dataset (a folder of YAML files)",
            _full(work / "full"),
            lambda d: ["load", str(d)],
            [Target("units.yaml"), Target("plans.yaml"), Target("history/2010.yaml")],
        ),
        Base(
            "import csv (template)",
            template,
            lambda d: ["import", "csv", str(d), *reg],
            template_targets,
        ),
        Base(
            "import xlsx (template)",
            xlsx,
            lambda d: ["import", "xlsx", str(d / "template.xlsx"), *reg],
            [
                Target(
                    "template.xlsx",
                    ["id"],
                    ["parent", "unit", "reports_to"],
                    ["established", "date"],
                )
            ],
            single=True,
        ),
        Base(
            "import csv with a mapping",
            _copy(IMPORTS / "mapped", work / "mapped"),
            lambda d: [
                "import",
                "csv",
                str(d / "Departments.csv"),
                "--mapping",
                str(d / "mapping.yaml"),
                "--org-id",
                "acme",
                "--org-name",
                "ACME",
                *reg,
            ],
            [
                Target("Departments.csv", ["Code"], ["Reports to"], ["Since"]),
                Target("mapping.yaml"),
            ],
        ),
        Base(
            "import uk-organogram",
            _copy(IMPORTS / "uk_organogram", work / "uk", [uk + "senior.csv", uk + "junior.csv"]),
            lambda d: [
                "import",
                "uk-organogram",
                str(d / (uk + "senior.csv")),
                str(d / (uk + "junior.csv")),
                "--date",
                "2013-09-30",
                *reg,
            ],
            [
                Target(
                    uk + "senior.csv",
                    ["Post Unique Reference"],
                    ["Reports to Senior Post"],
                    [],
                    ["FTE", "Actual Pay Floor (£)"],
                ),
                Target(
                    uk + "junior.csv",
                    [],
                    ["Reporting Senior Post"],
                    [],
                    ["Number of Posts in FTE", "Payscale Minimum (£)"],
                ),
            ],
        ),
        Base(
            "import govuk-organisations",
            _copy(IMPORTS / "govuk", work / "govuk", [govuk]),
            lambda d: ["import", "govuk-organisations", str(d / govuk), *reg],
            [Target(govuk)],
            single=True,
        ),
        Base(
            "import us-agencies",
            _copy(IMPORTS / "us_agencies", work / "us", [us]),
            lambda d: ["import", "us-agencies", str(d / us), *reg],
            [Target(us, ["SUBTIER CODE", "CGAC AGENCY CODE"], [], [], [])],
            single=True,
        ),
        Base(
            "plan import (CSV)",
            plan,
            lambda d: ["plan", "import", "review", str(d / "changes.csv")],
            [Target("changes.csv", [], ["unit", "node", "to"], ["date"])],
            replace_flag=False,
            single=True,
        ),
        Base(
            "plan import (XLSX)",
            plan_xlsx,
            lambda d: ["plan", "import", "review", str(d / "changes.xlsx")],
            [Target("changes.xlsx", [], ["unit", "node", "to"], ["date"])],
            replace_flag=False,
            single=True,
        ),
    ]


def _full(dst: Path) -> Path:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(FIXTURES / "datasets" / "full", dst)
    return dst
