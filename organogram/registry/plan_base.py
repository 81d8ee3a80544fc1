"""What the plan write services share: their refusal, the clock, a plan read in a write."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from ..core.plans import Plan
from . import models as m
from . import store
from .services import RegistryError


class PlanRefused(RegistryError):
    """A plan write refused; nothing was written. ``fields``: form field -> its problems."""

    def __init__(
        self,
        message: str,
        reasons: list[str] | None = None,
        fields: Mapping[str, list[str]] | None = None,
    ):
        self.fields = {k: list(v) for k, v in (fields or {}).items()}
        super().__init__(message, reasons)


def _now() -> Any:
    # Whole seconds, as record_change stamps changes, so the two compare as equals.
    return timezone.now().replace(microsecond=0)


def _plan(plan_id: str) -> tuple[Any, Plan, m.Plan]:
    """(state, core plan, row) of ``plan_id``, read inside the locked transaction."""
    state = store.current()
    plan = state.record.plans.get(plan_id)
    row = m.Plan.objects.filter(pk=plan_id).first()
    if plan is None or row is None:
        raise PlanRefused(f"there is no plan {plan_id!r}")
    return state, plan, row


def _expect(plan: Plan, expected: str | None) -> None:
    """Refuse when the plan's status moved since the person looked at it."""
    if expected is not None and str(plan.status) != expected:
        last = plan.events[-1] if plan.events else None
        who = f" ({last.by or 'someone'} moved it on {last.at})" if last else ""
        raise PlanRefused(
            f"the plan is {plan.status} now, no longer {expected}{who}: "
            "look at it again before acting on it"
        )
