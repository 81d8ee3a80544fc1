"""The report's targets: which operations meet them, and what it says of those that miss."""

from bench.measure import Measure
from bench.targets import LIMITS, judge, limits_of


def timed(seconds: float) -> Measure:
    return Measure(seconds, times=[seconds, seconds])


def stopped() -> Measure:
    return Measure(float("nan"), note="stopped after 120 s (time limit)")


def test_a_rollup_within_3x_of_the_floor_and_10x_faster_than_sql_meets_both():
    v = judge("rollup-root", {"Organogram": timed(0.03), "NumPy floor": timed(0.02),
                              "PostgreSQL (join)": timed(0.5), "SQLite (join)": timed(0.9)},
              120)
    assert (v.floor, v.sql) == ("met", "met")
    assert not v.missed
    assert round(v.sql_ratio, 6) == round(0.5 / 0.03, 6)


def test_four_times_the_floor_misses_it_and_the_sql_target_needs_ten():
    v = judge("rollups-all", {"Organogram": timed(0.4), "NumPy floor": timed(0.1),
                              "PostgreSQL (join)": timed(2.0)}, 120)
    assert (v.floor, v.sql) == ("missed", "missed")
    assert v.missed


def test_the_sql_target_holds_only_for_rollups_and_the_diff():
    measures = {"Organogram": timed(1.0), "NumPy floor": timed(0.5), "SQLite (join)": timed(2.0)}
    assert judge("snapshot-past", measures, 120).sql == ""
    assert judge("diff", measures, 120).sql == "missed"
    assert judge("diff-sets", measures, 120).sql == ""


def test_when_every_sql_peer_was_stopped_the_limit_bounds_the_ratio():
    v = judge("diff", {"Organogram": timed(2.0), "SQLite (correlated)": stopped(),
                       "PostgreSQL (correlated)": stopped()}, 120)
    assert v.sql_bound and v.sql_ratio == 60 and v.sql == "met"


def test_a_stopped_peer_does_not_count_as_the_best_when_another_answered():
    v = judge("diff", {"Organogram": timed(2.0), "SQLite (correlated)": stopped(),
                       "PostgreSQL (join)": timed(4.0)}, 120)
    assert not v.sql_bound and v.sql_ratio == 2.0


def test_times_too_short_to_compare_give_no_floor_verdict():
    v = judge("rollup-leaf", {"Organogram": timed(4e-5), "NumPy floor": timed(5e-6)}, 120)
    assert v.floor == "" and not v.missed


def test_no_floor_no_floor_verdict():
    v = judge("plan-enact", {"Organogram": timed(3.0), "SQLite (join)": timed(0.2)}, 120)
    assert (v.floor, v.sql) == ("", "")


def test_limits_are_found_by_key_or_key_prefix():
    assert limits_of("rollup-subtree-4%") == LIMITS["rollup"]
    assert limits_of("rollups-all") == LIMITS["rollups-all"]
    assert limits_of("chains") == ""


def test_the_report_marks_each_miss_and_says_what_limits_it():
    import argparse

    from bench import report, run

    bench = run.Bench(argparse.Namespace(only=[], limit=120.0))
    bench.results = [
        run.Result("rollup-root", "under the root", {
            "Organogram": timed(0.03), "NumPy floor": timed(0.02), "PostgreSQL (join)": timed(1.0)
        }),
        run.Result("rollups-all", "every unit", {
            "Organogram": timed(0.5), "NumPy floor": timed(0.02), "PostgreSQL (join)": timed(3.0)
        }),
    ]
    text = "\n".join(report._targets(bench))
    rows = ("| under the root", "| every unit")
    root, every = (line for line in text.splitlines() if line.startswith(rows))
    assert "**missed**" not in root and root.count("met") == 2
    assert every.count("**missed**") == 2
    assert f"- every unit: {LIMITS['rollups-all']}" in text
    assert "- under the root" not in text
