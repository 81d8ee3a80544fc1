"""Keeping the record's long-lived objects out of the garbage collector's full passes,
without keeping any request's garbage for ever.

A large record is millions of long-lived objects; every full pass of Python's cyclic
collector walks them all, seconds at a time in the middle of some request. So what a
revision builds is frozen (:func:`gc.freeze`): moved where the collector never looks.
Reference counting still frees a frozen object whose count drops to zero, but a frozen
object in a reference cycle is never freed, and neither is anything it refers to.

:func:`gc.freeze` takes every object alive at that moment, not only the record's. A
request in flight is such cycles (Django's request, session, messages and template
contexts refer to each other): frozen mid-request, each was kept for good once it ended,
with the page data its contexts held, and a worker grew by megabytes on every write
followed by a read. So a freeze asked for while a request is served on this thread waits
for the start of the next request (the last one is garbage by then: even Django's
``request_finished`` is sent while the request is still referenced), and the garbage is
collected first. A freeze with another thread's request in flight can still take that
request's objects, so when the frozen objects have grown by a quarter since the last
full pass, one full pass sorts live from dead (Python's own rule for when one pays).
"""

from __future__ import annotations

import gc
import threading
from typing import Any

#: A full pass once the frozen objects have grown by this share since the last one.
REGROWTH = 0.25
#: ... and by at least this many (a small record is walked in no time anyway).
REGROWTH_FLOOR = 50_000

_lock = threading.Lock()
_local = threading.local()
#: a freeze was asked for during a request, for the start of the next one.
_pending = False
#: objects frozen right after the last full pass (0: none since the last thaw).
_baseline = 0
#: objects frozen since then, as counted when freezing: an estimate, high when frozen
#: objects have died since (counting the frozen exactly walks every one of them,
#: most of a second on a medium record, so it is done only when this says it may pay).
_estimate = 0


def settle() -> None:
    """Set what is alive now aside from the collector's full passes: at once outside a
    request, at the start of the next request inside one."""
    global _pending
    if getattr(_local, "serving", False):
        _pending = True
        return
    _freeze()


def thaw() -> None:
    """Give every frozen object back to the collector (before a rebuild, when what the
    last revision kept is being let go); the next freeze is a full pass."""
    global _baseline, _estimate
    with _lock:
        gc.unfreeze()
        _baseline = _estimate = 0


def request_started(**_: Any) -> None:
    """A request begins on this thread (Django's ``request_started`` signal, sent before
    the request is read): freeze what waited for the end of the last one."""
    if _pending:
        _freeze()
    _local.serving = True


def request_finished(**_: Any) -> None:
    """This thread's request has been answered (``request_finished``)."""
    _local.serving = False


def _freeze() -> None:
    """Collect the garbage there is, then freeze what is left; a full pass first when
    the frozen objects have grown by :data:`REGROWTH` since the last."""
    global _baseline, _estimate, _pending
    with _lock:
        _pending = False
        # Only objects not frozen yet are walked: what was made since the last freeze.
        gc.collect()
        moved = _unfrozen()
        gc.freeze()
        if not _baseline:
            # The first freeze, or the first after a thaw: that collection was a full
            # pass, and every object alive was moved.
            _baseline = _estimate = moved
            return
        _estimate += moved
        if _estimate <= _grown_from(_baseline):
            return
        # The estimate counts the frozen objects that died since: count them exactly.
        _estimate = gc.get_freeze_count()
        if _estimate > _grown_from(_baseline):
            # Whatever was frozen in flight (another thread's request) and has died since.
            gc.unfreeze()
            gc.collect()
            _baseline = _estimate = _unfrozen()
            gc.freeze()


def _grown_from(baseline: int) -> int:
    return int(max(baseline * (1 + REGROWTH), baseline + REGROWTH_FLOOR))


def _unfrozen() -> int:
    """The objects the collector tracks and has not frozen: what a freeze now moves."""
    return len(gc.get_objects())
