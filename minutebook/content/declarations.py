"""Declarations of interest: their categories, and the checks that need the
whole meeting (the items it has, who sent apologies) or the council's own
categories in ``interest-kinds.yaml``.

A declaration is written in an item's file (it concerns that item) or in
``meeting.md`` (``item:`` names the item by its agenda number, or it
concerns none). ``kind:`` is one of the built-in categories of the model
code of conduct or one the council declares; hyphens and spaces are the
same (``other registrable`` is ``other-registrable``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from minutebook.content import schema
from minutebook.content.errors import ContentError, field_name

if TYPE_CHECKING:
    from minutebook.content.source import Located
    from minutebook.content.validate import CheckedMeeting, CheckedTree

REGISTRY_FILE = "interest-kinds.yaml"


@dataclass(frozen=True)
class InterestKind:
    """A category of interest: its id, how pages name it, and what it covers (Markdown)."""

    id: str
    label: str
    description: str = ""


# The categories of the Local Government Association's model code of conduct (2020).
BUILT_IN_KINDS: dict[str, InterestKind] = {k.id: k for k in (
    InterestKind("disclosable-pecuniary", "Disclosable pecuniary interest"),
    InterestKind("other-registrable", "Other registrable interest"),
    InterestKind("non-registrable", "Non-registrable interest"),
    InterestKind("other", "Other interest"),
)}


def kind_key(written: str) -> str:
    """``Other Registrable`` and ``other-registrable`` are the same category."""
    return re.sub(r"[\s_-]+", "-", written.strip().lower())


def known_kinds(registry: dict[str, schema.InterestKindEntry]) -> dict[str, InterestKind]:
    """The built-in categories and the council's, by id; the council's entry
    for a built-in id changes how that category is named."""
    kinds = dict(BUILT_IN_KINDS)
    for kind_id, entry in registry.items():
        kinds[kind_id] = InterestKind(kind_id, entry.label, entry.description or "")
    return kinds


def kind_of(written: str, kinds: dict[str, InterestKind]) -> InterestKind | None:
    return kinds.get(kind_key(written))


def _as_written(kind_id: str) -> str:
    """A category as the docs write it (``disclosable pecuniary``, ``non-registrable``)."""
    return {"disclosable-pecuniary": "disclosable pecuniary",
            "other-registrable": "other registrable"}.get(kind_id, kind_id)


# ---- the check -------------------------------------------------------------------


def _declarations(meeting: CheckedMeeting) -> Iterator[tuple[str, Located, tuple, schema.Declaration, bool]]:
    """(file, located front matter, location, declaration, whether in meeting.md)
    of every declaration of a meeting, meeting.md's first."""
    source = meeting.raw.source
    for i, declaration in enumerate(meeting.front.declarations):
        yield source.rel, source.front, ("declarations", i), declaration, True
    for item in meeting.items:
        for i, declaration in enumerate(item.front.declarations):
            yield item.raw.source.rel, item.raw.source.front, ("declarations", i), declaration, False


def check_declarations(checked: CheckedTree, errors: list[ContentError]) -> None:
    """Every declaration's category is known, its ``item:`` is an item of the
    meeting, and its member was not listed as sending apologies or absent."""
    kinds = known_kinds(checked.interest_kinds)
    # a mistake in interest-kinds.yaml is reported there, not again at every declaration
    # using it: None, the file could not be read; otherwise every id it declares
    declared = checked.declared.get("interest_kinds", set())
    for meeting in checked.meetings:
        away = _not_there(meeting)
        for rel, located, loc, declaration, in_meeting_file in _declarations(meeting):
            if declared is not None and kind_key(declaration.kind) not in declared \
                    and kind_of(declaration.kind, kinds) is None:
                _unknown_kind(declaration.kind, kinds, rel, located, loc + ("kind",), errors)
            if declaration.person in away:
                _not_at_meeting(declaration.person, away[declaration.person], meeting, rel,
                                located, loc + ("person",), errors)
            if declaration.item is not None and not in_meeting_file:
                errors.append(ContentError(
                    rel, located.line(loc + ("item",)), field_name(loc + ("item",)),
                    "a declaration in an item's file concerns that item: remove 'item:' (it is "
                    "written only on declarations in meeting.md)"))
            elif declaration.item is not None:
                _check_item(declaration.item, meeting, rel, located, loc + ("item",), errors)


def _not_there(meeting: CheckedMeeting) -> dict[str, str]:
    """Members listed under apologies or absent, with the group's name."""
    attendance = meeting.front.attendance
    away: dict[str, str] = {}
    for group in ("apologies", "absent"):
        for entry in getattr(attendance, group):
            if entry.person:
                away.setdefault(entry.person, group)
    # one also listed as present (a mistake the attendance check reports) is not reported again
    present = {a.person for a in attendance.present} | {s.person for s in attendance.substitutes}
    return {pid: group for pid, group in away.items() if pid not in present}


def _unknown_kind(written: str, kinds: dict[str, InterestKind], rel: str, located: Located,
                  loc: tuple, errors: list[ContentError]) -> None:
    names = [_as_written(k) for k in kinds]
    # only a slip of spelling: "pecuniary" is a category of its own, not "disclosable pecuniary"
    close = difflib.get_close_matches(written.strip().lower(), names, n=1, cutoff=0.8)
    hint = f"did you mean '{close[0]}'? " if close else ""
    example = kind_key(written).strip("-") or "pecuniary"
    errors.append(ContentError(
        rel, located.line(loc), field_name(loc),
        f"'{written}' is not a category of interest this site knows: {hint}write one of "
        f"{', '.join(names)}, or, if your council's code of conduct has this category, add it "
        f"to {REGISTRY_FILE}: a line '{example}:' with 'label: ...' indented below it"))


def _not_at_meeting(person: str, group: str, meeting: CheckedMeeting, rel: str, located: Located,
                    loc: tuple, errors: list[ContentError]) -> None:
    said = "sent apologies for" if group == "apologies" else "is listed as absent from"
    errors.append(ContentError(
        rel, located.line(loc), field_name(loc),
        f"'{person}' {said} this meeting (attendance.{group} in meeting.md), so cannot have "
        "declared an interest at it: remove the declaration, or, if they attended, move them "
        f"from '{group}:' to 'present:' in {meeting.raw.rel}/meeting.md"))


def _check_item(number: str, meeting: CheckedMeeting, rel: str, located: Located, loc: tuple,
                errors: list[ContentError]) -> None:
    # every item file found, checked without a mistake or not
    labels = [item.label for item in sorted(meeting.raw.items, key=lambda i: (i.number, i.letter))]
    if number in labels:
        return
    if not labels:
        message = (f"this meeting has no agenda items, so none is numbered {number}: add the "
                   "item's file to the meeting's folder, or remove 'item:'")
    else:
        message = (f"no item {number} at this meeting: write the agenda number of one of its "
                   f"items, {', '.join(labels)}, or remove 'item:' if the interest concerns no "
                   "one item")
    errors.append(ContentError(rel, located.line(loc), field_name(loc), message))
