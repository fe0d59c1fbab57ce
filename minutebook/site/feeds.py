"""Atom feeds of new and updated agendas and minutes.

One feed for the whole site, one per committee and one per scrutiny area.
Each meeting gives up to two entries, its agenda and its minutes (or one
saying it was cancelled). The minutes entry keeps its id when draft minutes
are approved and only its date and title change, so feed readers show it as
updated. Ids and dates come from the content (``records``), never the clock.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape

from feedgenerator import Atom1Feed

from minutebook.content import urls
from minutebook.content.dates import short_date
from minutebook.model.objects import AgendaItem, Committee, Meeting, ScrutinyArea, Site
from minutebook.site import records
from minutebook.site.formatting import time12

DEFAULT_LIMIT = 50  # entries per feed: readers want what is new, not the archive
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
HAS_AGENDA = {"agenda-published", "draft-minutes", "approved-minutes", "minutes"}


class _Feed(Atom1Feed):
    """An Atom feed whose date, when it has no entries, is fixed rather than now."""

    def latest_post_date(self) -> dt.datetime:
        dates = [item["updateddate"] for item in self.items if item["updateddate"]]
        return max(dates, default=EPOCH)


@dataclass
class Entry:
    meeting: Meeting
    part: str  # "agenda", "minutes" or "cancelled"
    title: str
    updated: dt.datetime


def meeting_entries(meeting: Meeting, settings: dict) -> Iterator[Entry]:
    name = f"{meeting.title}, {short_date(meeting.date)}"
    if meeting.status == "cancelled":
        yield Entry(meeting, "cancelled", f"Cancelled: {name}", records.starts(meeting, settings))
        return
    if meeting.status in HAS_AGENDA and meeting.items:
        yield Entry(meeting, "agenda", f"Agenda: {name}", records.starts(meeting, settings))
    if meeting.has_minutes:
        state = MINUTES_STATES.get(meeting.status, "Draft minutes")
        yield Entry(meeting, "minutes", f"{state}: {name}", records.minutes_dated(meeting, settings))


MINUTES_STATES = {"approved-minutes": "Approved minutes", "minutes": "Minutes"}


def when_and_where(meeting: Meeting) -> str:
    """"5 March 2024 at 10:30am, City Hall"; what the minutes do not give is said to be not recorded."""
    when = short_date(meeting.date)
    when += f" at {time12(meeting.start)}" if meeting.start else " (time not recorded)"
    return f"{when}, {meeting.venue}" if meeting.venue else f"{when}, venue not recorded"


def _item_line(item: AgendaItem, settings: dict) -> str:
    label = escape(f"{item.number}. {item.title}")
    link = f'<a href="{escape(records.public_url(urls.path_for(item), settings))}">{label}</a>'
    if item.exempt and (item.open_summary_html or item.open_resolutions):  # its open parts are on its page
        return f"<li>{link}: {escape(item.outcome)}. {escape(item.exempt.label)}.</li>"
    if item.exempt:
        return f"<li>{label}: not for publication. {escape(item.exempt.label)}.</li>"
    return f"<li>{link}: {escape(item.outcome)}</li>"


def entry_html(entry: Entry, settings: dict) -> str:
    meeting = entry.meeting
    state = {"agenda": "The agenda", "cancelled": "This meeting was cancelled"}.get(
        entry.part, meeting.status_label)
    parts = [f"<p>{escape(state)}: {escape(when_and_where(meeting))}.</p>"]
    if meeting.items and entry.part != "cancelled":
        parts.append("<ol>" + "".join(_item_line(i, settings) for i in meeting.items) + "</ol>")
    return "".join(parts)


def render_feed(title: str, page: str, path: str, meetings: Iterable[Meeting], settings: dict) -> bytes:
    entries = [e for m in meetings for e in meeting_entries(m, settings)]
    entries.sort(key=lambda e: (e.updated, e.meeting.key, e.part), reverse=True)
    limit = int(settings.get("MINUTEBOOK_FEED_LIMIT", DEFAULT_LIMIT))
    council = settings.get("MINUTEBOOK_COUNCIL") or settings.get("SITENAME", "")
    feed = _Feed(
        title=title, link=records.public_url(page, settings), description="",
        language="en-GB", feed_url=records.public_url(path, settings),
        feed_guid=f"urn:uuid:{records.stable_uuid(path, settings)}",
        author_name=council,
    )
    for entry in entries[:limit]:
        meeting = entry.meeting
        feed.add_item(
            title=entry.title, link=records.public_url(urls.path_for(meeting), settings),
            description=None, content=entry_html(entry, settings),
            unique_id=f"urn:uuid:{records.meeting_uuid(meeting, settings, entry.part)}",
            updateddate=records.utc(entry.updated), categories=[meeting.committee.name],
        )
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue().encode("utf-8")


def feed_title(settings: dict, what: str) -> str:
    council = settings.get("MINUTEBOOK_COUNCIL") or settings.get("SITENAME", "Minutes")
    return f"{what} – {council}"


def _area_meetings(area: ScrutinyArea) -> list[Meeting]:
    seen: dict[str, Meeting] = {}
    for item in area.items:
        seen.setdefault(item.meeting.key, item.meeting)
    return list(seen.values())


def committee_feed(committee: Committee, settings: dict) -> bytes:
    return render_feed(feed_title(settings, f"Agendas and minutes of the {committee.name}"),
                       urls.path_for(committee), urls.feed_of(committee), committee.meetings, settings)


def area_feed(area: ScrutinyArea, settings: dict) -> bytes:
    return render_feed(feed_title(settings, f"Agendas and minutes: {area.name}"),
                       urls.path_for(area), urls.feed_of(area), _area_meetings(area), settings)


def feeds(site: Site, settings: dict) -> Iterator[tuple[str, bytes]]:
    """The producer registered in ``outputs``."""
    yield urls.FEED_ALL, render_feed(feed_title(settings, "Agendas and minutes"), urls.HOME,
                                     urls.FEED_ALL, site.meetings, settings)
    for committee in site.committees.values():
        yield urls.feed_of(committee), committee_feed(committee, settings)
    for area in site.scrutiny_areas.values():
        yield urls.feed_of(area), area_feed(area, settings)
