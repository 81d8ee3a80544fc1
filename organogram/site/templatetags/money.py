"""Template filters for money given as exact text ("720000.00")."""

from __future__ import annotations

from django import template

from ...queries.cost import grouped

register = template.Library()


@register.filter
def money(text: str | None) -> str:
    """``720000.00`` as ``720,000.00``; nothing for None."""
    return grouped(text)
