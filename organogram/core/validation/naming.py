"""How findings name units and posts: the name in force, then the id."""

from __future__ import annotations

from ..structure import Structure


def named(s: Structure, node: str) -> str:
    """``Name (id)`` for a node the structure knows, ``'id'`` for one it does not."""
    return s.named(node)


def gone(s: Structure, node: str) -> str:
    """Why ``node`` is not in force: abolished, or never known."""
    if node in s.retired_units or node in s.retired_posts:
        return f"{named(s, node)}, which was abolished"
    return f"{node!r}, which does not exist"
