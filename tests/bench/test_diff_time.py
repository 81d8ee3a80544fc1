"""The diff on a generated organization: it reaches the later structure, and the
timing script that measures it runs."""

from __future__ import annotations

from bench import diff_time
from bench.generate import generate
from organogram.core.diff import diff_between, differences, same_structure
from organogram.core.timeline import Timeline

from ..core.strategies import apply_all
from .test_generate import TINY


def test_the_diff_between_two_dates_of_a_generated_organization_replays_to_the_later_one():
    org = generate(TINY, seed=2)
    timeline = Timeline(org.changes)
    d0, d1 = org.days[3], org.days[-1]
    for start, end in ((d0, d1), (d1, d0)):
        dd = diff_between(timeline, start, end)
        kinds = {c.op for c in dd.changes}
        assert {"merge", "split", "move-post"} <= kinds, kinds
        result = apply_all(dd.before, dd.changes)
        assert same_structure(result, dd.after), differences(result, dd.after)


def test_the_timing_script_reports_the_diff_and_the_two_snapshots(capsys):
    diff_time.main(["--size", "small", "--runs", "1"])
    out = capsys.readouterr().out
    assert "changes" in out
    assert "diff: minimum" in out and "diff-sets: minimum" in out
