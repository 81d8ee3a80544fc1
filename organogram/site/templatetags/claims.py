"""``{{ claims.items|by_subject }}``: a claims block's claims gathered by what they are
about, so that a page can fold a long block into one line per subject."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def by_subject(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The claims by subject, in the order subjects first appear: each group has the
    ``subject``, its name (``about``), its ``items`` and whether any is ``disputed``."""
    groups: dict[str, dict[str, Any]] = {}
    for item in items:
        group = groups.setdefault(
            item["subject"],
            {
                "subject": item["subject"],
                "about": item.get("about") or item["subject"],
                "items": [],
                "disputed": False,
            },
        )
        group["items"].append(item)
        group["disputed"] = group["disputed"] or item["disputed"]
    return list(groups.values())
