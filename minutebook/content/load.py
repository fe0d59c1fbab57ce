"""Load: find and read every content file into located raw data.

The content folder holds four registries and one folder per meeting::

    committees.yaml  people.yaml  scrutiny-areas.yaml  subjects.yaml
    meetings/<committee-id>/<YYYY-MM-DD>[-suffix]/meeting.md
    meetings/<committee-id>/<YYYY-MM-DD>[-suffix]/<NN>[a]-<slug>.md   (one per agenda item)
    meetings/<committee-id>/<YYYY-MM-DD>[-suffix]/<any document files>
    meetings/<committee-id>/<YYYY-MM>[-suffix]/...  (a meeting known only to the month)

Nothing here judges the data; it only reads it, so that every mistake in every
file can be reported together by the validator.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from minutebook.content.errors import ContentError
from minutebook.content.forwardplan import RawEntry, read_forward_plan
from minutebook.content.nofollow import is_link, read_regular
from minutebook.content.source import Located, ReadCache, SourceFile, SourceMistake, read_source, read_yaml_file

REGISTRIES = {
    "committees": "committees.yaml",
    "people": "people.yaml",
    "scrutiny_areas": "scrutiny-areas.yaml",
    "subjects": "subjects.yaml",
    "interest_kinds": "interest-kinds.yaml",  # the council's own categories of interest
}
REQUIRED_REGISTRIES = {"committees", "people"}
MEETINGS_DIR = "meetings"
PAGES_DIR = "pages"  # Pelican's plain pages, read by Pelican itself
MEETING_FILE = "meeting.md"
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ITEM_NAME = re.compile(rf"^(?P<number>\d{{1,3}})(?P<letter>[a-z]?)-(?P<slug>{SLUG})\.md$")
# A meeting's date, or its month only (``2019-03``) when old minutes give no
# day; a month's suffix starts with a letter, so that 2019-03-05 is a day.
MEETING_DIR = re.compile(rf"^(?:(?P<date>\d{{4}}-\d{{2}}-\d{{2}})(?:-(?P<suffix>{SLUG}))?"
                         rf"|(?P<month>\d{{4}}-\d{{2}})(?:-(?P<month_suffix>[a-z][a-z0-9]*(?:-[a-z0-9]+)*))?)$")


@dataclass
class RawRegistry:
    rel: str
    data: Located


@dataclass
class RawItem:
    number: int
    letter: str
    slug: str
    source: SourceFile

    @property
    def label(self) -> str:
        return f"{self.number}{self.letter.upper()}"


@dataclass
class RawMeeting:
    committee: str
    folder: str  # e.g. 2024-03-05 or 2024-03-12-reconvened
    date: str
    rel: str  # meetings/executive/2024-03-05
    path: Path
    source: SourceFile | None
    items: list[RawItem] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.committee}/{self.folder}"


@dataclass
class RawTree:
    root: Path
    registries: dict[str, RawRegistry]
    meetings: list[RawMeeting]
    errors: list[ContentError]
    forward_plan: list[RawEntry] = field(default_factory=list)  # forward-plan/<id>.md (content.forwardplan)
    decisions: list[SourceFile] = field(default_factory=list)  # decisions/<id>.md


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def read_tree(root: Path, cache: ReadCache | None = None) -> RawTree:
    """Read the whole content folder; problems are collected, never raised.
    Meeting and item files whose bytes ``cache`` has seen are taken from it."""
    errors: list[ContentError] = []
    registries: dict[str, RawRegistry] = {}
    for name, filename in REGISTRIES.items():
        path = root / filename
        if _refused_link(root, path, errors):
            continue
        if not path.exists():
            if name in REQUIRED_REGISTRIES:
                errors.append(ContentError(filename, 1, "",
                                           f"{filename} is missing: create it in {root}"))
            continue
        try:
            registries[name] = RawRegistry(filename, read_yaml_file(path, filename))
        except SourceMistake as exc:
            errors.append(exc.error)
    meetings = _read_meetings(root, errors, cache)
    errors.extend(linked_pages(root))
    forward_plan = read_forward_plan(root, errors, link_mistake)
    decisions = read_record_folder(root, DECISIONS_DIR, errors, cache)
    return RawTree(root, registries, meetings, errors, forward_plan, decisions)


DECISIONS_DIR = "decisions"  # decisions taken outside meetings: decisions/<id>.md


def read_record_folder(root: Path, name: str, errors: list[ContentError],
                       cache: ReadCache | None = None) -> list[SourceFile]:
    """The Markdown files of a folder of records, one per record (``decisions/``),
    in name order; anything else in it is a mistake. No folder: no records."""
    folder = root / name
    if _refused_link(root, folder, errors) or not folder.is_dir():
        return []
    found = []
    for path in _visible(folder):
        rel = _rel(root, path)
        if _refused_link(root, path, errors):
            continue
        if not (path.is_file() and path.name.endswith(".md")):
            errors.append(ContentError(rel, 1, "", f"only .md files belong in {name}/: one file for each "
                                       f"record, named after its id, for example {name}/2026-11-03-pay-policy.md"))
            continue
        source = _read(root, path, errors, cache)
        if source is not None:
            found.append(source)
    return found


def _refused_link(root: Path, path: Path, errors: list[ContentError]) -> bool:
    """Report ``path`` if it is a symbolic link: a link is never followed, so
    that one change to the content cannot publish a file from elsewhere."""
    if not is_link(path):
        return False
    errors.append(link_mistake(_rel(root, path), 1, "", path.name))
    return True


def link_mistake(rel: str, line: int, field: str, name: str) -> ContentError:
    """The mistake of a symbolic link where a file or folder must be."""
    return ContentError(rel, line, field, link_message(name))


def link_message(name: str) -> str:
    return (f"'{name}' is a symbolic link: Minute Book never follows links, so that nothing "
            "outside the content folder can be published; put the file or folder itself here instead")


def linked_pages(root: Path) -> list[ContentError]:
    """Symbolic links among the plain pages (pages/), which Pelican would
    follow. Hidden names are left alone: Pelican ignores them, and editors
    make links there as locks (Emacs's .#about.md)."""
    pages = root / PAGES_DIR
    if is_link(pages):
        return [link_mistake(PAGES_DIR, 1, "", PAGES_DIR)]
    found = []
    for folder, folders, files in os.walk(pages):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in sorted([*folders, *files]):
            path = Path(folder, name)
            if not name.startswith(".") and is_link(path):
                found.append(link_mistake(_rel(root, path), 1, "", name))
    return found


def _visible(folder: Path) -> list[Path]:
    """A folder's entries, without hidden ones such as .DS_Store, in order."""
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def _read_meetings(root: Path, errors: list[ContentError], cache: ReadCache | None) -> list[RawMeeting]:
    meetings: list[RawMeeting] = []
    base = root / MEETINGS_DIR
    if _refused_link(root, base, errors) or not base.is_dir():
        return meetings
    for committee_dir in _visible(base):
        if _refused_link(root, committee_dir, errors):
            continue
        if not committee_dir.is_dir():
            errors.append(ContentError(_rel(root, committee_dir), 1, "", "only committee folders "
                                       "belong in meetings/: move this file into a meeting's "
                                       "folder, such as meetings/executive/2024-03-05/"))
            continue
        for meeting_dir in _visible(committee_dir):
            meeting = _read_meeting_dir(root, committee_dir, meeting_dir, errors, cache)
            if meeting is not None:
                meetings.append(meeting)
    return meetings


def _read_meeting_dir(root: Path, committee_dir: Path, meeting_dir: Path,
                      errors: list[ContentError], cache: ReadCache | None) -> RawMeeting | None:
    rel = _rel(root, meeting_dir)
    if _refused_link(root, meeting_dir, errors):
        return None
    if not meeting_dir.is_dir():
        errors.append(ContentError(rel, 1, "", "only meeting folders belong here: move this "
                                   "file into a folder such as "
                                   f"{_rel(root, committee_dir)}/2024-03-05/"))
        return None
    match = MEETING_DIR.match(meeting_dir.name)
    if not match:
        errors.append(ContentError(rel, 1, "", f"'{meeting_dir.name}' is not a meeting folder "
                                   "name: name it after the meeting's date as YYYY-MM-DD, "
                                   "for example 2024-03-05, or as YYYY-MM, for example 2019-03, "
                                   "when the minutes give only the month"))
        return None
    return _read_meeting(root, committee_dir.name, meeting_dir, match["date"] or match["month"],
                         errors, cache)


def _read_meeting(root: Path, committee: str, folder: Path, date: str,
                  errors: list[ContentError], cache: ReadCache | None) -> RawMeeting:
    rel = _rel(root, folder)
    source = None
    markdown = _markdown_files(folder)
    meeting_file = folder / MEETING_FILE
    if markdown.get(MEETING_FILE):
        errors.append(link_mistake(_rel(root, meeting_file), 1, "", MEETING_FILE))
    elif MEETING_FILE not in markdown:
        errors.append(ContentError(f"{rel}/{MEETING_FILE}", 1, "",
                                   f"every meeting folder needs a {MEETING_FILE}: create it "
                                   "with at least 'status:', 'start:' and 'venue:'"))
    else:
        source = _read(root, meeting_file, errors, cache)
    meeting = RawMeeting(committee, folder.name, date, rel, folder, source)
    for name, linked in sorted(markdown.items()):
        if name == MEETING_FILE or name.startswith("."):
            continue  # editors' hidden files are not agenda items
        path = folder / name
        if linked:
            errors.append(link_mistake(_rel(root, path), 1, "", name))
            continue
        match = ITEM_NAME.match(path.name)
        if not match:
            errors.append(ContentError(_rel(root, path), 1, "", f"'{path.name}' is not an agenda "
                                       "item file name: start it with the agenda number, then a "
                                       "hyphen and a short lowercase title, for example "
                                       "08-exploitation-annual-update.md"))
            continue
        item_source = _read(root, path, errors, cache)
        if item_source is not None:
            meeting.items.append(RawItem(int(match["number"]), match["letter"], match["slug"],
                                         item_source))
    return meeting


def _markdown_files(folder: Path) -> dict[str, bool]:
    """The .md files of a meeting folder, each with whether it is a symbolic
    link (known from the folder's listing: no look at each file)."""
    with os.scandir(folder) as entries:
        return {entry.name: entry.is_symlink() for entry in entries if entry.name.endswith(".md")}


def _read(root: Path, path: Path, errors: list[ContentError], cache: ReadCache | None) -> SourceFile | None:
    rel = _rel(root, path)
    try:
        # once, for the cache's hash and the reader; its folders were found not to be links
        data = read_regular(path)
    except OSError:
        data = None  # the reader says what is wrong
    if cache is not None and data is not None and (kept := cache.source(path, rel, data)) is not None:
        return kept
    try:
        return read_source(path, rel, data)
    except SourceMistake as exc:
        errors.append(exc.error)
        return None
