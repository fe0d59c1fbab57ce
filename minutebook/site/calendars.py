"""iCalendar files of meetings: one for all meetings, one per committee.

Readers subscribe to them from the committee pages. Each meeting keeps the
same UID for ever (``records.meeting_uuid``); DTSTAMP is a date from the
content, so an unchanged meeting gives unchanged bytes. Times are local
(TZID Europe/London) with a VTIMEZONE covering the years the meetings span.

A meeting whose start the minutes do not record is an all-day event on its
day, with no location when the venue is not recorded either. A meeting
known only to its month is left out (``in_calendar``): a calendar event
needs a day, and a month-long event would tell subscribers it lasted a month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

import icalendar

from minutebook.content import urls
from minutebook.model.objects import Committee, Meeting, Site
from minutebook.site import records


def meeting_description(meeting: Meeting, settings: dict) -> str:
    lines = [f"{meeting.status_label}.", records.public_url(urls.path_for(meeting), settings)]
    if meeting.items:
        lines.append("")
        lines.append("Agenda:")
        for item in meeting.items:
            note = " (not for publication)" if item.exempt else ""
            lines.append(f"{item.number}. {item.title}{note}")
    return "\n".join(lines)


def meeting_event(meeting: Meeting, settings: dict) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", str(records.meeting_uuid(meeting, settings)))
    event.add("dtstamp", records.utc(records.last_changed(meeting, settings)))
    if meeting.start is None:  # not recorded: an all-day event on the day, no time invented
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
    else:
        event.add("dtstart", records.starts(meeting, settings))
        end = records.ends(meeting, settings)
        if end is not None:
            event.add("dtend", end)
    cancelled = meeting.status == "cancelled"
    event.add("summary", f"Cancelled: {meeting.title}" if cancelled else meeting.title)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if meeting.venue is not None:  # not recorded: no location rather than an invented one
        event.add("location", meeting.venue)
    event.add("url", records.public_url(urls.path_for(meeting), settings))
    event.add("description", meeting_description(meeting, settings))
    event.add("categories", [meeting.committee.name])
    return event


def new_calendar(name: str, settings: dict) -> icalendar.Calendar:
    """An empty calendar named ``name``, published by the council."""
    council = settings.get("MINUTEBOOK_COUNCIL") or settings.get("SITENAME", "Minute Book")
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//Minute Book//{council}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    return calendar


def render_calendar(name: str, meetings: Iterable[Meeting], settings: dict) -> bytes:
    calendar = new_calendar(name, settings)
    calendar.add("x-wr-timezone", str(records.timezone(settings)))
    meetings = sorted((m for m in meetings if in_calendar(m)),
                      key=lambda m: (m.date, m.start is not None, m.start or dt.time.min, m.key))
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, settings))
    if meetings:
        # a VTIMEZONE for just the years the meetings span keeps the file small and stable
        calendar.add_missing_timezones(dt.date(meetings[0].date.year - 1, 1, 1),
                                       dt.date(meetings[-1].date.year + 2, 1, 1))
    return calendar.to_ical()


def in_calendar(meeting: Meeting) -> bool:
    """A meeting known only to its month has no day for an event (see the module's note)."""
    return not meeting.month_only


def committee_calendar(committee: Committee, settings: dict) -> bytes:
    return render_calendar(f"{committee.name} meetings", committee.meetings, settings)


def calendars(site: Site, settings: dict) -> Iterator[tuple[str, bytes]]:
    """The producer registered in ``outputs``."""
    council = settings.get("MINUTEBOOK_COUNCIL") or settings.get("SITENAME", "Council")
    yield urls.CALENDAR_ALL, render_calendar(f"{council} meetings", site.meetings, settings)
    for committee in site.committees.values():
        yield urls.calendar_of(committee), committee_calendar(committee, settings)
