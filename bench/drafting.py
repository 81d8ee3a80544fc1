"""How well drafting reads papers: precision and recall of the proposed changes.

A proposed change counts as right when a change of the reference has the same kind
(``op``), names the same units (ids of the record; a unit the paper creates by its name)
and is cited to the paragraph the proposal comes from. Measured on:

- the 2021 headquarters review paper against the plan ``hq-review-2021`` of data/iom, which
  was typed from it by hand (the paper is one of the seed documents kept beside the
  repository, ``../shared/seeds`` by default: skipped, saying so, when absent);
- the test papers of tests/fixtures/drafting, written for this purpose in phrasings of
  their own, against the changes listed beside each (``*.expected.yaml``).

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
from organogram.drafting import Draft, draft_paper, read_document  # noqa: E402
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
    """Items of a test paper's expected changes (``units``: ids or ``new:NAME``)."""
    out = []
    for e in entries:
        units = frozenset(f"new:{normal(u[4:])}" if u.startswith("new:") else u for u in e["units"])
        out.append(Item(e["op"], units, frozenset([str(e["cite"])])))
    return out


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
        score(f"test paper {paper.name}", draft_items(draft), expected_items(expected["changes"])),
        draft,
        expected,
    )


def test_papers() -> list[str]:
    """The stems of the test papers."""
    return sorted(p.name.removesuffix(".expected.yaml") for p in FIXTURES.glob("*.expected.yaml"))


def report(scores: list[Score], skipped: list[str]) -> str:
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
    for s in scores:
        if s.missed or s.wrong:
            lines += ["", f"## {s.name}", ""]
            for m in s.missed:
                lines.append(f"- missed: {m.op} {sorted(m.units)} ¶{_paras(m)} {m.label}")
            for w in s.wrong:
                lines.append(f"- not in the reference: {w.op} {sorted(w.units)} ¶{_paras(w)}")
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
    text = report(scores, skipped)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
