"""The benchmark's command line: ``--only`` picks operations by key or key prefix."""

import argparse

import pytest

from bench import run


def bench_with(only: list[str]) -> run.Bench:
    return run.Bench(argparse.Namespace(only=only))


def test_without_only_every_operation_is_wanted():
    bench = bench_with([])
    assert all(bench.wants(key) for key in run.KEYS)


def test_a_prefix_picks_every_operation_under_it_and_nothing_else():
    bench = bench_with(["rollup", "diff"])
    wanted = [key for key in run.KEYS if bench.wants(key)]
    assert wanted == [
        "rollup-leaf", "rollup-subtree-4%", "rollup-subtree-20%", "rollup-root", "diff",
        "diff-sets",
    ]
    # "rollup" is not a prefix of "rollups-all": prefixes end at a dash.
    assert not bench.wants("rollups-all")


def test_an_operation_left_out_is_neither_measured_nor_reported():
    bench = bench_with(["chains"])
    called = []
    bench.run("diff", "a diff", [run.Entry("Organogram", lambda: called.append(1), str)])
    assert called == [] and bench.results == []


def test_an_unknown_key_is_refused_with_the_list_of_keys(capsys):
    with pytest.raises(SystemExit):
        run.main(["--only", "snapshots,chains"])
    err = capsys.readouterr().err
    assert "no operation is called snapshots" in err
    assert "snapshot-past" in err


def test_a_query_stopped_at_its_time_limit_is_reported_and_the_run_goes_on():
    bench = bench_with([])
    bench.args.runs, bench.args.budget = 1, 1.0

    def stopped():
        raise run.Interrupted("stopped after 120 s (time limit)")

    result = bench.run(
        "diff", "a diff",
        [run.Entry("SQLite (join)", stopped, str), run.Entry("Organogram", lambda: 1, str)],
    )
    assert result.measures["SQLite (join)"].note == "stopped after 120 s (time limit)"
    assert result.agreed == ["Organogram"]

