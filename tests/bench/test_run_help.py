"""The benchmark's command line answers --help (its option list names every key)."""

import pytest

from bench.run import KEYS, main


def test_help_lists_the_operations_and_exits_cleanly(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    joined = "".join(out.split())  # argparse wraps lines, at hyphens too
    assert "--only" in out and all(k in joined for k in KEYS)
    assert any("%" in k for k in KEYS)  # the key that once broke --help
