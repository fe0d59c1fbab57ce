"""Scaffold a new meeting: ``invoke new-meeting --committee executive --date 2031-05-14``.

Writes the meeting's folder with ``meeting.md`` and the committee's standing
items, each with commented hints, so that what it writes passes the check and
builds into an agenda-published meeting page as it stands. It never
overwrites: a meeting that exists is left exactly as it is.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path

from minutebook.content.load import MEETING_DIR, MEETING_FILE, MEETINGS_DIR, REGISTRIES
from minutebook.content.source import SourceMistake, read_source, read_yaml_file

DEFAULT_START = "10:00"
DEFAULT_VENUE = "City Hall"


class ScaffoldRefused(Exception):
    """Why nothing was written, in words for the clerk."""


@dataclass
class StandingItem:
    slug: str
    title: str
    agenda: str
    recommendation: str | None = None


@dataclass
class Previous:
    """What the committee's last meeting before this one tells us."""

    date: dt.date
    start: str | None
    venue: str | None


def new_meeting(content: Path, committee: str, date: str, start: str = "", venue: str = "",
                folder_suffix: str = "") -> Path:
    """Write a new meeting folder and return it; raises ScaffoldRefused."""
    meeting_date = _parse_date(date)
    committee_name, members = _committee(content, committee)
    folder_name = meeting_date.isoformat() + (f"-{folder_suffix}" if folder_suffix else "")
    if not MEETING_DIR.match(folder_name):
        raise ScaffoldRefused(f"'{folder_suffix}' cannot end a folder name: use lowercase letters, "
                              "digits and hyphens, for example 'reconvened'")
    folder = content / MEETINGS_DIR / committee / folder_name
    if folder.exists():
        raise ScaffoldRefused(f"{folder} already exists: nothing was changed. Edit its files, or "
                              "give another date (or --suffix for a second meeting that day)")
    previous = _previous_meeting(content / MEETINGS_DIR / committee, meeting_date)
    files = {MEETING_FILE: _meeting_text(committee_name, members, meeting_date, previous, start, venue)}
    for number, item in enumerate(standing_items(previous), start=1):
        files[f"{number:02d}-{item.slug}.md"] = _item_text(item)
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ScaffoldRefused(f"'{text}' is not a date: write it as YYYY-MM-DD, for example 2031-05-14") from None


def _committee(content: Path, committee: str) -> tuple[str, list[tuple[str, str | None]]]:
    """The committee's name and its members as (person id, role)."""
    path = content / REGISTRIES["committees"]
    if not path.is_file():
        raise ScaffoldRefused(f"{path} does not exist: is '{content}' the content folder?")
    try:
        declared = read_yaml_file(path, REGISTRIES["committees"]).data or {}
    except SourceMistake as exc:
        raise ScaffoldRefused(f"{exc.error}\nCorrect committees.yaml first.") from None
    if committee not in declared:
        close = difflib.get_close_matches(committee, list(declared), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise ScaffoldRefused(f"no committee has the id '{committee}': {hint}use one of "
                              f"{', '.join(sorted(declared))} (from committees.yaml)")
    entry = declared[committee] if isinstance(declared[committee], dict) else {}
    members = [(m, None) if isinstance(m, str) else (_text(m.get("person")), _text(m.get("role")))
               for m in entry.get("members") or [] if isinstance(m, str | dict)]
    return str(entry.get("name") or committee), [(pid, role) for pid, role in members if pid]


def _previous_meeting(committee_dir: Path, date: dt.date) -> Previous | None:
    """The committee's latest meeting before ``date``, read leniently: a
    mistake in it is for the check to report, not a reason to refuse."""
    # (a meeting known only to its month has no "date" and is never the one before)
    earlier = sorted(p for p in committee_dir.glob("*") if p.is_dir() and (m := MEETING_DIR.match(p.name))
                     and m["date"] and dt.date.fromisoformat(m["date"]) < date) if committee_dir.is_dir() else []
    if not earlier:
        return None
    latest = earlier[-1]
    start = venue = None
    try:
        front = read_source(latest / MEETING_FILE, MEETING_FILE).front.data
        if isinstance(front, dict):
            start, venue = front.get("start"), front.get("venue")
    except (SourceMistake, OSError):
        pass
    return Previous(dt.date.fromisoformat(latest.name[:10]), _text(start), _text(venue))


def _text(value: object) -> str | None:
    """The value written, if any; "not recorded" is not carried into a new meeting."""
    text = value.strip() if isinstance(value, str) else ""
    return text if text and text.lower() != "not recorded" else None


def standing_items(previous: Previous | None) -> list[StandingItem]:
    """The items every ordinary meeting opens with."""
    items = [
        StandingItem("apologies-for-absence", "Apologies for absence",
                     "To receive apologies for absence from members."),
        StandingItem("disclosures-of-interest", "Disclosures of interest",
                     "To receive disclosures of interest from members on matters to be considered "
                     "at the meeting."),
    ]
    if previous is not None:
        held = f"{previous.date.day} {previous.date:%B %Y}"
        items.append(StandingItem(
            "minutes-of-the-previous-meeting", "Minutes of the previous meeting",
            f"The minutes of the meeting held on {held} are submitted for approval.",
            f"That the minutes of the meeting held on {held} be signed as a correct record."))
    return items


def _meeting_text(committee_name: str, members: list[tuple[str, str | None]], date: dt.date,
                  previous: Previous | None, start: str, venue: str) -> str:
    start = start or (previous.start if previous else None) or DEFAULT_START
    venue = venue or (previous.venue if previous else None) or DEFAULT_VENUE
    return f"""---
# {committee_name}, {date.day} {date:%B %Y}. Written by `invoke new-meeting`:
# check each field, then run `invoke check`. The format: docs/content-format.md.
#
# status: agenda-published now; draft-minutes once the meeting has taken place
# and the minutes are written; approved-minutes when a later meeting approves
# them (then add approved_at:, below). Or cancelled.
status: agenda-published
start: {_yaml_text(start)}  # 24-hour clock; add end: after the meeting
venue: {_yaml_text(venue)}
#
# After the meeting, the attendance (ids from people.yaml). The committee's
# members are listed: move each to present, apologies or absent.
# attendance:
#   present:
{_attendance_hint(members)}
#   apologies:
#     - person-id
#   in_attendance:
#     - officer-id
#
# The agenda pack and other papers: a file in this folder, or a link.
# documents:
#   - title: Agenda pack
#     file: agenda-pack.pdf
#
# When a later meeting approves these minutes:
# approved_at:
#   meeting: committee-id/YYYY-MM-DD
#   minute: 12
---
"""


def _attendance_hint(members: list[tuple[str, str | None]]) -> str:
    lines = [f"#     - person: {pid}\n#       role: {role}" if role else f"#     - {pid}"
             for pid, role in members]
    return "\n".join(lines) or "#     - person-id"


def _item_text(item: StandingItem) -> str:
    recommendation = (f"recommendations:\n  - {_yaml_text(item.recommendation)}\n"
                      if item.recommendation else "")
    return f"""---
title: {item.title}
# After the meeting: the minute number, and what was resolved.
# minute: 12
{recommendation}# resolutions:
#   - That ...
# and the minutes as text under a heading '## Minutes', after the agenda.
---
## Agenda

{item.agenda}
"""


def _yaml_text(value: str) -> str:
    """A value YAML reads back as the same text (quoted if it needs to be)."""
    plain = value and value == value.strip() and not value.startswith(tuple("!&*%@`'\"[]{}#|>-?:,"))
    if plain and ": " not in value and " #" not in value:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
