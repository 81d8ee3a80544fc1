"""Organogram: the structure of an organization over time.

Units, posts, reporting lines, dated changes and reorganization plans.
"""

__version__ = "0.1.0"
