"""A record: everything known about one organization, as loaded from a dataset."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import NotFound
from .model import Claim, Organization, Person, Source
from .plans import Plan, PlanStatus
from .timeline import Timeline


@dataclass
class Record:
    """Sources, people, claims, the enacted timeline, the plans and the registers of one
    organization."""

    organization: Organization
    timeline: Timeline
    sources: dict[str, Source] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    plans: dict[str, Plan] = field(default_factory=dict)
    #: register section (``bodies``, ``terms``…) -> entry id -> entry, as written.
    registers: dict[str, dict[str, Any]] = field(default_factory=dict)

    def plan(self, plan_id: str) -> Plan:
        """The plan with this id, or NotFound naming the plans there are."""
        try:
            return self.plans[plan_id]
        except KeyError:
            known = ", ".join(sorted(self.plans)) or "none"
            raise NotFound(f"no plan {plan_id!r} (plans: {known})") from None

    def source(self, source_id: str) -> Source:
        """The source with this id, or NotFound."""
        try:
            return self.sources[source_id]
        except KeyError:
            raise NotFound(f"no source {source_id!r}") from None

    def register(self, section: str) -> dict[str, Any]:
        """The entries of register ``section`` by id (empty when the record has none)."""
        return self.registers.get(section, {})

    def entry(self, section: str, ident: str) -> Any:
        """One register entry, or NotFound naming the register."""
        try:
            return self.registers[section][ident]
        except KeyError:
            raise NotFound(f"no {ident!r} in {section}") from None

    def open_plans(self) -> list[Plan]:
        """Plans not yet enacted nor withdrawn."""
        done = {PlanStatus.ENACTED, PlanStatus.WITHDRAWN}
        return [p for p in self.plans.values() if p.status not in done]
