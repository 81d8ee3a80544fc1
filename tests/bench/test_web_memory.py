"""The web benchmark's memory figures of the server's processes (bench/server_process.py,
bench/web.py): read from the kernel, shared pages counted as shared."""

import os

import pytest

from bench.server_process import process_memory
from bench.web import WORKER_TARGET, gib, memory_table

pytestmark = pytest.mark.skipif(
    not os.path.exists("/proc/self/smaps_rollup"),
    reason="needs Linux's /proc/PID/smaps_rollup (the web benchmark reads it)",
)


def test_a_process_figures_are_consistent():
    held = process_memory(os.getpid())
    assert held is not None
    assert 0 < held["uss"] <= held["pss"] <= held["rss"] <= held["peak"]


def test_pages_shared_with_a_forked_child_count_half_in_its_fair_share():
    block = bytearray(64 * 1024 * 1024)  # touched: resident in this process
    for i in range(0, len(block), 4096):
        block[i] = 1
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child only waits, sharing the block's pages
        os.close(write)
        os.read(read, 1)
        os._exit(0)
    try:
        os.close(read)
        held = process_memory(child)
        assert held is not None
        # The child maps the whole block but owns none of it: its fair share is about
        # half, its own pages far less.
        assert held["rss"] >= len(block)
        assert held["pss"] < held["rss"] - len(block) // 3
        assert held["uss"] < len(block) // 4
    finally:
        os.write(write, b"x")
        os.waitpid(child, 0)


def test_an_ended_process_has_no_figures():
    child = os.fork()
    if child == 0:
        os._exit(0)
    os.waitpid(child, 0)
    assert process_memory(child) is None


def test_the_large_size_judges_each_worker_by_its_fair_share():
    small = {"rss": 5 * 1024**3, "pss": 1024**3, "uss": 1024**2, "peak": 5 * 1024**3}
    big = {**small, "pss": WORKER_TARGET + 1}
    lines = memory_table([("master", small), ("worker", small), ("worker", big)], "large")
    rows = [line for line in lines if line.startswith("| worker")]
    assert rows[0].endswith(" met |") and rows[1].endswith(" **missed** |")
    assert not any("target" in line for line in memory_table([("worker", big)], "medium"))
    assert gib(WORKER_TARGET) == "2.00"
