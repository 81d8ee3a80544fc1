"""Views, one module per page or group of pages."""

from .auth import signin, signout
from .sources import source, sources
from .structure import structure
from .unit import unit

__all__ = ["signin", "signout", "source", "sources", "structure", "unit"]
