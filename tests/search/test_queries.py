"""Any text is a valid query: hostile input is read as words, never as engine syntax."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from organogram.search import Document, parse_query, search
from organogram.search.memory import MemoryIndex
from organogram.search.snippet import snippet

DAY = dt.date(2026, 1, 1)

HOSTILE = [
    '"',
    '""',
    "'",
    "*",
    "-",
    "- -",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "a AND",
    "OR b",
    "(",
    ")",
    "((",
    "a) OR (b",
    '"unclosed',
    "data*",
    "*data",
    "-data",
    "^data",
    "data:protection",
    "name_text : x",
    "{name_text} : x",
    "\x00",
    "data\x00protection",
    "%",
    "_",
    "\\",
    "';--",
    "NEAR(a b)",
    "a + b",
    "😀",
    "   ",
    "",
    "é",
    "'quoted'",
    "col:*",
    "data -protection",
]


@pytest.fixture(scope="module")
def index():
    dla = "Department of Legal Affairs"
    docs = [
        Document("unit", "dla", "name", dla, dla),
        Document("unit", "dla", "function", "Focal point for data protection", dla),
        Document("unit", "eco", "name", "Division de l'Économie", "Division de l'Économie"),
        Document("unit", "and", "name", "AND OR NOT Unit", "AND OR NOT Unit"),
    ]
    return MemoryIndex(docs)


@pytest.mark.parametrize("typed", HOSTILE)
def test_hostile_queries_never_raise(index, typed):
    for typeahead in (False, True):
        results = search(index, typed, at=DAY, typeahead=typeahead)
        assert isinstance(results.hits, list)


@given(st.text(max_size=60))
def test_any_text_is_a_valid_query(typed):
    index = _small()
    search(index, typed, at=DAY)
    search(index, typed, at=DAY, typeahead=True)


_SMALL: list[MemoryIndex] = []


def _small() -> MemoryIndex:
    if not _SMALL:
        _SMALL.append(
            MemoryIndex([Document("unit", "x", "name", "Budget Division", "Budget Division")])
        )
    return _SMALL[0]


def test_operators_are_words(index):
    assert [h.id for h in search(index, "AND OR NOT", at=DAY).hits] == ["and"]


def test_the_query_is_normalized_to_words():
    q = parse_query('  "Économie" AND (data*) -x\x00 ')
    assert q.terms == ("economie", "and", "data", "x")
    assert not q.prefix  # a space ends the last word
    assert parse_query("budg").prefix
    assert parse_query('"budget"').prefix is False


def test_engine_queries_quote_every_word():
    q = parse_query("data prot")
    assert q.fts5() == '"data" "prot"*'
    assert q.fts5(every=False, column="name_text") == '{name_text} : ("data" OR "prot"*)'
    assert q.tsquery() == "'data' & 'prot':*"


def test_accents_match_both_ways(index):
    assert [h.id for h in search(index, "economie", at=DAY).hits] == ["eco"]
    assert [h.id for h in search(index, "ÉCONOMIE", at=DAY).hits] == ["eco"]


def test_snippets_mark_the_words_as_written():
    parts = snippet("Division de l'Économie", parse_query("econ"))
    assert ("Économie", True) in parts
    assert "".join(t for t, _ in parts) == "Division de l'Économie"


def test_a_long_text_is_cut_around_its_first_match():
    text = "word " * 100 + "protection " + "word " * 100
    parts = snippet(text, parse_query("protection"))
    assert parts[0] == ("…", False) and parts[-1] == ("…", False)
    assert ("protection", True) in parts
