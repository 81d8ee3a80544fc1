"""Views, one module per page or group of pages."""

from .account import account
from .audit import audit
from .auth import signin, signout
from .edit import record, reverse_change
from .sources import source, sources
from .structure import structure
from .unit import unit

__all__ = [
    "account",
    "audit",
    "record",
    "reverse_change",
    "signin",
    "signout",
    "source",
    "sources",
    "structure",
    "unit",
]
