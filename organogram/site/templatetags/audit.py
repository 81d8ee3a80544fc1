"""``{{ entry.before|as_json }}``: an audit entry's record before or after a write, as
indented JSON (the form the API and the exports write), not as Python prints a dict."""

from __future__ import annotations

import json
from typing import Any

from django import template

register = template.Library()


@register.filter
def as_json(value: Any) -> str:
    """``value`` as indented JSON, keys in the order they were written."""
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)
