"""The forward plan's pages, grouped by the month each decision is expected in.

``forward-plan/`` is the current plan: the entries expected today or later,
and those expected earlier whose decision has not yet been taken (neither
taken nor withdrawn). ``forward-plan/YYYY-MM/`` lists every entry expected in
one month, past months included, with links to the months either side; each
entry has its own page (``urls.path_for``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from minutebook.content import urls
from minutebook.content.dates import month_name
from minutebook.model.objects import ForwardPlanEntry, Site


@dataclass(frozen=True)
class PlanMonth:
    """One month of the plan: its name ("October 2026"), page and entries, by expected date."""

    year: int
    month: int
    entries: list[ForwardPlanEntry]

    @property
    def name(self) -> str:
        return month_name(dt.date(self.year, self.month, 1))

    @property
    def path(self) -> str:
        return urls.forward_plan_month(self.year, self.month)

    @property
    def id(self) -> str:
        """An anchor for the month's heading on the current plan."""
        return f"month-{self.year:04d}-{self.month:02d}"


def by_month(entries: list[ForwardPlanEntry]) -> list[PlanMonth]:
    """The entries grouped by the month they are expected in, oldest month first."""
    months: dict[tuple[int, int], list[ForwardPlanEntry]] = {}
    for entry in sorted(entries, key=lambda e: (e.expected, e.month_only, e.id)):
        months.setdefault(entry.month, []).append(entry)
    return [PlanMonth(year, month, found) for (year, month), found in sorted(months.items())]


def plan_months(site: Site) -> list[PlanMonth]:
    """Every month with an entry: each has a page."""
    return by_month(list(site.forward_plan.values()))


def current_plan(site: Site) -> list[PlanMonth]:
    """The current plan, by month (see the module's note)."""
    return by_month([e for e in site.forward_plan.values() if e.current(site.today)])
