"""How well drafting reads documents: precision and recall of what it proposes.

A proposed change counts as right when a change of the reference has the same kind
(``op``), names the same units and posts (ids of the record; a unit the paper creates by
its name, ``new:NAME``; a post it creates by its title, ``post:TITLE``) and is cited to
the paragraph the proposal comes from. Measured on:

- the 2021 headquarters review paper against the plan ``hq-review-2021`` of data/iom, which
  was typed from it by hand (the paper is one of the seed documents kept beside the
  repository, ``../shared/seeds`` by default: skipped, saying so, when absent);
- the test papers of tests/fixtures/drafting, written for this purpose in phrasings of
  their own, against the changes listed beside each (``*.expected.yaml``);
- the two structure descriptions among the seeds (the portfolio of the Deputy Director
  General for Management and Reform, the Department of Resources Management in 2016)
  against what data/iom holds citing them, and the test descriptions of
  tests/fixtures/drafting (``structure-*``): a unit the draft shows is right when the
  reference has the same unit (id, or a new unit by its name) with the same kind and the
  same line of oversight (or none given), cited to a section the draft cites for it; a
  line, the same source, kind and target.

The report goes to ``bench/results/drafting.md``, with the commit and the machine.

    python bench/drafting.py [--seeds DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.about import machine, revision  # noqa: E402
from organogram.drafting import (  # noqa: E402
    Draft,
    description_date,
    draft_paper,
    draft_structure,
    read_document,
)
from organogram.formats import load_dataset  # noqa: E402
from organogram.queries.resolve import normal  # noqa: E402

PAPER = "000_a1f308c133a760f2.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "drafting"

#: The fields of each op that name units (or posts), in the dataset format.
NAMING = {
    "create": ("unit", "parent"),
    "move": ("node", "to"),
    "rename": ("unit",),
    "reclassify": ("unit",),
    "redescribe": ("unit",),
    "abolish": ("unit",),
    "replace": ("unit", "by"),
    "merge": ("units", "into"),
    "split": ("unit", "into"),
    "add-line": ("source", "target"),
    "remove-line": ("source", "target"),
    "create-post": ("post", "unit"),
    "set-head": ("unit", "head"),
    "amend-post": ("post",),
    "abolish-post": ("post",),
    "move-post": ("post", "reports_to"),
}


@dataclass(frozen=True)
class Item:
    """One change as compared: its op, the units it names, the paragraphs it cites."""

    op: str
    units: frozenset[str]
    paragraphs: frozenset[str]
    label: str = field(compare=False, default="")


def change_items(changes: list[dict[str, Any]]) -> list[Item]:
    """The items of changes in the dataset format (a plan's ``changes``): new units and
    posts are named ``new:NAME`` and ``post:TITLE``, existing ones by id."""
    new = {}
    for c in changes:
        if c["op"] == "create":
            new[c["unit"]] = f"new:{normal(c['name'])}"
        if c["op"] in ("replace", "merge") and isinstance(c.get("new"), dict):
            key = "by" if c["op"] == "replace" else "into"
            new[c[key]] = f"new:{normal(c['new']['name'])}"
        if c["op"] == "split":
            for part in c.get("into", []):
                new[part["id"]] = f"new:{normal(part['name'])}"
        if c["op"] == "create-post":
            new[c["post"]] = f"post:{normal(c['title'])}"
    out = []
    for c in changes:
        names: set[str] = set()
        for fld in NAMING.get(c["op"], ()):
            value = c.get(fld)
            values = value if isinstance(value, list) else [value]
            for v in values:
                if isinstance(v, dict):
                    v = v.get("id")
                if v and v != "unknown":
                    names.add(new.get(v, v))
        cites = c.get("cite", [])
        cites = cites if isinstance(cites, list) else [cites]
        paras = frozenset(str(x).rpartition(":")[2] for x in cites)
        out.append(Item(c["op"], frozenset(names), paras, c.get("id", "")))
    return out


def expected_items(entries: list[dict[str, Any]]) -> list[Item]:
    """Items of a test paper's expected changes (``units``: ids, ``new:NAME`` for a unit
    the paper creates, ``post:TITLE`` for a post it creates)."""
    out = []
    for e in entries:
        units = frozenset(_expected_name(u) for u in e["units"])
        out.append(Item(e["op"], units, frozenset([str(e["cite"])])))
    return out


def _expected_name(u: str) -> str:
    for prefix in ("new:", "post:"):
        if u.startswith(prefix):
            return f"{prefix}{normal(u[len(prefix) :])}"
    return u


def draft_items(draft: Draft) -> list[Item]:
    """Items of a draft's proposals."""
    changes = []
    for p in draft.proposals:
        change = {"op": p.op, **p.params, "cite": p.cite}
        changes.append(change)
    return change_items(changes)


@dataclass
class Score:
    """Precision and recall of one document."""

    name: str
    proposed: int
    expected: int
    right: int
    missed: list[Item]
    wrong: list[Item]
    #: what the reference cites but the record does not hold at the date (not counted).
    note: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def score(name: str, got: list[Item], want: list[Item]) -> Score:
    """Match each proposal to one unmatched reference change of the same op, units and a
    paragraph it cites."""
    left = list(want)
    wrong = []
    for item in got:
        hit = next(
            (
                w
                for w in left
                if w.op == item.op and w.units == item.units and item.paragraphs & w.paragraphs
            ),
            None,
        )
        if hit is None:
            wrong.append(item)
        else:
            left.remove(hit)
    return Score(name, len(got), len(want), len(got) - len(wrong), left, wrong)


def review_paper(seeds: Path) -> Score | None:
    """The 2021 review paper against hq-review-2021; None when the seeds are absent."""
    path = seeds / PAPER
    if not path.is_file():
        return None
    record = load_dataset(ROOT / "data" / "iom")
    plan = yaml.safe_load((ROOT / "data" / "iom" / "review-2021.yaml").read_text("utf-8"))
    changes = plan["plans"][0]["changes"]
    draft = draft_paper(record, read_document(path), source="scpf28", at="2021-06")
    return score(
        "2021 review paper (scpf28) vs hq-review-2021", draft_items(draft), change_items(changes)
    )


def test_paper(stem: str) -> tuple[Score, Draft, dict[str, Any]]:
    """One test paper of tests/fixtures/drafting against its expected changes."""
    expected = yaml.safe_load((FIXTURES / f"{stem}.expected.yaml").read_text("utf-8"))
    paper = next(p for p in FIXTURES.glob(f"{stem}.*") if p.suffix in (".md", ".txt"))
    record = load_dataset(ROOT / "data" / "iom")
    draft = draft_paper(
        record, read_document(paper), source=expected["source"], at=expected["date"]
    )
    return (
        score(
            f"test paper {paper.name}{_blind_note(expected)}",
            draft_items(draft),
            expected_items(expected["changes"]),
        ),
        draft,
        expected,
    )


def test_papers() -> list[str]:
    """The stems of the test papers (the test structure descriptions aside)."""
    return [
        p.name.removesuffix(".expected.yaml")
        for p in sorted(FIXTURES.glob("*.expected.yaml"))
        if not p.name.startswith("structure-")
    ]


#: The structure descriptions among the seeds, with the dataset source that cites them.
STRUCTURES = [
    ("001_5766ef1330a4c1ef.txt", "ddg-mr-portfolio", "portfolio of the DDG-MR"),
    ("003_d735e54ff41a9c09.txt", "drm2016", "Department of Resources Management, 2016"),
]
#: The paragraphs the draft cites by their place (no heading or unit names a passage
#: there), as the dataset's passages call them: read from each document's layout.
LAYOUT = {
    "ddg-mr-portfolio": {"1": "intro"},
    "drm2016": {"1": "mandate", "2": "objectives", "4": "composition", "5": "cro", "12": "finance"},
}
#: Ops of the dataset that say a unit exists as the document shows it.
_UNIT_OPS = {"create", "move", "rename", "reclassify", "redescribe"}


def _cites(entry: dict[str, Any], source: str) -> set[str]:
    cites = entry.get("cite", [])
    cites = cites if isinstance(cites, list) else [cites]
    return {str(c).partition(":")[2] for c in cites if str(c).partition(":")[0] == source}


def cited_reference(source: str, at: str) -> tuple[list[Item], list[str]]:
    """What data/iom holds citing ``source``: each unit a unit entry or change citing it
    names, with its kind and line of oversight in the record as of ``at``; each typed line
    citing it, and each post's line of oversight. Returns the items and what the record
    no longer (or not yet) holds at that date."""
    record = load_dataset(ROOT / "data" / "iom")
    s = record.timeline.snapshot(at).structure
    units: dict[str, set[str]] = {}
    lines: list[tuple[str, str, str, set[str]]] = []
    for path in sorted((ROOT / "data" / "iom").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text("utf-8")) or {}
        entries = [("create", u) for u in doc.get("units", []) or []]
        entries += [("create-post", p) for p in doc.get("posts", []) or []]
        entries += [(c["op"], c) for c in doc.get("changes", []) or []]
        for plan in doc.get("plans", []) or []:
            entries += [(c["op"], c) for c in plan.get("changes", [])]
        for op, e in entries:
            secs = _cites(e, source)
            if not secs:
                continue
            if op in _UNIT_OPS:
                node = e.get("node") or e.get("unit") or e.get("id")
                units.setdefault(node, set()).update(secs)
            elif op == "split":
                for node in [e["unit"], *(part["id"] for part in e.get("into", []))]:
                    units.setdefault(node, set()).update(secs)
            elif op == "add-line":
                lines.append((e["source"], e["kind"], e["target"], secs))
            elif op == "create-post" and e.get("reports_to") not in (None, "unknown"):
                lines.append((e["id"], "oversight", e["reports_to"], secs))
    items, gone = [], []
    for node, secs in units.items():
        if node not in s.units:
            gone.append(f"unit {node}")
            continue
        parent = s.placement(node)
        under = parent if parent and parent != "unknown" else "-"
        items.append(
            Item(
                f"unit:{s.units[node].kind}",
                frozenset([node, f"under:{under}"]),
                frozenset(secs),
                node,
            )
        )
    for src, kind, target, secs in lines:
        if kind == "oversight":
            held = s.parent(src) == target
        else:
            held = any(
                (ln.source, str(ln.kind), ln.target) == (src, kind, target) for ln in s.lines
            )
        if not held:
            gone.append(f"line {src} {kind} {target}")
            continue
        items.append(
            Item(f"line:{kind}", frozenset([f"from:{src}", f"to:{target}"]), frozenset(secs))
        )
    return items, gone


def described_items(draft: Draft, layout: dict[str, str] | None = None) -> list[Item]:
    """Items of what a structure draft shows (``described``): units with their kind and
    line of oversight, and lines; sections through ``layout``."""
    layout = layout or {}
    new = {d["unit"]: f"new:{normal(d['name'])}" for d in draft.described if d.get("new")}
    out = []
    for d in draft.described:
        secs = frozenset(layout.get(c.rpartition(":")[2], c.rpartition(":")[2]) for c in d["cites"])
        if "unit" in d:
            node = new.get(d["unit"], d["unit"])
            under = new.get(d["parent"], d["parent"]) if d["parent"] else "-"
            out.append(Item(f"unit:{d['kind']}", frozenset([node, f"under:{under}"]), secs))
        else:
            out.append(
                Item(
                    f"line:{d['line']}",
                    frozenset(
                        [
                            f"from:{new.get(d['source'], d['source'])}",
                            f"to:{new.get(d['target'], d['target'])}",
                        ]
                    ),
                    secs,
                )
            )
    return out


def structure_description(seeds: Path, name: str, source: str, title: str) -> Score | None:
    """A structure description among the seeds against what data/iom cites to it, names
    read at the default date (the document's own, else its source's)."""
    path = seeds / name
    if not path.is_file():
        return None
    record = load_dataset(ROOT / "data" / "iom")
    text = read_document(path)
    at = description_date(text, record, source).date
    draft = draft_structure(record, text, source=source, at=at)
    want, gone = cited_reference(source, at)
    got = described_items(draft, LAYOUT.get(source))
    result = score(f"{title} ({source}), as of {at}", got, want)
    result.note = gone
    return result


def _expected_structure(entries: dict[str, Any]) -> list[Item]:
    def node(u: str) -> str:
        return f"new:{normal(u[4:])}" if u.startswith("new:") else u

    out = []
    for u in entries.get("units", []):
        under = node(u["parent"]) if u["parent"] else "-"
        out.append(
            Item(
                f"unit:{u['kind']}",
                frozenset([node(u["unit"]), f"under:{under}"]),
                frozenset([str(u["cite"])]),
            )
        )
    for ln in entries.get("lines", []):
        out.append(
            Item(
                f"line:{ln['kind']}",
                frozenset([f"from:{node(ln['source'])}", f"to:{node(ln['target'])}"]),
                frozenset([str(ln["cite"])]),
            )
        )
    return out


def test_structure(stem: str) -> tuple[Score, Draft, dict[str, Any]]:
    """One test description of tests/fixtures/drafting against what a person reads in it,
    names read at the default date (the date the document gives itself)."""
    expected = yaml.safe_load((FIXTURES / f"{stem}.expected.yaml").read_text("utf-8"))
    path = next(p for p in FIXTURES.glob(f"{stem}.*") if p.suffix in (".md", ".txt"))
    record = load_dataset(ROOT / "data" / "iom")
    text = read_document(path)
    at = description_date(text, record, expected["source"]).date
    draft = draft_structure(record, text, source=expected["source"], at=at)
    got = described_items(draft)
    return (
        score(
            f"test description {path.name}, as of {at}{_blind_note(expected)}",
            got,
            _expected_structure(expected),
        ),
        draft,
        expected,
    )


def _blind_note(expected: dict[str, Any]) -> str:
    return f" (blind, measured last at {expected['blind']})" if expected.get("blind") else ""


def blind_last(stem: str) -> str:
    """The commit a test document was measured blind at, when it is one of the documents
    measured last (``blind: COMMIT`` in its expected file): no rule has been changed for
    it, so its figure is the honest one and no test holds the rules to it. '' otherwise."""
    expected = yaml.safe_load((FIXTURES / f"{stem}.expected.yaml").read_text("utf-8"))
    return str(expected.get("blind") or "")


def test_structures() -> list[str]:
    """The stems of the test structure descriptions."""
    return [s for s in test_papers_and_structures() if s.startswith("structure-")]


def test_papers_and_structures() -> list[str]:
    """The stems of every test document."""
    return sorted(p.name.removesuffix(".expected.yaml") for p in FIXTURES.glob("*.expected.yaml"))


def report(scores: list[Score], skipped: list[str], structures: list[Score] = ()) -> str:
    """The Markdown report."""
    lines = [
        "# Drafting from documents: precision and recall",
        "",
        *[f"- {line}" for line in [f"commit {revision()}", *machine()]],
        "",
        "A proposal is right when a reference change has the same op, names the same units and "
        "cites its paragraph (see bench/drafting.py).",
        "",
        "| document | proposed | reference | right | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        lines.append(
            f"| {s.name} | {s.proposed} | {s.expected} | {s.right} | "
            f"{s.precision:.0%} | {s.recall:.0%} |"
        )
    if structures:
        lines += [
            "",
            "Structure descriptions: a unit is right when the reference has it with the same "
            "kind and line of oversight, cited to a section the draft cites for it; a line, "
            "with the same source, kind and target (see bench/drafting.py).",
            "",
            "| document | shown | reference | right | precision | recall |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for s in structures:
            lines.append(
                f"| {s.name} | {s.proposed} | {s.expected} | {s.right} | "
                f"{s.precision:.0%} | {s.recall:.0%} |"
            )
    for s in [*scores, *structures]:
        if s.missed or s.wrong or s.note:
            lines += ["", f"## {s.name}", ""]
            for m in s.missed:
                lines.append(f"- missed: {m.op} {sorted(m.units)} ¶{_paras(m)}")
            for w in s.wrong:
                lines.append(f"- not in the reference: {w.op} {sorted(w.units)} ¶{_paras(w)}")
            for n in s.note:
                lines.append(f"- cited, but not in the record at that date (not counted): {n}")
    for why in skipped:
        lines += ["", f"Skipped: {why}"]
    return "\n".join(lines) + "\n"


def _paras(item: Item) -> str:
    return ",".join(sorted(item.paragraphs))


def main(argv: list[str] | None = None) -> int:
    """Measure and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seeds",
        type=Path,
        default=ROOT.parent / "shared" / "seeds",
        help="the folder of the seed documents (default ../shared/seeds)",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results" / "drafting.md")
    args = parser.parse_args(argv)
    scores, skipped = [], []
    review = review_paper(args.seeds)
    if review is None:
        why = f"no {PAPER} in {args.seeds}: the 2021 review paper was not measured"
        print(why, file=sys.stderr)
        skipped.append(why)
    else:
        scores.append(review)
    scores += [test_paper(stem)[0] for stem in test_papers()]
    structures = []
    for name, source, title in STRUCTURES:
        measured = structure_description(args.seeds, name, source, title)
        if measured is None:
            why = f"no {name} in {args.seeds}: the description {source} was not measured"
            print(why, file=sys.stderr)
            skipped.append(why)
        else:
            structures.append(measured)
    structures += [test_structure(stem)[0] for stem in test_structures()]
    text = report(scores, skipped, structures)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
