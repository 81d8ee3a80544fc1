"""Kinds of field value for numbers: years, decimal amounts, currency codes.

Amounts are read as :class:`~decimal.Decimal` from the text as written (``52229662``,
``1234.50``, ``1_000_000`` is refused), so no figure goes through a float, and
written back as the same digits.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ..core.costing.model import CURRENCY_RE
from .kinds import Ctx, Kind, Plain
from .nodes import Node, ScalarNode, describe, is_null

_DECIMAL_RE = re.compile(r"-?\d+(\.\d+)?")


class Year(Kind):
    """A year: four digits."""

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if isinstance(node, ScalarNode) and re.fullmatch(r"\d{4}", node.value.strip()):
            return int(node.value)
        return ctx.bad(node, path, f"expected a year such as 2019, got {describe(node)}")

    def schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": 1000, "maximum": 9999}

    def dump(self, value: Any) -> Any:
        return Plain(str(value))


class Amount(Kind):
    """A decimal number (money, a rate): digits with an optional fraction, no float.

    ``positive`` refuses 0 too (an exchange rate); otherwise only negatives are refused.
    """

    def __init__(self, positive: bool = False):
        self.positive = positive

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        text = node.value.strip() if isinstance(node, ScalarNode) and not is_null(node) else None
        if text is None or _DECIMAL_RE.fullmatch(text) is None:
            return ctx.bad(
                node,
                path,
                f"expected a number such as 1234.50 (no separators), got {describe(node)}",
            )
        try:
            value = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            return ctx.bad(node, path, f"{text!r} is not a number")
        if value < 0 or (self.positive and value == 0):
            need = "more than 0" if self.positive else "0 or more"
            return ctx.bad(node, path, f"{text} is not allowed: the value must be {need}")
        return value

    def schema(self) -> dict[str, Any]:
        bound = {"exclusiveMinimum": 0} if self.positive else {"minimum": 0}
        return {
            "anyOf": [
                {"type": "number", **bound},
                {"type": "string", "pattern": r"^\d+(\.\d+)?$"},
            ]
        }

    def dump(self, value: Any) -> Any:
        return Plain(format(value, "f"))


class Currency(Kind):
    """An ISO 4217 currency code: three capital letters (CHF, USD, EUR)."""

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if isinstance(node, ScalarNode) and CURRENCY_RE.fullmatch(node.value):
            return node.value
        return ctx.bad(
            node,
            path,
            f"{describe(node)} is not a currency code: use three capital letters (CHF, USD)",
        )

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^[A-Z]{3}$"}
