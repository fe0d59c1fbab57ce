"""Reading the XML of Modern.gov's web service (``mgWebService.asmx``) into
plain records. Nothing is mapped here: ``mapping`` decides what each means."""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from minutebook.content.exempt import NOT_STATED

from .fetch import FetchProblem


@dataclass(frozen=True)
class Committee:
    id: str
    title: str
    expired: bool
    deleted: bool
    category: str


@dataclass(frozen=True)
class Councillor:
    id: str
    name: str
    party: str
    ward: str
    keyposts: str
    email: str


@dataclass(frozen=True)
class MeetingEntry:
    id: str
    date: dt.date
    status: str
    time: str


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    url: str
    is_link: bool
    restricted: bool
    restriction: str


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    number: str
    subnumber: str
    minute: str
    agenda_html: str
    minutes_html: str
    decision_html: str
    restricted: bool
    restriction: str
    declarations: int
    comments: tuple[tuple[str, str], ...]  # (label, text): "Presented By", "Actions"
    documents: tuple[Document, ...]
    issue: str = ""  # the Modern.gov issue (mgIssueHistoryHome.aspx?IId=) the item continues, if any


@dataclass(frozen=True)
class Attendee:
    member: str
    name: str
    role: str
    attendance: str
    party: str
    ward: str
    keyposts: str
    representing: str


@dataclass
class Meeting:
    id: str
    date: dt.date
    status: str
    time: str
    actual_start: str
    planned_finish: str
    actual_finish: str
    location: str
    webcast: bool
    agenda_published: bool
    minutes_published: bool
    items: list[Item] = field(default_factory=list)
    attendees: list[Attendee] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)  # the agenda pack, printed minutes
    declarations: list[DeclarationRow] = field(default_factory=list)  # from mgMeetingAttendance.aspx


@dataclass(frozen=True)
class DeclarationRow:
    """One row of a meeting's declarations of interest, as the attendance
    page gives it: who, on which item (as written), the interest, its kind
    and what they did (each as written; '' where not given)."""

    member: str
    name: str
    item: str
    interest: str
    kind: str
    action: str


@dataclass(frozen=True)
class Issue:
    """A Modern.gov issue (mgIssueHistoryHome.aspx): its title and the
    meetings its history lists (Modern.gov meeting ids)."""

    id: str
    title: str
    meetings: tuple[str, ...]


def parse(data: bytes, page: str, root: str) -> ET.Element:
    """The XML of one answer, whose outermost element must be ``root``;
    a page that is HTML, truncated or something else is a FetchProblem."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<!--", b"<script")):
        raise FetchProblem(page, "the site sent an HTML page where the web service's XML was expected: "
                           "is this a Modern.gov site, with its web service switched on?", lasting=True)
    try:
        element = ET.fromstring(data)
    except ET.ParseError as exc:
        raise FetchProblem(page, f"is not whole, readable XML ({exc}): the page may be cut short") from exc
    if element.tag.lower() != root:
        raise FetchProblem(page, f"is XML, but <{element.tag}>, not Modern.gov's <{root}>", lasting=True)
    return element


def text(element: ET.Element | None, name: str) -> str:
    """A child's text, trimmed; '' when absent. Titles are sometimes escaped
    twice by Modern.gov (``&#39;``), so entities left in them are read too."""
    found = element.find(name) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def plain(value: str) -> str:
    return html.unescape(value).strip()


def flag(element: ET.Element, name: str) -> bool:
    return text(element, name).lower() == "true"


def date(value: str, page: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError as exc:
        raise FetchProblem(page, f"the date {value!r} is not DD/MM/YYYY", lasting=True) from exc


def committees(data: bytes, page: str) -> list[Committee]:
    return [Committee(text(c, "committeeid"), plain(text(c, "committeetitle")),
                      flag(c, "committeeexpired"), flag(c, "committeedeleted"), text(c, "committeecategory"))
            for c in parse(data, page, "committees").iter("committee")]


def councillors(data: bytes, page: str) -> list[Councillor]:
    root = parse(data, page, "councillorsbyward") if b"<councillorsbyward>" in data[:400] else \
        parse(data, page, "councillorsbywardid")
    found = []
    for ward in root.iter("ward"):
        for c in ward.iter("councillor"):
            email = text(c.find("workaddress"), "email")  # a home address is not for publishing
            found.append(Councillor(text(c, "councillorid"), plain(text(c, "fullusername")),
                                    plain(text(c, "politicalpartytitle")), plain(text(ward, "wardtitle")),
                                    plain(text(c, "keyposts")), email))
    return found


def meetings(data: bytes, page: str) -> list[MeetingEntry]:
    root = parse(data, page, "getmeetings")
    return [MeetingEntry(text(m, "meetingid"), date(text(m, "meetingdate"), page), text(m, "meetingstatus"),
                         text(m, "meetingtime")) for m in root.iter("meeting")]


def meeting(data: bytes, page: str) -> Meeting:
    root = parse(data, page, "meeting")
    found = Meeting(
        id=text(root, "meetingid"), date=date(text(root, "meetingdate"), page), status=text(root, "meetingstatus"),
        time=text(root, "meetingtime"), actual_start=text(root, "meetingactualstarttime"),
        planned_finish=text(root, "meetingplannedfinishtime"), actual_finish=text(root, "meetingactualfinishtime"),
        location=plain(text(root, "meetinglocation")), webcast=flag(root, "iswebcast"),
        agenda_published=flag(root, "agendapublished"), minutes_published=flag(root, "minutepublished"))
    found.items = [_item(i) for i in root.iter("agendaitem")]
    found.attendees = [_attendee(a) for a in root.iter("attendee")]
    return found


def _item(element: ET.Element) -> Item:
    comments = tuple((plain(text(element, f"commentlabel{n}")), plain(text(element, f"commenttext{n}")))
                     for n in range(1, 10) if text(element, f"commenttext{n}"))
    count = text(element, "declarationcount")
    return Item(
        id=text(element, "agendaitemid"), title=plain(text(element, "agendaitemtitle")),
        number=text(element, "agendaitemnumber"), subnumber=text(element, "agendaitemsubnumber"),
        minute=text(element, "minutesitemnumber"), agenda_html=text(element, "agendatext"),
        minutes_html=text(element, "minutesnonemptyhtmlbody"), decision_html=text(element, "decisionnonemptyhtmlbody"),
        restricted=flag(element, "isrestricted"), restriction=plain(_restriction(element)),
        declarations=int(count) if count.isdigit() else 0, comments=comments,
        documents=tuple(_document(d) for d in element.iter("linkeddoc")))


def attachment(data: bytes, page: str) -> Document:
    """GetAttachment: one document's details (its address, whether it is restricted)."""
    details = parse(data, page, "attachment").find("attachmentdetails")
    if details is None:
        raise FetchProblem(page, "holds no <attachmentdetails>", lasting=True)
    return _document(details)


def _restriction(element: ET.Element) -> str:
    return text(element, "restrictionsRef") or text(element, "restrictionsref")


def _document(element: ET.Element) -> Document:
    return Document(text(element, "attachmentid"), plain(text(element, "title")), text(element, "url"),
                    flag(element, "isurl"), flag(element, "isrestricted"), plain(_restriction(element)))


def _attendee(element: ET.Element) -> Attendee:
    get = element.attrib.get
    return Attendee(get("memberid", ""), plain(get("name", "")), plain(get("roledescription", "")),
                    plain(get("attendance", "")), plain(get("politicalparty", "")), plain(get("ward", "")),
                    plain(get("keyposts", "")), plain(get("representing", "")))


_PARAGRAPHS = re.compile(r"\bpara(?:graph)?s?\.?\s*((?:[0-9]{1,3}\b\s*(?:,|and|or|&)?\s*)+)", re.IGNORECASE)


def exempt_paragraphs(restriction: str) -> list[int]:
    """Every Schedule 12A paragraph a restriction names ("Paragraphs 1 and 2",
    "Para 3", "3"), in its order; none when it names none, or names one that
    is not a paragraph 1 to 7 (never guessed)."""
    found = _PARAGRAPHS.search(restriction)
    if found:
        numbers = [int(n) for n in re.findall(r"[0-9]+", found.group(1))]
    else:
        numbers = [int(restriction)] if re.fullmatch(r"\s*[0-9]\s*", restriction) else []
    if not all(1 <= n <= 7 for n in numbers):
        return []
    return list(dict.fromkeys(numbers))


def exempt_value(restriction: str) -> int | list[int] | str:
    """What the importer writes after ``exempt:``: one paragraph, a list of
    them, or 'not stated' when the restriction names none."""
    paragraphs = exempt_paragraphs(restriction)
    return NOT_STATED if not paragraphs else paragraphs[0] if len(paragraphs) == 1 else paragraphs


def exempt_paragraph(restriction: str) -> int | None:
    """The first Schedule 12A paragraph a restriction names ("Paragraph 3",
    "3"), or None when it names none (never guessed)."""
    paragraphs = exempt_paragraphs(restriction)
    return paragraphs[0] if paragraphs else None
