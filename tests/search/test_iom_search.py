"""Search on the IOM data: questions a new user asks, answered in the order they expect.

"Who deals with procurement?" is the Supply Chain Division (its functions, from the
portfolio's supply-chain section); "data protection" is the Department of Legal Affairs
(its focal point, portfolio dla section); "Office of Legal Affairs" is that department's
name before the 2021 review (scpf28 para. 31).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from organogram.cli.main import main
from organogram.formats import load_dataset
from organogram.search import documents, search
from organogram.search.memory import MemoryIndex
from organogram.search.names import namer

DATASET = Path(__file__).resolve().parents[2] / "data" / "iom"
TODAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def record():
    return load_dataset(DATASET)


@pytest.fixture(scope="module")
def index(record):
    return MemoryIndex(documents(record))


def find(record, index, text, *, at=TODAY, people=False, **kw):
    return search(index, text, at=at, people=people, namer=namer(record, at), **kw)


def ids(results, kind=None):
    return [h.id for h in results.hits if kind is None or h.kind == kind]


def test_procurement_finds_the_supply_chain_division(record, index):
    found = find(record, index, "procurement")
    units = ids(found, "unit")
    assert "supply-chain" in units[:3]
    hit = next(h for h in found.hits if h.id == "supply-chain")
    assert hit.field == "function"
    assert any(marked and text.lower() == "procurement" for text, marked in hit.snippet)
    assert hit.citations == ("ddg-mr-portfolio:supply-chain",)


def test_a_unit_named_by_the_word_comes_before_one_whose_functions_hold_it(record, index):
    found = find(record, index, "procurement")
    assert ids(found, "unit")[0] == "ict-procurement"  # its name holds the word


def test_data_protection_finds_the_department_of_legal_affairs_first(record, index):
    found = find(record, index, "data protection")
    first = found.hits[0]
    assert (first.kind, first.id, first.name) == ("unit", "dla", "Department of Legal Affairs")
    assert "ddg-mr-portfolio:dla" in first.citations
    assert first.current


def test_a_former_name_finds_the_unit_under_its_name_now_with_the_span(record, index):
    found = find(record, index, "Office of Legal Affairs")
    first = found.hits[0]
    assert (first.id, first.name, first.field) == ("dla", "Department of Legal Affairs", "name")
    assert first.text == "Office of Legal Affairs"
    assert not first.current
    assert first.when.startswith("called Office of Legal Affairs until ")
    assert first.until == "2021-Q4/2022"
    assert "scpf28:31" in first.citations


def test_before_the_review_the_office_is_called_by_its_name_then(record, index):
    at = dt.date(2021, 6, 30)
    first = find(record, index, "Office of Legal Affairs", at=at).hits[0]
    assert (first.id, first.name, first.current) == ("dla", "Office of Legal Affairs", True)


def test_a_name_it_takes_later_is_not_found_before(record, index):
    at = dt.date(2016, 11, 30)
    assert "dla" not in ids(find(record, index, "Department of Legal Affairs", at=at), "unit")


def test_an_exact_abbreviation_or_name_comes_first(record, index):
    unit = record.timeline.snapshot(TODAY).structure.units["supply-chain"]
    assert find(record, index, unit.name).hits[0].id == "supply-chain"
    assert find(record, index, "supply").hits[0].id == "supply-chain"  # a name beginning so


def test_accents_and_case_do_not_matter(record, index):
    assert ids(find(record, index, "DATA PROTÉCTION"))[:1] == ["dla"]


def test_stemming_finds_other_forms_of_an_english_word(record, index):
    assert "dla" in ids(find(record, index, "protecting data"), "unit")


def test_a_question_in_words_falls_back_to_its_meaningful_words(record, index):
    found = find(record, index, "who deals with procurement?")
    assert found.loose
    assert "supply-chain" in ids(found, "unit")[:3]


def test_typeahead_matches_names_by_their_beginning(record, index):
    found = find(record, index, "suppl", typeahead=True)
    assert found.hits[0].id == "supply-chain"
    assert all(h.field in ("name", "abbreviation", "title", "symbol") for h in found.hits)


def test_kinds_narrow_the_search(record, index):
    found = find(record, index, "procurement", kinds=("post",))
    assert {h.kind for h in found.hits} == {"post"}


def test_sources_and_changes_are_found(record, index):
    found = find(record, index, "Organizational Review")
    assert "scpf28" in ids(found, "source")
    assert "review-reclassify-dla" in ids(find(record, index, "Office of Legal Affairs"), "change")


def test_a_sources_passages_are_found_by_their_titles_and_cited_by_themselves(record, index):
    found = find(record, index, "what the review set out to achieve", kinds=("source",))
    hit = found.hits[0]
    assert (hit.id, hit.field, hit.citations) == ("scpf28", "passage", ("scpf28:2",))


def test_a_persons_name_is_found_only_by_those_who_may_see_it(record, index):
    person = record.people["vojackova-sollorano"]
    hidden = find(record, index, person.name)
    assert not hidden.hits
    assert not find(record, index, "Vojáčková").hits
    shown = find(record, index, person.name, people=True)
    assert ("person", "vojackova-sollorano") in [(h.kind, h.id) for h in shown.hits]


def test_no_document_a_visitor_gets_names_a_person(record, index):
    names = [p.name.lower() for p in record.people.values()]
    for word in ("ad interim", "Director General", "post", "holder", "assign", "vacant"):
        for hit in find(record, index, word, limit=500).hits:
            told = " ".join([hit.name, hit.text, hit.when]).lower()
            assert not any(n in told for n in names), (word, hit)


def test_a_change_naming_a_holder_is_told_without_the_name_to_visitors(record, index):
    hidden = find(record, index, "ad interim", kinds=("change",))
    hit = next(h for h in hidden.hits if h.id == "assign-ddg-mr-vojackova-sollorano")
    assert "Vojáčková" not in hit.name
    shown = find(record, index, "ad interim", kinds=("change",), people=True)
    hit = next(h for h in shown.hits if h.id == "assign-ddg-mr-vojackova-sollorano")
    assert "Vojáčková" in hit.name


def test_the_command_line_answers_the_three_questions(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    for question, wanted in (
        ("procurement", "supply-chain"),
        ("data protection", "dla"),
        ("Office of Legal Affairs", "dla"),
    ):
        assert main(["search", str(DATASET), question, "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert wanted in [h["id"] for h in data["hits"][:3]]
        hit = next(h for h in data["hits"] if h["id"] == wanted)
        assert {"id", "kind", "name", "citation", "since", "until", "snippet"} <= set(hit)
    assert main(["search", str(DATASET), "Office of Legal Affairs", "--kind", "unit"]) == 0
    out = capsys.readouterr().out
    assert "Department of Legal Affairs  (dla)" in out
    assert "called Office of Legal Affairs until" in out


def test_the_command_line_says_when_nothing_is_found(capsys):
    assert main(["search", str(DATASET), "zzzzqx"]) == 1
    assert "Nothing found" in capsys.readouterr().out
