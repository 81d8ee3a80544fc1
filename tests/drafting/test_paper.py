"""Drafting a plan from a paper: the test papers of tests/fixtures/drafting, written in
phrasings of their own, and a short extract of the 2021 review paper."""

from pathlib import Path

import pytest
import yaml

from bench import drafting as bench
from organogram.core.changes import step
from organogram.drafting import draft_paper, read_document
from organogram.drafting.paragraphs import find_paragraphs, sentences
from organogram.formats import load_dataset
from organogram.formats.codec import change_from_dict

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "drafting"


@pytest.fixture(scope="module")
def iom():
    return load_dataset(ROOT / "data" / "iom")


@pytest.mark.parametrize("stem", [s for s in bench.test_papers() if not bench.blind_last(s)])
def test_each_test_paper_reads_as_a_person_reads_it(stem):
    score, draft, expected = bench.test_paper(stem)
    assert score.expected >= 4
    assert score.recall >= 0.9, f"missed: {score.missed}"
    assert score.precision >= 0.9, f"not expected: {score.wrong}"
    assert sorted(u.mention for u in draft.unresolved) == sorted(expected["unresolved"])
    if "effective" in expected:
        assert draft.effective and draft.effective["date"] == expected["effective"]


@pytest.mark.parametrize("stem", bench.test_papers())
def test_every_proposal_is_a_valid_change_with_its_rule_and_sentence(stem):
    _, draft, _ = bench.test_paper(stem)
    for p in draft.proposals:
        change_from_dict({**p.change("2026"), "cite": "src:1"})
        d = p.as_dict()
        assert d["rule"] and d["sentence"] and d["basis"] in ("stated", "context")
        assert 0 < d["confidence"] <= 1
        assert d["cite"].endswith(f":{p.paragraph}")


@pytest.mark.parametrize("stem", [s for s in bench.test_papers() if not bench.blind_last(s)])
def test_a_test_papers_proposals_apply_in_order_to_the_structure_they_read(stem, iom):
    """Accepted as drafted, each proposal applies where it falls (the form of a change
    alone could be valid and still not apply: a merge into a unit that goes on names it
    among its units)."""
    _, draft, expected = bench.test_paper(stem)
    structure = iom.timeline.snapshot(expected["date"]).structure.copy()
    for p in draft.proposals:
        change = change_from_dict({**p.change("2026-12-31"), "cite": "src:1"})
        assert step(change, structure) == [], (p.op, p.params)


def test_keeping_sentences_propose_nothing():
    _, draft, _ = bench.test_paper("upgrade-split")
    cited = {p.paragraph for p in draft.proposals}
    # "keeps its present structure" (5) and "will retain" (9) propose nothing.
    assert not cited & {"1", "5", "9"}


def test_dates_given_by_the_paper_date_the_change():
    _, draft, _ = bench.test_paper("upgrade-split")
    by_op = {p.op: p for p in draft.proposals}
    assert by_op["reclassify"].params["date"] == "2025-07-01"
    assert by_op["reclassify"].params["name"] == "Department of Treasury Operations"
    assert by_op["abolish"].params["date"] == "2025-12-31"


def test_a_former_name_resolves_and_says_so():
    _, draft, _ = bench.test_paper("consolidation")
    merge = next(p for p in draft.proposals if p.op == "merge")
    assert "finance-accounting" in merge.params["units"]
    assert any("former name" in n for n in merge.notes)


def test_review_extract(iom):
    text = read_document(FIXTURES / "review-extract.txt")
    draft = draft_paper(iom, text, source="scpf28", at="2021-06")
    got = {(p.op, p.paragraph, tuple(sorted(map(str, p.params.values())))) for p in draft.proposals}
    ops = sorted((p.op, p.paragraph, p.rule) for p in draft.proposals)
    assert ("rename", "21", "will-be-renamed") in ops
    assert ("rename", "22", "currently-named") in ops
    assert ("rename", "30", "renamed-aside") in ops
    assert sorted(p.params["node"] for p in draft.proposals if p.op == "move") == [
        "dfam",
        "doe",
        "dpsmm",
    ]
    # "will retain oversight of" its divisions: nothing.
    assert not [p for p in draft.proposals if p.paragraph == "23"]
    assert draft.effective["date"] == "2021-Q4/2022"
    assert got  # the proposals are concrete changes
    # The Executive Office is neither in the record nor created by the extract: listed.
    assert [u.mention for u in draft.unresolved if "Executive" in u.mention] == ["Executive Office"]


def test_paragraphs_keep_their_numbers_items_and_headings():
    paras, numbered = find_paragraphs(
        "Title Of A Paper\n\n1. First one.\n\nA Heading\n\n2. Second, positions are foreseen:\n"
        "- Director of X\n- Two posts (2 posts)\n3. Third\ncontinues here.\n"
    )
    assert numbered
    assert [p.number for p in paras] == ["1", "2", "3"]
    assert paras[1].heading == "A Heading" and paras[1].items == [
        "Director of X",
        "Two posts (2 posts)",
    ]
    assert paras[2].text == "Third continues here."


def test_sentences_do_not_split_after_abbreviations():
    assert sentences("Resolution No. 1385 was adopted. The Department will act.") == [
        "Resolution No. 1385 was adopted.",
        "The Department will act.",
    ]


def test_unreadable_document_names_the_file(tmp_path):
    from organogram.drafting import DocumentError

    bad = tmp_path / "paper.txt"
    bad.write_bytes(b"\xff\xfe\xfa not text")
    with pytest.raises(DocumentError, match=r"paper\.txt"):
        read_document(bad)
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "missing.md")


def test_pdf_paper_is_read(tmp_path, iom):
    pypdf = pytest.importorskip("pypdf")
    # A one-page PDF with a text layer, written by hand (pypdf reads it; nothing else needed).
    text = "1. The Treasury Division will be closed on 31 December 2025."
    stream = f"BT /F1 10 Tf 20 100 Td ({text}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(bytes(out))
    assert pypdf.PdfReader(pdf).pages
    read = read_document(pdf)
    assert "Treasury Division" in read
    paras, _ = find_paragraphs(read + "\n\n2. Nothing.\n\n3. Nothing.")
    draft = draft_paper(
        iom, "\n\n".join(f"{p.number}. {p.text}" for p in paras), source="p", at="2024"
    )
    assert [(p.op, p.params["unit"], p.params.get("date")) for p in draft.proposals] == [
        ("abolish", "treasury", "2025-12-31")
    ]


def test_expected_files_name_units_of_the_dataset(iom):
    structure = iom.timeline.snapshot("2024").structure
    units = set(structure.units) | set(structure.posts) | {"dg", "ddg-mr", "ddg-op"}
    for path in FIXTURES.glob("*.expected.yaml"):
        expected = yaml.safe_load(path.read_text("utf-8"))
        named = [u for c in expected.get("changes", []) for u in c["units"]]
        named += [u["unit"] for u in expected.get("units", [])]
        named += [u["parent"] for u in expected.get("units", []) if u["parent"]]
        named += [x for ln in expected.get("lines", []) for x in (ln["source"], ln["target"])]
        assert named, path.name
        for u in named:
            assert u.startswith(("new:", "post:")) or u in units, f"{path.name}: {u}"
