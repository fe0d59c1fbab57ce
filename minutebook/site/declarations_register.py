"""The register of declarations of interest: every declaration made at a
meeting, one municipal year to a page, by meeting and by member.

The declarations are the meetings' own (``Meeting.declarations``): those
written in meeting.md and those in open items' files. A declaration written
in an exempt item's own file never reaches the model (``assemble._item``),
so it is in no register; one written in meeting.md about an exempt item is
published there, as on the meeting's page (docs/content-format.md,
"Declarations in meeting.md").
"""

from __future__ import annotations

from dataclasses import dataclass

from minutebook.model.objects import Declaration, Meeting, Person, Site


@dataclass(frozen=True)
class DeclarationsYear:
    """One municipal year of the register: its first calendar year, its name
    ("2026 to 2027") and its declarations, newest meeting first and in each
    meeting as its page lists them."""

    first: int
    name: str
    declarations: list[Declaration]

    @property
    def by_meeting(self) -> list[tuple[Meeting, list[Declaration]]]:
        """Each meeting with a declaration, newest first, with its declarations."""
        found: dict[int, tuple[Meeting, list[Declaration]]] = {}
        for declaration in self.declarations:
            meeting = declaration.meeting
            assert meeting is not None  # every declaration is made at a meeting
            found.setdefault(id(meeting), (meeting, []))[1].append(declaration)
        return list(found.values())

    @property
    def by_member(self) -> list[tuple[Person, list[Declaration]]]:
        """Each member who declared an interest, by name, with their declarations, newest first."""
        found: dict[str, tuple[Person, list[Declaration]]] = {}
        for declaration in self.declarations:
            found.setdefault(declaration.person.id, (declaration.person, []))[1].append(declaration)
        return sorted(found.values(), key=lambda entry: (entry[0].name, entry[0].id))

    @property
    def meetings(self) -> int:
        """How many meetings had a declaration."""
        return len({id(d.meeting) for d in self.declarations})


def declarations_years(site: Site) -> list[DeclarationsYear]:
    """Every municipal year in which an interest was declared, newest first."""
    years: dict[str, list[Declaration]] = {}
    for meeting in reversed(site.meetings):  # newest first
        if meeting.declarations:
            years.setdefault(meeting.municipal_year, []).extend(meeting.declarations)
    return sorted((DeclarationsYear(int(name[:4]), name, found) for name, found in years.items()),
                  key=lambda year: year.first, reverse=True)


def room_text(declaration: Declaration) -> str:
    """What the member did, for the register's tables and the CSV: the
    minutes' words, or what ``left_room:`` says; "Not recorded" when neither."""
    return declaration.what_they_did or "Not recorded"
