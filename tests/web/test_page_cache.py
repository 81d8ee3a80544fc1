"""What pages keep per revision: built once, bounded, never shown to the wrong reader,
and dropped when the record changes."""

from __future__ import annotations

import importlib
import threading
import time

import pytest
from django.test import Client

from organogram.core.changes import Rename
from organogram.core.dates import FuzzyDate
from organogram.core.model import Organization
from organogram.core.record import Record
from organogram.core.timeline import Timeline
from organogram.registry import store
from organogram.registry.audit import Actor
from organogram.registry.services import record_change
from organogram.registry.store import State

from .test_views import PEOPLE, page

pytestmark = pytest.mark.django_db
# The module that builds the structure the Structure page and the API share.
shared_structure = importlib.import_module("organogram.registry.reading.structure")


def test_kept_builds_once_per_key_and_keeps_only_the_latest():
    state = State(1, None, {})  # type: ignore[arg-type]
    built: list[str] = []

    def build(key: str):
        return lambda: built.append(key) or key.upper()

    assert state.memo.kept("k", "a", build("a"), keep=2) == "A"
    assert state.memo.kept("k", "a", build("a"), keep=2) == "A"
    state.memo.kept("k", "b", build("b"), keep=2)
    state.memo.kept("k", "a", build("a"), keep=2)  # a is now the latest used
    state.memo.kept("k", "c", build("c"), keep=2)  # b, used longest ago, goes
    state.memo.kept("k", "b", build("b"), keep=2)
    assert built == ["a", "b", "c", "b"]
    assert list(state.memo.recent("k")) == ["c", "b"]


def test_once_builds_once_however_many_ask_together():
    state = State(1, None, {})  # type: ignore[arg-type]
    calls: list[int] = []

    def build() -> int:
        calls.append(1)
        time.sleep(0.05)
        return 42

    got: list[int] = []
    threads = [
        threading.Thread(target=lambda: got.append(state.memo.once("x", build))) for _ in range(8)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [42] * 8 and len(calls) == 1


def test_once_may_ask_for_another_value_while_building_one():
    state = State(1, None, {})  # type: ignore[arg-type]
    # Building "outer" asks for "inner": the same thread takes the builder's lock again.
    outer = state.memo.once("outer", lambda: state.memo.once("inner", lambda: 1) + 1)
    assert outer == 2 and "inner" in state.memo and "outer" in state.memo


def test_what_is_grown_is_handed_to_the_next_revision_and_nothing_else():
    timeline = Timeline(())
    first = State(1, Record(Organization("o", "O"), timeline), {})
    first.memo.grown("told", timeline, lambda: "made", lambda before, value: "grown")
    first.memo.once("plain", lambda: "kept")
    later = Timeline(())
    second = first.following(2, Record(Organization("o", "O"), later), {}, "")
    assert set(second.memo.seeds) == {"told"} and "plain" not in second.memo
    assert second.memo.grown("told", later, lambda: "made", lambda b, v: v + " on") == "made on"
    assert not second.memo.seeds


def test_a_write_to_the_sources_hands_on_only_what_does_not_read_them():
    timeline = Timeline(())
    first = State(1, Record(Organization("o", "O"), timeline), {})
    first.memo.grown("told", timeline, lambda: "made", lambda before, value: "grown")
    first.memo.grown("cols", timeline, lambda: "built", lambda b, v: v, sources=False)
    record = Record(Organization("o", "O"), Timeline(()))
    sourced = first.following(2, record, {}, "", derived=False)
    assert set(sourced.memo.seeds) == {"cols"}
    # Unused in that revision, still known not to read the sources in the next one.
    again = sourced.following(3, record, {}, "", derived=False)
    assert set(again.memo.seeds) == {"cols"}
    assert set(first.following(2, record, {}, "").memo.seeds) == {"told", "cols"}


def test_the_structure_is_built_once_per_revision_and_date(client, monkeypatch):
    calls: list[str] = []
    real = shared_structure.structure_at

    def counting(record, at, **kw):
        calls.append(str(at))
        return real(record, at, **kw)

    monkeypatch.setattr(shared_structure, "structure_at", counting)
    store.forget()
    page(client, "/?at=2016-11-30")
    page(client, "/?at=2016-11-30")
    assert client.get("/api/structure?at=2016-11-30").status_code == 200
    assert calls == ["2016-11-30"]
    page(client, "/?at=2022-01-01")
    assert calls == ["2016-11-30", "2022-01-01"]


def test_a_visitor_never_gets_the_tree_made_for_someone_who_may_see_people(signed_in):
    store.forget()
    # The ad interim holder named in the portfolio (the 2016 Director General is not named).
    signed = page(signed_in, "/?at=2023-06-30")
    assert any(name in signed for name in PEOPLE)
    visitor = page(Client(), "/?at=2023-06-30")
    assert not any(name in visitor for name in PEOPLE)


def test_a_change_recorded_shows_on_the_next_page(signed_in):
    store.forget()
    assert "A renamed office" not in page(signed_in, "/")
    state = store.current()
    unit = sorted(state.record.timeline.fold()[0].units)[0]
    record_change(
        Rename(date=FuzzyDate.parse("2023-01-01"), unit=unit, name="A renamed office"),
        Actor("tests"),
        expected=state.token([unit]),
    )
    assert store.current().revision > state.revision
    assert "A renamed office" in page(signed_in, "/")
    assert "A renamed office" in page(signed_in, f"/units/{unit}/")
