"""Attendance statistics, as councils publish them: for each member, each
municipal year, per committee and in all, the meetings they were expected at
and whether they were present, sent apologies or were absent.

The rule (docs/content-format.md, "Attendance statistics"):

- Only meetings that were held count: those with minutes (draft, approved or
  minutes whose approval is not recorded). A scheduled meeting, one with only
  an agenda and a cancelled one never count.
- A member is expected at a held meeting when its attendance lists them as
  present, a substitute (the one who came), attending virtually, apologies or
  absent; or names them in a substitute's ``for:`` (the member replaced). The
  membership in committees.yaml is today's, not the membership on the day, so
  it is not used: a member the minutes do not list was not expected.
- Present: ``present``, and a substitute who came (counted for themselves);
  ``attending_virtually`` only when MINUTEBOOK_REMOTE_COUNTS_AS_PRESENT is
  True, otherwise counted as "remote" (expected, not present).
- Apologies: ``apologies``, and a member replaced by a substitute who is not
  listed in any other group (sending a substitute is sending apologies).
- Absent: ``absent``.
- ``also_present`` and ``in_attendance`` are not members at that meeting and
  never count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from minutebook.content.settingscheck import REMOTE_COUNTS_AS_PRESENT
from minutebook.model.objects import Committee, Meeting, Person, Site

COUNTED_GROUPS = ("present", "substitutes", "attending_virtually", "apologies", "absent")


@dataclass
class Tally:
    """One member's figures, at one committee or at all of them."""

    expected: int = 0
    present: int = 0
    apologies: int = 0
    absent: int = 0
    remote: int = 0  # attended virtually, not counted as present

    @property
    def percent(self) -> int:
        """Present as a whole percentage of expected (0 when none was expected)."""
        return round(100 * self.present / self.expected) if self.expected else 0

    def add(self, outcome: str) -> None:
        self.expected += 1
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass
class MemberAttendance:
    """A member's figures for a municipal year: per committee, by name, and in all."""

    person: Person
    committees: list[tuple[Committee, Tally]] = field(default_factory=list)
    total: Tally = field(default_factory=Tally)


@dataclass
class CommitteeAttendance:
    """A committee's table for a municipal year: its members' figures, by name."""

    committee: Committee
    meetings: int  # held in the year
    rows: list[tuple[Person, Tally]] = field(default_factory=list)


@dataclass
class AttendanceYear:
    """The statistics of one municipal year ("2024 to 2025")."""

    first: int
    name: str
    committees: list[CommitteeAttendance]
    members: list[MemberAttendance]


def held(meeting: Meeting) -> bool:
    """Whether the meeting took place: it has minutes."""
    return meeting.has_minutes


def outcomes(meeting: Meeting, remote_counts: bool) -> dict[str, tuple[Person, str]]:
    """Each member expected at a held meeting, by person id, with what they did
    ("present", "apologies", "absent" or "remote"); none for a meeting not held."""
    if not held(meeting):
        return {}
    found: dict[str, tuple[Person, str]] = {}
    replaced: list[Person] = []
    for group in meeting.attendance:
        if group.key not in COUNTED_GROUPS:
            continue
        for attendee in group.attendees:
            if attendee.person is None:
                continue
            outcome = {"substitutes": "present", "attending_virtually": "present" if remote_counts else "remote"
                       }.get(group.key, group.key)
            found.setdefault(attendee.person.id, (attendee.person, outcome))
            if attendee.substitute_for is not None:
                replaced.append(attendee.substitute_for)
    for person in replaced:
        found.setdefault(person.id, (person, "apologies"))
    return found


def attendance_years(site: Site) -> list[AttendanceYear]:
    """The statistics of every municipal year with a held meeting, newest first."""
    remote_counts = site.settings.get(REMOTE_COUNTS_AS_PRESENT) is True
    # year -> committee id -> person id -> tally
    tallies: dict[str, dict[str, dict[str, Tally]]] = {}
    meetings_held: dict[tuple[str, str], int] = {}
    for meeting in site.meetings:
        if not held(meeting):
            continue
        key = (meeting.municipal_year, meeting.committee.id)
        meetings_held[key] = meetings_held.get(key, 0) + 1
        by_person = tallies.setdefault(meeting.municipal_year, {}).setdefault(meeting.committee.id, {})
        for person_id, (_, outcome) in outcomes(meeting, remote_counts).items():
            by_person.setdefault(person_id, Tally()).add(outcome)
    years = []
    for name, by_committee in tallies.items():
        committees, members = [], {}
        for committee_id, by_person in sorted(by_committee.items(),
                                              key=lambda c: site.committees[c[0]].name):
            committee = site.committees[committee_id]
            rows = sorted(((site.people[p], t) for p, t in by_person.items()), key=lambda r: r[0].name)
            committees.append(CommitteeAttendance(committee, meetings_held[(name, committee_id)], rows))
            for person, tally in rows:
                member = members.setdefault(person.id, MemberAttendance(person))
                member.committees.append((committee, tally))
                for part in ("expected", "present", "apologies", "absent", "remote"):
                    setattr(member.total, part, getattr(member.total, part) + getattr(tally, part))
        years.append(AttendanceYear(int(name[:4]), name, committees,
                                    sorted(members.values(), key=lambda m: m.person.name)))
    return sorted(years, key=lambda y: y.first, reverse=True)
