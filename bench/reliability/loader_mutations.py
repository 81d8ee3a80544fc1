"""The malformed inputs of the loaders' run: a seeded, bounded set of mutations of each
loader's valid input (:mod:`.loader_inputs`), taken in turns, a loader at a time.

Each mutation says what a refusal of it must name (:data:`FILE`, :data:`LINE` or
:data:`FIELD`) and whether it must be refused at all; :mod:`.loaders` gives each to its
command and checks the answer.
"""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .loader_inputs import Base, Target, bases

#: What a refusal must name, by mutation.
FILE, LINE, FIELD = "file", "line", "field"


@dataclass
class Case:
    """One malformed input: its loader, file and mutation, and what the run made of it."""

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
