"""What clerks write: the fields of every content file, checked by pydantic.

This module is the content format in code; ``docs/content-format.md`` is the
same format in prose. Every model forbids unknown fields so that a typo such as
``scrutiny_aera`` is reported rather than silently ignored. A field that takes a
list also takes a single value, because clerks write ``scrutiny: childrens-services``
far more often than a list of one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    model_validator,
)

from minutebook.content.exempt import Exempt, read_exempt
from minutebook.content.sanitise import address_problem, web_address_problem

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

SCHEDULE_12A = {
    1: "Information relating to any individual.",
    2: "Information which is likely to reveal the identity of an individual.",
    3: "Information relating to the financial or business affairs of any particular person "
    "(including the authority holding that information).",
    4: "Information relating to any consultations or negotiations, or contemplated "
    "consultations or negotiations, in connection with any labour relations matter arising "
    "between the authority or a Minister of the Crown and employees of, or office holders "
    "under, the authority.",
    5: "Information in respect of which a claim to legal professional privilege could be "
    "maintained in legal proceedings.",
    6: "Information which reveals that the authority proposes (a) to give under any enactment "
    "a notice under or by virtue of which requirements are imposed on a person; or (b) to "
    "make an order or direction under any enactment.",
    7: "Information relating to any action taken or to be taken in connection with the "
    "prevention, investigation or prosecution of crime.",
}


class FieldMistake(ValueError):
    """A mistake found by a whole-model check that belongs to one field, so
    that the clerk is sent to that field's line (``field`` is its name)."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def _as_list(value: Any) -> Any:
    """One entry (text or a group of fields) written without the list."""
    return [value] if isinstance(value, str | dict) else value


def _as_text_list(value: Any) -> Any:
    """One id or line of text written without the list. A group of fields is
    left alone so that it is reported as "must be a list"."""
    return [value] if isinstance(value, str) else value


def _count_or_ids(value: Any) -> Any:
    """``for: 5`` is a count; ``for: cllr-a`` or a list is people's ids."""
    return int(value) if isinstance(value, str) and value.strip().isdigit() else value


def _check_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "an-id"
        raise ValueError(
            f"'{value}' is not a valid id: use lowercase letters, digits and hyphens, "
            f"for example '{suggestion}'"
        )
    return value


def _check_time(value: Any) -> Any:
    """``10:30`` or ``9:30`` on the 24-hour clock, parsed here so that a clerk
    is told exactly what is wrong with it."""
    if not isinstance(value, str):
        return value
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", value.strip())
    hint = "write it on the 24-hour clock as hours:minutes, for example 10:30 or 14:00"
    if not match:
        raise ValueError(f"'{value}' is not a time: {hint}")
    hours, minutes = int(match[1]), int(match[2])
    if hours > 23 or minutes > 59:
        raise ValueError(f"'{value}' is not a time of day: {hint}")
    return dt.time(hours, minutes)


def _check_date(value: Any) -> Any:
    """``2024-03-12``, parsed here so that a clerk is told how to write it."""
    if not isinstance(value, str):
        return value
    hint = "write it as YYYY-MM-DD, for example 2024-03-12"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError(f"'{value}' is not a date: {hint}")
    try:
        date = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"'{value}' is not a real date: {hint}") from None
    if not EARLIEST <= date <= LATEST:
        raise ValueError(f"'{value}' {DATE_RANGE}: check the year")
    return date


# Pages, feeds and calendars work a year either side of a date (municipal
# years, "next meetings"), which fails near year 1 and year 9999; no council's
# minutes are dated outside these.
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
DATE_RANGE = "is outside the dates Minute Book publishes, 1900-01-01 to 2199-12-31"


def _check_web_address(value: str) -> str:
    """``webcast:``, a document's ``url:``: only http(s) addresses can be
    links on the site (never ``javascript:`` or ``data:``)."""
    problem = web_address_problem(value.strip())
    if problem:
        raise ValueError(f"'{value}' {problem}")
    return value.strip()


def _check_email(value: str) -> str:
    if address_problem(f"mailto:{value.strip()}"):
        raise ValueError(f"'{value}' is not an email address: write it whole, for example "
                         "democratic.services@example.gov.uk")
    return value.strip()


_ALIAS_CHARACTERS = re.compile(r"^[A-Za-z0-9._~/%-]+$")


def _check_alias(value: str) -> str:
    """An old address of a page, as a site path: ``committees/executive/2024-03-05/old-title/``.
    A leading '/' and a trailing 'index.html' are accepted and dropped."""
    example = "for example committees/executive/2024-03-05/old-title/"
    if "://" in value:
        raise ValueError(f"'{value}' is a full web address: write only the part after the site's "
                         f"address, {example}")
    path = value.strip().lstrip("/").removesuffix("index.html")
    # "." is the folder it is in: an alias "." would put its redirect on the home page
    if not path or not _ALIAS_CHARACTERS.match(path) or {".", ".."} & set(path.split("/")) or "//" in path:
        raise ValueError(f"'{value}' is not an address on this site: write the old page's path "
                         f"using letters, digits, hyphens and slashes, {example}")
    if not path.endswith((".html", "/")):
        path += "/"
    return path


Id = Annotated[str, AfterValidator(_check_id)]
WebAddress = Annotated[str, AfterValidator(_check_web_address)]
Email = Annotated[str, AfterValidator(_check_email)]
AliasList = Annotated[list[Annotated[str, AfterValidator(_check_alias)]], BeforeValidator(_as_text_list)]
IdList = Annotated[list[Id], BeforeValidator(_as_text_list)]
TextList = Annotated[list[str], BeforeValidator(_as_text_list)]
Time = Annotated[dt.time, BeforeValidator(_check_time)]
Date = Annotated[dt.date, BeforeValidator(_check_date)]
# `exempt: 3`, `exempt: [1, 2]` or `exempt: not stated` (see content/exempt.py); an empty `exempt:` is a mistake
ExemptParagraphs = Annotated[Exempt | None, PlainValidator(read_exempt)]
Text = Annotated[str, Field(min_length=1)]
# Upper limits far beyond any council's, below the 64 bits the open data files can hold.
MinuteNumber = Annotated[int, Field(ge=1, le=99_999)]
VoteCount = Annotated[Annotated[int, Field(ge=0, le=9_999)] | IdList, BeforeValidator(_count_or_ids)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


# ---- shared parts ---------------------------------------------------------


class ContactDetails(Strict):
    name: str | None = None
    email: Email | None = None
    phone: str | None = None
    address: str | None = None


class Document(Strict):
    """A supporting document: a file beside the meeting, or a link elsewhere.
    ``exempt`` marks a single exempt document of an otherwise open item."""

    title: Text
    file: str | None = None
    url: WebAddress | None = None
    exempt: ExemptParagraphs = None
    not_published: bool = False  # it exists, but has no file or link: "Not published online"

    @model_validator(mode="after")
    def _has_a_target(self) -> Document:
        if self.file and self.url:
            raise FieldMistake("url", "give either 'file:' or 'url:' for a document, not both: "
                               "remove one of them")
        _published_or_not(self)
        if not (self.file or self.url or self.exempt or self.not_published):
            raise ValueError(
                "a document needs a file or a link: add 'file:' with the name of a file in "
                "the meeting folder, or 'url:' with a web address, or 'not_published: true' "
                "if it exists but is not published online"
            )
        return self


def _published_or_not(document: Document) -> None:
    """``not_published: true`` is for a document with neither file nor link."""
    if document.not_published and (document.file or document.url):
        given = "file" if document.file else "url"
        raise FieldMistake("not_published", f"the document has '{given}:', so it is published "
                           f"online: remove 'not_published: true', or remove '{given}:'")


def _person_shorthand(value: Any) -> Any:
    return {"person": value} if isinstance(value, str) else value


def _agenda_label(value: Any) -> Any:
    """``left_before: 7`` (a number in YAML) is the agenda number "7"."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


AgendaLabel = Annotated[Text, BeforeValidator(_agenda_label)]


class Presence(Strict):
    """When someone came and went, and how these minutes print their name:
    shared by attendees and substitutes."""

    arrived: Time | None = None
    left: Time | None = None
    left_before: AgendaLabel | None = None  # the first item they missed: "7", "8A", "minute 45"
    as_printed: Text | None = None  # their name as these minutes print it
    capacity: Text | None = None  # one person may attend in two capacities

    @model_validator(mode="after")
    def _arrived_before_leaving(self) -> Presence:
        if self.arrived and self.left and self.left <= self.arrived:
            raise FieldMistake(
                "left",
                f"arrived at {self.arrived:%H:%M} but left at {self.left:%H:%M}: correct "
                "'arrived:' or 'left:' (times are on the 24-hour clock, so 8.15pm is 20:15); "
                "someone who left the room and came back is written under 'events:'",
            )
        return self

    @property
    def came_and_went(self) -> bool:
        return bool(self.arrived or self.left or self.left_before)


class Attendee(Strict):
    """Someone at a meeting: a declared person (``person: id``, or just the id),
    or a guest named in full (``name:``) who is not in people.yaml."""

    person: Id | None = None
    name: str | None = None
    role: str | None = None
    organisation: str | None = None

    @model_validator(mode="after")
    def _one_identity(self) -> Attendee:
        if bool(self.person) == bool(self.name):
            if self.person:
                raise FieldMistake("name", "give either a person's id (from people.yaml) or "
                                   "'name:' for a guest, not both: remove one of them")
            raise ValueError("this entry names nobody: give the person's id from people.yaml "
                             "as 'person:', or 'name:' for a guest")
        return self


AttendeeEntry = Annotated[Attendee, BeforeValidator(_person_shorthand)]


class MeetingAttendee(Presence, Attendee):
    """Someone listed in a meeting's (or an item's) attendance: an attendee,
    with when they came and went, their name as printed and their capacity."""


Attendees = Annotated[list[Annotated[MeetingAttendee, BeforeValidator(_person_shorthand)]],
                      BeforeValidator(_as_list)]


class Substitute(Presence):
    person: Id
    for_: Id = Field(alias="for")
    role: str | None = None


class Attendance(Strict):
    present: Attendees = []
    apologies: Attendees = []
    substitutes: Annotated[list[Substitute], BeforeValidator(_as_list)] = []
    also_present: Attendees = []
    in_attendance: Attendees = []
    attending_virtually: Attendees = []
    absent: Attendees = []


class ItemAttendance(Strict):
    """Who was there for one item only: ``attendance:`` on an item."""

    in_attendance: Attendees = []
    also_present: Attendees = []


EventKind = Literal[
    "adjourned", "resumed", "public-excluded", "public-readmitted", "left-room", "returned", "other"
]
EVENTS_WITH_PERSON = ("left-room", "returned")


def _event_time(value: Any) -> Any:
    """``time: not recorded`` where the minutes give no time (None); any
    other value is read as a time (see "not recorded" below)."""
    return recorded(_time_or_not_recorded(value))


class ProceduralEvent(Strict):
    """Something that happened during a meeting: ``events:`` on meeting.md.
    ``time`` is required; None where it is written ``not recorded``."""

    time: Annotated[dt.time | None, BeforeValidator(_event_time)]
    event: EventKind
    person: Id | None = None
    item: AgendaLabel | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _complete(self) -> ProceduralEvent:
        if self.event == "other" and not self.note:
            raise FieldMistake("note", "an 'other' event needs a 'note:' saying what happened, "
                               "for example 'note: The fire alarm sounded'")
        if self.event in EVENTS_WITH_PERSON and not self.person:
            raise FieldMistake("person", f"a '{self.event}' event needs a 'person:': the id from "
                               "people.yaml of who left or returned")
        return self


class Correction(Strict):
    """A correction made to a published page: when, and what was corrected.
    Shown in the page's change history beside the file's git commits."""

    date: Date
    note: Text


Corrections = Annotated[list[Correction], BeforeValidator(_as_list)]


# ---- registries: committees.yaml, people.yaml, scrutiny-areas.yaml, subjects.yaml


CommitteeKind = Literal[
    "executive", "council", "scrutiny", "regulatory", "area", "panel", "committee"
]


class Membership(Strict):
    person: Id
    role: str | None = None
    portfolio: str | None = None


class CommitteeEntry(Strict):
    name: Text
    kind: CommitteeKind
    description: str | None = None
    members: Annotated[list[Annotated[Membership, BeforeValidator(_person_shorthand)]],
                       BeforeValidator(_as_list)] = []
    contact: ContactDetails | None = None


class PersonEntry(Strict):
    name: Text
    kind: Literal["councillor", "officer", "other"]
    title: str | None = None
    party: str | None = None
    ward: str | None = None
    organisation: str | None = None
    email: Email | None = None
    phone: str | None = None


class ScrutinyAreaEntry(Strict):
    name: Text
    description: str | None = None
    committee: Id | None = None


class SubjectEntry(Strict):
    name: Text
    description: str | None = None


class InterestKindEntry(Strict):
    """A council's own category of declared interest (``interest-kinds.yaml``)."""

    label: Text
    description: str | None = None


# ---- meetings: meetings/<committee>/<date>/meeting.md ----------------------

MeetingStatus = Literal[
    "scheduled",
    "agenda-published",
    "cancelled",
    "draft-minutes",
    "approved-minutes",
    "minutes",  # minutes whose approval is not known (old minutes)
]

# ---- facts old minutes do not state: "not recorded" -----------------------

NOT_RECORDED = "not recorded"
# What clerks write for a fact the minutes do not give, instead of "not recorded".
# ("TBC" is left alone: a meeting not yet held may truly have its venue to be confirmed.)
_UNKNOWN_WORDS = {"unknown", "not known", "n/a", "na", "none", "not stated", "not given",
                  "unrecorded", "?", "-", "blank", "nil", "not available", "no record"}


def not_recorded_or(value: Any) -> Any:
    """"not recorded" in any case and spacing becomes ``NOT_RECORDED``; a near
    miss ("not recored") or a word for "unknown" is refused with what to write."""
    if not isinstance(value, str):
        return value
    words = " ".join(value.lower().replace("_", " ").split())
    if words == NOT_RECORDED:
        return NOT_RECORDED
    if words in _UNKNOWN_WORDS or _close_to_not_recorded(words):
        raise ValueError(f"'{value}' is not a value Minute Book knows: if the minutes do not "
                         f"say, write '{NOT_RECORDED}'")
    return value


def _close_to_not_recorded(words: str) -> bool:
    return difflib.SequenceMatcher(None, words, NOT_RECORDED).ratio() >= 0.75


def _time_or_not_recorded(value: Any) -> Any:
    value = not_recorded_or(value)
    if value == NOT_RECORDED:
        return value
    try:
        return _check_time(value)
    except ValueError as exc:
        raise ValueError(f"{exc}, or '{NOT_RECORDED}' if the minutes do not give it") from None


def _venue_or_not_recorded(value: Any) -> Any:
    return not_recorded_or(value)


def recorded(value: Any) -> Any:
    """The value, or None where the clerk wrote "not recorded"."""
    return None if value == NOT_RECORDED else value


StartTime = Annotated[dt.time | Literal["not recorded"], BeforeValidator(_time_or_not_recorded)]
Venue = Annotated[Text, BeforeValidator(_venue_or_not_recorded)]


class MeetingRef(Strict):
    """Where later minutes approved these: ``meeting: executive/2024-04-09``;
    or ``elsewhere: "Executive, 9 April 2019"`` for a meeting not in the
    archive; or ``approved_at: not recorded`` (``not_recorded``)."""

    meeting: Text | None = None
    minute: MinuteNumber | None = None
    elsewhere: Text | None = None
    not_recorded: bool = False

    @model_validator(mode="after")
    def _one_place(self) -> MeetingRef:
        return _one_approval(self)


def _one_approval(ref: MeetingRef) -> MeetingRef:
    """Approved at a meeting of the archive, at one outside it, or not recorded: one of them."""
    if ref.meeting and ref.elsewhere:
        raise FieldMistake("elsewhere", "give either 'meeting:' (a meeting in this archive) or "
                           "'elsewhere:' (one that is not), not both: remove one of them")
    if ref.not_recorded and (ref.meeting or ref.elsewhere):
        raise FieldMistake("not_recorded", "the approval is given, so it is recorded: remove "
                           "'not_recorded'")
    if ref.minute is not None and not ref.meeting:
        raise FieldMistake("minute", "'minute:' is the minute of the approving meeting in this "
                           "archive: add 'meeting:', or write the minute into 'elsewhere:'")
    if not (ref.meeting or ref.elsewhere or ref.not_recorded):
        raise ValueError("say where the minutes were approved: 'meeting: executive/2024-04-09' "
                         "for a meeting in this archive, 'elsewhere: \"Executive, 9 April 2019\"' "
                         f"for one that is not, or write 'approved_at: {NOT_RECORDED}'")
    return ref


def _meeting_shorthand(value: Any) -> Any:
    if isinstance(value, str) and not_recorded_or(value) == NOT_RECORDED:
        return {"not_recorded": True}
    return {"meeting": value} if isinstance(value, str) else value


class MeetingFront(Strict):
    status: MeetingStatus
    start: StartTime
    venue: Venue
    title: str | None = None
    end: Time | None = None
    approved_at: Annotated[MeetingRef, BeforeValidator(_meeting_shorthand)] | None = None
    adjourned_to: str | None = None
    attendance: Attendance = Attendance()
    events: Annotated[list[ProceduralEvent], BeforeValidator(_as_list)] = []
    documents: Annotated[list[Document], BeforeValidator(_as_list)] = []
    webcast: WebAddress | None = None
    aliases: AliasList = []  # old addresses of this page, kept working by redirect pages
    corrections: Corrections = []
    declarations: Annotated[list[MeetingDeclaration], BeforeValidator(_as_list)] = []

    @model_validator(mode="after")
    def _consistent(self) -> MeetingFront:
        if self.end and isinstance(self.start, dt.time) and self.end <= self.start:
            raise FieldMistake(
                "end",
                f"the meeting ends ({self.end:%H:%M}) before it starts ({self.start:%H:%M}): "
                "correct 'start:' or 'end:' (times are on the 24-hour clock, so 2pm is 14:00)",
            )
        return self


# ---- agenda items: meetings/<committee>/<date>/<NN>-<slug>.md --------------


class Numbered(Strict):
    """A numbered recommendation or resolution, optionally with lettered parts."""

    text: Text
    items: Annotated[list[NumberedEntry], BeforeValidator(_as_list)] = []


def _text_shorthand(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


NumberedEntry = Annotated[Numbered, BeforeValidator(_text_shorthand)]
NumberedList = Annotated[list[NumberedEntry], BeforeValidator(_as_list)]


class Resolution(Numbered):
    """A resolution, or a sub-heading among them (``- heading: Capital
    programme``): a heading is not numbered and has no parts."""

    text: Text | None = None  # type: ignore[assignment]
    heading: Text | None = None

    @model_validator(mode="after")
    def _text_or_heading(self) -> Resolution:
        if self.heading and self.text:
            raise FieldMistake("heading", "a sub-heading stands on its own line: write "
                               "'- heading: ...' and the resolution as the next '- ' line")
        if self.heading and self.items:
            raise FieldMistake("items", "a sub-heading has no parts: put the parts under the "
                               "resolution that follows it")
        if not (self.heading or self.text):
            raise ValueError("this resolution has no text: add 'text:', or write "
                             "'- heading: ...' for a sub-heading")
        return self


ResolutionList = Annotated[list[Annotated[Resolution, BeforeValidator(_text_shorthand)]],
                           BeforeValidator(_as_list)]


class StatedCounts(Strict):
    """The counts the minutes print beside the names: ``stated: {for: 31, against: 20}``."""

    for_: Annotated[int, Field(alias="for", ge=0, le=9_999)] = 0
    against: Annotated[int, Field(ge=0, le=9_999)] = 0
    abstain: Annotated[int, Field(ge=0, le=9_999)] = 0


class Vote(Strict):
    """A recorded vote: counts, or lists of person ids (counts then derived)."""

    id: Id | None = None  # to place it in the minutes with a ``[[vote ID]]`` line
    on: str | None = None
    stated: StatedCounts | None = None
    names_not_recorded: bool = False
    counts_not_recorded: bool = False
    for_: Annotated[VoteCount, Field(alias="for")] = 0
    against: VoteCount = 0
    abstain: VoteCount = 0
    result: Literal["carried", "lost"]

    @model_validator(mode="after")
    def _result_matches(self) -> Vote:
        count = lambda v: v if isinstance(v, int) else len(v)  # noqa: E731
        yes, no = count(self.for_), count(self.against)
        if self.result == "carried" and yes < no:
            raise FieldMistake(
                "result",
                f"the vote is marked carried but {yes} voted for and {no} against: "
                "correct 'result:' or the counts",
            )
        if self.result == "lost" and yes > no:
            raise FieldMistake(
                "result",
                f"the vote is marked lost but {yes} voted for and {no} against: "
                "correct 'result:' or the counts",
            )
        return self

    @model_validator(mode="after")
    def _counts_agree(self) -> Vote:
        """Stated counts agree with the names; "not recorded" is said, not left as zeros."""
        vote_mistake(self)
        return self


class ItemContact(Strict):
    """Contact officers for an item: ``people:`` ids sharing a phone/email."""

    people: IdList = []
    name: str | None = None
    phone: str | None = None
    email: Email | None = None

    @model_validator(mode="after")
    def _someone(self) -> ItemContact:
        if not (self.people or self.name):
            raise ValueError("this contact names nobody: add 'people:' with ids from "
                             "people.yaml, or 'name:'")
        return self


def _check_left_room(value: Any) -> Any:
    """``left_room: true``, ``false`` or ``conditional`` (they would leave if
    the matter was discussed); anything else is told the three words."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "conditional"):
        word = value.strip().lower()
        return word == "true" if word != "conditional" else "conditional"
    raise ValueError(f"'{value}' is not allowed: write true (they left the room), false (they "
                     "stayed) or conditional (they would leave the room if the matter was "
                     "discussed)")


LeftRoom = Annotated[bool | Literal["conditional"], BeforeValidator(_check_left_room)]


def _check_agenda_number(value: Any) -> Any:
    """An item's agenda number as in its file name: ``3``, ``8A`` (any case)."""
    if isinstance(value, float):  # "item: 3.1" (a minute's sub-number?) or "item: 3.0"
        raise ValueError(f"'{value}' is not an agenda number: write the number of the item as "
                         "in its file name, for example 3 or 8A")
    if isinstance(value, bool) or not isinstance(value, int | str):
        return value  # reported as "must be text"
    text = str(value).strip().upper()
    if not re.fullmatch(r"\d{1,3}[A-Z]?", text):
        raise ValueError(f"'{value}' is not an agenda number: write the number of the item as "
                         "in its file name, for example 3 or 8A")
    letter = text[-1] if text[-1].isalpha() else ""
    return f"{int(text.removesuffix(letter))}{letter}"  # "08" is item 8, as its file 08-... is


class Declaration(Strict):
    """A declaration of interest. ``kind`` is checked against the built-in
    categories and the council's ``interest-kinds.yaml`` by the check
    (``content.declarations``), which knows the registry."""

    person: Id
    interest: Text
    kind: Text = "other"
    left_room: LeftRoom | None = None  # None: the minutes do not say
    action: Text | None = None  # what the member did, in the minutes' words
    # in meeting.md, the agenda number of the item it concerns; in an item's own
    # file the check asks for it to be removed (it concerns that item)
    item: Annotated[str, BeforeValidator(_check_agenda_number)] | None = None


class MeetingDeclaration(Declaration):
    """A declaration written in meeting.md, tied to an item by its agenda number, or to none."""


# ---- motions and amendments (docs: "Motions and amendments") ----------------


def _side_count(value: int | list[str]) -> int:
    return value if isinstance(value, int) else len(value)


def vote_mistake(vote: Vote) -> None:
    """Raise a FieldMistake when a vote's stated counts, names and "not
    recorded" lines disagree, or it has a result and nothing to show for it."""
    sides = {"for": vote.for_, "against": vote.against, "abstain": vote.abstain}
    named = any(isinstance(v, list) and v for v in sides.values())
    counted = any(isinstance(v, int) and v for v in sides.values())
    if vote.names_not_recorded and named:
        raise FieldMistake("names_not_recorded", "the vote lists members by name but also says "
                           "'names_not_recorded: true': remove that line, or the names")
    if vote.counts_not_recorded and (named or counted or vote.stated is not None):
        raise FieldMistake("counts_not_recorded", "the vote gives counts or names but also says "
                           "'counts_not_recorded: true': remove that line, or the counts")
    if vote.stated is not None:
        for side, value in sides.items():
            stated = getattr(vote.stated, "for_" if side == "for" else side)
            listed = _side_count(value)
            if named and (isinstance(value, list) or not value) and listed != stated:
                words = _SIDE_WORDS[side] + ("s" if side == "abstain" and stated != 1 else "")
                raise FieldMistake("stated", f"the minutes state {stated} {words} but "
                                   f"{listed} member{'' if listed == 1 else 's'} "
                                   f"{'is' if listed == 1 else 'are'} listed under '{side}:': "
                                   f"correct 'stated:' or the names under '{side}:'")
            if isinstance(value, int) and value and value != stated:
                raise FieldMistake("stated", f"'{side}: {value}' and the stated count {stated} "
                                   f"disagree: give the count once, under 'stated:'")
        yes, no = vote.stated.for_, vote.stated.against
        if (vote.result == "carried" and yes < no) or (vote.result == "lost" and yes > no):
            raise FieldMistake("result", f"the vote is marked {vote.result} but the minutes state "
                               f"{yes} for and {no} against: correct 'result:' or 'stated:'")
    total = (sum(_side_count(v) for v in sides.values())
             + (sum(vote.stated.model_dump().values()) if vote.stated else 0))
    if not total and not vote.counts_not_recorded:
        raise FieldMistake("result", "the vote has a result but no counts and no names: write "
                           "the counts ('for: 31', 'against: 20'), list the members by id under "
                           "'for:', 'against:' and 'abstain:', or write 'counts_not_recorded: true' "
                           "when the minutes do not give them")


_SIDE_WORDS = {"for": "for", "against": "against", "abstain": "abstention"}


class Part(Strict):
    """One labelled part of an amendment: ``- label: Amount`` / ``text: £250,000``."""

    label: Text
    text: Text


def _part_shorthand(value: Any) -> Any:
    """``- Amount: £250,000`` is ``- label: Amount`` / ``text: £250,000``."""
    if isinstance(value, dict) and len(value) == 1 and not {"label", "text"} & set(value):
        ((label, text),) = value.items()
        return {"label": label, "text": text}
    return value


Outcome = Literal["carried", "lost", "withdrawn", "accepted", "fell"]


def _outcome_mistake(outcome: str | None, vote: Vote | None) -> None:
    if outcome is not None and vote is not None and outcome != vote.result:
        raise FieldMistake("outcome", f"the outcome is '{outcome}' but the vote's result is "
                           f"'{vote.result}': correct one of them, or leave 'outcome:' out (the "
                           "vote's result is the outcome)")


class Amendment(Strict):
    """An amendment to a motion: who moved and seconded it, its words and parts, its vote."""

    id: Id | None = None
    mover: AttendeeEntry | None = None
    seconder: AttendeeEntry | None = None
    text: str | None = None
    parts: Annotated[list[Annotated[Part, BeforeValidator(_part_shorthand)]],
                     BeforeValidator(_as_list)] = []
    vote: Vote | None = None
    outcome: Outcome | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Amendment:
        if not (self.text or self.parts):
            raise ValueError("an amendment needs its words: add 'text:' with what it proposes, "
                             "or 'parts:' with its labelled parts")
        _outcome_mistake(self.outcome, self.vote)
        return self


class Motion(Strict):
    """A motion on an item: mover, seconder, its words, its amendments and its vote."""

    id: Id | None = None
    title: str | None = None
    mover: AttendeeEntry | None = None
    seconder: AttendeeEntry | None = None
    text: Text
    amendments: Annotated[list[Amendment], BeforeValidator(_as_list)] = []
    vote: Vote | None = None
    outcome: Outcome | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Motion:
        _outcome_mistake(self.outcome, self.vote)
        return self


# ---- decision records (docs: "Decision records") ----------------------------

CallIn = Literal["standard", "urgent", "not-applicable"]


class CalledIn(Strict):
    """A call-in: when, by whom (people's ids), why, and what came of it."""

    date: Date
    by: IdList = []
    reason: Text | None = None
    outcome: Text | None = None


class DecisionNotice(Strict):
    """The record of an executive decision: ``decision:`` on an agenda item, and
    the fields a decision taken outside a meeting shares with it."""

    published: Date
    reasons: Text
    alternatives: Text | None = None
    interests: Text | None = None
    dispensations: Text | None = None
    call_in: CallIn = "standard"
    urgency_reason: Text | None = None
    called_in: CalledIn | None = None
    implemented: Date | None = None
    forward_plan: Id | None = None

    @model_validator(mode="after")
    def _call_in_agrees(self) -> DecisionNotice:
        call_in_mistake(self.call_in, self.urgency_reason, self.called_in)
        return self


def call_in_mistake(call_in: str, urgency_reason: str | None, called_in: CalledIn | None) -> None:
    """An urgent decision says why; only a decision subject to call-in is called in."""
    if call_in == "urgent" and not urgency_reason:
        raise FieldMistake("call_in", "an urgent decision must say why it could not wait for the "
                           "call-in period: add 'urgency_reason:' with the reason (and the agreement of "
                           "the chair of scrutiny, if the constitution asks for it), or write "
                           "'call_in: standard'")
    if urgency_reason and call_in != "urgent":
        raise FieldMistake("urgency_reason", f"'urgency_reason:' is only for an urgent decision, but "
                           f"this one is '{call_in}': write 'call_in: urgent', or remove 'urgency_reason:'")
    if called_in is not None and call_in != "standard":
        why = "urgent" if call_in == "urgent" else "not subject to call-in"
        raise FieldMistake("called_in", f"the decision is {why} ('call_in: {call_in}'), so it cannot "
                           "have been called in: remove 'called_in:', or write 'call_in: standard'")


DecisionKind = Literal["executive", "officer"]


class DecisionFile(Strict):
    """A decision taken outside a meeting, by an executive member or an officer:
    ``decisions/<id>.md``. Its body (below the front matter) is the decision."""

    title: Text
    kind: DecisionKind
    decided_by: Id
    date: Date
    published: Date
    key_decision: bool = False
    decision_reference: Text | None = None
    delegation: Text | None = None
    wards: TextList = []
    subject: IdList = []
    reasons: Text
    alternatives: Text | None = None
    interests: Text | None = None
    dispensations: Text | None = None
    call_in: CallIn | None = None  # None: standard for an executive member's, not-applicable for an officer's
    urgency_reason: Text | None = None
    called_in: CalledIn | None = None
    implemented: Date | None = None
    forward_plan: Id | None = None
    contacts: Annotated[list[ItemContact], BeforeValidator(_as_list)] = []
    documents: Annotated[list[Document], BeforeValidator(_as_list)] = []
    exempt: ExemptParagraphs = None
    open_summary: Text | None = None

    @property
    def call_in_rule(self) -> str:
        return self.call_in or ("not-applicable" if self.kind == "officer" else "standard")

    @model_validator(mode="after")
    def _consistent(self) -> DecisionFile:
        call_in_mistake(self.call_in_rule, self.urgency_reason, self.called_in)
        if not self.exempt and self.open_summary is not None:
            raise FieldMistake("open_summary", "'open_summary' is only for an exempt decision: on an open "
                               "one write the decision below the front matter instead, or add 'exempt:' "
                               "with the paragraph if the decision is exempt")
        return self


class ItemFront(Strict):
    title: Text
    minute: MinuteNumber | None = None
    report: str | None = None
    submitted_by: Text | None = None  # a person id or text (content/bylines.py)
    presented_by: Annotated[list[Text], BeforeValidator(_as_text_list)] = []  # ids or text, as submitted_by
    scrutiny: IdList = []
    subject: IdList = []
    key_decision: bool = False
    recommendations: NumberedList = []
    resolutions: ResolutionList = []
    votes: Annotated[list[Vote], BeforeValidator(_as_list)] = []
    motions: Annotated[list[Motion], BeforeValidator(_as_list)] = []
    actions: TextList = []
    contacts: Annotated[list[ItemContact], BeforeValidator(_as_list)] = []
    documents: Annotated[list[Document], BeforeValidator(_as_list)] = []
    declarations: Annotated[list[Declaration], BeforeValidator(_as_list)] = []
    attendance: ItemAttendance = ItemAttendance()  # there for this item only
    exempt: ExemptParagraphs = None
    decision_reference: Text | None = None  # the council's number of the decision: "24/00108"
    aliases: AliasList = []  # old addresses of this page, kept working by redirect pages
    corrections: Corrections = []
    # what is published of an exempt item (see content/exempt.py); a mistake on an open item
    open_summary: Text | None = None
    open_resolutions: ResolutionList = []
    decision: DecisionNotice | None = None  # an executive decision's record (docs: "Decision records")

    @model_validator(mode="after")
    def _open_parts_of_exempt_items_only(self) -> ItemFront:
        if not self.exempt and self.open_summary is not None:
            raise FieldMistake("open_summary", "'open_summary' is only for an exempt item: on an open item "
                               "write the text in the '## Minutes' (or '## Agenda') section instead, or add "
                               "'exempt:' with the paragraph if the item is exempt")
        if not self.exempt and self.open_resolutions:
            raise FieldMistake("open_resolutions", "'open_resolutions' is only for an exempt item: on an open "
                               "item write them under 'resolutions:' instead, or add 'exempt:' with the "
                               "paragraph if the item is exempt")
        return self


Numbered.model_rebuild()
Resolution.model_rebuild()
MeetingFront.model_rebuild()  # its declarations are defined below it
