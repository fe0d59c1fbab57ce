"""The decisions register by municipal year, and which decisions are procedural.

A procedural decision is one every meeting takes and no reader looks for in a
register: the minutes of the previous meeting signed, apologies received, no
disclosures of interest, the public excluded. The register's pages leave them out, and each
municipal year has a second page with them (``urls.decisions_in_municipal_year``).
They are known by the item's title, as clerks write them (and as
``invoke new-meeting`` writes the standing items).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from minutebook.model.objects import AgendaItem, Decision

# titles (lower case, without punctuation) of items that are procedural whatever they say
PROCEDURAL_TITLES = re.compile(
    r"(confirmation of |approval of |the )?minutes( of the (previous|last) meeting.*)?"
    r"|apologies( for absence)?( and substitutions)?|substitutions?( of members)?"
    r"|inspection of reports and background papers|exclusion of the (public|press)( and (the )?(press|public))?")
# titles of items that are procedural when no interest was declared at them
DISCLOSURE_TITLES = re.compile(r"(disclosures?|declarations?) of (members )?interests?")


def _plain(title: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", title.lower()).split())


def is_procedural(item: AgendaItem) -> bool:
    """The minutes of the previous meeting, apologies, substitutions, the
    inspection of reports, the exclusion of the public (the resolution, not the
    exempt business after it), and disclosures of interest at a meeting where none
    was made (declarations are written on the items they concern, or in meeting.md)."""
    title = _plain(item.title)
    if PROCEDURAL_TITLES.fullmatch(title):
        return True
    return bool(DISCLOSURE_TITLES.fullmatch(title)) and not item.meeting.declarations


@dataclass(frozen=True)
class RegisterYear:
    """One municipal year of the register: its first calendar year, its name
    ("2024 to 2025") and its decisions, newest first."""

    first: int
    name: str
    decisions: list[Decision]

    # each asked for several times a page (31,000 titles tested at 1,000 meetings): found once
    @functools.cached_property
    def substantive(self) -> list[Decision]:
        return [d for d in self.decisions if not is_procedural(d.item)]

    @functools.cached_property
    def procedural(self) -> list[Decision]:
        return [d for d in self.decisions if is_procedural(d.item)]


def register_years(decisions: list[Decision]) -> list[RegisterYear]:
    """The decisions grouped by the municipal year of their meeting, newest year first."""
    years: dict[str, list[Decision]] = {}
    for decision in decisions:
        years.setdefault(decision.meeting.municipal_year, []).append(decision)
    return sorted((RegisterYear(int(name[:4]), name, found) for name, found in years.items()),
                  key=lambda year: year.first, reverse=True)
