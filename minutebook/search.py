"""Search: what Pagefind indexes, and running it.

Pagefind (a static search index, run from its PyPI wheel) reads the finished
HTML, so it is the last step of a build: ``build`` runs ``index_site`` on the
staging folder before the swap, and a failed index leaves the published site
as it was. Only meeting, item and person pages are indexed: their ``<main>``
carries ``data-pagefind-body`` and hidden filter and metadata elements
(``_search_facets.html``), from the ``SearchEntry`` made here. Exempt text is
never rendered, so it can never be indexed.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .formatting import short_date
from .model import AgendaItem, Meeting, Person

if TYPE_CHECKING:
    from .pages import Page

# Filter names as readers see them above the choices in the search page.
COMMITTEE, AREA, YEAR, TYPE = "Committee", "Scrutiny area", "Year", "Type"


class SearchIndexError(Exception):
    """Pagefind failed; the message says why, for the person building."""


@dataclass
class SearchEntry:
    kind: str  # "Meeting", "Agenda item", "Person"
    filters: list[tuple[str, str]] = field(default_factory=list)
    meta: list[tuple[str, str]] = field(default_factory=list)  # shown with each result


def _meeting_facets(meeting: Meeting, areas: list[str]) -> tuple[list, list]:
    filters = [(COMMITTEE, meeting.committee.name), (YEAR, str(meeting.date.year))]
    filters += [(AREA, name) for name in sorted(set(areas))]
    meta = [("date", short_date(meeting.date)), ("committee", meeting.committee.name)]
    return filters, meta


def entry_for(target: object) -> SearchEntry | None:
    """What the search index records about a page showing ``target``."""
    match target:
        case AgendaItem():
            filters, meta = _meeting_facets(target.meeting, [a.name for a in target.scrutiny_areas])
            return SearchEntry("Agenda item", [(TYPE, "Agenda item"), *filters], meta)
        case Meeting():
            areas = [a.name for i in target.items for a in i.scrutiny_areas]
            filters, meta = _meeting_facets(target, areas)
            return SearchEntry("Meeting", [(TYPE, "Meeting"), *filters], meta)
        case Person():
            committees = sorted({m.committee.name for m in target.memberships})
            return SearchEntry("Person", [(TYPE, "Person"), *((COMMITTEE, c) for c in committees)],
                               [("role", target.title or target.kind.capitalize())])
    return None


def annotate(page: Page) -> Page:
    """Give meeting, item and person pages their search entry."""
    context = page.context
    target = context.get("item") or (context.get("meeting") if page.template == "meeting.html"
                                     else context.get("person"))
    page.search = entry_for(target) if target is not None else None
    return page


def index_site(folder: Path) -> None:
    """Run Pagefind over a built site, writing its index into ``folder/pagefind``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(folder),
               "--keep-index-url",  # links name index.html, so the site works from disk
               "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise SearchIndexError(f"could not run Pagefind: {exc}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip() or f"exit status {result.returncode}"
        raise SearchIndexError(f"Pagefind could not index the site: {detail}. "
                               "Install it with: pip install 'pagefind[bin]'")
