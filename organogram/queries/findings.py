"""Validation findings as data."""

from __future__ import annotations

from typing import Any

from ..core.record import Record
from ..core.validation import RuleConfig, validate_timeline


def finding_data(f: Any) -> dict[str, Any]:
    """One finding (or plan finding): code, severity, message, where and when."""
    data = {
        "code": f.code,
        "severity": str(f.severity),
        "message": f.message,
        "subject": f.subject,
        "change": f.change_id,
        "where": f.where,
        "from": str(f.date) if f.date else None,
        "until": str(f.until) if f.until else None,
    }
    if hasattr(f, "new"):
        data["new"] = f.new
    return data


def validate_record(record: Record, config: RuleConfig | None = None) -> dict[str, Any]:
    """Every finding on the record's timeline, and counts by severity."""
    findings = [finding_data(f) for f in validate_timeline(record.timeline, config)]
    counts = {
        sev: sum(1 for f in findings if f["severity"] == sev)
        for sev in ("error", "warning", "info")
    }
    return {
        "ok": counts["error"] == 0,
        "changes": len(record.timeline),
        "counts": counts,
        "findings": findings,
    }
