"""The model's objects name themselves in a line: a failing assertion on the
sample model prints them, and their relations run both ways (a meeting's
items know their meeting), so a repr that followed them would print the
whole site over and over, growing until the machine runs out of memory."""

from __future__ import annotations

import dataclasses

from minutebook.model.objects import Site


def model_objects(site: Site) -> list[object]:
    """Every dataclass object the model reaches from the site, each once."""
    seen: dict[int, object] = {}
    todo: list[object] = [site]
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            todo.extend(value.values())
        elif isinstance(value, list | tuple):
            todo.extend(value)
        elif dataclasses.is_dataclass(value) and id(value) not in seen:
            seen[id(value)] = value
            todo.extend(getattr(value, f.name) for f in dataclasses.fields(value) if f.name != "settings")
    return list(seen.values())


def test_every_object_of_the_sample_model_has_a_short_repr(sample_model):
    objects = model_objects(sample_model)
    kinds = {type(o).__name__ for o in objects}
    assert {"Site", "Committee", "Meeting", "AgendaItem", "Person", "Member", "Document", "Vote",
            "AttendanceRecord", "Numbered", "History"} <= kinds
    long = [(type(o).__name__, len(text), text[:80]) for o in objects if len(text := repr(o)) >= 200]
    assert long == []


def test_a_repr_names_the_object(sample_model):
    meeting = next(m for m in sample_model.meetings if m.key == "executive/2024-03-05")
    item = next(i for i in meeting.items if i.slug == "exploitation-annual-update")
    assert repr(meeting) == "<Meeting executive/2024-03-05>"
    assert repr(item) == f"<AgendaItem executive/2024-03-05 {item.number}>"
    assert repr(meeting.committee) == "<Committee executive>"
    person = item.presented_by[0] if item.presented_by else next(iter(sample_model.people.values()))
    assert repr(person) == f"<Person {person.id}>"
