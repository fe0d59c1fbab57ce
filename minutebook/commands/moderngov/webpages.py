"""Reading Modern.gov's public HTML pages, for sites whose web service is
switched off: the committee list (mgListCommittees.aspx), a committee's
meetings (ieListMeetings.aspx), a meeting's agenda and minutes
(ieListDocuments.aspx) and its attendance (mgMeetingAttendance.aspx).

Pages are read by their links (``mgAi.aspx?ID=``, ``ieListDocuments.aspx?MId=``,
``mgUserInfo.aspx?UID=``) and by Modern.gov's ``mg...`` class names, into the
same records as the web service's, so one mapping serves both."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from types import MappingProxyType
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup, Tag

from . import service
from .fetch import FetchProblem

_DATE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9}),?\s+(\d{4})")
_TIME = re.compile(r"\b(\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?|12 noon)", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*(\d{1,3})([a-z]?)\.?\s*$", re.IGNORECASE)
SECTIONS = MappingProxyType({"minutes:": "minutes", "decision:": "decision"})  # a heading -> its section
ISSUE_LINK = 'a[href*="mgIssueHistoryHome.aspx"], a[href*="ieIssueDetails.aspx"]'  # an item's issue history
_ENDED = re.compile(r"\b(?:meeting|it)\s+(?:ended|closed|finished|concluded)\s+at\s+(\d{1,2}(?:[.:]\d{2})?\s*"
                    r"[ap]\.?m\.?|12 noon)", re.IGNORECASE)


def soup(data: bytes, page: str) -> BeautifulSoup:
    """An HTML page; XML or something cut short is a FetchProblem."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:100].lower()
    if start.startswith(b"<?xml") or b"<html" not in data[:2000].lower():
        raise FetchProblem(page, "is not one of Modern.gov's HTML pages", lasting=True)
    if b"</html>" not in data[-2000:].lower():
        raise FetchProblem(page, "is cut short (it does not end with </html>)")
    try:  # Modern.gov's pages are UTF-8: guessing from a few bytes could read "ĆĹ" as something else
        return BeautifulSoup(data.decode("utf-8"), "html.parser")
    except UnicodeDecodeError:
        return BeautifulSoup(data, "html.parser")  # then by its own <meta charset>, or a guess


def _query(link: Tag, name: str) -> str:
    values = {key.lower(): value for key, value in parse_qs(urlsplit(str(link.get("href", ""))).query).items()}
    return values.get(name.lower(), [""])[0]


def _words(element: Tag | None) -> str:
    return " ".join(element.get_text(" ").split()) if element is not None else ""


def committees(data: bytes, page: str) -> list[service.Committee]:
    found = {}
    for link in soup(data, page).select('a[href*="mgCommitteeDetails.aspx"]'):
        if _query(link, "ID") and _words(link):
            found.setdefault(_query(link, "ID"), service.Committee(_query(link, "ID"), _words(link), False, False, ""))
    return list(found.values())


def date(text: str, page: str) -> dt.date:
    found = _DATE.search(text)
    for form in ("%d %B %Y", "%d %b %Y") if found else ():
        try:
            return dt.datetime.strptime(" ".join(found.groups()), form).date()
        except ValueError:
            continue
    raise FetchProblem(page, f"no date could be read in {text!r}", lasting=True)


def meetings(data: bytes, page: str) -> list[service.MeetingEntry]:
    found = {}
    for link in soup(data, page).select('a[href*="ieListDocuments.aspx"]'):
        meeting, words = _query(link, "MId"), _words(link)
        if meeting and meeting not in found and _DATE.search(words):
            time = _TIME.search(words)
            status = "Cancelled" if "cancel" in words.lower() else "Confirmed"
            found[meeting] = service.MeetingEntry(meeting, date(words, page), status, time.group(1) if time else "")
    return list(found.values())


def meeting(data: bytes, page: str, entry: service.MeetingEntry) -> service.Meeting:
    document = soup(data, page)
    venue = next((_words(p)[len("Venue:"):].strip() for p in document.select(".mgSubTitleTxt")
                  if _words(p).lower().startswith("venue:")), "")
    items = [_item(row, position) for position, row in enumerate(document.select("table.mgItemTable tr"), 1)
             if row.select_one(".mgAiTitleTxt")]
    minutes = any(item.minutes_html or item.decision_html for item in items)
    own = [_document(entry) for listing in document.select("ul.mgActionList")
           if not listing.find_parent("table", class_="mgItemTable") for entry in listing.find_all("li")]
    ended = _ENDED.search(_words(document))
    return service.Meeting(
        id=entry.id, date=entry.date, status=entry.status, time=entry.time, actual_start="", planned_finish="",
        actual_finish=ended.group(1) if ended else "", location=venue, webcast=False,
        agenda_published=bool(items), minutes_published=minutes,
        items=items, documents=own)


def _item(row: Tag, position: int) -> service.Item:
    cells = row.find_all("td", recursive=False)
    numbered = next((_NUMBER.match(_words(cell)) for cell in cells if _NUMBER.match(_words(cell))), None)
    body = cells[-1] if cells else row
    title = body.select_one(".mgAiTitleTxt")
    link = title.find("a") if title else None
    parts = [part for part in body.find_all(recursive=False) if part is not title]
    return _with_sections(service.Item(
        id=_query(link, "ID") if link else f"row-{position}", title=_words(title), number=str(position),
        subnumber="", minute=numbered.group(1) if numbered else "", agenda_html="", minutes_html="",
        decision_html="", restricted=False, restriction="", declarations=0, comments=(), documents=()), parts)


def _with_sections(item: service.Item, parts: list[Tag]) -> service.Item:
    """``item`` with the agenda, minutes and decision text, documents and
    restriction found in ``parts``, in order: text before "Minutes:" is the
    agenda's, after it the minutes', after "Decision:" the decision's."""
    sections: dict[str, list[str]] = {"agenda": [], "minutes": [], "decision": []}
    current, documents, restricted = "agenda", list(item.documents), item.restriction
    issue = item.issue
    for part in parts:
        words, classes = _words(part), part.get("class", [])
        link = part.select_one(ISSUE_LINK) if part.name != "a" else None
        if link is not None and _query(link, "IId"):
            issue = issue or _query(link, "IId")
            if words == _words(link):  # only the link to the issue's history: not part of the text
                continue
        if words.lower() in SECTIONS:
            current = SECTIONS[words.lower()]
        elif "mgActionList" in classes:
            documents += [_document(entry) for entry in part.find_all("li")]
        elif "mgRestrictedTxt" in classes:
            restricted = words
        else:
            sections[current].append(str(part))
    return replace(item, agenda_html="".join(sections["agenda"]), minutes_html="".join(sections["minutes"]),
                   decision_html="".join(sections["decision"]), restricted=bool(restricted),
                   restriction=restricted, documents=tuple(documents), issue=issue)


def item_page(data: bytes, page: str, item: service.Item) -> service.Item:
    """``item`` completed from its own page (mgAi.aspx), for a meeting page
    that lists the item without its text: the page's ``mgWordPara`` blocks,
    "Minutes:" and "Decision:" headings, documents and restriction."""
    wanted = [part for part in soup(data, page).find_all(["p", "h2", "h3", "div", "ul"])
              if _words(part).lower() in SECTIONS
              or {"mgWordPara", "mgActionList", "mgRestrictedTxt"} & set(part.get("class", []))
              or (part.name in ("p", "ul") and part.select_one(ISSUE_LINK) is not None)]
    return _with_sections(item, wanted)


def _document(entry: Tag) -> service.Document:
    link = entry.find("a", href=True)
    restricted = entry.select_one(".mgRestricted")
    title_parts = [text for text in entry.find_all(string=True, recursive=True)
                   if not (text.parent and "mgFileSize" in text.parent.get("class", []))
                   and not (restricted and text.parent is restricted)]
    title = " ".join(" ".join(title_parts).split())
    if restricted is not None:
        return service.Document("", title, "", False, True, _words(restricted))
    href = str(link["href"]) if link else ""
    return service.Document(_query(link, "ID") if link else "", title, href, False, False, "")


def attendees(data: bytes, page: str) -> list[service.Attendee]:
    """The rows of the page's table headed "Attendance" (with "Attendee",
    "Role" and "Notes", where Modern.gov gives them)."""
    for table in soup(data, page).find_all("table"):
        headings = [_words(th).lower() for th in table.find_all("th")]
        if "attendance" in headings:
            rows = [row.find_all("td") for row in table.find_all("tr")]
            return [_attendee(cells, headings) for cells in rows if len(cells) == len(headings)]
    return []


def _attendee(cells: list[Tag], headings: list[str]) -> service.Attendee:
    value = {name: _words(cell) for name, cell in zip(headings, cells, strict=True)}
    link = cells[0].find("a", href=True)
    return service.Attendee(_query(link, "UID") if link else "", _words(cells[0]), value.get("role", ""),
                            value.get("attendance", ""), "", "", "", value.get("notes", ""))


_ROLE = re.compile(r"^\(([^)]+)\)")


def members(data: bytes, page: str) -> list[tuple[str, str, str]]:
    """A committee's membership from mgCommitteeDetails.aspx: (member id,
    name, role) for each linked member, the role from "(Chair)" after the name."""
    found = []
    for link in soup(data, page).select('li a[href*="mgUserInfo.aspx"]'):
        after = " ".join(str(text) for text in link.next_siblings if isinstance(text, str)).strip()
        role = _ROLE.match(after)
        found.append((_query(link, "UID"), _words(link), role.group(1).strip() if role else ""))
    return found


_LABELS = MappingProxyType({"party:": "party", "ward:": "ward", "political party:": "party",
                            "email:": "email", "work email:": "email", "e-mail:": "email"})
_POSTS = ("key posts", "posts")  # the heading of a councillor's posts ("Leader of the Council")


def member_details(data: bytes, page: str) -> dict[str, str]:
    """A councillor's party, ward, key posts and work email from
    mgUserInfo.aspx ("Party: Labour", "Ward: Brookside", a "Key posts" list,
    "Email:" under work contact details), where the page gives them. A home
    address or home email ("Home email:") is never read."""
    document = soup(data, page)
    found = {}
    for label in document.select(".mgLabel"):
        name = _LABELS.get(_words(label).lower())
        link = label.find_next_sibling("a", href=True)
        value = " ".join(str(text) for text in label.next_siblings if isinstance(text, str)).strip()
        if name == "email" and link is not None and str(link["href"]).lower().startswith("mailto:"):
            value = str(link["href"])[len("mailto:"):].split("?")[0]
        if name and value and name not in found:
            found[name] = " ".join(value.split())
    for heading in document.find_all(["h2", "h3"]):
        listing = heading.find_next_sibling(["ul", "p"]) if _words(heading).lower() in _POSTS else None
        posts = [_words(li) for li in listing.find_all("li")] if listing is not None and listing.name == "ul" \
            else [_words(listing)] if listing is not None else []
        if any(posts):
            found["title"] = "; ".join(post for post in posts if post)
            break
    return found


# ---- declarations of interest and issue histories ----------------------------------------------


def attendance_page(data: bytes, page: str) -> tuple[list[service.Attendee], list[service.DeclarationRow]]:
    """mgMeetingAttendance.aspx: its attendance, and its table of
    declarations of interest where the page has one."""
    return attendees(data, page), declarations(data, page)


_DECLARATION_COLUMNS = MappingProxyType({  # a heading's words -> what the column holds; first match wins
    "member": "name", "councillor": "name", "attendee": "name", "name": "name", "item": "item",
    "type": "kind", "category": "kind", "kind": "kind", "action": "action", "reason": "action",
    "nature": "interest", "interest": "interest", "detail": "interest", "declaration": "interest",
})


def _column(heading: str) -> str:
    return next((what for word, what in _DECLARATION_COLUMNS.items() if word in heading), "")


def declarations(data: bytes, page: str) -> list[service.DeclarationRow]:
    """The rows of the page's table of declarations: a table whose headings
    name a member, an item and the interest (its "Nature", "Detail" or
    "Interest"), and perhaps its type and the action taken."""
    for table in soup(data, page).find_all("table"):
        headings = [_words(th).lower() for th in table.find_all("th")]
        columns = [_column(heading) for heading in headings]
        if not {"name", "item", "interest"} <= set(columns) or "attendance" in headings:
            continue
        found = []
        for row in table.find_all("tr"):
            cells = row.find_all("td")
            if len(cells) != len(columns):
                continue
            value = {}
            for what, cell in zip(columns, cells, strict=True):
                if what and what not in value:
                    value[what] = _words(cell)
            link = cells[columns.index("name")].find("a", href=True)
            found.append(service.DeclarationRow(_query(link, "UID") if link else "", value["name"], value["item"],
                                                value["interest"], value.get("kind", ""), value.get("action", "")))
        return found
    return []


def issue_links(data: bytes, page: str) -> dict[str, str]:
    """From a meeting's page (ieListDocuments.aspx): each item (by its
    mgAi.aspx id) that links to an issue's history, and that issue's id."""
    found = {}
    for row in soup(data, page).select("table.mgItemTable tr"):
        title = row.select_one(".mgAiTitleTxt a[href*='mgAi.aspx']")
        issue = row.select_one(ISSUE_LINK)
        if title is not None and issue is not None and _query(title, "ID") and _query(issue, "IId"):
            found[_query(title, "ID")] = _query(issue, "IId")
    return found


_ISSUE_TITLE = re.compile(r"^(?:issue\s*(?:history)?\s*[-–:]\s*(?:items at meetings\s*[-–:]\s*)?)", re.IGNORECASE)


def issue(data: bytes, page: str, key: str) -> service.Issue:
    """An issue's history (mgIssueHistoryHome.aspx): its title (after
    "Issue - items at meetings - ") and the meetings it lists."""
    document = soup(data, page)
    heading = document.select_one(".mgMainTitleTxt") or document.find("h1") or document.find("title")
    title = _ISSUE_TITLE.sub("", _words(heading)).strip()
    if not title:
        raise FetchProblem(page, "gives no title for the issue", lasting=True)
    meetings = []
    for link in document.select('a[href*="ieListDocuments.aspx"], a[href*="mgAi.aspx"]'):
        meeting = _query(link, "MId")
        if meeting and meeting not in meetings:
            meetings.append(meeting)
    return service.Issue(key, title, tuple(meetings))
