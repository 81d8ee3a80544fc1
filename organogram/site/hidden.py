"""Numbers a page carries in hidden form fields (the version or token an editor saw, how
many rows a table has), read back without trusting them.

A hidden field comes back as the page sent it unless someone edited the page or the
request by hand: whatever else it holds is read as a default chosen by each form (for a
version or token, one that makes the edit stale, so nothing is overwritten), never an
error of the server.
"""

from __future__ import annotations

#: The largest number read: what a database's integer column holds.
MOST = 2**63 - 1


def hidden_number(value: str | None, default: int, most: int = MOST) -> int:
    """``value`` as a whole number from 0 to ``most``; ``default`` when it is not one."""
    text = (value or "").strip()
    if not text.isdigit() or not text.isascii():
        return default
    number = int(text)
    return number if number <= most else default


#: The version or token read from a field that holds no number: one no entry or change
#: has, so that the edit is refused as stale rather than overwriting anything.
STALE = -1
