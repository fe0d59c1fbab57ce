"""The page types of the site, each found in a built site by its path and what it says.

The sample content grows over time, so a page type is found, not hard-coded:
a draft-minutes meeting is any meeting page that says its minutes are a draft.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MEETING = re.compile(r"^committees/[^/]+/\d{4}-\d{2}-\d{2}[^/]*/index\.html$")
ITEM = re.compile(r"^committees/[^/]+/\d{4}-\d{2}-\d{2}[^/]*/[^/]+/index\.html$")
# a meeting known only to its month (folder 2019-03), and an item of any meeting
MONTH_MEETING = re.compile(r"^committees/[^/]+/\d{4}-\d{2}(?:-[a-z][^/]*)?/index\.html$")
ANY_ITEM = re.compile(r"^committees/[^/]+/\d{4}-\d{2}[^/]*/[^/]+/index\.html$")
# the notification banners (themes/minutebook/templates/_macros.html) say what a page is
DRAFT = 'aria-labelledby="draft-minutes"'
CANCELLED = 'aria-labelledby="cancelled"'
EXEMPT = 'class="notification-banner notification-banner--exempt"'
SEED_ITEM = "exploitation-annual-update"


@dataclass(frozen=True)
class PageType:
    name: str
    path: str | None  # site path to open, None when the content has no such page
    missing: str = ""  # why there is none


def _fixed(path: str) -> Callable[[dict[str, str]], str | None]:
    return lambda pages: path if path in pages else None


def _first(pattern: re.Pattern, *, says: str = "", not_says: tuple[str, ...] = (),
           prefer: str = "") -> Callable[[dict[str, str]], str | None]:
    def find(pages: dict[str, str]) -> str | None:
        found = [path for path, html in pages.items()
                 if pattern.match(path) and says in html and not any(n in html for n in not_says)]
        preferred = [path for path in found if prefer and prefer in path]
        return (preferred or found or [None])[0]
    return find


FINDERS: dict[str, tuple[Callable[[dict[str, str]], str | None], str]] = {
    "home": (_fixed("index.html"), ""),
    "committees": (_fixed("committees/index.html"), ""),
    "committee": (_first(re.compile(r"^committees/[^/]+/index\.html$")), "no committee"),
    "meetings-by-year": (_fixed("meetings/index.html"), ""),
    "year": (_first(re.compile(r"^meetings/\d{4}/index\.html$")), "no year of meetings"),
    "meeting": (_first(MEETING, not_says=(DRAFT, CANCELLED), prefer="2024-03-05"),
                "no meeting with approved minutes or an agenda"),
    "item": (_first(ITEM, not_says=(EXEMPT,), prefer=SEED_ITEM), "no open agenda item"),
    "exempt-item": (_first(ITEM, says=EXEMPT), "the sample content has no exempt item yet"),
    "item-with-motions": (_first(ITEM, says='class="motion"', prefer="budget"),
                          "the sample content has no item with a motion"),
    "exempt-item-with-open-parts": (_first(ITEM, says='id="published-summary"'),
                                    "the sample content has no exempt item with an open summary yet"),
    "draft-minutes-meeting": (_first(MEETING, says=DRAFT),
                              "the sample content has no meeting with draft minutes yet"),
    "cancelled-meeting": (_first(MEETING, says=CANCELLED),
                          "the sample content has no cancelled meeting yet"),
    "scrutiny-area": (_first(re.compile(r"^scrutiny-areas/[^/]+/index\.html$")), "no scrutiny area"),
    "person": (_first(re.compile(r"^people/[^/]+/index\.html$"), says="<table"), "no person"),
    "decisions-register": (_fixed("decisions/index.html"), ""),
    "attendance-statistics": (_first(re.compile(r"^attendance/\d{4}-to-\d{4}/index\.html$")),
                              "the sample content has no attendance recorded at a meeting held"),
    "declarations-register": (_first(re.compile(r"^declarations/\d{4}-to-\d{4}/index\.html$")),
                              "the sample content has no declaration of interest"),
    "forward-plan": (_fixed("forward-plan/index.html"), "the sample content has no forward plan"),
    "forward-plan-month": (_first(re.compile(r"^forward-plan/\d{4}-\d{2}/index\.html$")),
                           "the sample content has no forward plan"),
    "forward-plan-entry": (_first(re.compile(r"^forward-plan/[^/]+/index\.html$"), says='id="matter"'),
                           "the sample content has no open forward plan entry"),
    "forward-plan-exempt-entry": (_first(re.compile(r"^forward-plan/[^/]+/index\.html$"), says=EXEMPT),
                                  "the sample content has no exempt forward plan entry"),
    "about": (_fixed("about/index.html"), ""),
    "accessibility-statement": (_fixed("accessibility/index.html"), ""),
    "not-found": (_fixed("404.html"), ""),
    "month-only-meeting": (_first(MONTH_MEETING), "the sample content has no meeting known only to its month"),
    "resolution-headings-item": (_first(ANY_ITEM, says='class="resolutions__heading"'),
                                 "the sample content has no resolutions with sub-headings"),
    # decision records (issue 20): the lists, a decision outside a meeting, an item with its notice
    "decision-notices": (_fixed("decision-notices/index.html"), ""),
    "decision-notice": (_first(re.compile(r"^decision-notices/[^/]+/index\.html$"), prefer="library"),
                        "the sample content has no executive decision taken outside a meeting"),
    "officer-decisions": (_fixed("officer-decisions/index.html"), ""),
    "officer-decision": (_first(re.compile(r"^officer-decisions/[^/]+/index\.html$"), not_says=(EXEMPT,)),
                         "the sample content has no open officer decision"),
    "item-with-decision-notice": (_first(ITEM, says='id="decision-notice"'),
                                  "the sample content has no item with a decision notice"),
}
NAMES = list(FINDERS)

# Added to a copy of the sample content for the browser tests while the sample lacks
# such a page (tests/browser/conftest.py: browser_site); remove once the sample has them.
SUPPLEMENTS: dict[str, dict[str, str]] = {
    "exempt-item": {"meetings/executive/2024-04-09/09-land-at-example-street.md": """---
title: Disposal of land at Example Street
exempt: 3
---
## Minutes

This text is exempt and never published.
"""},
    "cancelled-meeting": {"meetings/executive/2023-01-10/meeting.md": """---
status: cancelled
start: 10:30
venue: Committee Room 1, City Hall, Bradford
---
The meeting was cancelled because there was no business to transact.
"""},
}


def find_page_types(output: Path) -> dict[str, PageType]:
    pages = {path.relative_to(output).as_posix(): path.read_text(encoding="utf-8")
             for path in sorted(output.rglob("*.html"))}
    found = {}
    for name, (finder, missing) in FINDERS.items():
        path = finder(pages)
        found[name] = PageType(name, path, "" if path else (missing or f"{name} page not built"))
    return found


def with_every_page_type(built: Path, workdir: Path) -> Path:
    """``built`` if it has every page type, else a build of a copy of content/ with
    SUPPLEMENTS added for the page types it lacks."""
    from minutebook.engine.build import build_site
    from tests.support import CONTENT, SETTINGS

    found = find_page_types(built)
    missing = [name for name in SUPPLEMENTS if found[name].path is None]
    if not missing:
        return built
    content = workdir / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(CONTENT, content)
    for name in missing:
        for relative, text in SUPPLEMENTS[name].items():
            target = content / relative
            if target.exists():
                raise FileExistsError(f"{relative} is already in the sample content: change SUPPLEMENTS")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    output = workdir / "output"
    build_site(SETTINGS, content, output)
    return output
