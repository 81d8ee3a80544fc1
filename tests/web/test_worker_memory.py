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
