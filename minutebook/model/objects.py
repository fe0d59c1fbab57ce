"""The model: plain objects the templates receive.

Built by ``assemble`` from validated content. Relations run both ways (a
meeting knows its items, an item its meeting) so templates never search.
Exempt items carry their number, title and Schedule 12A reason only: their
text is never copied into these objects.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field

from minutebook.content.dates import MonthDate, ended_before, month_only
from minutebook.content.forwardplan import CLEAR_DAYS, URGENCY_ROUTES, clear_days, notice_given
from minutebook.content.markers import placed_paragraphs


# Short reprs (``<Meeting executive/2024-03-05>``): the model's relations run
# both ways, so dataclasses' own repr, following them, would print the whole
# site again for every object it reached (a failing test printed gigabytes).
def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[:limit - 3] + "...")


def _item_key(item: AgendaItem) -> str:
    return f"{item.meeting.key} {item.number}"


def utf8_html(stored: str) -> property:
    """A text's HTML, kept as UTF-8 bytes in the field ``stored`` and read as str.

    Nearly every text holds a character beyond Latin-1 (a curly quote is
    enough), and Python keeps such a str at two bytes a character: as UTF-8,
    the texts of 10,000 meetings take half the memory (docs/performance.md,
    "10,000 meetings under 2 GiB"). Rendered once, a text is read by a few pages only."""
    read = operator.attrgetter(stored)
    return property(lambda page: read(page).decode(), doc=f"HTML: ``{stored}`` read as str")


SCHEDULE_12A_PART_1 = "Part 1 of Schedule 12A to the Local Government Act 1972"


@dataclass(eq=False, slots=True)
class Exemption:
    """Why an item or document is exempt: the paragraphs of Part 1 of Schedule
    12A as the minutes cite them (none when they do not say) and each one's wording."""

    paragraphs: tuple[int, ...]
    wordings: tuple[str, ...]  # in the order of ``paragraphs``

    def __repr__(self) -> str:
        return f"<Exemption paragraphs {list(self.paragraphs)}>"

    @property
    def paragraph(self) -> int | None:
        """The first paragraph cited; None when the minutes do not say."""
        return self.paragraphs[0] if self.paragraphs else None

    @property
    def label(self) -> str:
        """"Exempt under paragraphs 1 and 2 of Part 1 of Schedule 12A to the Local Government Act 1972"."""
        if not self.paragraphs:
            return f"Exempt under {SCHEDULE_12A_PART_1}; the paragraph was not stated in the minutes"
        if len(self.paragraphs) == 1:
            return f"Exempt under paragraph {self.paragraphs[0]} of {SCHEDULE_12A_PART_1}"
        *first, last = (str(p) for p in self.paragraphs)
        return f"Exempt under paragraphs {', '.join(first)} and {last} of {SCHEDULE_12A_PART_1}"

    @property
    def reason(self) -> str:
        """The wording of the paragraph (of each, after its number, when there are several)."""
        if not self.paragraphs:
            return "The minutes do not state which paragraph applies."
        if len(self.paragraphs) == 1:
            return self.wordings[0]
        return " ".join(f"Paragraph {p}: {w}" for p, w in zip(self.paragraphs, self.wordings, strict=True))

    @property
    def statement(self) -> str:
        """The label and the wording, as one text: the notice on a page, a note in the data."""
        if not self.paragraphs:
            return f"{self.label}."
        return f"{self.label}{':' if len(self.paragraphs) == 1 else '.'} {self.reason}"


@dataclass(eq=False, slots=True)
class Contact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None

    def __repr__(self) -> str:
        return f"<Contact {_short(self.name or self.email or self.phone or '')}>"


@dataclass(eq=False, slots=True)
class Person:
    id: str
    name: str
    kind: str
    title: str | None = None
    party: str | None = None
    ward: str | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    memberships: list[Member] = field(default_factory=list)
    attendance: list[AttendanceRecord] = field(default_factory=list)
    items_presented: list[AgendaItem] = field(default_factory=list)
    contact_for: list[AgendaItem] = field(default_factory=list)
    votes: list[VoteRecord] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    moved: list[MovedRecord] = field(default_factory=list)  # motions and amendments moved or seconded
    # items whose report they submitted (``submitted_by:`` their id), newest first; those
    # they presented are ``items_presented`` (see model/bylines.py)
    reports_submitted: list[AgendaItem] = field(default_factory=list)
    decisions: list[DecisionRecord] = field(default_factory=list)  # taken outside meetings, newest first

    def __repr__(self) -> str:
        return f"<Person {self.id}>"


@dataclass(eq=False, slots=True)
class Member:
    person: Person
    committee: Committee
    role: str | None = None
    portfolio: str | None = None

    def __repr__(self) -> str:
        return f"<Member {self.person.id} of {self.committee.id}>"


@dataclass(eq=False, slots=True)
class Committee:
    id: str
    name: str
    kind: str
    description_html: str = ""
    contact: Contact | None = None
    members: list[Member] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"<Committee {self.id}>"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.capitalize())


KIND_LABELS = {
    "executive": "Executive",
    "council": "Full Council",
    "scrutiny": "Overview and scrutiny",
    "regulatory": "Regulatory",
    "area": "Area committee",
    "panel": "Panel",
    "committee": "Committee",
}


@dataclass(eq=False, slots=True)
class ScrutinyArea:
    id: str
    name: str
    description_html: str = ""
    committee: Committee | None = None
    items: list[AgendaItem] = field(default_factory=list)  # newest first

    def __repr__(self) -> str:
        return f"<ScrutinyArea {self.id}>"


@dataclass(eq=False, slots=True)
class Subject:
    id: str
    name: str
    description_html: str = ""
    items: list[AgendaItem] = field(default_factory=list)  # oldest first
    decision_records: list[DecisionRecord] = field(default_factory=list)  # taken outside meetings, oldest first

    def __repr__(self) -> str:
        return f"<Subject {self.id}>"


@dataclass(eq=False, slots=True)
class Document:
    title: str
    url: str | None = None  # a link elsewhere
    file: str | None = None  # a file published beside the meeting page
    exempt: Exemption | None = None
    meeting: Meeting | None = None  # whose folder holds the file
    not_published: bool = False  # exists, but has no file or link: "Not published online"

    def __repr__(self) -> str:
        return f"<Document {_short(self.title)}>"


@dataclass(eq=False, slots=True)
class Attendee:
    person: Person | None
    name: str
    role: str | None = None
    organisation: str | None = None
    substitute_for: Person | None = None
    arrived: dt.time | None = None
    left: dt.time | None = None
    left_before: AgendaItem | None = None  # the first item they missed
    as_printed: str | None = None  # their name as these minutes print it
    capacity: str | None = None

    def __repr__(self) -> str:
        return f"<Attendee {_short(self.name)}>"

    @property
    def came_and_went(self) -> bool:
        return bool(self.arrived or self.left or self.left_before)

    @property
    def printed_differently(self) -> bool:
        return bool(self.as_printed) and self.as_printed != self.name


@dataclass(eq=False, slots=True)
class AttendanceGroup:
    key: str
    label: str
    attendees: list[Attendee]

    def __repr__(self) -> str:
        return f"<AttendanceGroup {self.key}: {len(self.attendees)} attendees>"

    @property
    def came_and_went(self) -> bool:
        """Whether anyone in the group arrived late or left early."""
        return any(a.came_and_went for a in self.attendees)


EVENT_LABELS = {
    "adjourned": "Adjourned",
    "resumed": "Resumed",
    "public-excluded": "Press and public excluded",
    "public-readmitted": "Press and public readmitted",
    "left-room": "Left the room",
    "returned": "Returned to the room",
    "other": "Other",
}


@dataclass(eq=False, slots=True)
class ProceduralEvent:
    """Something that happened at a time during a meeting: an adjournment,
    the exclusion of the press and public, a member leaving the room."""

    time: dt.time | None  # None: not recorded
    event: str  # one of EVENT_LABELS
    person: Person | None = None
    item: AgendaItem | None = None
    note: str | None = None

    def __repr__(self) -> str:
        return f"<ProceduralEvent {self.event} at {self.time or 'a time not recorded'}>"

    @property
    def label(self) -> str:
        return EVENT_LABELS[self.event]


@dataclass(eq=False, slots=True)
class AttendanceRecord:
    meeting: Meeting
    group: AttendanceGroup
    attendee: Attendee

    def __repr__(self) -> str:
        return f"<AttendanceRecord {_short(self.attendee.name)} at {self.meeting.key}>"


@dataclass(eq=False, slots=True)
class Numbered:
    number: str  # "(1)", "(a)", "(i)"; "" for a single resolution, which minutes do not number
    text: str
    items: list[Numbered] = field(default_factory=list)
    heading: bool = False  # a sub-heading among resolutions ("Capital programme"), not numbered

    def __repr__(self) -> str:
        return f"<Numbered {self.number} {_short(self.text)}>"


@dataclass(eq=False, slots=True)
class Vote:
    on: str | None
    result: str
    for_count: int
    against_count: int
    abstain_count: int
    for_people: list[Person] = field(default_factory=list)
    against_people: list[Person] = field(default_factory=list)
    abstain_people: list[Person] = field(default_factory=list)

    id: str | None = None  # placed in the minutes by a ``[[vote ID]]`` line
    stated: bool = False  # the counts are those the minutes state beside the names
    names_not_recorded: bool = False  # a recorded vote whose names the minutes do not give
    counts_not_recorded: bool = False  # the minutes give the result only
    motion: Motion | Amendment | None = None  # what it decided, when written under a motion
    anchor: str = ""  # its id on the item page ("vote-2"), for the "On this page" list

    def __repr__(self) -> str:
        return f"<Vote {self.result} {self.for_count}-{self.against_count}-{self.abstain_count}>"

    @property
    def named(self) -> bool:
        return bool(self.for_people or self.against_people or self.abstain_people)

    @property
    def caption(self) -> str:
        """"Vote on the motion: carried"; "Recorded vote on ...: lost" when its names are not recorded."""
        kind = "Recorded vote" if self.names_not_recorded else "Vote"
        return f"{kind}{' on ' + self.on if self.on else ''}: {self.result}"


@dataclass(eq=False, slots=True)
class Part:
    """A labelled part of an amendment: its purpose, amount, funding."""

    label: str
    text: str

    def __repr__(self) -> str:
        return f"<Part {_short(self.label)}>"


@dataclass(eq=False, kw_only=True, slots=True)
class Moved:
    """What a motion and an amendment both have: who moved and seconded it,
    its text, and the vote or outcome that decided it."""

    id: str | None = None
    mover: Attendee | None = None
    seconder: Attendee | None = None
    text: str = ""  # the Markdown as written, for the open data
    text_html: str = ""  # sanitised (minutebook.content.sanitise) from ``text``
    vote: Vote | None = None
    outcome: str | None = None

    @property
    def result(self) -> str | None:
        return self.outcome or (self.vote.result if self.vote else None)


@dataclass(eq=False, slots=True)
class Amendment(Moved):
    motion: Motion
    number: int  # 1, 2, ... in the order the minutes give them
    parts: list[Part] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"<Amendment {self.number} to {self.motion!r}>"

    @property
    def heading(self) -> str:
        return f"Amendment {self.number}"

    @property
    def item(self) -> AgendaItem:
        return self.motion.item


@dataclass(eq=False, slots=True)
class Motion(Moved):
    item: AgendaItem
    title: str | None = None
    amendments: list[Amendment] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"<Motion {self.id or _short(self.text, 30)} on {_item_key(self.item)}>"

    @property
    def heading(self) -> str:
        return f"Motion: {self.title}" if self.title else "Motion"


@dataclass(eq=False, slots=True)
class MovedRecord:
    """A motion or amendment a person moved or seconded, for their page."""

    motion: Motion | Amendment
    role: str  # "Moved", "Seconded"

    def __repr__(self) -> str:
        return f"<MovedRecord {self.role} {self.motion!r}>"


@dataclass(eq=False, slots=True)
class Placed:
    """A piece of an item's minutes: sanitised HTML, then what a marker line
    placed after it (a motion or amendment, or a vote), if anything."""

    html: str
    motion: Motion | Amendment | None = None
    vote: Vote | None = None


@dataclass(eq=False, slots=True)
class Placement:
    """An item's minutes with its motions and votes where the marker lines put
    them; what no marker places is shown after the text, as before markers."""

    flow: list[Placed]
    motions: list[Motion]  # not placed by a marker
    votes: list[Vote]  # the item's own votes not placed by a marker
    placed: list[object]  # what the markers placed

    def elsewhere(self, thing: object) -> bool:
        """Whether a vote or amendment is placed by its own marker (so a
        motion's block leaves it out)."""
        return any(thing is p for p in self.placed)


def placement(item: AgendaItem) -> Placement:
    motions = {m.id: m for m in item.motions if m.id}
    motions.update({a.id: a for m in item.motions for a in m.amendments if a.id})
    votes = {v.id: v for v in item.all_votes if v.id}
    flow: list[Placed] = []
    placed: list[object] = []
    for html, kind, ident in placed_paragraphs(item.minutes_html):
        found = (motions if kind == "motion" else votes).get(ident or "")
        if kind and (found is None or any(found is p for p in placed)):
            # the check reports it; shown as written rather than lost
            html += f"<p>[[{kind} {ident}]]</p>"
            found = None
        if flow and found is None and flow[-1].motion is None and flow[-1].vote is None:
            flow[-1].html += html
        elif isinstance(found, Vote):
            flow.append(Placed(html, vote=found))
        else:
            flow.append(Placed(html, motion=found))
        if found is not None:
            placed.append(found)
    left = [m for m in item.motions if not any(m is p for p in placed)]
    return Placement(flow, left, [v for v in item.votes if not any(v is p for p in placed)], placed)


@dataclass(eq=False, slots=True)
class VoteRecord:
    item: AgendaItem
    vote: Vote
    position: str  # "for", "against", "abstained"

    def __repr__(self) -> str:
        return f"<VoteRecord {self.position} {_item_key(self.item)}>"


@dataclass(eq=False, slots=True)
class ItemContact:
    people: list[Person]
    name: str | None = None
    phone: str | None = None
    email: str | None = None

    def __repr__(self) -> str:
        return f"<ItemContact {_short(self.names)}>"

    @property
    def names(self) -> str:
        return "/".join(p.name for p in self.people) if self.people else (self.name or "")


@dataclass(eq=False, slots=True)
class InterestKind:
    """A category of declared interest: built in, or from interest-kinds.yaml."""

    id: str
    label: str  # "Disclosable pecuniary interest"
    description_html: str = ""

    def __repr__(self) -> str:
        return f"<InterestKind {self.id}>"


@dataclass(eq=False, slots=True)
class Declaration:
    person: Person
    interest: str
    kind: str  # the category's id: "disclosable-pecuniary", or one from interest-kinds.yaml
    left_room: bool  # they left the room (not: would leave, stayed, or not recorded)
    item: AgendaItem | None = None
    kind_label: str = ""  # "Disclosable pecuniary interest"
    kind_description_html: str = ""  # what the category covers, from interest-kinds.yaml
    room: str | None = None  # "left", "stayed", "conditional"; None: the minutes do not say
    action: str | None = None  # what the member did, in the minutes' words
    meeting: Meeting | None = None
    in_meeting_file: bool = False  # written in meeting.md rather than in the item's file

    def __repr__(self) -> str:
        where = f" on {_item_key(self.item)}" if self.item else ""
        return f"<Declaration {self.person.id}{where}>"

    @property
    def conditional(self) -> bool:
        return self.room == "conditional"

    @property
    def what_they_did(self) -> str:
        """A sentence saying what the member did, or "" when the minutes do not say."""
        if self.action:
            text = self.action.strip()
            first = text[:1].upper()
            # a capital only where it is one letter that stands for the same one: "ß" would become
            # "SS", and the micro sign "µ" the Greek capital "Μ", which is not what was written
            text = (first if len(first) == 1 and first.lower() == text[:1].lower() else text[:1]) + text[1:]
            return text if text.endswith((".", "!", "?")) else text + "."
        return {
            "left": "They left the room for this item." if self.item else "They left the room.",
            "stayed": "They remained in the room.",
            "conditional": "They would leave the room if the matter was discussed.",
        }.get(self.room or "", "")


class Changed:
    """For a page with a ``history``: its changes and last change, as templates ask."""

    __slots__ = ()  # the model's classes have slots (see docs/performance.md): no ``__dict__`` here either
    history: History

    @property
    def changes(self) -> list[Change]:
        return self.history.changes

    @property
    def last_changed(self) -> dt.date | None:
        return self.history.last_changed


@dataclass(frozen=True)
class Change:
    """One entry of a page's change history: a commit to its source file
    (``text`` is "Changed", or the commit's subject where the council publishes
    it: see ``history.page_history``) or a clerk's correction note."""

    date: dt.date
    text: str
    correction: bool = False

    def __repr__(self) -> str:
        return f"<Change {self.date} {_short(self.text)}>"


@dataclass(eq=False, slots=True)
class History:
    """A page's change history (see ``history``): the newest changes, newest
    first, and how many older ones there are. ``missing`` says in plain
    English why there is none to show, when git cannot tell."""

    changes: list[Change] = field(default_factory=list)
    older: int = 0
    last_changed: dt.date | None = None
    missing: str | None = None

    def __repr__(self) -> str:
        return f"<History {len(self.changes)} changes, {self.older} older>"


@dataclass(eq=False, slots=True)
class AgendaItem(Changed):
    meeting: Meeting
    number: str  # agenda number as printed: "8", "8A"
    order: tuple[int, str]
    slug: str
    title: str
    source: str  # content-relative path of the item file
    minute: int | None = None
    exempt: Exemption | None = None
    report: str | None = None
    submitted_by: str | None = None
    key_decision: bool = False
    agenda_utf8: bytes = b""  # the '## Agenda' section's HTML (``agenda_html``)
    minutes_utf8: bytes = b""  # the '## Minutes' section's HTML (``minutes_html``)
    presented_by: list[Person] = field(default_factory=list)
    scrutiny_areas: list[ScrutinyArea] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)
    recommendations: list[Numbered] = field(default_factory=list)
    resolutions: list[Numbered] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    motions: list[Motion] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    contacts: list[ItemContact] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    attendance: list[AttendanceGroup] = field(default_factory=list)  # there for this item only
    # an exempt item's open parts, all that is published of it besides its number, title and exemption
    open_summary_html: str = ""
    open_resolutions: list[Numbered] = field(default_factory=list)
    previous: AgendaItem | None = None
    next: AgendaItem | None = None
    aliases: list[str] = field(default_factory=list)  # old site paths that redirect here
    history: History = field(default_factory=History)  # of the item's own file
    decision_reference: str | None = None  # the council's number of the decision: "24/00108"
    # ``submitted_by:`` a person's id: that person (``submitted_by`` is then their name)
    submitted_by_person: Person | None = None
    # ``presented_by:`` as written, in order: people (also in ``presented_by``) and texts
    presenters: list[Person | str] = field(default_factory=list)
    decision_record: DecisionRecord | None = None  # its executive decision's record (``decision:``)

    agenda_html = utf8_html("agenda_utf8")
    minutes_html = utf8_html("minutes_utf8")

    def __repr__(self) -> str:
        return f"<AgendaItem {_item_key(self)}>"

    @property
    def has_minutes(self) -> bool:
        # a motion on the agenda (a notice of motion) is not yet minutes
        return bool(self.minutes_utf8 or self.resolutions or self.votes or (self.motions and self.meeting.has_minutes))

    @property
    def all_votes(self) -> list[Vote]:
        """The item's own votes, then each motion's amendments' and its own."""
        found = list(self.votes)
        for motion in self.motions:
            found += [a.vote for a in motion.amendments if a.vote is not None]
            found += [motion.vote] if motion.vote is not None else []
        return found

    @property
    def placeable(self) -> dict[str, set[str]]:
        """The ids a marker line may name: ``motion`` (motions and amendments) and ``vote``."""
        moved = {m.id for m in self.motions} | {a.id for m in self.motions for a in m.amendments}
        return {"motion": moved - {None}, "vote": {v.id for v in self.all_votes} - {None}}

    @property
    def placement(self) -> Placement:
        """The minutes with motions and votes placed (see ``Placement``)."""
        return placement(self)

    @property
    def outcome(self) -> str:
        """A one-line outcome for listings."""
        if self.exempt:
            return "Resolved (exempt information)" if self.open_resolutions else "Exempt information"
        if self.resolutions:
            return "Resolved"
        if self.motions and self.motions[-1].result:  # the last motion is the substantive one
            return (self.motions[-1].result or "").capitalize()
        if self.votes:  # the last vote is on the substantive motion
            return self.votes[-1].result.capitalize()
        if self.meeting.status in ("scheduled", "agenda-published"):
            return "On the agenda"
        if self.meeting.status == "cancelled":
            return "Not considered: meeting cancelled"
        return "Considered"


STATUS_LABELS = {
    "scheduled": "Scheduled",
    "agenda-published": "Agenda published",
    "cancelled": "Cancelled",
    "draft-minutes": "Draft minutes",
    "approved-minutes": "Approved minutes",
    "minutes": "Minutes (approval not recorded)",
}
NOT_RECORDED = "Not recorded"  # what pages say for a fact the minutes do not give


@dataclass(eq=False, slots=True)
class Meeting(Changed):
    key: str  # "executive/2024-03-05"
    folder: str
    committee: Committee
    date: dt.date  # a dates.MonthDate for a meeting known only to its month (folder 2019-03)
    start: dt.time | None  # None: not recorded
    venue: str | None  # None: not recorded
    status: str
    title: str
    source: str  # content-relative path of meeting.md
    municipal_year: str
    end: dt.time | None = None
    webcast: str | None = None
    notes_utf8: bytes = b""  # the meeting file's text as HTML (``notes_html``)
    approved_at: Meeting | None = None
    approved_minute: int | None = None
    approves: list[Meeting] = field(default_factory=list)
    adjourned_to: Meeting | None = None
    reconvened_from: Meeting | None = None
    attendance: list[AttendanceGroup] = field(default_factory=list)
    events: list[ProceduralEvent] = field(default_factory=list)  # in time order
    documents: list[Document] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # old site paths that redirect here
    history: History = field(default_factory=History)  # of meeting.md only, not its items
    approved_elsewhere: str | None = None  # approved at a meeting not in the archive: its name and date
    approval_not_recorded: bool = False  # approved, but where and when the minutes do not say
    own_declarations: list[Declaration] = field(default_factory=list)  # written in meeting.md

    notes_html = utf8_html("notes_utf8")

    def __repr__(self) -> str:
        return f"<Meeting {self.key}>"

    @property
    def month_only(self) -> bool:
        """Whether the minutes give only the month of the meeting (folder 2019-03)."""
        return isinstance(self.date, MonthDate)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def has_minutes(self) -> bool:
        return self.status in ("draft-minutes", "approved-minutes", "minutes")

    @property
    def declarations(self) -> list[Declaration]:
        """Every declaration made at the meeting, in agenda order, those
        concerning no one item first (see ``model.declarations``)."""
        from_items = [d for item in self.items for d in item.declarations if not d.in_meeting_file]
        return sorted(self.own_declarations + from_items,
                      key=lambda d: (1, d.item.order) if d.item else (0, (0, "")))

    @property
    def has_departures(self) -> bool:
        """Whether anyone left before one of the items (``left_before``)."""
        return any(a.left_before is not None for group in self.attendance for a in group.attendees)

    def departed_before(self, item: AgendaItem) -> list[Attendee]:
        """Attendees who had left the meeting before ``item`` was taken."""
        attendees = [a for group in self.attendance for a in group.attendees]
        gone = [a for a in attendees if a.left_before is not None and a.left_before.order <= item.order]
        # someone there in two capacities has left only when every entry says so
        stayed = {id(a.person) for a in attendees if a.person and a not in gone}
        return [a for a in gone if not a.person or id(a.person) not in stayed]

    def events_at(self, item: AgendaItem) -> list[ProceduralEvent]:
        return [e for e in self.events if e.item is item]


@dataclass(eq=False, slots=True)
class Decision:
    """A row of the decisions register: one item's resolutions."""

    item: AgendaItem

    def __repr__(self) -> str:
        return f"<Decision {_item_key(self.item)}>"

    @property
    def meeting(self) -> Meeting:
        return self.item.meeting


CALL_IN_LABELS = {  # a decision record's call-in status, as a tag
    "open": "Open to call-in",
    "ended": "Call-in period ended",
    "called-in": "Called in",
    "urgent": "Urgent",
    "not-applicable": "Not subject to call-in",
}


@dataclass(eq=False, slots=True)
class CallIn:
    """A call-in of a decision: when, by whom, why and with what outcome."""

    date: dt.date
    by: list[Person] = field(default_factory=list)
    reason_html: str = ""
    outcome_html: str = ""

    def __repr__(self) -> str:
        return f"<CallIn {self.date.isoformat()}>"


@dataclass(eq=False, slots=True)
class DecisionRecord:
    """The record of an executive decision taken at a meeting (``kind``
    "meeting", ``item`` its agenda item, ``id`` the item's source key such as
    "executive/2026-10-13/05"), or of a decision taken outside a meeting by an
    executive member ("executive") or an officer ("officer"), ``id`` its file's
    stem. An exempt record keeps its title, decision maker, dates, call-in
    status, paragraphs and open summary only: the rest is never copied here."""

    id: str
    kind: str
    title: str
    item: AgendaItem | None
    date: dt.date  # decided
    published: dt.date  # the decision notice
    source: str  # content-relative path of the file it is written in
    decided_by: Person | None = None  # outside a meeting
    committee: Committee | None = None  # at a meeting
    key_decision: bool = False
    decision_reference: str | None = None
    delegation: str | None = None
    wards: list[str] = field(default_factory=list)  # ["all wards"] for every ward
    subjects: list[Subject] = field(default_factory=list)
    call_in: str = "standard"  # "standard", "urgent", "not-applicable"
    deadline: dt.date | None = None  # the last day it can be called in (standard only)
    urgency_reason: str | None = None
    called_in: CallIn | None = None
    implemented: dt.date | None = None
    forward_plan: str | None = None  # the forward plan entry's id
    forward_plan_path: str | None = None
    exempt: Exemption | None = None
    open_summary_html: str = ""
    body_html: str = ""  # the decision, outside a meeting (at a meeting: the item's resolutions)
    reasons_html: str = ""
    alternatives_html: str = ""
    interests_html: str = ""
    dispensations_html: str = ""
    documents: list[Document] = field(default_factory=list)
    contacts: list[ItemContact] = field(default_factory=list)
    status: str = "not-applicable"  # a key of CALL_IN_LABELS, as of the site's today

    def __repr__(self) -> str:
        return f"<DecisionRecord {self.kind} {self.id}>"

    @property
    def decision_maker(self) -> str:
        if self.committee is not None:
            return self.committee.name
        return self.decided_by.name if self.decided_by is not None else ""

    @property
    def status_label(self) -> str:
        return CALL_IN_LABELS[self.status]

    @property
    def all_wards(self) -> bool:
        return [w.lower() for w in self.wards] == ["all wards"]


@dataclass(eq=False, slots=True)
class Site:
    committees: dict[str, Committee]
    people: dict[str, Person]
    scrutiny_areas: dict[str, ScrutinyArea]
    subjects: dict[str, Subject]
    meetings: list[Meeting]  # oldest first
    today: dt.date
    settings: dict = field(default_factory=dict)
    digests: dict[str, bytes] = field(default_factory=dict)  # content file -> sha256 of its bytes, when known
    interest_kinds: dict[str, InterestKind] = field(default_factory=dict)  # categories of interest, by id
    forward_plan: dict[str, ForwardPlanEntry] = field(default_factory=dict)  # by id, by expected date
    decision_records: list[DecisionRecord] = field(default_factory=list)  # newest published first

    def __repr__(self) -> str:
        return f"<Site {len(self.committees)} committees, {len(self.meetings)} meetings>"

    @property
    def items(self) -> list[AgendaItem]:
        return [item for meeting in self.meetings for item in meeting.items]

    @property
    def years(self) -> list[int]:
        return sorted({m.date.year for m in self.meetings}, reverse=True)

    def meetings_in(self, year: int) -> list[Meeting]:
        return [m for m in self.meetings if m.date.year == year]

    @property
    def decisions(self) -> list[Decision]:
        """Items with resolutions, newest meeting first."""
        found = [Decision(i) for m in reversed(self.meetings) for i in m.items
                 if i.resolutions or i.open_resolutions or (i.exempt and m.has_minutes)]
        return found

    @property
    def upcoming(self) -> list[Meeting]:
        return [m for m in self.meetings if not ended_before(m.date, self.today) and m.status != "cancelled"]

    @property
    def latest_minutes(self) -> list[Meeting]:
        return [m for m in reversed(self.meetings) if m.has_minutes]


@dataclass(eq=False, slots=True)
class ForwardPlanEntry:
    """A key decision on the forward plan (``content/forward-plan/<id>.md``).
    An exempt entry has no ``body_html``, ``consultees`` or ``documents``:
    they are dropped when it is assembled, as an exempt item's text is."""

    id: str
    title: str
    source: str
    decision_maker: Committee | Person
    expected: dt.date  # a MonthDate when only the month is known
    first_published: dt.date
    key_decision: bool = True
    reference: str | None = None
    wards: list[str] = field(default_factory=list)
    all_wards: bool = False
    consultees: str | None = None
    lead_member: Person | None = None
    contacts: list[ItemContact] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    urgency: str | None = None  # "general-exception" or "special-urgency"
    status: str | None = None  # "deferred" or "withdrawn", as written
    exempt: Exemption | None = None
    open_summary_html: str = ""  # an exempt entry's, sanitised
    body_html: str = ""  # the matter to be decided, sanitised; empty for an exempt entry
    decisions: list[DecisionRecord] = field(default_factory=list)  # the decision records that name this entry

    def __repr__(self) -> str:
        return f"<ForwardPlanEntry {self.id}>"

    @property
    def month_only(self) -> bool:
        return month_only(self.expected)

    @property
    def month(self) -> tuple[int, int]:
        return self.expected.year, self.expected.month

    @property
    def decision_maker_name(self) -> str:
        maker = self.decision_maker
        if isinstance(maker, Person) and maker.title:
            return f"{maker.name}, {maker.title}"
        return maker.name

    @property
    def state(self) -> str:
        """"taken" once a decision record names it, else the status written, else "expected"."""
        if self.decisions:
            return "taken"
        return self.status or "expected"

    @property
    def state_label(self) -> str:
        return {"taken": "Decision taken", "deferred": "Deferred", "withdrawn": "Withdrawn"}.get(
            self.state, "Expected")

    @property
    def clear_days(self) -> int:
        return clear_days(self.first_published, self.expected)

    @property
    def notice(self) -> str:
        """28 clear days' notice given, or the urgency route used."""
        if self.urgency:
            return URGENCY_ROUTES[self.urgency]
        if notice_given(self.first_published, self.expected):
            return f"{CLEAR_DAYS} clear days’ notice given"
        return f"{self.clear_days} clear days’ notice (not a key decision)"

    @property
    def private_label(self) -> str:
        """"To be decided in private: paragraph 3" for an exempt entry; empty for an open one."""
        if not self.exempt:
            return ""
        paragraphs = [str(p) for p in self.exempt.paragraphs]
        if not paragraphs:
            return "To be decided in private: the paragraph is not stated"
        if len(paragraphs) == 1:
            return f"To be decided in private: paragraph {paragraphs[0]}"
        return f"To be decided in private: paragraphs {', '.join(paragraphs[:-1])} and {paragraphs[-1]}"

    def awaited(self, today: dt.date) -> bool:
        """Expected before ``today`` (the whole month, for a month-only date), with no decision
        recorded and neither deferred nor withdrawn."""
        return self.state == "expected" and ended_before(self.expected, today)

    def current(self, today: dt.date) -> bool:
        """On the current plan: expected today or later, or not yet taken (nor withdrawn)."""
        if not ended_before(self.expected, today):
            return True
        return self.state in ("expected", "deferred")
