"""The facts of the accessibility statement, read from settings.

The statement follows the structure of the GOV.UK sample accessibility
statement for a public sector website; a council states its own facts in
``MINUTEBOOK_ACCESSIBILITY`` (see docs/theming.md) and the theme writes the rest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

COMPLIANCE = {
    "full": "fully compliant",
    "partial": "partially compliant",
    "not": "not compliant",
}


@dataclass(frozen=True)
class KnownIssue:
    """A part of the site that is not fully accessible, and what is being done about it."""

    issue: str
    criterion: str = ""  # e.g. "WCAG 2.2 success criterion 1.1.1 (non-text content)"
    fix_by: str = ""  # e.g. "We plan to fix this by March 2027."


@dataclass(frozen=True)
class AccessibilityStatement:
    website: str
    council: str
    contact: dict
    compliance: str  # "full", "partial" or "not"
    prepared: dt.date | None
    reviewed: dt.date | None
    last_tested: dt.date | None
    tested_by: str
    test_method: str
    response_days: int = 5
    known_issues: list[KnownIssue] = field(default_factory=list)
    out_of_scope: list[str] = field(default_factory=list)
    improvements: list[str] = field(default_factory=list)

    @property
    def compliance_label(self) -> str:
        return COMPLIANCE.get(self.compliance, COMPLIANCE["partial"])


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def statement_from_settings(settings: dict) -> AccessibilityStatement:
    """The statement's facts: MINUTEBOOK_ACCESSIBILITY, with the council and contact settings."""
    facts = dict(settings.get("MINUTEBOOK_ACCESSIBILITY") or {})
    issues = [KnownIssue(**i) if isinstance(i, dict) else KnownIssue(str(i))
              for i in facts.get("known_issues", [])]
    compliance = facts.get("compliance") or ("partial" if issues else "full")
    return AccessibilityStatement(
        website=facts.get("website") or settings.get("SITENAME", "this website"),
        council=settings.get("MINUTEBOOK_COUNCIL", ""),
        contact=facts.get("contact") or settings.get("MINUTEBOOK_CONTACT") or {},
        compliance=compliance,
        prepared=_date(facts.get("prepared")),
        reviewed=_date(facts.get("reviewed")),
        last_tested=_date(facts.get("last_tested")),
        tested_by=facts.get("tested_by", ""),
        test_method=facts.get("test_method", ""),
        response_days=int(facts.get("response_days", 5)),
        known_issues=issues,
        out_of_scope=list(facts.get("out_of_scope", [])),
        improvements=list(facts.get("improvements", [])),
    )
