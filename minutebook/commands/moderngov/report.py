"""What an import did, told to the person who ran it: counts, what stayed as
text and why, what was skipped, and whether the tree passes the check."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    as_text: list[str] = field(default_factory=list)  # "where: what, and why"
    skipped: list[str] = field(default_factory=list)  # facts not imported, and why
    problems: list[str] = field(default_factory=list)  # pages that could not be had
    kept: list[str] = field(default_factory=list)  # clerks' edits left as they are
    check: list[str] = field(default_factory=list)  # the check's mistakes: what a clerk must decide
    checked: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and self.checked and not self.check

    def text(self) -> str:
        c = self.counts
        lines = [f"Imported {c['meetings']} meetings ({c['cancelled']} cancelled) with {c['items']} agenda items "
                 f"and {c['documents']} documents; {c['committees']} committees, {c['people']} people and "
                 f"{c['subjects']} subjects added.",
                 f"Files: {c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged, "
                 f"{c['kept-edit'] + c['not-ours']} left as a clerk wrote them; "
                 f"{c['registry entries updated']} registry entries brought up to date.",
                 f"Exempt: {c['exempt items']} items and {c['exempt documents']} documents recorded by title "
                 "and paragraph; no exempt document was requested."]
        for heading, entries in (("Kept as text, or for a clerk to complete", grouped(self.as_text)),
                                 ("Not imported", self.skipped),
                                 ("Left as a clerk changed them (not overwritten)", self.kept),
                                 ("Pages that could not be had (run the import again to complete it)", self.problems)):
            if entries:
                lines += ["", f"{heading}:"] + [f"  - {entry}" for entry in entries]
        lines.append("")
        if not self.checked:
            lines.append("The imported content was not checked.")
        elif self.check:
            lines += ["The imported content does not yet pass the check; a clerk must decide:"]
            lines += [f"  {mistake}" for mistake in self.check]
        else:
            lines.append("The imported content passes the check: no mistakes found.")
        return "\n".join(lines)


def grouped(entries: list[str], shown: int = 3) -> list[str]:
    """Entries saying the same of many meetings ("meetings/x/2025-01-01:
    status minutes...") said once, naming the first few meetings, so
    that the report of a large import stays readable."""
    wheres: dict[str, list[str]] = {}  # what -> the meetings it is said of (none: said of the import)
    for entry in entries:
        where, _, what = entry.partition(": ")
        if entry.startswith("meetings/") and what:
            wheres.setdefault(what, []).append(where)
        else:
            wheres.setdefault(entry, [])
    lines = []
    for what, places in wheres.items():
        if len(places) > shown:
            lines.append(f"{what} (in {len(places)} meetings: {', '.join(places[:shown])}, ...)")
        else:
            lines += [f"{place}: {what}" for place in places] or [what]
    return lines
