"""Reorganization plans: branches of the timeline that are drafted, checked and enacted."""

from .model import Phase, Plan, PlanStatus, StatusEvent

__all__ = ["Phase", "Plan", "PlanStatus", "StatusEvent"]
