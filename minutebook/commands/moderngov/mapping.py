"""From Modern.gov's records to the content format: ids, statuses, times,
attendance groups, item text and resolutions. What has no field of its own
stays as Markdown text; what the source does not say is left out, never
guessed. Each mapping says in ``notes`` what a clerk should know."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml
from bs4 import BeautifulSoup
from markdownify import markdownify

from minutebook.content import sanitise
from minutebook.content.exempt import NOT_STATED

from . import service
from .write import entry_notes

KINDS = (  # words in a committee's category or name -> its kind, first match wins
    ("scrutiny", "scrutiny"), ("cabinet", "executive"), ("executive", "executive"), ("area", "area"),
    ("planning", "regulatory"), ("licensing", "regulatory"), ("regulatory", "regulatory"),
    ("audit", "regulatory"), ("standards", "regulatory"), ("appeals", "regulatory"), ("panel", "panel"),
)
# Modern.gov does not say whether, or where, minutes were approved: "minutes"
# (approval not recorded) until a later meeting in the import shows it.
APPROVAL_UNKNOWN = "minutes"
NOT_RECORDED = "not recorded"  # a fact Modern.gov does not give: never made up
WITH_MINUTES = (APPROVAL_UNKNOWN, "approved-minutes")
MEMBER = "Modern.gov member"  # the comment on a person's entry naming their member id
COMMITTEE = "Modern.gov committee"  # the comment on a committee's entry naming its Modern.gov id
ISSUE = "Modern.gov issue"  # the comment on a subject's entry naming the issue it was made from


def slug(text: str, limit: int = 60) -> str:
    """Lowercase ASCII words joined by hyphens: "Zoë O’Brien" -> "zoe-obrien"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    ascii_text = re.sub(r"['’‘`]", "", ascii_text)
    words = re.findall(r"[a-z0-9]+", ascii_text)
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > limit:
            break
        out = f"{out}-{word}" if out else word[:limit]
    return out


def committee_kind(committee: service.Committee) -> str:
    if committee.title.strip().lower() in ("council", "full council") or committee.category.lower() == "council":
        return "council"
    words = f"{committee.category} {committee.title}".lower()
    return next((kind for word, kind in KINDS if word in words), "committee")


def committee_ids(committees: list[service.Committee]) -> dict[str, str]:
    """Our id for each Modern.gov committee: its title as words, with its
    Modern.gov id added where two committees share a title."""
    words = {committee.id: slug(committee.title) or "committee" for committee in committees}
    shared = Counter(words.values())
    return {key: name if shared[name] == 1 else f"{name}-{slug(key)}" for key, name in words.items()}


def committee_entry(committee: service.Committee, members: list[dict]) -> dict:
    entry = {"name": committee.title, "kind": committee_kind(committee)}
    return {**entry, "members": members} if members else entry


# ---- people ----------------------------------------------------------------

_HONORIFIC = re.compile(r"^(councillor|cllr\.?)\s+", re.IGNORECASE)


@dataclass
class People:
    """Who is who: Modern.gov member ids -> our person ids, and the entries
    for people.yaml. Ids come from names, so a re-run gives the same ids."""

    ids: dict[str, str] = field(default_factory=dict)  # member id -> person id
    entries: dict[str, dict] = field(default_factory=dict)  # met in this run
    known: dict[str, dict] = field(default_factory=dict)  # already in people.yaml
    sourced: set[str] = field(default_factory=set)  # entries from the list of councillors or their own pages

    @classmethod
    def from_registry(cls, people: Path) -> People:
        """The people an earlier import (or a clerk) declared: an entry the
        importer wrote names its Modern.gov member in a comment, so that a
        member keeps their id from run to run."""
        found = cls(known=yaml.safe_load(people.read_text(encoding="utf-8")) or {} if people.exists() else {})
        for person, note in entry_notes(people).items():
            if note.startswith(MEMBER):
                found.ids[note[len(MEMBER):].strip()] = person
        return found

    def members(self) -> dict[str, str]:
        """Person id -> Modern.gov member id."""
        return {person: member for member, person in self.ids.items()}

    def _new_id(self, member: str, name: str, councillor: bool) -> str:
        """An id from the name; with the member id added when another person
        has it already (a clerk's own entry of that id is taken to be them)."""
        base = slug(_HONORIFIC.sub("", name)) or f"member-{member}"
        base = f"cllr-{base}" if councillor else base
        owner = self.members().get(base)
        taken = owner != member and (owner is not None or base in self.entries)
        return f"{base}-{member}" if taken and member else base

    def add_councillor(self, councillor: service.Councillor) -> str:
        """The councillor's id; their entry as Modern.gov gives it now (for
        a member met before too, so that a re-run can bring it up to date)."""
        person = self.ids.get(councillor.id) or self._new_id(councillor.id, councillor.name, True)
        if person in self.sourced:
            return person
        self.sourced.add(person)
        entry = {"name": councillor.name, "kind": "councillor", "title": councillor.keyposts,
                 "party": councillor.party, "ward": councillor.ward, "email": councillor.email}
        self.entries[person] = {key: value for key, value in entry.items() if value}
        self.ids[councillor.id] = person
        return person

    def by_name(self, name: str) -> str | None:
        """The id of the one person of this name (honorific aside), if any."""
        everyone = {**self.known, **self.entries}
        found = [person for person, entry in everyone.items() if isinstance(entry, dict) and
                 _HONORIFIC.sub("", str(entry.get("name", ""))).strip().lower() == name.strip().lower()]
        return found[0] if len(found) == 1 else None

    def add_member(self, member: str, name: str) -> str:
        """A committee member named on its page, who is a councillor."""
        return self.add_attendee(service.Attendee(member, name, "", "", "", "", "", ""))

    def add_attendee(self, attendee: service.Attendee) -> str:
        known = self.ids.get(attendee.member) if attendee.member else None
        if known is not None and known in self.entries:
            return known
        officer = attendee.role.lower() == "officer"
        councillor = not officer and (bool(_HONORIFIC.match(attendee.name)) or bool(attendee.party))
        person = known or self._new_id(attendee.member, attendee.name, councillor)
        kind = "officer" if officer else "councillor" if councillor else "other"
        entry = {"name": attendee.name, "kind": kind,
                 "title": attendee.representing or attendee.keyposts if officer else attendee.keyposts,
                 "party": attendee.party if councillor else ""}
        self.entries[person] = {key: value for key, value in entry.items() if value}
        if attendee.member:
            self.ids[attendee.member] = person
        return person


# ---- meetings ----------------------------------------------------------------

_TIME = re.compile(r"^(\d{1,2})(?:[.:](\d{2}))?\s*([ap])\.?\s*m\.?$", re.IGNORECASE)


def clock_time(value: str) -> str | None:
    """"12.30 pm" -> "12:30"; "6.00 pm" -> "18:00"; None if unreadable."""
    value = value.strip()
    if value.lower() in ("noon", "12 noon", "12noon"):
        return "12:00"
    found = _TIME.match(value)
    if not found:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if not (1 <= hour <= 12 and minute < 60):
        return None
    hour = hour % 12 + (12 if found.group(3).lower() == "p" else 0)
    return f"{hour:02d}:{minute:02d}"


MOVED = ("reschedul", "postpone", "moved")  # a meeting that did not take place on its date: published as cancelled


def meeting_status(meeting: service.Meeting, has_decisions: bool) -> str:
    words = meeting.status.lower()
    if "cancel" in words or (any(word in words for word in MOVED) and not (meeting.minutes_published or has_decisions)):
        return "cancelled"
    if meeting.minutes_published or has_decisions:
        return APPROVAL_UNKNOWN
    return "agenda-published" if meeting.agenda_published else "scheduled"


ATTENDANCE = (  # words in Modern.gov's attendance -> our group; first match wins
    ("virtual", "attending_virtually"), ("remote", "attending_virtually"), ("apolog", "apologies"),
    ("absent", "absent"), ("substitute", "present"), ("in attendance", "in_attendance"), ("present", "present"),
    ("attended", "present"),
)
PLAIN_ROLES = frozenset({"", "committee member", "member", "officer", "substitute member"})


@dataclass
class Mapped:
    """A meeting in the content format, and what a clerk should know about it."""

    front: dict
    notes: list[str]
    items: list[tuple[str, str, dict, str]]  # (file name, Modern.gov item id, front matter, text)
    told: list[str]  # facts left as text or not given, for the report


def attendance(meeting: service.Meeting, people: People, told: list[str], notes: list[str]) -> dict:
    groups: dict[str, list] = {}
    seen: set[str] = set()
    for attendee in meeting.attendees:
        group = next((g for word, g in ATTENDANCE if word in attendee.attendance.lower()), None)
        if attendee.attendance.lower().startswith("expected"):
            told.append(f"{attendee.name} is only “expected”: attendance not recorded by Modern.gov, not imported")
            continue
        if group is None:
            notes.append(f"Attendance recorded as “{attendee.attendance}”: {attendee.name}.")
            told.append(f"attendance “{attendee.attendance}” of {attendee.name} kept as text in the notes")
            continue
        if attendee.role.lower() == "officer" and group == "present":
            group = "in_attendance"
        person = people.add_attendee(attendee)
        if person in seen:
            continue
        seen.add(person)
        entry: dict = {"person": person}
        replaced = substitute_for(attendee, people) if group == "present" else None
        if replaced is not None and replaced != person:
            groups.setdefault("substitutes", []).append({"person": person, "for": replaced})
            continue
        if "substitute" in attendee.attendance.lower() and group == "present":
            entry["role"] = "Substitute"
            told.append(f"{attendee.name} attended as a substitute: Modern.gov does not say for whom, "
                        "so they are under present with the role Substitute")
        elif attendee.role.lower() not in PLAIN_ROLES:
            entry["role"] = attendee.role
        elif attendee.role.lower() == "officer" and attendee.representing:
            entry["role"] = attendee.representing
        groups.setdefault(group, []).append(entry if len(entry) > 1 else person)
    return groups


_FOR = re.compile(r"\bsubstitut\w*\s+for\s+(?:(?:councillor|cllr\.?)\s+)?(.+?)\.?\s*$", re.IGNORECASE)


def substitute_for(attendee: service.Attendee, people: People) -> str | None:
    """The person a substitute replaced, where Modern.gov names them
    ("Present as substitute for Councillor Seán D'Arcy", or so in the
    attendance's notes) and they are one person known; else None."""
    for words in (attendee.attendance, attendee.representing):
        found = _FOR.search(words)
        if found:
            return people.by_name(found.group(1))
    return None


def map_meeting(meeting: service.Meeting, people: People) -> Mapped:
    told: list[str] = []
    status = meeting_status(meeting, any(item.decision_html for item in meeting.items))
    if status == "cancelled" and "cancel" not in meeting.status.lower():
        told.append(f"Modern.gov lists the meeting as “{meeting.status}”: published as cancelled on this date, "
                    "with Modern.gov's word for it in the notes; check it")
    if status == APPROVAL_UNKNOWN:
        told.append("status minutes (approval not recorded): Modern.gov publishes minutes but not the "
                    "meeting that approved them; a clerk sets approved-minutes and approved_at")
    front = {"status": status, **when_and_where(meeting, told)}
    notes = meeting_notes(meeting, status, "end" in front)
    if status in WITH_MINUTES:
        groups = attendance(meeting, people, told, notes)
        if groups:
            front["attendance"] = groups
    mapped = Mapped(front, notes, map_items(meeting, status, told, people), told)
    if status in WITH_MINUTES and meeting.declarations:
        map_declarations(meeting, mapped, people)
    return mapped


def when_and_where(meeting: service.Meeting, told: list[str]) -> dict:
    """``start``, ``end`` and ``venue``, where Modern.gov gives them."""
    found = {}
    start = clock_time(meeting.actual_start or meeting.time)
    if start:
        found["start"] = start
    else:
        found["start"] = NOT_RECORDED
        told.append(f"start time {meeting.time!r} could not be read: written 'start: not recorded'; "
                    "a clerk who knows it writes it")
    end = clock_time(meeting.actual_finish) if meeting.actual_finish else None
    if end and start and end > start:
        found["end"] = end
    if meeting.location:
        found["venue"] = meeting.location
    else:
        found["venue"] = NOT_RECORDED
        told.append("Modern.gov gives no venue: written 'venue: not recorded'; a clerk who knows it writes it")
    return found


def meeting_notes(meeting: service.Meeting, status: str, ended: bool) -> list[str]:
    """What Modern.gov says of the meeting that has no field of its own."""
    notes = []
    if meeting.planned_finish and not ended:
        notes.append(f"Planned to finish at {meeting.planned_finish}.")
    extra = [part.strip() for part in meeting.status.split(";") if part.strip().lower() not in ("", "confirmed")]
    if (extra and status != "cancelled") or len(extra) > 1:
        notes.append(f"Modern.gov lists this meeting as: {meeting.status}.")
    if status == "cancelled" and "cancel" not in meeting.status.lower():
        notes.append(f"Modern.gov lists this meeting as “{meeting.status}”: it did not take place on this date. "
                     "Modern.gov does not say here when it took place instead.")
    elif status == "cancelled":
        notes.append("Modern.gov lists this meeting as cancelled. It does not record why.")
    if meeting.webcast:
        notes.append("Modern.gov records that this meeting was webcast; it gives no link to the recording.")
    return notes


# ---- agenda items ----------------------------------------------------------------


def markdown(fragment: str) -> str:
    """Modern.gov's HTML as Markdown: sanitised first (the one sanitiser),
    headings kept below the item's own ``##`` sections."""
    safe = sanitise.clean(fragment)
    safe = re.sub(r"<(/?)h[12]\b", r"<\1h3", safe)
    if "<pre" not in safe:  # Word's HTML breaks lines inside paragraphs: the lines of a paragraph are one
        safe = re.sub(r"[ \t]*\r?\n\s*", " ", safe)
    text = markdownify(safe, heading_style="ATX", bullets="-", strip=["img"], autolinks=False)
    text = text.replace("<", "&lt;")  # all markup is Markdown now: a "<" left is text, shown as written
    lines = [re.sub(r"(?<=\S) {2,}", " ", line.replace("\xa0", " ")).rstrip() for line in text.splitlines()]
    text = "\n".join("" if not line.strip() else line for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def paragraphs(fragment: str) -> list[str]:
    soup = BeautifulSoup(sanitise.clean(fragment), "html.parser")
    blocks = soup.find_all(["p", "li"]) or [soup]
    return [words for block in blocks if (words := " ".join(block.get_text(" ").split()))]


_RESOLVED = re.compile(r"^resolved\b\s*[:–—-]?\s*", re.IGNORECASE)
_NUMBER = re.compile(r"(?:^|\s)\((\d+)\)\s+")


def resolutions(fragment: str) -> list[str] | None:
    """"RESOLVED: (1) ... (2) ..." as a list of resolutions, or None when
    the decision is not written that way (it is then kept as text)."""
    found = paragraphs(fragment)
    if not found or not _RESOLVED.match(found[0]):
        return None
    rest = " ".join([_RESOLVED.sub("", found[0])] + found[1:]).strip()
    parts = _NUMBER.split(rest)
    if len(parts) > 1 and not parts[0].strip():
        numbers, texts = parts[1::2], [part.strip() for part in parts[2::2]]
        if numbers == [str(n) for n in range(1, len(numbers) + 1)] and all(texts):
            return texts
    return [rest] if rest and len(found) <= 2 else None


def item_file(item: service.Item, position: int, used: set[str], told: list[str]) -> str:
    number = int(item.number) if item.number.isdigit() and 0 < int(item.number) < 1000 else position
    sub = item.subnumber.strip().lower()
    letter = sub if re.fullmatch(r"[a-z]", sub) else chr(96 + int(sub)) if sub.isdigit() and 0 < int(sub) < 27 else ""
    if sub and letter != sub:
        told.append(f"item {item.number}.{sub} “{item.title}” is numbered {number}{letter}: "
                    "an agenda number takes one letter, not a second number")
    name = slug(item.title, 50) or "item"
    if name in {taken.split("-", 1)[1] for taken in used}:
        name = f"{name}-{slug(item.id) or position}"
    numbers = {taken.split("-", 1)[0] for taken in used}
    while f"{number}{letter}" in numbers and letter != "z":  # the same number twice: a late item
        letter = chr(ord(letter) + 1) if letter else "a"
    used.add(f"{number}{letter}-{name}")
    return f"{number:02d}{letter}-{name}.md"


def map_items(meeting: service.Meeting, status: str, told: list[str],
              people: People | None = None) -> list[tuple[str, str, dict, str]]:
    used: set[str] = set()
    mapped = []
    for position, item in enumerate(meeting.items, 1):
        name = item_file(item, position, used, told)
        front, text = map_item(item, status, told, people or People())
        mapped.append((name, item.id, front, text))
    return mapped


def map_item(item: service.Item, status: str, told: list[str], people: People) -> tuple[dict, str]:
    front: dict = {"title": item.title}
    if item.minute.isdigit() and int(item.minute) > 0 and status in WITH_MINUTES:
        front["minute"] = int(item.minute)
    if item.restricted:
        front["exempt"] = service.exempt_value(item.restriction)  # exempt either way: none is guessed
        if front["exempt"] == NOT_STATED:
            told.append(f"item “{item.title}” is restricted but Modern.gov names no paragraph of Schedule 12A: "
                        "imported as 'exempt: not stated' with its title only; a clerk may add the paragraph")
        return front, ""  # nothing of an exempt item but its title and minute
    agenda = [markdown(item.agenda_html)] if item.agenda_html else []
    for label, comment in item.comments:
        if label.lower() == "actions":
            front["actions"] = comment
        elif "contact" in label.lower() and (contact := item_contact(comment)):
            front.setdefault("contacts", []).append(contact)
        else:
            agenda.append(f"**{label}:** {comment}")
    minutes = [markdown(item.minutes_html)] if item.minutes_html and status in WITH_MINUTES else []
    if item.decision_html and status in WITH_MINUTES:
        resolved = resolutions(item.decision_html)
        if resolved:
            front["resolutions"] = resolved
        else:
            minutes.append("### Decision\n\n" + markdown(item.decision_html))
            told.append(f"item “{item.title}”: the decision is not written “RESOLVED: (1)...”, "
                        "so it is kept as text under Decision")
    if item.declarations:
        told.append(f"item “{item.title}”: Modern.gov counts {item.declarations} declaration(s) of interest "
                    "but gives no details: any are in the minutes text")
    if re.search(r"recorded vote|named vote", item.minutes_html, re.IGNORECASE) and status in WITH_MINUTES:
        vote = recorded_vote(paragraphs(item.minutes_html), people)
        if vote:
            front["votes"] = [vote]
            told.append(f"item “{item.title}”: the recorded vote in the minutes is also written as votes: check it")
        else:
            told.append(f"item “{item.title}”: a recorded vote is kept as text in the minutes, not as votes:")
    sections = []
    if any(agenda):
        sections.append("## Agenda\n\n" + "\n\n".join(part for part in agenda if part))
    if any(minutes):
        sections.append("## Minutes\n\n" + "\n\n".join(part for part in minutes if part))
    return front, "\n\n".join(sections)


_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?:\+44\s?|\b0)\d(?:[\s-]?\d){8,10}\b")
_LABEL = re.compile(r"\b(?:tel(?:ephone)?|phone|e-?mail|email)\s*[:.]?\s*$", re.IGNORECASE)


def item_contact(text: str) -> dict | None:
    """A contact comment ("Darren Minton, Tel: 01274 434361,
    darren.minton@example.gov.uk") as an item's ``contacts:`` entry: the
    email and phone number it gives, and the rest as the name, as written."""
    words = " ".join(text.split())
    email = next((found for found in _EMAIL.findall(words) if not sanitise.address_problem(f"mailto:{found}")),
                 None)
    phone = _PHONE.search(words)
    name = words
    for part in (email, phone.group(0) if phone else None):
        if part:
            name = name.replace(part, " ")
    name = re.sub(r"\(\s*(?:(?:tel(?:ephone)?|phone|e-?mail)\s*[:.]?\s*)?\)", " ", name, flags=re.IGNORECASE)
    pieces = [_LABEL.sub("", piece).strip(" ,;:–—-/") for piece in re.split(r"[,;]|\s[–—-]\s", name)]
    name = ", ".join(piece for piece in pieces if piece) or words
    contact = {"name": name, "phone": phone.group(0) if phone else None, "email": email}
    return {key: value for key, value in contact.items() if value} if words else None


# ---- recorded votes ----------------------------------------------------------------

_SIDE = re.compile(r"^(for|against|abstain|abstained|abstentions)\s*\((\d+)\)\s*[:.]?\s*(.*?)\.?$", re.IGNORECASE)
_SIDES = MappingProxyType({"for": "for", "against": "against", "abstain": "abstain", "abstained": "abstain",
                           "abstentions": "abstain"})
_ON = re.compile(r"recorded vote was taken on (.+?)\.?$", re.IGNORECASE)


def recorded_vote(lines: list[str], people: People) -> dict | None:
    """A recorded vote written as the minutes commonly write one ("For (3):
    Councillors A, B and C." / "Against (1): ..." / "The proposal was
    carried."), as ``votes:``; None unless every name is a known person,
    every count matches its names, and the result is stated."""
    vote: dict = {}
    for line in lines:
        side, on = _SIDE.match(line), _ON.search(line)
        if on:
            vote["on"] = on.group(1)
        if side:
            names = _names(side.group(3))
            ids = [people.by_name(name) for name in names]
            if len(names) != int(side.group(2)) or not all(ids):
                return None
            if ids:
                vote[_SIDES[side.group(1).lower()]] = ids
    result = next((word for line in lines for word in ("carried", "lost") if f"was {word}" in line.lower()), None)
    if not any(side in vote for side in ("for", "against")) or result is None:
        return None
    counts = [len(vote.get(side, [])) for side in ("for", "against")]
    if (result == "carried" and counts[0] < counts[1]) or (result == "lost" and counts[0] > counts[1]):
        return None
    return {**vote, "result": result}


def _names(text: str) -> list[str]:
    text = re.sub(r"^(councillors?|cllrs?\.?)\s+", "", text.strip(), flags=re.IGNORECASE)
    parts = re.split(r",\s*|\s+and\s+", text) if text else []
    return [_HONORIFIC.sub("", part).strip() for part in parts if part.strip()]


# ---- approval of minutes ----------------------------------------------------------------

_LONG_DATE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(January|February|March|April|May|June|July|August|September|"
                        r"October|November|December),?\s+(\d{4})")


def approvals(meetings: list[tuple[dt.date, str, Mapped]], committee: str) -> list[tuple[int, int]]:
    """Minutes a later meeting of the committee approved "as a correct
    record", read from that meeting's minutes item: the earlier meeting
    becomes ``approved-minutes`` with ``approved_at``. ``meetings``: (date,
    folder name, mapped) in date order; returns (earlier, later) positions."""
    unknown = {day: index for index, (day, _, mapped) in enumerate(meetings)
              if mapped.front["status"] == APPROVAL_UNKNOWN}
    found = []
    for later, (day, folder, mapped) in enumerate(meetings):
        for approved, minute in approved_minutes(mapped) if mapped.front["status"] in WITH_MINUTES else ():
            earlier = unknown.get(approved)
            if earlier is None or approved >= day or meetings[earlier][2].front["status"] != APPROVAL_UNKNOWN:
                continue
            approve(meetings[earlier][2], f"{committee}/{folder}", minute)
            found.append((earlier, later))
    return found


def approve(mapped: Mapped, meeting: str, minute: int | None) -> None:
    mapped.front["status"] = "approved-minutes"
    mapped.front["approved_at"] = {"meeting": meeting, **({"minute": minute} if minute else {})}
    mapped.told[:] = [told for told in mapped.told if not told.startswith("status minutes")]
    mapped.told.append(f"status approved-minutes, approved at {meeting}: read from its minutes; check it")


def approved_minutes(mapped: Mapped) -> list[tuple[dt.date, int | None]]:
    """(date of the minutes approved, minute number) from the items about
    minutes that say "correct record"."""
    found = []
    for _, _, front, text in mapped.items:
        words = " ".join(str(r) for r in front.get("resolutions", [])) + " " + text
        if "minute" not in front["title"].lower() or "correct record" not in words.lower():
            continue
        for match in _LONG_DATE.finditer(words):
            with suppress(ValueError):
                found.append((dt.datetime.strptime(" ".join(match.groups()), "%d %B %Y").date(), front.get("minute")))
    return found


# ---- declarations of interest ----------------------------------------------------------------

_KINDS_OF_INTEREST = (  # words in Modern.gov's type of interest -> our kind; first match wins
    ("non-registrable", "non-registrable"), ("non registrable", "non-registrable"),
    ("pecuniary", "disclosable pecuniary"), ("registrable", "other registrable"),
)
_LEFT = re.compile(r"\b(left the (?:room|meeting|chamber)|withdrew|did not take part)\b",
                   re.IGNORECASE)
_STAYED = re.compile(r"\b(remained|stayed|took part|participated)\b", re.IGNORECASE)
_ITEM_NUMBER = re.compile(r"^(?:item|minute|min\.?|no\.?)?\s*(\d{1,3})\b", re.IGNORECASE)


def declaration_entry(row: service.DeclarationRow, person: str) -> dict:
    """One row as a ``declarations:`` entry: what has no field of its own
    stays in words (a type that is none of the categories, in the interest;
    the action as ``action:``), never dropped and never read as something it
    is not; ``left_room`` only where the action says so."""
    interest = row.interest.strip()
    kind = next((ours for word, ours in _KINDS_OF_INTEREST if word in row.kind.lower()), None)
    if row.kind and kind is None:
        interest = f"{interest} (declared as: {row.kind})"
    entry: dict = {"person": person, "interest": interest, "kind": kind or "other"}
    if _LEFT.search(row.action):
        entry["left_room"] = True
    elif _STAYED.search(row.action):
        entry["left_room"] = False
    if row.action.strip():
        entry["action"] = row.action.strip()
    return entry


def declared_item(row: service.DeclarationRow, meeting: service.Meeting) -> int | None:
    """The position in ``meeting.items`` of the item a declaration names (by
    its title, else its minute or agenda number), or None unless just one."""
    text = " ".join(row.item.split()).lower()
    titled = [n for n, item in enumerate(meeting.items) if item.title and item.title.lower() in text]
    if len(titled) == 1:
        return titled[0]
    number = _ITEM_NUMBER.match(text)
    for key in ("minute", "number") if number else ():
        found = [n for n, item in enumerate(meeting.items) if getattr(item, key) == number.group(1)]
        if len(found) == 1:
            return found[0]
    return None


def map_declarations(meeting: service.Meeting, mapped: Mapped, people: People) -> None:
    """Each declaration of the meeting's page on the item it names, as
    ``declarations:``; one whose item or member cannot be told is kept in the
    meeting's notes in Modern.gov's words, and reported."""
    mapped.told[:] = [told for told in mapped.told if "declaration(s) of interest" not in told]
    left: list[str] = []
    for row in meeting.declarations:
        position = declared_item(row, meeting)
        person = people.ids.get(row.member) or people.by_name(_HONORIFIC.sub("", row.name))
        if person is None and row.member:
            person = people.add_member(row.member, row.name)
        extra = "; ".join(part for part in (row.kind, row.action) if part)
        words = f"{row.name} (item: {row.item or 'not given'}): {row.interest}" + (f" ({extra})" if extra else "")
        if person is None or not row.interest.strip():
            left.append(f"- {words}")
            mapped.told.append(f"a declaration of interest ({row.name}, “{row.item}”) is kept as text in the "
                               "meeting's notes: Modern.gov's page does not say clearly enough who made it, or what")
            continue
        if position is None:  # on the meeting, tied to no item: its item is kept in the interest's words
            entry = declaration_entry(row, person)
            if row.item.strip():
                entry["interest"] = f"{entry['interest']} (item: {row.item.strip()})"
            mapped.front.setdefault("declarations", []).append(entry)
            mapped.told.append(f"a declaration of interest by {row.name} names an item (“{row.item}”) that is not "
                               "one of the meeting's: written on the meeting, with the item in its words; a clerk "
                               "adds item: if it is one")
            continue
        front = mapped.items[position][2]
        if "exempt" in front or meeting.items[position].restricted:
            mapped.told.append(f"a declaration of interest by {row.name} on the exempt item “{front['title']}” "
                               "is not imported (it could tell what is exempt): a clerk decides what to publish")
            continue
        front.setdefault("declarations", []).append(declaration_entry(row, person))
        mapped.told.append(f"item “{front['title']}”: the declaration of interest by {row.name} is read from "
                           "Modern.gov's table of declarations: check its kind and whether they left the room")
    if left:
        mapped.notes.append("Declarations of interest recorded by Modern.gov:\n\n" + "\n".join(left))
