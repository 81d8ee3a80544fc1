"""Timing and memory of one call: median and spread of several runs, peak resident memory."""

from __future__ import annotations

import hashlib
import os
import resource
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

_PAGE = os.sysconf("SC_PAGE_SIZE")


def digest(value: object) -> str:
    """A short fingerprint of an answer, for the report."""
    return hashlib.blake2b(repr(value).encode(), digest_size=8).hexdigest()


def rss() -> int:
    """Resident memory of this process now, in bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * _PAGE


def peak_rss() -> int:
    """The most resident memory this process has held, in bytes."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class PeakSampler:
    """Samples resident memory in a thread while a call runs; keeps the peak above the start.

    Counts what the process holds, Python objects and C buffers (NumPy, SQLite's page
    cache) alike; memory freed earlier and reused does not show, so it is a lower bound.
    """

    def __init__(self, every: float = 0.005):
        self.every = every
        self.start = 0
        self.peak = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> PeakSampler:
        self.start = self.peak = rss()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.peak = max(self.peak, rss())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        assert self._thread is not None
        self._thread.join()
        self.peak = max(self.peak, rss())

    @property
    def grew(self) -> int:
        """Bytes the peak went above the memory held at the start."""
        return self.peak - self.start


@dataclass
class Measure:
    """Times of one implementation on one operation."""

    first: float
    times: list[float] = field(default_factory=list)
    memory: int = 0
    #: why there is no time, when there is none (skipped, interrupted).
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else self.first

    @property
    def spread(self) -> float:
        return max(self.times) - min(self.times) if len(self.times) > 1 else 0.0

    @property
    def runs(self) -> int:
        return len(self.times) or 1


def measure(fn: Callable[[], object], runs: int, budget: float) -> tuple[Measure, object]:
    """Call ``fn`` once (with memory sampled), then ``runs`` more times unless it took long.

    The first call is reported apart (caches, checkpoints and page caches fill there);
    the median and spread are over the later calls. A call that returns an object with
    ``seconds`` and ``value`` (see :class:`bench.peers.sql.Timed`) times itself.
    """

    def once() -> tuple[float, object]:
        start = time.perf_counter()
        out = fn()
        seconds = time.perf_counter() - start
        if hasattr(out, "seconds") and hasattr(out, "value"):
            return out.seconds, out.value
        return seconds, out

    with PeakSampler() as sampler:
        first, result = once()
    m = Measure(first, memory=sampler.grew)
    if first > budget or runs < 1:
        return m, result
    # The second run says what a warm call costs (a first call may fill caches)…
    seconds, result = once()
    m.times.append(seconds)
    # …and how many more fit in the budget, so the whole benchmark stays bounded.
    more = min(runs - 1, int((budget - seconds) // max(seconds, 1e-9)))
    for _ in range(max(0, more)):
        seconds, result = once()
        m.times.append(seconds)
    return m, result
