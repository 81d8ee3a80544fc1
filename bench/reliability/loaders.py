"""Malformed input to every loader and importer: refused cleanly, naming where, writing nothing.

From small valid inputs (the tests' fixtures) a seeded, bounded set of mutations is made:
truncation, an empty file, bytes that are no text, another encoding, NUL characters, a
value of the wrong type, a missing column or field, a duplicated row (ids twice), a
reference to nothing, a huge id, an impossible date, and for spreadsheets a truncated zip
and a zip bomb. Each is given to its command, loading into a registry: half of them with
``--replace`` into a registry holding a record, half without into an empty one (a plan's
spreadsheet always into a registry holding its draft). A case is a **violation** when:

- the command ends otherwise than with status 0, 1 or 2 (a signal, a hang past the time
  limit), or prints a Python traceback;
- it refuses the input (status 1 or 2) without naming where: some line of its errors must
  name the mutated file (its name) and, after it, what the mutation calls for — the file
  alone for a file that is not text, a spreadsheet or JSON at all; a line (``:N``,
  ``line N``, ``row N``, ``cell A1``) for a file cut short or holding NUL bytes; a line or
  row and a field (``column 'x'``, ``field 'x'``, ``units[0].parent:``) for a change to
  one value, column or row;
- it refuses the input and the registry is not as it was: ``organogram export`` of it
  differs, byte for byte, from the export before (a SQLite file unchanged byte for byte,
  or PostgreSQL tables whose every row is unchanged, need no export);
- it accepts an input that must be refused: an empty file, bytes that are not its format,
  a truncated or exploding spreadsheet (a mutation that leaves a valid input may be
  accepted: a renamed unit is still a dataset).
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import shutil
import subprocess
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .common import EXAMPLE, ROOT, Database, cli, export_digest, say

FIXTURES = ROOT / "tests" / "fixtures"
IMPORTS = FIXTURES / "imports"

#: What a refusal must name, by mutation.
FILE, LINE, FIELD = "file", "line", "field"

#: Seconds a command may take on one input before it counts as hung.
TIME_LIMIT = 120


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


@dataclass
class Case:
    base: str
    target: str
    mutation: str
    needs: str  # FILE, LINE or FIELD
    must_refuse: bool
    data: bytes
    mode: str = ""  # "--replace into a record" or "into an empty registry"
    status: int | None = None
    seconds: float = 0.0
    violation: str = ""


# -- the bases --------------------------------------------------------------------------------


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


# -- mutations --------------------------------------------------------------------------------

HUGE_ID = "x" * 5000
BAD_DATE = "2021-02-30"
DANGLING = "no-such-thing-anywhere"


def _text_mutations(data: bytes, rng: random.Random) -> list[tuple[str, str, bool, bytes]]:
    """Mutations of any text file: (name, what a refusal must name, must refuse, bytes)."""
    lines = data.split(b"\n")
    at = rng.randrange(1, max(2, len(lines) - 1))
    nul = b"\n".join(
        [
            *lines[:at],
            lines[at][: len(lines[at]) // 2] + b"\x00" + lines[at][len(lines[at]) // 2 :],
            *lines[at + 1 :],
        ]
    )
    cut = rng.randrange(len(data) // 3, max(len(data) // 3 + 1, 2 * len(data) // 3))
    text = data.decode("utf-8-sig", errors="replace")
    return [
        ("truncated", LINE, False, data[:cut]),
        ("empty", FILE, False, b""),
        ("NUL byte", LINE, False, nul),
        ("UTF-16", FILE, False, text.encode("utf-16")),
        ("binary garbage", FILE, True, bytes(rng.randrange(256) for _ in range(3000))),
        (
            "Latin-1 accents",
            LINE,
            False,
            (text[: len(text) // 2] + "\u00e9\u00e8" + text[len(text) // 2 :]).encode(
                "latin-1", "replace"
            ),
        ),
    ]


def _csv_mutations(data: bytes, t: Target, rng: random.Random) -> list[tuple]:
    # Public CSV files come in UTF-8 or Windows-1252: a mutation keeps the file's own.
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    if not body:
        return []

    def dump(rs: list[list[str]]) -> bytes:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rs)
        return out.getvalue().encode(encoding, errors="replace")

    def cell(cols: list[str], value: str) -> bytes | None:
        present = [header.index(c) for c in cols if c in header]
        if not present:
            return None
        rs = [list(r) for r in rows]
        r = rs[1 + rng.randrange(len(body))]
        c = rng.choice(present)
        while len(r) <= c:
            r.append("")
        r[c] = value
        return dump(rs)

    found = []
    named = [h for h in header if h]
    for name, cols, value in (
        ("wrong type", t.numbers or t.dates, "not-a-number-or-date"),
        ("dangling reference", t.refs, DANGLING),
        ("huge id", t.ids, HUGE_ID),
        ("impossible date", t.dates, BAD_DATE),
        ("NUL in a value", named, "a\x00b"),
    ):
        made = cell(cols, value)
        if made is not None:
            found.append((name, FIELD, False, made))
    gone = header.index(rng.choice(t.ids or named))
    found.append(
        (
            "missing column",
            FIELD,
            False,
            dump([[v for i, v in enumerate(r) if i != gone] for r in rows]),
        )
    )
    dup = rng.randrange(len(body))
    found.append(("duplicated row", LINE, False, dump([header, *body[: dup + 1], *body[dup:]])))
    return found


def _walk(node: object, path: tuple = ()) -> list[tuple[tuple, object]]:
    """Every (path, value) of a parsed YAML or JSON document."""
    found = [(path, node)]
    if isinstance(node, dict):
        for k, v in node.items():
            found += _walk(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found += _walk(v, (*path, i))
    return found


def _set(doc: object, path: tuple, value: object, delete: bool = False) -> None:
    for k in path[:-1]:
        doc = doc[k]  # type: ignore[index]
    if delete:
        del doc[path[-1]]  # type: ignore[union-attr,arg-type]
    else:
        doc[path[-1]] = value  # type: ignore[index]


def _tree_mutations(data: bytes, fmt: str, rng: random.Random) -> list[tuple]:
    """Mutations of one value of a YAML or JSON document, made on its parsed tree."""
    import copy

    doc = yaml.safe_load(data) if fmt == "yaml" else json.loads(data)

    def dump(d: object) -> bytes:
        if fmt == "yaml":
            return yaml.safe_dump(d, sort_keys=False, allow_unicode=True).encode()
        return json.dumps(d, indent=1, default=str).encode()

    leaves = [
        (p, v)
        for p, v in _walk(doc)
        if p and isinstance(p[-1], str) and not isinstance(v, (dict, list))
    ]
    if not leaves:
        return []
    found = []

    def pick(keys: tuple[str, ...]) -> tuple | None:
        fit = [p for p, _ in leaves if p[-1] in keys]
        return rng.choice(fit) if fit else None

    for name, keys, value in (
        (
            "wrong type",
            ("name", "title", "date", "established", "grade", "kind", "op", "slug", "closed_at"),
            {"a": [1, 2]},
        ),
        ("dangling reference", ("parent", "unit", "node", "to", "post", "cite", "id"), DANGLING),
        ("huge id", ("id", "slug", "unit"), HUGE_ID),
        (
            "impossible date",
            ("date", "established", "effective", "closed_at", "updated_at"),
            BAD_DATE,
        ),
        ("NUL in a value", ("name", "title", "note", "description"), "a\x00b"),
    ):
        p = pick(keys) or rng.choice(leaves)[0]
        d = copy.deepcopy(doc)
        if name == "dangling reference" and p[-1] == "id" and fmt == "json":
            # GOV.UK: a parent that is no organisation of the file.
            d2 = [o for o in d if isinstance(o, dict)]
            o = rng.choice(d2)
            o["parent_organisations"] = [{"id": f"https://www.gov.uk/api/organisations/{DANGLING}"}]
        else:
            _set(d, p, value)
        found.append((name, FIELD, False, dump(d)))
    p = pick(("id", "title", "name", "op", "slug")) or rng.choice(leaves)[0]
    d = copy.deepcopy(doc)
    _set(d, p, None, delete=True)
    found.append(("missing field", FIELD, False, dump(d)))
    lists = [(p, v) for p, v in _walk(doc) if isinstance(v, list) and v and isinstance(v[0], dict)]
    if lists:
        p, v = rng.choice(lists)
        d = copy.deepcopy(doc)
        i = rng.randrange(len(v))
        target = d
        for k in p:
            target = target[k]
        target.insert(i, copy.deepcopy(target[i]))
        found.append(("duplicated entry", LINE, False, dump(d)))
    return found


def _xlsx_mutations(data: bytes, t: Target, rng: random.Random, bomb: bytes) -> list[tuple]:
    from openpyxl import load_workbook

    def save(wb) -> bytes:
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    found = [
        ("truncated zip", FILE, True, data[: len(data) // 2]),
        ("empty", FILE, True, b""),
        ("zip bomb", FILE, True, bomb),
        ("binary garbage", FILE, True, bytes(rng.randrange(256) for _ in range(3000))),
    ]

    def cell(cols: list[str], value: object) -> bytes | None:
        wb = load_workbook(io.BytesIO(data))
        choices = []
        for ws in wb.worksheets:
            head = [c.value for c in ws[1]]
            for i, h in enumerate(head):
                if h in cols and ws.max_row > 1:
                    choices.append((ws, i))
        if not choices:
            return None
        ws, i = rng.choice(choices)
        ws.cell(row=rng.randrange(2, ws.max_row + 1), column=i + 1, value=value)
        return save(wb)

    for name, cols, value in (
        ("wrong type", t.dates, 3.5),
        ("dangling reference", t.refs, DANGLING),
        ("huge id", t.ids, HUGE_ID),
        ("impossible date", t.dates, BAD_DATE),
    ):
        made = cell(cols, value)
        if made is not None:
            found.append((name, FIELD, False, made))
    wb = load_workbook(io.BytesIO(data))
    ws = rng.choice([w for w in wb.worksheets if w.max_row > 1])
    head = [c.value for c in ws[1]]
    drop = [i for i, h in enumerate(head) if h in (t.ids or t.refs)] or [0]
    ws.delete_cols(rng.choice(drop) + 1)
    found.append(("missing column", FIELD, False, save(wb)))
    wb = load_workbook(io.BytesIO(data))
    ws = rng.choice([w for w in wb.worksheets if w.max_row > 1])
    ws.append([c.value for c in ws[rng.randrange(2, ws.max_row + 1)]])
    found.append(("duplicated row", LINE, False, save(wb)))
    return found


def zip_bomb(megabytes: int = 300) -> bytes:
    """A workbook whose one sheet is a few hundred kilobytes packed, ``megabytes`` unpacked."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://'
            'schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            chunk = b" " * (1 << 20)
            for _ in range(megabytes):
                f.write(chunk)
    return out.getvalue()


def cases(work: Path, seed: int, per_target: int) -> tuple[list[Base], list[Case]]:
    """The bases and a seeded set of at most ``per_target`` mutations of each target file."""
    rng = random.Random(seed)
    made = bases(work)
    bomb = zip_bomb()
    per_base: list[list[Case]] = []
    for base in made:
        found: list[Case] = []
        per_base.append(found)
        for t in base.targets:
            data = (base.files / t.path).read_bytes()
            suffix = Path(t.path).suffix
            if suffix == ".xlsx":
                muts = _xlsx_mutations(data, t, rng, bomb)
            else:
                muts = _text_mutations(data, rng)
                if suffix == ".csv":
                    muts += _csv_mutations(data, t, rng)
                else:
                    muts += _tree_mutations(data, "json" if suffix == ".json" else "yaml", rng)
            # The whole-file mutations come first: every target meets one of them.
            first = [m for m in muts if m[1] == FILE]
            rest = [m for m in muts if m[1] != FILE]
            rng.shuffle(first)
            rng.shuffle(rest)
            picked = first[:1] + rest[: max(0, per_target - 2)] + first[1:2]
            for name, needs, must, bytes_ in picked[:per_target]:
                if name == "empty" and base.single:
                    must = True
                found.append(Case(base.name, t.path, name, needs, must, bytes_))
    # Taken in turns, a loader at a time: a run cut short by its time budget has still
    # tried every loader.
    turns = [c for i in range(max(map(len, per_base))) for cs in per_base for c in cs[i : i + 1]]
    return made, turns


# -- the check --------------------------------------------------------------------------------

LOCATION = re.compile(r"^[\"']?:\d+|\b(?:row|line)s? \d+|\bcell [A-Z]{1,3}\d+")
FIELD_NAMED = re.compile(
    r"\b(?:column|field|key|sheet)s? '[^']+'"
    r"|[\w\]]+(?:\.\w+|\[\d+\])+:\s"
    r"|^[\"']?:\d+: [\w.]+:"
    r"|\b(?:row|line) \d+: [\w.]+:"
)

#: Mutations that take content away: what then fails may be named in another file of the
#: input (an empty units file: the posts that name its units).
REMOVING = {"empty", "truncated", "missing column", "missing field"}


def names_where(stderr: str, filenames: list[str], needs: str) -> bool:
    """Whether a line of ``stderr`` names one of the files and, after it, what ``needs``
    asks (FILE: nothing more; LINE: a line or row; FIELD: a line or row and a field)."""
    for line in stderr.splitlines():
        for filename in filenames:
            at = line.find(filename)
            if at < 0:
                continue
            rest = line[at + len(filename) :]
            if needs == FILE:
                return True
            if LOCATION.search(rest) and (needs == LINE or FIELD_NAMED.search(rest)):
                return True
    return False


def _same_files(a: Path, b: Path) -> bool:
    """Whether two SQLite registry folders hold the same files, byte for byte."""
    names = sorted(f.name for f in a.iterdir() if f.is_file())
    if names != sorted(f.name for f in b.iterdir() if f.is_file()):
        return False
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in names)


def run_cases(
    db: Database,
    work: Path,
    made: list[Base],
    todo: list[Case],
    seconds: float,
    progress: Callable[[str], None] = say,
) -> dict:
    """Every case on ``db`` (until ``seconds`` are spent), each on a fresh registry."""
    by_name = {b.name: b for b in made}
    tag = db.name.lower()
    var0, var1, var = work / f"{tag}-empty", work / f"{tag}-record", work / f"{tag}-case"
    db0, db1, dbc = (f"reliab_loaders_{what}_{tag}" for what in ("empty", "record", "case"))
    db.create(var0, db0)
    db.create(var1, db1)
    # The empty registry is made (migrated) by its first export, below.
    loaded = cli(["load", str(EXAMPLE)], db.env(var1, db1))
    if loaded.returncode != 0:
        raise RuntimeError(f"loading the example: {loaded.stderr}")
    digests = {
        "empty": export_digest(db.env(var0, db0), work / "export"),
        "record": export_digest(db.env(var1, db1), work / "export"),
    }
    contents = {False: db.content_digest(db0), True: db.content_digest(db1)}
    start = time.monotonic()
    ran: list[Case] = []
    for i, c in enumerate(todo):
        if time.monotonic() - start > seconds:
            break
        base = by_name[c.base]
        folder = work / "case-input"
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(base.files, folder)
        (folder / c.target).write_bytes(c.data)
        args = base.command(folder)
        into_record = not base.replace_flag or i % 2 == 0
        if into_record and base.replace_flag:
            args.append("--replace")
        c.mode = (
            "--replace, into a record"
            if base.replace_flag and into_record
            else ("into a record" if into_record else "into an empty registry")
        )
        db.create(var, dbc, (var1, db1) if into_record else (var0, db0))
        env = db.env(var, dbc)
        t0 = time.monotonic()
        try:
            result = cli(args, env, timeout=TIME_LIMIT)
            c.status = result.returncode
            stderr = result.stderr
        except subprocess.TimeoutExpired:
            c.status, stderr = None, ""
            c.violation = f"no answer within {TIME_LIMIT} s"
        c.seconds = time.monotonic() - t0
        filenames = [Path(c.target).name]
        if c.mutation in REMOVING:
            filenames += [f.name for f in folder.rglob("*") if f.is_file()]
        if c.needs == FILE:
            filenames.append(folder.name)  # the dataset folder, for what no one file holds
        if c.violation:
            pass
        elif "Traceback" in stderr:
            c.violation = "a traceback: " + stderr.strip().splitlines()[-1][:200]
        elif c.status not in (0, 1, 2):
            c.violation = f"ended with status {c.status}"
        elif c.status == 0 and c.must_refuse:
            c.violation = "accepted"
        elif c.status != 0:
            if not names_where(stderr, filenames, c.needs):
                first = next((ln for ln in stderr.splitlines() if ln.strip()), "(nothing)")
                c.violation = f"names no {c.needs}: {first.strip()[:200]}"
            template = var1 if into_record else var0
            unchanged = (
                _same_files(var, template)
                if db.server is None
                else db.content_digest(dbc) == contents[into_record]
            )
            if unchanged:  # not a byte, or not a row, changed: the export is the same
                after = digests["record" if into_record else "empty"]
            else:
                after = export_digest(env, work / "export")
            if after != digests["record" if into_record else "empty"]:
                c.violation = (c.violation + "; " if c.violation else "") + "registry changed"
        ran.append(c)
        if c.violation:
            progress(
                f"  VIOLATION {db.name}: {c.base}, {c.target}, {c.mutation} ({c.mode}): "
                f"{c.violation}"
            )
    for v, d in ((var0, db0), (var1, db1), (var, dbc)):
        db.drop(v, d)
    return {
        "database": db.name,
        "cases": len(todo),
        "ran": len(ran),
        "refused": sum(c.status not in (0, None) for c in ran),
        "accepted": sum(c.status == 0 for c in ran),
        "violations": [c for c in ran if c.violation],
        "seconds": time.monotonic() - start,
        "results": ran,
    }


def run(
    work: Path, dbs: list[Database], *, seed: int = 20, per_target: int = 3, seconds: float = 240
) -> list[dict]:
    """The malformed-input run on every database: a result per database."""
    made, todo = cases(work / "inputs", seed, per_target)
    say(f"loaders: {len(todo)} malformed inputs over {len(made)} loaders and importers")
    results = []
    for db in dbs:
        fresh = [Case(c.base, c.target, c.mutation, c.needs, c.must_refuse, c.data) for c in todo]
        r = run_cases(db, work, made, fresh, seconds)
        say(
            f"loaders, {db.name}: {r['ran']} of {r['cases']} inputs in {r['seconds']:.0f} s, "
            f"{r['refused']} refused, {r['accepted']} accepted, "
            f"{len(r['violations'])} violation(s)"
        )
        results.append(r)
    return results


def main() -> int:
    import argparse
    import tempfile

    from .common import databases

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", help="PostgreSQL URL (default: DATABASE_URL)")
    parser.add_argument("--per-target", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=240)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--only", help="only the loaders whose name contains this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="organogram-loaders-") as tmp:
        results = run(
            Path(tmp),
            databases(args.postgres),
            seed=args.seed,
            per_target=args.per_target,
            seconds=args.seconds,
        )
    return 1 if any(r["violations"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
