"""The URL scheme: the one place that decides where every page lives.

Paths are relative to the site root and end in '/' for pages (written as
``index.html`` inside that folder). Links between pages are always relative
and name ``index.html`` explicitly, so the site works under any sub-path and
straight from disk (``file://``), as a web archive snapshot must.
These paths are a promise to citizens who cite them: change none of them.
"""

from __future__ import annotations

import functools
import posixpath
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model comes after the content: its classes are known here by name
    from minutebook.model import objects as model

HOME = ""
COMMITTEES = "committees/"
MEETINGS = "meetings/"
SCRUTINY_AREAS = "scrutiny-areas/"
PEOPLE = "people/"
SUBJECTS = "subjects/"
DECISIONS = "decisions/"
SEARCH = "search/"
ABOUT = "about/"
ACCESSIBILITY = "accessibility/"
OPEN_DATA = "open-data/"
SITEMAP = "sitemap/"
NOT_FOUND = "404.html"
STYLESHEET = "theme/css/main.css"
# the icons browsers ask for at the site's root (MINUTEBOOK_FAVICON, MINUTEBOOK_TOUCH_ICON)
FAVICON = "favicon.ico"
TOUCH_ICON = "apple-touch-icon.png"

# Machine-readable files (see docs/open-data.md). Like the pages, these paths
# are promises to the people and programs that subscribe to them.
SEARCH_BUNDLE = "pagefind/"
SITEMAP_XML = "sitemap.xml"
FEED_ALL = "feeds/all.atom.xml"
CALENDAR_ALL = "calendars/all-meetings.ics"
DATA = "data/"
MEETINGS_JSON = "data/meetings.json"
MEETING_SCHEMA = "data/meeting.schema.json"
DECISIONS_CSV = "data/decisions.csv"
ATTENDANCE = "attendance/"
ATTENDANCE_CSV = "data/attendance.csv"
# The executive's decision records and the registers (issue 20): the forward
# plan of key decisions, decision notices (with call-in), officer decisions and
# the register of declarations of interest, with their feeds and data.
FORWARD_PLAN = "forward-plan/"  # the current plan; forward-plan/<YYYY-MM>/ for a month's
FORWARD_PLAN_FEED = "feeds/forward-plan.atom.xml"
FORWARD_PLAN_CALENDAR = "calendars/forward-plan.ics"
FORWARD_PLAN_JSON = "data/forward-plan.json"
FORWARD_PLAN_CSV = "data/forward-plan.csv"
DECISION_NOTICES = "decision-notices/"  # executive decisions, in meetings and outside them
DECISION_NOTICES_FEED = "feeds/decision-notices.atom.xml"
DECISION_RECORDS_JSON = "data/decision-records.json"  # executive and officer decisions, with stable ids
DECISION_RECORDS_CSV = "data/decision-records.csv"
OFFICER_DECISIONS = "officer-decisions/"
DECLARATIONS = "declarations/"  # declarations/<first>-to-<next>/ for a municipal year's
DECLARATIONS_CSV = "data/declarations.csv"  # every declaration of every municipal year


def meetings_in_year(year: int) -> str:
    return f"{MEETINGS}{year}/"


def decisions_in_year(year: int) -> str:
    return f"{DECISIONS}{year}/"


def decisions_of(committee: model.Committee) -> str:
    return f"{DECISIONS}{committee.id}/"


def decisions_in_municipal_year(first: int, procedural: bool = False) -> str:
    """The register of the municipal year starting in ``first`` ("decisions/2024-to-2025/",
    as the year is named; "2024-25" would read as a month), without procedural
    decisions, or with them ("decisions/2024-to-2025/with-procedural/")."""
    year = f"{DECISIONS}{first}-to-{first + 1}/"
    return f"{year}with-procedural/" if procedural else year


def attendance_in_municipal_year(first: int) -> str:
    """The attendance statistics of the municipal year starting in ``first``
    ("attendance/2024-to-2025/")."""
    return f"{ATTENDANCE}{first}-to-{first + 1}/"


def forward_plan_month(year: int, month: int) -> str:
    """The forward plan's entries expected in one month ("forward-plan/2026-10/")."""
    return f"{FORWARD_PLAN}{year:04d}-{month:02d}/"


def forward_plan_entry(entry_id: str) -> str:
    """A forward plan entry's page, by its id (the stem of forward-plan/<id>.md)."""
    return f"{FORWARD_PLAN}{entry_id}/"


def declarations_in_municipal_year(first: int) -> str:
    """The register of declarations of interest made at meetings in the
    municipal year starting in ``first`` ("declarations/2026-to-2027/")."""
    return f"{DECLARATIONS}{first}-to-{first + 1}/"


def _decision_record_path(record: model.DecisionRecord) -> str:
    """A decision taken at a meeting is published on its item's page; one taken
    outside a meeting by an executive member or an officer has its own page."""
    if record.item is not None:
        return path_for(record.item)
    return f"{OFFICER_DECISIONS if record.kind == 'officer' else DECISION_NOTICES}{record.id}/"


def feed_of(target: model.Committee | model.ScrutinyArea) -> str:
    """The Atom feed of a committee's or a scrutiny area's agendas and minutes."""
    if type(target).__name__ == "Committee":
        return f"feeds/committees/{target.id}.atom.xml"
    return f"feeds/scrutiny-areas/{target.id}.atom.xml"


def calendar_of(committee: model.Committee) -> str:
    return f"calendars/committees/{committee.id}.ics"


def sitemap_part(number: int) -> str:
    """One file of a sitemap too large for one (see ``sitemap``)."""
    return f"sitemap-{number}.xml"


def data_of(meeting: model.Meeting) -> str:
    """The meeting as an Open Civic Data Event (JSON)."""
    return f"{DATA}meetings/{meeting.committee.id}/{meeting.folder}.json"


def meeting_path(committee_id: str, folder: str) -> str:
    """A meeting's page, by its committee's id and its folder's name
    (``2024-03-05``, ``2024-03-05-reconvened``, or ``2019-03`` for a meeting
    known only to its month): its items' pages and its documents are
    published inside it."""
    return f"{COMMITTEES}{committee_id}/{folder}/"


def path_for(target: object) -> str:
    """The site-root-relative path of a model object (or a path, unchanged)."""
    if isinstance(target, str):
        return target
    found = _PATHS.get(type(target).__name__)
    path = found(target) if found else None
    if path is None:
        raise TypeError(f"no URL for {type(target).__name__}")
    return path


def _document_path(document: model.Document) -> str | None:
    if document.url:
        return document.url
    return f"{path_for(document.meeting)}{document.file}" if document.file and document.meeting else None


# Each kind of model object's path, by the name of its class (see the TYPE_CHECKING import).
_PATHS = {
    "Committee": lambda committee: f"{COMMITTEES}{committee.id}/",
    "Meeting": lambda meeting: meeting_path(meeting.committee.id, meeting.folder),
    "AgendaItem": lambda item: f"{path_for(item.meeting)}{item.slug}/",
    "ScrutinyArea": lambda area: f"{SCRUTINY_AREAS}{area.id}/",
    "Person": lambda person: f"{PEOPLE}{person.id}/",
    "Subject": lambda subject: f"{SUBJECTS}{subject.id}/",
    "Decision": lambda decision: path_for(decision.item),
    "ForwardPlanEntry": lambda entry: f"{FORWARD_PLAN}{entry.id}/",
    "DecisionRecord": _decision_record_path,
    "Document": _document_path,
}


def output_file(path: str) -> str:
    """The file written for a path: folders get index.html."""
    return f"{path}index.html" if path == "" or path.endswith("/") else path


def relative(from_path: str, to_path: str) -> str:
    """A relative link from the page at ``from_path`` to ``to_path``."""
    if "://" in to_path or to_path.startswith(("mailto:", "tel:")):
        return to_path
    fragment = ""
    if "#" in to_path:
        to_path, fragment = to_path.split("#", 1)
        fragment = "#" + fragment
    return _relative_file(from_path, to_path) + fragment


def _relative_file(from_path: str, to_path: str) -> str:
    """posixpath.relpath without its getcwd and abspath calls: every link on
    every page comes through here, so at archive scale it was most of the build."""
    here, there = _folder_parts(from_path), _file_parts(to_path)
    if here is None or there is None:
        return posixpath.relpath(output_file(to_path), posixpath.dirname(output_file(from_path)) or ".")
    common, limit = 0, min(len(here), len(there) - 1)
    while common < limit and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:])


# Each page links to many targets and each target is linked from many pages:
# the pairs are too many to remember (about 500,000 at 1,000 meetings, so a
# cache of pairs missed four times in five); the paths, split, are not.
@functools.lru_cache(maxsize=1 << 18)
def _folder_parts(path: str) -> tuple[str, ...] | None:
    """The folders of the page at ``path``; None if it is not a plain path."""
    source = output_file(path)
    return tuple(source.split("/")[:-1]) if _plain(source) else None


@functools.lru_cache(maxsize=1 << 18)
def _file_parts(path: str) -> tuple[str, ...] | None:
    """The parts of the file ``path`` links to; None if it is not a plain path."""
    target = output_file(path)
    return tuple(target.split("/")) if _plain(target) else None


def _plain(path: str) -> bool:
    """A normalised relative path: no empty, '.' or '..' parts, no leading slash."""
    return not (path.startswith(("/", ".")) or "//" in path or "/." in path)


def absolute(path: str, siteurl: str) -> str:
    """The canonical address to cite: the folder, without index.html."""
    return f"{siteurl.rstrip('/')}/{path}"
