"""Who submitted and who presented an item, in the model: a person's id
links the item to the person's page ("Reports submitted", "Reports
presented"); text is kept as written (see content/bylines.py).

An exempt item's ``submitted_by`` and ``presented_by`` are in its own file,
and like everything else in it never reach the model (``assemble._item``).
"""

from __future__ import annotations

from minutebook.content import schema
from minutebook.content.bylines import read_byline
from minutebook.model import objects as model


def set_bylines(item: model.AgendaItem, front: schema.ItemFront, people: dict[str, model.Person]) -> None:
    """Set an open item's ``submitted_by`` (text, or the person's name),
    ``submitted_by_person``, ``presenters`` and ``presented_by`` (the people
    among them). The check has refused id-shaped values not in people.yaml."""
    if front.submitted_by is not None:
        byline = read_byline(front.submitted_by, people)
        person = people[byline.person] if byline.person else None
        item.submitted_by_person = person
        item.submitted_by = person.name if person else byline.text
    for value in front.presented_by:
        byline = read_byline(value, people)
        item.presenters.append(people[byline.person] if byline.person else byline.text or value)
    item.presented_by = [p for p in item.presenters if isinstance(p, model.Person)]


def link_bylines(site: model.Site) -> None:
    """Each person's ``reports_submitted`` and ``items_presented``: newest
    meeting first, in agenda order within a meeting."""
    for meeting in reversed(site.meetings):
        for item in meeting.items:
            if item.submitted_by_person is not None:
                item.submitted_by_person.reports_submitted.append(item)
            for person in dict.fromkeys(item.presented_by):  # named twice, listed once
                person.items_presented.append(item)
