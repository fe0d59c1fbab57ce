"""The import from start to end: committees, councillors, each committee's
meetings, each meeting with its items and documents, then the check."""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import re
import shutil
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import TextIO
from urllib.parse import urlsplit

from minutebook.content import sanitise
from minutebook.content.errors import ContentErrors
from minutebook.content.exempt import NOT_STATED
from minutebook.engine.pipeline import check_content

from . import mapping, service, webpages
from .fetch import FetchProblem, FolderSource, Politeness, WebSource, source_for
from .progress import Progress
from .report import Report
from .write import (
    Outcome,
    Updated,
    add_entries,
    entry_notes,
    front_matter,
    marked_files,
    registry_ids,
    update_entries,
    write_marked,
    write_whole,
)

_SUFFIX = re.compile(r"\.[a-z0-9]{1,5}")
# Files that would run as part of the site (web pages, SVG, XML, scripts, server pages): linked, never copied.
ACTIVE = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".hta", ".svg", ".svgz", ".xml",
                    ".xsl", ".xslt", ".js", ".mjs", ".cjs", ".php", ".phtml", ".asp", ".aspx", ".jsp", ".cgi",
                    ".pl", ".swf"})
EARLIEST = dt.date(1990, 1, 1)  # the web service wants a range: from before any Modern.gov site
EXTENSIONS = MappingProxyType({"application/pdf": ".pdf", "application/msword": ".doc", "text/plain": ".txt",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"})


@dataclass(frozen=True)
class ImportOptions:
    source: str  # a Modern.gov site's address, or a folder of saved responses
    content: Path
    since: dt.date | None = None
    until: dt.date | None = None
    committees: tuple[str, ...] = ()  # Modern.gov ids, titles or our ids
    politeness: Politeness = Politeness()
    cache: Path | None = None
    refresh: bool = False
    progress: TextIO | None = None  # where the progress bar by meetings goes (None: nowhere)


class ServiceReader:
    """Committees and meetings from the web service (mgWebService.asmx)."""

    def __init__(self, source: WebSource | FolderSource):
        self.source = source

    def committees(self) -> list[service.Committee]:
        return self.source.answer("GetCommittees", service.committees)

    def meetings(self, committee: service.Committee, start: dt.date, end: dt.date) -> list[service.MeetingEntry]:
        return self.source.answer("GetMeetings", service.meetings, lCommitteeId=committee.id,
                                  sFromDate=start.strftime("%d/%m/%Y"), sToDate=end.strftime("%d/%m/%Y"))

    def meeting(self, committee: service.Committee, entry: service.MeetingEntry) -> service.Meeting:
        return self.source.answer("GetMeeting", service.meeting, lMeetingId=entry.id)


class PagesReader(ServiceReader):
    """The same from the public HTML pages, where the web service is off."""

    def committees(self) -> list[service.Committee]:
        return self.source.page("mgListCommittees.aspx", webpages.committees)

    def meetings(self, committee: service.Committee, start: dt.date, end: dt.date) -> list[service.MeetingEntry]:
        return self.source.page("ieListMeetings.aspx", webpages.meetings, CId=committee.id, Year="0")

    def meeting(self, committee: service.Committee, entry: service.MeetingEntry) -> service.Meeting:
        found = self.source.page("ieListDocuments.aspx", partial(webpages.meeting, entry=entry),
                                 CId=committee.id, MId=entry.id)
        found.items = [self._completed(item) for item in found.items]
        found.minutes_published = any(item.minutes_html or item.decision_html for item in found.items)
        if found.minutes_published:
            found.attendees, found.declarations = self.source.page(
                "mgMeetingAttendance.aspx", webpages.attendance_page, ID=entry.id)
        return found


    def _completed(self, item: service.Item) -> service.Item:
        """An item the meeting's page lists without any text, from its own page."""
        if item.restricted or item.agenda_html or item.minutes_html or item.decision_html or not item.id.isdigit():
            return item
        return self.source.page("mgAi.aspx", partial(webpages.item_page, item=item), ID=item.id)


@dataclass
class Run:
    source: WebSource | FolderSource
    content: Path
    report: Report
    people: mapping.People
    reader: ServiceReader
    folders: dict[str, Path] = field(default_factory=dict)  # Modern.gov meeting id -> its folder here
    written: set[str] = field(default_factory=set)  # people already in people.yaml
    updated: set[str] = field(default_factory=set)  # people whose entries this run brought up to date
    progress: Progress = field(default_factory=lambda: Progress(None, 0))
    subjects: dict[str, str] = field(default_factory=dict)  # Modern.gov issue id -> our subject id
    told_once: set[str] = field(default_factory=set)  # what the report says once, not once a meeting


def import_moderngov(options: ImportOptions) -> Report:
    cache = options.cache or options.content.parent / ".minutebook-cache" / "moderngov"
    source = source_for(options.source, cache, options.politeness, options.refresh)
    people = mapping.People.from_registry(options.content / "people.yaml")
    run = Run(source, options.content, Report(), people, ServiceReader(source))
    committees = _committees(run)
    if committees is None:
        return run.report
    if not isinstance(run.reader, PagesReader):
        _councillors(run)
    ids = mapping.committee_ids(committees)
    listed = [(committee, _listing(run, committee, options.since, options.until))
              for committee in _chosen(committees, options.committees, run.report)]
    run.progress = Progress(options.progress, sum(len(entries) for _, entries in listed))
    for committee, entries in listed:
        if entries:
            _committee(run, committee, ids[committee.id], entries)
    run.progress.close()
    _check(run)
    return run.report


def _committees(run: Run) -> list[service.Committee] | None:
    """The committees, from the web service or else from the HTML pages."""
    try:
        return run.reader.committees()
    except FetchProblem as exc:
        if not exc.lasting:
            run.report.problems.append(str(exc))
            return None
        web_service = exc
    run.reader = PagesReader(run.source)
    try:
        found = run.reader.committees()
    except FetchProblem as exc:
        run.report.problems += [str(web_service), str(exc)]
        return None
    run.report.as_text.append(f"the web service did not answer ({web_service.reason}): the site's HTML pages "
                              "were read instead; agenda numbers are the items' order on the meeting's page")
    return found


def _chosen(committees: list[service.Committee], wanted: tuple[str, ...], report: Report) -> list[service.Committee]:
    deleted = [c.title for c in committees if c.deleted]
    if deleted:
        report.skipped.append(f"{len(deleted)} committees Modern.gov marks as deleted: {', '.join(deleted)}")
    if not wanted:
        return [c for c in committees if not c.deleted]
    names = {w.lower() for w in wanted}
    chosen = [c for c in committees if {c.id, c.title.lower(), mapping.slug(c.title)} & names]
    if not chosen:
        report.problems.append(f"no committee is called {', '.join(wanted)}: give a Modern.gov committee id, "
                               "or its title")
    return chosen


def _councillors(run: Run) -> None:
    try:
        found = run.source.answer("GetCouncillorsByWard", service.councillors)
    except FetchProblem as exc:
        run.report.problems.append(f"{exc} (people are taken from the meetings' attendance instead)")
        return
    for councillor in found:
        run.people.add_councillor(councillor)
    run.report.skipped.append("councillors' photographs, home addresses, phone numbers and terms of office: "
                              "not part of the content format, or not for publishing")
    _people(run)


def _people(run: Run) -> None:
    """Add the people met so far to people.yaml (with their party and ward
    from their pages, when read from the HTML pages)."""
    if not run.written:
        run.written = registry_ids(run.content / "people.yaml")
    new = {person: entry for person, entry in run.people.entries.items() if person not in run.written}
    if isinstance(run.reader, PagesReader):
        members = run.people.members()
        for person, entry in run.people.entries.items():
            if entry["kind"] == "councillor" and members.get(person) and person not in run.people.sourced:
                entry.update(_details(run, members[person]))
                run.people.sourced.add(person)
    notes = {person: f"{mapping.MEMBER} {member}" for person, member in run.people.members().items() if member}
    added = add_entries(run.content / "people.yaml", new, "People: imported from Modern.gov", notes)
    run.written |= set(new)
    run.report.counts["people"] += len(added)
    known = {person: entry for person, entry in run.people.entries.items()
             if person in run.people.sourced and person not in new and person not in run.updated}
    _updated(run, "people.yaml", update_entries(run.content / "people.yaml", known, notes))
    run.updated |= set(known)


def _updated(run: Run, registry: str, outcome: Updated) -> None:
    """Tell what a re-run changed in a registry, and what it left as a clerk changed it."""
    run.report.counts["registry entries updated"] += len(outcome.updated)
    run.report.as_text += [f"{registry} {key}: brought up to date with Modern.gov" for key in outcome.updated]
    run.report.kept += [f"{registry} {key}: changed by a clerk since it was imported; Modern.gov now says "
                        "otherwise, but it is left as the clerk wrote it" for key in outcome.kept]


def _details(run: Run, member: str) -> dict[str, str]:
    try:
        return run.source.page("mgUserInfo.aspx", webpages.member_details, UID=member)
    except FetchProblem as exc:
        run.report.skipped.append(f"a councillor's party and ward: {exc}")
        return {}


def _listing(run: Run, committee: service.Committee, since: dt.date | None,
             until: dt.date | None) -> list[service.MeetingEntry]:
    """``committee``'s meetings in the dates asked for (none if its list
    could not be had, which is reported)."""
    start, end = since or EARLIEST, until or dt.date.today() + dt.timedelta(days=731)
    try:
        entries = run.reader.meetings(committee, start, end)
    except FetchProblem as exc:
        run.report.problems.append(f"{exc}; the meetings of {committee.title} not imported this time")
        return []
    return [entry for entry in entries if start <= entry.date <= end]


def _committee(run: Run, committee: service.Committee, ours: str, chosen: list[service.MeetingEntry]) -> None:
    """``committee``'s meetings ``chosen``; ``ours`` is its id here."""
    registry, note = run.content / "committees.yaml", {ours: f"{mapping.COMMITTEE} {committee.id}"}
    if ours not in registry_ids(registry):
        entry = mapping.committee_entry(committee, _members(run, committee) or [])
        _people(run)  # members are declared before the committee names them
        add_entries(registry, {ours: entry}, "Committees: imported from Modern.gov", note)
        run.report.counts["committees"] += 1
        run.report.as_text.append(f"committees.yaml {ours}: kind {entry['kind']} is read from the committee's "
                                  "name and category: check it")
    elif ours in entry_notes(registry):  # the importer's entry: its membership as Modern.gov gives it now
        members = _members(run, committee)
        if members is not None:  # a page not had now never empties a membership
            _people(run)
            entry = mapping.committee_entry(committee, members)
            _updated(run, "committees.yaml", update_entries(registry, {ours: entry}, note))
    planned = []
    for entry in sorted(chosen, key=lambda e: (e.date, e.id)):
        run.progress.step(f"{committee.title}, {entry.date.isoformat()}")
        meeting = _fetch(run, committee, ours, entry)
        if meeting is not None:
            mapped = mapping.map_meeting(meeting, run.people)
            planned.append((meeting, mapped, _folder(run, run.content / "meetings" / ours, meeting)))
    approvals = mapping.approvals([(meeting.date, folder.name, mapped) for meeting, mapped, folder in planned], ours)
    for meeting, mapped, folder in planned:
        _meeting(run, ours, meeting, mapped, folder)
    for earlier, later in approvals:
        if not planned[later][2].exists():  # the meeting that approved them could not be written this time
            _not_approved(*planned[earlier])


def _members(run: Run, committee: service.Committee) -> list[dict] | None:
    """The membership from the committee's page (the web service gives
    none); None when the page could not be had."""
    try:
        found = run.source.page("mgCommitteeDetails.aspx", webpages.members, ID=committee.id)
    except FetchProblem as exc:
        run.report.skipped.append(f"the members of {committee.title}: {exc}")
        return None
    members = []
    for member, name, role in found:
        person = run.people.add_member(member, name)
        members.append({"person": person, "role": role} if role else {"person": person})
    return members


def _fetch(run: Run, source: service.Committee, committee: str,
           entry: service.MeetingEntry) -> service.Meeting | None:
    try:
        found = run.reader.meeting(source, entry)
    except FetchProblem as exc:
        found = _only_as_html(run, source, entry, exc)
        if found is not None:
            return found
        run.report.problems.append(f"{exc}; the meeting of {committee} on {entry.date.isoformat()} "
                                   f"(Modern.gov meeting {entry.id}) not imported this time")
        return None
    if not isinstance(run.reader, PagesReader):
        _from_pages(run, source, found)
    return found


def _only_as_html(run: Run, committee: service.Committee, entry: service.MeetingEntry,
                  problem: FetchProblem) -> service.Meeting | None:
    """A meeting the web service lists but does not have (404): its HTML
    pages instead, where the site has them (said in the report)."""
    if isinstance(run.reader, PagesReader) or not problem.lasting or \
            not ("answered 404" in problem.reason or "cannot be read" in problem.reason):
        return None
    try:
        found = PagesReader(run.source).meeting(committee, entry)
    except FetchProblem:
        return None
    run.report.as_text.append(f"Modern.gov meeting {entry.id} ({committee.title}, {entry.date.isoformat()}): the "
                              "web service does not have it, so it was read from its HTML pages; agenda numbers "
                              "are the items' order on its page")
    return found


def _from_pages(run: Run, committee: service.Committee, meeting: service.Meeting) -> None:
    """What the web service does not give, from the meeting's HTML pages:
    which items continue an issue (its history), and the declarations of
    interest where the service counts some. Neither stops the meeting: a
    page missing is said once; one failing now is for the next run."""
    wanted = [("ieListDocuments.aspx", "issue histories", {"CId": committee.id, "MId": meeting.id})] \
        if meeting.items else []
    if meeting.minutes_published and any(item.declarations for item in meeting.items):
        wanted.append(("mgMeetingAttendance.aspx", "declarations of interest", {"ID": meeting.id}))
    for name, what, query in wanted:
        try:
            if name == "ieListDocuments.aspx":
                issues = run.source.page(name, webpages.issue_links, **query)
                meeting.items = [replace(item, issue=issues.get(item.id, "")) for item in meeting.items]
            else:
                meeting.declarations = run.source.page(name, webpages.declarations, **query)
        except FetchProblem as exc:
            if not exc.lasting:
                run.report.problems.append(f"{exc}; the {what} of Modern.gov meeting {meeting.id} are for the next "
                                           "run to read")
            elif what not in run.told_once:
                run.told_once.add(what)
                run.report.skipped.append(f"{what}: the web service does not give them and {exc} (the first such "
                                          "page; the others are not listed)")


def _meeting(run: Run, committee: str, meeting: service.Meeting, mapped: mapping.Mapped, folder: Path) -> None:
    try:
        documents = _documents(run, meeting, mapped, folder)
    except FetchProblem as exc:
        run.report.problems.append(f"{exc}; the meeting of {committee} on {meeting.date.isoformat()} "
                                   f"(Modern.gov meeting {meeting.id}) not imported this time")
        return
    _people(run)
    _subjects(run, meeting, mapped)
    _write_meeting(run, folder, meeting, mapped, documents)
    where = f"meetings/{committee}/{folder.name}"
    run.report.as_text += [f"{where}: {told}" for told in mapped.told]
    run.report.counts["meetings"] += 1
    run.report.counts["cancelled"] += mapped.front["status"] == "cancelled"
    run.report.counts["items"] += len(mapped.items)


def _subjects(run: Run, meeting: service.Meeting, mapped: mapping.Mapped) -> None:
    """Each open item that continues a Modern.gov issue joins the subject
    made from that issue (in subjects.yaml), so that its subject page and
    the item pages show the history across meetings."""
    registry = run.content / "subjects.yaml"
    if not run.subjects:
        run.subjects = {note[len(mapping.ISSUE):].strip(): subject
                        for subject, note in entry_notes(registry).items() if note.startswith(mapping.ISSUE)}
    for (_, _, front, _), item in zip(mapped.items, meeting.items, strict=True):
        if not item.issue or "exempt" in front or item.restricted:
            continue
        subject = run.subjects[item.issue] if item.issue in run.subjects else _new_subject(run, item.issue, registry)
        if subject:
            front["subject"] = subject


def _new_subject(run: Run, issue: str, registry: Path) -> str | None:
    try:
        found = run.source.page("mgIssueHistoryHome.aspx", partial(webpages.issue, key=issue), IId=issue)
    except FetchProblem as exc:
        if not exc.lasting:
            run.report.problems.append(f"{exc}; the items of this issue join their subject on the next run")
        else:
            run.report.skipped.append(f"Modern.gov issue {issue}: {exc}; its items are imported without a subject")
        run.subjects[issue] = ""  # asked once a run, and said once
        return None
    taken = registry_ids(registry) | set(run.subjects.values()) - {""}
    subject = mapping.slug(found.title) or f"issue-{issue}"
    if subject in taken:
        subject = f"{subject}-{issue}"
    entry = {"name": found.title}
    add_entries(registry, {subject: entry}, "Subjects: matters followed across meetings (imported from Modern.gov)",
                {subject: f"{mapping.ISSUE} {issue}"})
    run.subjects[issue] = subject
    run.report.counts["subjects"] += 1
    run.report.as_text.append(f"subjects.yaml {subject}: made from Modern.gov's history of the issue “{found.title}” "
                              f"({len(found.meetings)} meetings listed there); only meetings imported show in it")
    return subject


def _not_approved(meeting: service.Meeting, mapped: mapping.Mapped, folder: Path) -> None:
    """Back to minutes whose approval is not recorded: the meeting that approved
    them is not in the content yet."""
    mapped.front["status"] = mapping.APPROVAL_UNKNOWN
    mapped.front.pop("approved_at", None)
    if folder.exists():
        write_marked(folder / "meeting.md", front_matter(mapped.front, "\n\n".join(mapped.notes)),
                     f"meeting {meeting.id}")


def _folder(run: Run, committee: Path, meeting: service.Meeting) -> Path:
    """The meeting's folder: the one already holding it (found by the
    meeting id in its files, even if a clerk renamed it), else one named by
    its date."""
    if not run.folders and committee.parent.is_dir():
        run.folders = _meeting_folders(committee.parent)
    found = run.folders.get(meeting.id)
    if found is not None:
        if not found.name.startswith(meeting.date.isoformat()):
            run.report.as_text.append(f"{found.relative_to(run.content).as_posix()}: Modern.gov now gives the "
                                      f"date {meeting.date.isoformat()}: rename the folder if the meeting moved")
        return found
    folder = committee / meeting.date.isoformat()
    if folder.exists() or folder in run.folders.values():  # a second meeting that day
        folder = committee / f"{meeting.date.isoformat()}-{meeting.id}"
    run.folders[meeting.id] = folder
    return folder


def _meeting_folders(meetings: Path) -> dict[str, Path]:
    """Every meeting the importer wrote before, by its Modern.gov id: read
    once a run, not once a meeting."""
    found = {}
    for folder in sorted(meetings.glob("*/*/")):
        if folder.name.startswith("."):
            continue  # not a meeting: one an import left half-written, say
        for source in marked_files(folder):
            found.setdefault(source.split()[1], folder)
    return found


def _documents(run: Run, meeting: service.Meeting, mapped: mapping.Mapped, folder: Path) -> dict[str, bytes]:
    """Each open document fetched (exempt ones never), named beside the
    meeting, and listed on its item; a lasting failure leaves a link."""
    files: dict[str, bytes] = {}
    owners = [(mapped.front, meeting.documents)]  # the meeting's own, then each item's
    owners += [(front, item.documents if not item.restricted else ())
               for (_, _, front, _), item in zip(mapped.items, meeting.items, strict=True)]
    for front, documents in owners:
        listed = [entry for document in documents if (entry := _document(run, document, files, mapped, folder))]
        if listed:
            front["documents"] = listed
    return files


def _document(run: Run, document: service.Document, files: dict[str, bytes], mapped: mapping.Mapped,
              folder: Path) -> dict | None:
    """The document's entry for ``documents:``, or None (and why, told)."""
    if not document.url and document.id.isdigit() and not isinstance(run.reader, PagesReader):
        document = _details_of(run, document, mapped)
        if document is None:
            return None
    if document.restricted:
        exempt = service.exempt_value(document.restriction)
        run.report.counts["exempt documents"] += 1
        if exempt == NOT_STATED:
            mapped.told.append(f"document “{document.title}” is restricted but Modern.gov names no paragraph "
                               "of Schedule 12A: listed as 'exempt: not stated' (none is guessed); a clerk may "
                               "add the paragraph")
        return {"title": document.title, "exempt": exempt}
    url = run.source.address(document.url)
    if document.is_link or not url:
        return _link(document.title, url, mapped)
    try:
        data, kind = run.source.document(url, document.id)
    except FetchProblem as exc:
        if not exc.lasting:
            raise
        mapped.told.append(f"document “{document.title}” was not downloaded ({exc.reason}): linked instead")
        return _link(document.title, url, mapped)
    name = _file_name(document, kind, data, files, folder)
    if Path(name).suffix in ACTIVE or data.lstrip()[:1] == b"<":
        mapped.told.append(f"document “{document.title}” is a web page, image or script that could run in "
                           "readers' browsers: linked at its address, never copied into the site")
        return _link(document.title, url, mapped)
    files[name] = data
    return {"title": document.title, "file": name}


def _details_of(run: Run, document: service.Document, mapped: mapping.Mapped) -> service.Document | None:
    """The meeting gave no address: the document's own details do, and say
    whether it is restricted (asked before anything else is)."""
    try:
        return run.source.answer("GetAttachment", service.attachment, lAttachmentId=document.id)
    except FetchProblem as exc:
        if not exc.lasting:
            raise
        mapped.told.append(f"document “{document.title}” is not listed: Modern.gov gives no address for it "
                           f"and its details could not be had ({exc.reason})")
        return None


def _link(title: str, url: str, mapped: mapping.Mapped) -> dict | None:
    problem = sanitise.web_address_problem(url) if url else "is missing"
    if problem:
        mapped.told.append(f"document “{title}” is not listed: its address {url!r} {problem}")
        return None
    return {"title": title, "url": url}


def _file_name(document: service.Document, kind: str, data: bytes, taken: dict[str, bytes], folder: Path) -> str:
    """A name for the document beside the meeting, from its title: never a
    name another document of the meeting has, or a different file there has."""
    suffix = EXTENSIONS.get(kind.split(";")[0].strip().lower()) or Path(urlsplit(document.url).path).suffix.lower()
    if data.startswith(b"%PDF"):
        suffix = ".pdf"
    elif not _SUFFIX.fullmatch(suffix) or suffix in (".aspx", ".md"):
        suffix = mimetypes.guess_extension(kind.split(";")[0].strip()) or ".bin"
    stem = mapping.slug(document.title, 50) or "document"
    for name in (f"{stem}{suffix}", f"{stem}-{mapping.slug(document.id) or len(taken)}{suffix}"):
        there = folder / name
        if name not in taken and (not there.is_file() or there.read_bytes() == data):
            return name
    return f"document-{len(taken) + 1}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"


def _write_meeting(run: Run, folder: Path, meeting: service.Meeting, mapped: mapping.Mapped,
                   documents: dict[str, bytes]) -> None:
    """A new meeting is written in a hidden folder and renamed whole; an
    existing one is updated file by file, each file whole."""
    fresh = not folder.exists()
    target = folder.with_name(f".importing-{folder.name}") if fresh else folder
    if fresh and target.exists():
        shutil.rmtree(target)  # left by an import that stopped part-way
    existing = marked_files(target)
    for name, data in documents.items():
        path = target / name
        if not path.exists():
            write_whole(path, data)
        run.report.counts["documents"] += 1
    for name, item_id, front, text in mapped.items:
        source = f"meeting {meeting.id} item {item_id}"
        _count(run, write_marked(existing.get(source, target / name), front_matter(front, text), source), folder)
        run.report.counts["exempt items"] += "exempt" in front
    gone = set(existing) - {f"meeting {meeting.id} item {item_id}" for _, item_id, _, _ in mapped.items}
    for source in sorted(gone - {f"meeting {meeting.id}"}):
        run.report.kept.append(f"{(folder / existing[source].name).relative_to(run.content).as_posix()}: "
                               "no longer on Modern.gov's agenda; left as it is (delete it if it should go)")
    notes = "\n\n".join(mapped.notes)
    source = f"meeting {meeting.id}"
    _count(run, write_marked(target / "meeting.md", front_matter(mapped.front, notes), source), folder)
    if fresh:
        target.rename(folder)


def _count(run: Run, outcome: Outcome, folder: Path) -> None:
    run.report.counts[outcome.what] += 1
    where = (folder / outcome.path.name).relative_to(run.content).as_posix()
    if outcome.what == "kept-edit":
        run.report.kept.append(f"{where}: changed by a clerk since it was imported; Modern.gov's version not written")
    elif outcome.what == "not-ours":
        run.report.kept.append(f"{where}: written by a clerk, not by the importer; left as it is")


def _check(run: Run) -> None:
    """Whether the tree, with what was imported, passes the check."""
    if not (run.content / "committees.yaml").exists():
        return  # nothing was imported into it
    run.report.checked = True
    try:
        check_content(run.content, warnings=False)
    except ContentErrors as exc:
        run.report.check = [str(error) for error in exc.errors]
