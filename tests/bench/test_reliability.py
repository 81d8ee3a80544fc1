"""The reliability check's own rules: what counts as naming where, and its command line."""

import pytest

from bench.reliability.loaders import FIELD, FILE, LINE, names_where
from bench.reliability.run import RUNS, main


@pytest.mark.parametrize(
    ("stderr", "needs", "named"),
    [
        ("  in/units.csv, row 3, column 'parent': 'x' is not a unit", FIELD, True),
        ("in/example.yaml:33: changes[0].date: '2010-13-45' is not a valid date", FIELD, True),
        ("- plan.xlsx, sheet changes, row 2: unit: required field is missing", FIELD, True),
        ("in/units.csv, row 3: the row is cut short", FIELD, False),
        ("in/units.csv, row 3: the row is cut short", LINE, True),
        ("in/units.csv: not UTF-8", LINE, False),
        ("in/units.csv: not UTF-8", FILE, True),
        # Named before the file, or another file: not this file's place.
        ("row 3, column 'id' of something: in/units.csv", FIELD, False),
        ("in/posts.csv, row 3, column 'unit': 'x' is not a unit", FIELD, False),
        ("1 error(s); nothing was written.", FILE, False),
    ],
)
def test_a_refusal_names_the_file_then_what_the_mutation_calls_for(stderr, needs, named):
    assert names_where(stderr, ["units.csv", "example.yaml", "plan.xlsx"], needs) is named


def test_help_lists_the_runs(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "--quick" in out and all(r in out for r in RUNS)


def test_an_unknown_run_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--only", "nothing"])
    assert done.value.code == 2 and "nothing" in capsys.readouterr().err
