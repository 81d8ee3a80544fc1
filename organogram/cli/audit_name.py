"""The ``--by NAME`` of the writing commands: who the audit log says wrote.

Read here, once, so that every command refuses the same names the same way: one that
the audit log cannot hold (longer than its column, or with a NUL character, which
PostgreSQL refuses) is an error of the command line, before anything is written.
"""

from __future__ import annotations

import argparse

#: The longest name the audit log keeps (its column's length; a test holds them equal).
#: Written here, not read from the model, so that the command line starts without Django.
BY_LENGTH = 200


def audit_name(text: str) -> str:
    """``text`` as a name for the audit log; argparse reports why not."""
    name = text.strip()
    if not name:
        raise argparse.ArgumentTypeError("give a name (or leave --by out: your login name)")
    if "\x00" in name:
        raise argparse.ArgumentTypeError("a name cannot hold a NUL character")
    if len(name) > BY_LENGTH:
        raise argparse.ArgumentTypeError(
            f"a name of {len(name)} characters: the audit log keeps at most {BY_LENGTH}"
        )
    return name
