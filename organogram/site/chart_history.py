"""The gestures made on a plan's chart, kept in the person's session for undo and redo.

Per plan, ``done`` lists the changes added from the chart, oldest first, each as its id
and the mapping it was added with; ``undone`` the mappings taken back, latest last. Undo
removes the last change done (and only a change the chart added); redo adds the last
mapping undone again (it gets a new id). A new gesture forgets what was undone, as an
editor's history does.
"""

from __future__ import annotations

from typing import Any

#: Gestures remembered per plan (older ones can still be removed on the plan's page).
_KEEP = 50


class ChartHistory:
    """The undo and redo lists of one plan's chart, read from and written to a session."""

    def __init__(self, session: Any, plan_id: str):
        self.session = session
        self.key = f"chart-history:{plan_id}"
        kept = session.get(self.key) or {}
        self.done: list[list[Any]] = list(kept.get("done", []))
        self.undone: list[dict[str, Any]] = list(kept.get("undone", []))

    def save(self) -> None:
        """Write the lists back to the session (marked modified, as they are new lists)."""
        self.session[self.key] = {"done": self.done[-_KEEP:], "undone": self.undone[-_KEEP:]}

    def added(self, change_id: str, mapping: dict[str, Any], *, redo: bool = False) -> None:
        """A change was added from the chart: a new gesture forgets what was undone."""
        self.done.append([change_id, mapping])
        if not redo:
            self.undone.clear()
        self.save()

    def last_done(self) -> tuple[str, dict[str, Any]] | None:
        """The id and mapping of the last change the chart added, if any."""
        return (self.done[-1][0], self.done[-1][1]) if self.done else None

    def undid(self) -> None:
        """The last change done was removed: it can be redone."""
        _, mapping = self.done.pop()
        self.undone.append(mapping)
        self.save()

    def forget_last(self) -> None:
        """The last change done is no longer in the plan (removed elsewhere): drop it."""
        self.done.pop()
        self.save()

    def last_undone(self) -> dict[str, Any] | None:
        """The mapping to add again on redo, if any."""
        return self.undone[-1] if self.undone else None

    def redid(self, change_id: str) -> None:
        """The last mapping undone was added again, as ``change_id``."""
        mapping = self.undone.pop()
        self.added(change_id, mapping, redo=True)

    def counts(self) -> dict[str, int]:
        """How many gestures can be undone and redone."""
        return {"undo": len(self.done), "redo": len(self.undone)}
