"""Documents are safe to publish: the checks on every ``documents:`` entry.

A document's file is copied byte for byte into the website, beside its
meeting's page, so its name and its file decide what the site serves:

- it is a regular file inside the meeting's folder, never a symbolic link
  (a link to ``/etc/passwd`` would publish the build machine's secrets),
  and its name neither leaves the folder nor hides it (``.htaccess``);
- it is not of a type that runs in the reader's browser as part of the
  site (a web page, an SVG image, a script: ``ACTIVE_TYPES``) or on the
  server;
- its address is not one the site writes itself: the meeting's page, an
  item's folder, an alias's redirect page;
- exempt is a property of the file: a file that any entry of the meeting
  (or an exempt item) lists as exempt is never published, so an open entry
  naming it is a mistake.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from minutebook.content import urls
from minutebook.content.errors import ContentError, field_name
from minutebook.content.load import link_message

if TYPE_CHECKING:
    from minutebook.content.validate import CheckedMeeting, CheckedTree

_PAGE = "a web page"
_XML = "an XML file, which browsers can run as a web page"
_SCRIPT = "a script"
_SERVER = "a program that web servers run"
# Types that run script on the site's origin (or on its server), by suffix.
ACTIVE_TYPES: dict[str, str] = {
    **dict.fromkeys((".html", ".htm", ".xhtml", ".xht", ".shtml", ".shtm", ".mht", ".mhtml", ".hta"), _PAGE),
    **dict.fromkeys((".svg", ".svgz"), "an SVG image, which can carry script"),
    **dict.fromkeys((".xml", ".xsl", ".xslt"), _XML),
    **dict.fromkeys((".js", ".mjs", ".cjs"), _SCRIPT),
    **dict.fromkeys((".php", ".php3", ".php4", ".php5", ".php7", ".phtml", ".phar", ".asp", ".aspx",
                     ".jsp", ".jspx", ".cgi", ".pl"), _SERVER),
    ".swf": "a Flash file",
}


@dataclass(frozen=True)
class Listed:
    """One ``documents:`` entry that names a file."""

    file: str
    rel: str  # the meeting or item file that lists it
    line: int
    field: str
    exempt: str  # why the file is exempt ("" when it is not)

    @property
    def where(self) -> str:
        return f"{self.rel}:{self.line}"


def listed_files(meeting: CheckedMeeting) -> Iterator[Listed]:
    """Every entry of the meeting and its items that names a file."""
    sources = [(meeting.raw.source, meeting.front, False)]
    sources += [(item.raw.source, item.front, bool(item.front.exempt)) for item in meeting.items]
    for source, front, exempt_item in sources:
        for i, doc in enumerate(front.documents):
            if doc.file:
                loc = ("documents", i, "file")
                why = "by an exempt item" if exempt_item else "as exempt" if doc.exempt else ""
                yield Listed(doc.file, source.rel, source.front.line(loc), field_name(loc), why)


def check_documents(checked: CheckedTree, errors: list[ContentError]) -> None:
    """Report every document that could not be published safely."""
    aliases: dict[str, list[tuple[str, str]]] = {}  # by the meeting folder they are in, if any
    for written, what in _aliases(checked):
        aliases.setdefault("/".join(written.split("/")[:3]) + "/", []).append((written, what))
    for meeting in checked.meetings:
        listed = list(listed_files(meeting))
        here = urls.meeting_path(meeting.raw.committee, meeting.raw.folder)
        taken = _addresses_taken(meeting, here, aliases.get(here, []))
        for entry in listed:
            problem = _problem(meeting.raw.path, entry, taken)
            if problem:
                errors.append(ContentError(entry.rel, entry.line, entry.field, problem))
        _check_exempt_files(listed, errors)


def _problem(folder: Path, entry: Listed, taken: dict[str, str]) -> str | None:
    """What is wrong with publishing this entry's file, if anything. An
    exempt entry's file is never published: only its name and file matter."""
    return (_name_problem(entry.file)
            or _source_problem(entry.file)
            or (None if entry.exempt else _collision(entry.file, taken) or _type_problem(entry.file))
            or _file_problem(folder, entry))


def _name_problem(name: str) -> str | None:
    path = PurePosixPath(name)
    if any(ord(char) < 32 or char == "\x7f" for char in name):
        return (f"{name!r} has an invisible control character in it: write the file's name "
                "again, for example report.pdf")
    if path.is_absolute() or ".." in path.parts or "\\" in name:
        return (f"'{name}' must be a file inside the meeting folder: copy the file there and "
                "give its name only, for example report.pdf")
    if str(path) != name or any(part.startswith(".") for part in path.parts):
        return (f"'{name}' is not a name the site can publish: a name starting with a dot is a "
                "hidden file (web servers obey some, such as .htaccess), and './', '//' or a "
                "'/' at the end are not allowed; give the file a plain name, for example report.pdf")
    return None


def _source_problem(name: str) -> str | None:
    """The meeting's own Markdown files are not documents: published as one,
    an exempt item's file would publish all it says."""
    if PurePosixPath(name).suffix.lower() != ".md":
        return None
    return (f"'{name}' is a Markdown file, and the Markdown files in a meeting folder are its "
            "meeting.md and its agenda items, never documents: publish the document as a PDF instead")


def _type_problem(name: str) -> str | None:
    for suffix in PurePosixPath(name).suffixes:
        kind = ACTIVE_TYPES.get(suffix.lower())
        if kind is not None:
            return (f"'{name}' is {kind} ({suffix}): it would run in readers' browsers as part "
                    "of this website, so it is never published as a document; publish it as a "
                    "PDF instead, or link to where it is published with 'url:'")
    return None


def _aliases(checked: CheckedTree) -> Iterator[tuple[str, str]]:
    """(file the alias's redirect page is written to, where the alias is written)."""
    for meeting in checked.meetings:
        pages = [(meeting.raw.source, meeting.front)]
        pages += [(item.raw.source, item.front) for item in meeting.items]
        for source, front in pages:
            for i, alias in enumerate(front.aliases):
                line = source.front.line(("aliases", i))
                yield urls.output_file(alias), f"the redirect page of the alias '{alias}' ({source.rel}:{line})"


def _addresses_taken(meeting: CheckedMeeting, here: str, aliases: list[tuple[str, str]]) -> dict[str, str]:
    """The files the site writes in this meeting's folder ``here`` (relative
    to it, case-folded: a site built or served on macOS or Windows folds
    case), with what each is. Open data, feeds and calendars are written
    under data/, feeds/ and calendars/, never here."""
    taken = {urls.output_file(""): "the meeting's page"}
    for item in meeting.raw.items:
        taken[urls.output_file(f"{item.slug}/").casefold()] = f"the page of item {item.label} ({item.slug}/)"
    for written, what in aliases:
        if written.startswith(here):
            taken.setdefault(written[len(here):].casefold(), what)
    return taken


def _collision(name: str, taken: dict[str, str]) -> str | None:
    folded = name.casefold()
    for written, what in taken.items():
        if folded == written or written.startswith(folded + "/") or folded.startswith(written + "/"):
            return (f"'{name}' would be published at the address of {what}, and one would "
                    "replace the other: rename the file, for example to agenda-pack.pdf")
    return None


def _file_problem(folder: Path, entry: Listed) -> str | None:
    """The file must be there, as a regular file, reached through no link."""
    path, mode = folder, 0
    for part in PurePosixPath(entry.file).parts:
        path = path / part
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            present = sorted(p.name for p in folder.iterdir() if _is_plain_file(p) and p.suffix != ".md")
            close = difflib.get_close_matches(PurePosixPath(entry.file).name, present, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            return (f"the file '{entry.file}' is not in {folder.name}/: {hint}add the file, or "
                    "correct its name (names are case-sensitive)")
        if stat.S_ISLNK(mode):
            return link_message(part)
    if not stat.S_ISREG(mode):
        return (f"'{entry.file}' is not a file (it is a folder, or something else): "
                "give the name of a file in the meeting folder, for example report.pdf")
    return None


def _is_plain_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _check_exempt_files(listed: list[Listed], errors: list[ContentError]) -> None:
    """A file listed as exempt anywhere in the meeting is exempt everywhere:
    an open entry naming it is reported, naming where it is exempt. Names
    are compared case-folded: on macOS and Windows 'Appendix.pdf' and
    'appendix.pdf' are one file."""
    exempt: dict[str, Listed] = {}
    for entry in listed:
        if entry.exempt:
            exempt.setdefault(entry.file.casefold(), entry)
    for entry in listed:
        other = exempt.get(entry.file.casefold())
        if other is not None and not entry.exempt:
            named = "" if other.file == entry.file else f" as '{other.file}' (one file where case is not told apart)"
            errors.append(ContentError(
                entry.rel, entry.line, entry.field,
                f"'{entry.file}' is listed {other.exempt}{named} at {other.where}, so it is never published: "
                "a file is exempt wherever it is listed; remove it from this entry (publish an "
                "open version under another name), or remove the exemption there"))
