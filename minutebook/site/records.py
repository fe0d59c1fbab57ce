"""Facts every machine-readable output shares: stable ids and dates.

Feeds, calendars and data exports must give the same meeting the same id in
every build and on every host, and must take their dates from the content,
never from the clock, so that the same content gives the same bytes. Clerks
do not record when an agenda or minutes were published, so the dates are the
meeting's own times (see docs/open-data.md).
"""

from __future__ import annotations

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

from minutebook.content import urls
from minutebook.model.objects import Meeting

DEFAULT_TIMEZONE = "Europe/London"
# Meetings without a recorded end are given none; the start is all we know.


def timezone(settings: dict) -> ZoneInfo:
    return ZoneInfo(settings.get("TIMEZONE") or DEFAULT_TIMEZONE)


def council_namespace(settings: dict) -> uuid.UUID:
    """A namespace per council, so two councils' meetings never share an id."""
    council = settings.get("MINUTEBOOK_COUNCIL") or settings.get("SITENAME") or "Minute Book"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"minutebook:{council}")


def stable_uuid(name: str, settings: dict) -> uuid.UUID:
    """The same id for the same name, in every build, on every host."""
    return uuid.uuid5(council_namespace(settings), name)


def meeting_uuid(meeting: Meeting, settings: dict, part: str = "") -> uuid.UUID:
    """The meeting's id: the same for as long as its folder keeps its name."""
    return stable_uuid(f"{meeting.key}/{part}" if part else meeting.key, settings)


def starts(meeting: Meeting, settings: dict) -> dt.datetime:
    """When the meeting began; the start of its day (or of its month, for a
    meeting known only to the month) when the minutes do not give the time.
    For ordering and dating records only: what is shown says "not recorded"."""
    return dt.datetime.combine(meeting.date, meeting.start or dt.time.min, timezone(settings))


def start_text(meeting: Meeting, settings: dict) -> str:
    """The start as data readers should read it (Open Civic Data's fuzzy
    dates): a date and time; the date alone when the time is not recorded;
    the month alone ("2019-03") when the day is not known either."""
    if meeting.start is None or meeting.month_only:
        return meeting.date.isoformat()
    return starts(meeting, settings).isoformat()


def ends(meeting: Meeting, settings: dict) -> dt.datetime | None:
    if meeting.end is None or meeting.month_only:
        return None
    return dt.datetime.combine(meeting.date, meeting.end, timezone(settings))


def minutes_dated(meeting: Meeting, settings: dict) -> dt.datetime:
    """When the minutes reached their current state: approved at a later
    meeting's start, else (draft) the end of the meeting they record."""
    if meeting.status == "approved-minutes" and meeting.approved_at is not None:
        return starts(meeting.approved_at, settings)
    return ends(meeting, settings) or starts(meeting, settings)


def last_changed(meeting: Meeting, settings: dict) -> dt.datetime:
    """The latest content date of the meeting's record (for DTSTAMP, lastmod)."""
    if meeting.has_minutes:
        return minutes_dated(meeting, settings)
    return starts(meeting, settings)


def utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def public_url(path: str, settings: dict) -> str:
    """The address to give other programs: absolute when SITEURL is set
    (publishconf.py), else root-relative for a local build."""
    return urls.absolute(path, settings.get("SITEURL") or "")
