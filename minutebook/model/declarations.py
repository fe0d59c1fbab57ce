"""Declarations of interest in the model: written in an item's file, or in
meeting.md (tied to an item by its agenda number, or to none).

A meeting.md declaration tied to an open item joins that item's
``declarations`` (so its page shows it); one tied to an exempt item is
shown on the meeting's and the member's pages only, since an exempt item's
page shows nothing but its title and reason. The declarations in an exempt
item's own file never reach the model (``assemble._item``).
"""

from __future__ import annotations

from minutebook.content import schema
from minutebook.content.declarations import kind_key, known_kinds
from minutebook.content.markup import render_markdown
from minutebook.model import objects as model

ROOM = {True: "left", False: "stayed", "conditional": "conditional", None: None}


def interest_kinds(registry: dict[str, schema.InterestKindEntry]) -> dict[str, model.InterestKind]:
    """Every category of interest the site knows, by id, descriptions rendered."""
    return {k.id: model.InterestKind(k.id, k.label, render_markdown(k.description) if k.description else "")
            for k in known_kinds(registry).values()}


def declaration(site: model.Site, written: schema.Declaration, meeting: model.Meeting,
                item: model.AgendaItem | None, in_meeting_file: bool = False) -> model.Declaration:
    # the check has made sure the category is known: "other" is a last resort never reached
    kind = site.interest_kinds.get(kind_key(written.kind)) or model.InterestKind("other", "Other interest")
    return model.Declaration(
        site.people[written.person], written.interest, kind.id, written.left_room is True, item,
        kind_label=kind.label, kind_description_html=kind.description_html,
        room=ROOM[written.left_room], action=written.action, meeting=meeting,
        in_meeting_file=in_meeting_file)


def item_declarations(site: model.Site, item: model.AgendaItem,
                      written: list[schema.Declaration]) -> list[model.Declaration]:
    """The declarations written in an (open) item's own file."""
    return [declaration(site, d, item.meeting, item) for d in written]


def meeting_declarations(site: model.Site, meeting: model.Meeting,
                         written: list[schema.MeetingDeclaration]) -> list[model.Declaration]:
    """The declarations written in meeting.md, each added to its open item's
    own list too. Call once the meeting's items are made."""
    by_number = {item.number: item for item in meeting.items}
    made = []
    for entry in written:
        item = by_number.get(entry.item) if entry.item else None
        found = declaration(site, entry, meeting, item, in_meeting_file=True)
        if item is not None and not item.exempt:
            item.declarations.append(found)
        made.append(found)
    return made
