"""Check attendance as real minutes record it: arrivals and departures with
times, the first item someone missed, attendance for one item, and the
meeting's procedural events (adjournments, exclusion of the public, members
leaving the room). Called by ``validate`` once every file has been read,
because these facts refer to the meeting's items and to each other.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from minutebook.content import schema
from minutebook.content.errors import ContentError, field_name
from minutebook.content.motions import all_votes

if TYPE_CHECKING:
    from minutebook.content.validate import CheckedItem, CheckedMeeting

# need(kind, id, file, located, loc): reports an id that no registry declares
Need = Callable[..., None]

ATTENDED = ("present", "substitutes", "attending_virtually", "also_present", "in_attendance")
NOT_THERE = ("apologies", "absent")
PAIRS = {  # an event and the one that must come before it
    "resumed": "adjourned",
    "public-readmitted": "public-excluded",
    "returned": "left-room",
}
_MINUTE = re.compile(r"^minute\s+(\d+)$", re.IGNORECASE)


def find_item(items: Sequence[CheckedItem], label: str) -> CheckedItem | None:
    """The item an agenda number ("7", "8a") or "minute 45" names, if any."""
    label = label.strip()
    minute = _MINUTE.match(label)
    if minute:
        return next((i for i in items if i.front.minute == int(minute[1])), None)
    return next((i for i in items if i.raw.label == label.upper()), None)


def _labels(items: Sequence[CheckedItem]) -> str:
    return ", ".join(i.raw.label for i in items) or "none: the meeting has no items yet"


def _time_of(value: Any) -> dt.time | None:
    """A meeting's start or end as a time, or None where it is not one
    (not given, or "not recorded")."""
    return value if isinstance(value, dt.time) else None


def entries(attendance: schema.Attendance) -> Iterator[tuple[str, int, Any]]:
    """(group, position, entry) of every attendee and substitute."""
    for group in schema.Attendance.model_fields:
        for i, entry in enumerate(getattr(attendance, group)):
            yield group, i, entry


def _outside(time: dt.time, front: schema.MeetingFront) -> str | None:
    """Why ``time`` cannot be during the meeting, if it cannot."""
    start, end = _time_of(getattr(front, "start", None)), _time_of(getattr(front, "end", None))
    if start and time < start:
        return f"is before the meeting started ({start:%H:%M})"
    if end and time > end:
        return f"is after the meeting ended ({end:%H:%M})"
    return None


def check_meeting(meeting: CheckedMeeting, need: Need, errors: list[ContentError],
                  people: set[str] | None = None) -> None:
    """Comings and goings on meeting.md, and its procedural events.
    ``people``: the ids people.yaml declares (None when it could not be read)."""
    _check_comings(meeting, errors)
    _check_events(meeting, need, errors, people)


def _check_comings(meeting: CheckedMeeting, errors: list[ContentError]) -> None:
    front, source = meeting.front, meeting.raw.source
    rel, located = source.rel, source.front
    for group, i, entry in entries(front.attendance):
        loc = ("attendance", group, i)
        if group in NOT_THERE:
            for name in ("arrived", "left", "left_before"):
                if getattr(entry, name, None) is not None:
                    errors.append(ContentError(
                        rel, located.line(loc + (name,)), field_name(loc + (name,)),
                        f"'{name}:' is given for someone listed under '{group}', who did not "
                        f"attend: remove '{name}:', or move them to 'present'"))
            continue
        for name in ("arrived", "left"):
            time = getattr(entry, name)
            problem = _outside(time, front) if time else None
            if problem:
                errors.append(ContentError(
                    rel, located.line(loc + (name,)), field_name(loc + (name,)),
                    f"{time:%H:%M} {problem}: correct '{name}:' (times are on the 24-hour "
                    "clock, so 8.15pm is 20:15), or the meeting's 'start:' or 'end:'"))
        if entry.left_before is not None and find_item(meeting.items, entry.left_before) is None:
            errors.append(ContentError(
                rel, located.line(loc + ("left_before",)), field_name(loc + ("left_before",)),
                f"this meeting has no item '{entry.left_before}': write the agenda number of "
                f"the first item they missed, one of {_labels(meeting.items)}"))


def _check_events(meeting: CheckedMeeting, need: Need, errors: list[ContentError],
                  people: set[str] | None = None) -> None:
    front, source = meeting.front, meeting.raw.source
    rel, located = source.rel, source.front
    there = attending(meeting)
    for i, event in enumerate(front.events):
        loc = ("events", i)
        need("person", event.person, rel, located, loc + ("person",))
        if people is not None and event.person in people and event.person not in there:
            errors.append(ContentError(
                rel, located.line(loc + ("person",)), field_name(loc + ("person",)),
                f"'{event.person}' {EVENT_VERBS.get(event.event, 'is named')} but is not listed as "
                "attending this meeting: add them to 'attendance:' (or to the item's "
                "'attendance:'), or correct 'person:'"))
        problem = _outside(event.time, front) if event.time else None
        if problem:
            errors.append(ContentError(
                rel, located.line(loc + ("time",)), field_name(loc + ("time",)),
                f"{event.time:%H:%M} {problem}: correct 'time:' (times are on the 24-hour "
                "clock, so 7.05pm is 19:05), or the meeting's 'start:' or 'end:'"))
        if event.item is not None and find_item(meeting.items, event.item) is None:
            errors.append(ContentError(
                rel, located.line(loc + ("item",)), field_name(loc + ("item",)),
                f"this meeting has no item '{event.item}': write the agenda number of an "
                f"item of this meeting, one of {_labels(meeting.items)}"))
    open_: dict[tuple[str, str | None], int] = {}  # (event, person) -> how many are still open
    for i, event in in_time_order(front.events):
        person = event.person if event.event in ("left-room", "returned") else None
        if event.event in PAIRS.values():
            open_[(event.event, person)] = open_.get((event.event, person), 0) + 1
        before = PAIRS.get(event.event)
        if before is None:
            continue
        if open_.get((before, person), 0) > 0:
            open_[(before, person)] -= 1
            continue
        loc = ("events", i, "event")
        whose = f" by '{person}'" if person else ""
        when = f"at {event.time:%H:%M}" if event.time else "(time not recorded)"
        errors.append(ContentError(
            rel, located.line(loc), field_name(loc),
            f"'{event.event}' {when} has no '{before}'{whose} before it: add "
            f"the '{before}' event with its time, or correct this event's time"))


def in_time_order(events: Sequence[Any]) -> list[tuple[int, Any]]:
    """(position, event) in time order. An event whose time is not recorded
    stays after the event written before it."""
    keys, last = [], dt.time.min
    for event in events:
        last = event.time or last
        keys.append(last)
    order = sorted(range(len(events)), key=lambda i: keys[i])
    return [(i, events[i]) for i in order]


EVENT_VERBS = {"left-room": "left the room", "returned": "returned to the room"}


def attending(meeting: CheckedMeeting) -> set[str]:
    """Everyone listed as there: at the meeting, or for one of its items."""
    there = {entry.person for group, _, entry in entries(meeting.front.attendance)
             if group not in NOT_THERE and entry.person}
    for item in meeting.items:
        for group in schema.ItemAttendance.model_fields:
            there |= {e.person for e in getattr(item.front.attendance, group) if e.person}
    return there


def check_item(meeting: CheckedMeeting, item: CheckedItem, need: Need,
               errors: list[ContentError]) -> None:
    """An item's own attendance, and its named votes against who had left."""
    rel, located, front = item.raw.source.rel, item.raw.source.front, item.front
    for group in schema.ItemAttendance.model_fields:
        for i, entry in enumerate(getattr(front.attendance, group)):
            loc = ("attendance", group, i)
            need("person", entry.person, rel, located, loc + ("person",))
            if entry.left_before is not None:
                errors.append(ContentError(
                    rel, located.line(loc + ("left_before",)), field_name(loc + ("left_before",)),
                    "'left_before:' is for the meeting's attendance, and this entry is there for "
                    "this item only: remove 'left_before:' (write 'left:' with a time if they left "
                    "during the item)"))
            for name in ("arrived", "left"):
                time = getattr(entry, name)
                problem = _outside(time, meeting.front) if time else None
                if problem:
                    errors.append(ContentError(
                        rel, located.line(loc + (name,)), field_name(loc + (name,)),
                        f"{time:%H:%M} {problem}: correct '{name}:' (times are on the 24-hour "
                        "clock, so 8.15pm is 20:15), or the meeting's 'start:' or 'end:'"))
    departed = left_by(meeting, item)
    for where, vote in all_votes(front):
        for side in ("for", "against", "abstain"):
            value = getattr(vote, "for_" if side == "for" else side, None)
            for j, pid in enumerate(value if isinstance(value, list) else []):
                if pid not in departed:
                    continue
                loc = where + (side, j)
                gone = departed[pid]
                errors.append(ContentError(
                    rel, located.line(loc), field_name(loc),
                    f"'{pid}' voted but left the meeting before item {gone} (meeting.md, "
                    f"'left_before: {gone}'): remove them from this vote, or correct "
                    "'left_before:' in meeting.md"))


def left_by(meeting: CheckedMeeting, item: CheckedItem) -> dict[str, str]:
    """Who had left the meeting before ``item`` was taken: person id -> the
    agenda number of the first item they missed (that item or an earlier one).
    Someone listed twice (in two capacities) has left only when every entry says so."""
    order = (item.raw.number, item.raw.letter)
    gone: dict[str, str] = {}
    stayed: set[str] = set()
    for group, _, entry in entries(meeting.front.attendance):
        if group in NOT_THERE or not entry.person:
            continue
        missed = find_item(meeting.items, entry.left_before) if entry.left_before else None
        if missed is not None and (missed.raw.number, missed.raw.letter) <= order:
            gone.setdefault(entry.person, missed.raw.label)
        else:
            stayed.add(entry.person)
    return {pid: label for pid, label in gone.items() if pid not in stayed}
