"""A worker does not grow on every write: nothing of a request is frozen with the record.

What a revision builds is set aside from the garbage collector's full passes
(:mod:`organogram.registry.settling`); a request frozen with it was kept for ever (its
objects refer to each other), with the page data its contexts held: megabytes a write.
"""

from __future__ import annotations

import gc
import weakref

import pytest

from organogram.core.changes import Rename
from organogram.core.dates import FuzzyDate
from organogram.registry import settling, store
from organogram.registry.audit import Actor
from organogram.registry.services import record_change

pytestmark = pytest.mark.django_db

WRITES = 30


def test_no_request_outlives_its_answer_however_many_writes(client):
    store.forget()
    kept: list[weakref.ref] = []
    for i in range(WRITES):
        state = store.current()
        record_change(
            Rename(date=FuzzyDate.parse("2023-01-01"), unit="dfam", name=f"Department {i}"),
            Actor("tests"),
            expected=state.token(["dfam"]),
        )
        # The edited unit's page: the write's new derived values are built in this request.
        response = client.get("/units/dfam/")
        assert response.status_code == 200
        assert f"Department {i}" in response.content.decode()
        kept.append(weakref.ref(response.wsgi_request))
        del response
    client.get("/units/dfam/")  # the freeze waiting for a request's end is done by now
    gc.collect()
    alive = [ref for ref in kept if ref() is not None]
    assert not alive, f"{len(alive)} of {WRITES} requests kept after their answer"


def test_a_full_pass_frees_what_was_frozen_in_flight(monkeypatch):
    """Another thread's request frozen mid-answer is freed by the next full pass."""
    monkeypatch.setattr(settling, "REGROWTH", 0.0)
    monkeypatch.setattr(settling, "REGROWTH_FLOOR", 0)

    class InFlight:
        pass

    # From a fresh count: frozen objects of earlier tests dying meanwhile would hide the
    # growth this test makes (the full pass is for growth since the last one).
    settling.thaw()
    settling.settle()
    flight = InFlight()
    flight.me = flight  # a cycle, as a request's objects are
    gone = weakref.ref(flight)
    settling.settle()  # frozen while alive
    del flight
    gc.collect()
    assert gone() is not None  # frozen: a normal collection does not free it
    grown = [[n] for n in range(100)]  # the record grows
    settling.settle()
    assert gone() is None
    assert grown


def test_the_frozen_are_counted_only_when_they_may_have_grown_enough(monkeypatch):
    """Counting the frozen objects walks every one of them (most of a second on a medium
    record): a freeze counts what it moves instead, and the exact count is taken only
    once that estimate passes the share that calls for a full pass."""
    calls = []
    real = gc.get_freeze_count
    monkeypatch.setattr(gc, "get_freeze_count", lambda: calls.append(1) or real())
    monkeypatch.setattr(settling, "REGROWTH", 0.5)
    monkeypatch.setattr(settling, "REGROWTH_FLOOR", 0)
    settling.thaw()
    settling.settle()
    kept = []
    for _ in range(5):
        kept.append([[n] for n in range(10)])  # a little growth, far below half
        settling.settle()
    assert calls == []
    kept.append([[n] for n in range(settling._baseline)])  # more than half again
    settling.settle()
    assert len(calls) == 1
    # A full pass was made: the baseline is the frozen count (within the few transient
    # objects alive while counting).
    assert settling._baseline == settling._estimate
    assert abs(settling._estimate - real()) <= 10
