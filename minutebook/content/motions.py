"""The check of motions, amendments and votes that needs more than one field:
people named, members on two sides, ids, and the marker lines that place a
motion or vote in the minutes (``markers``). What one vote says of itself
(stated counts against names, "not recorded") is checked by the schema.

``validate`` calls ``check_item_motions`` for every item; this module does not
import ``validate`` (the caller hands in how to check a person's id).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from minutebook.content import schema
from minutebook.content.errors import ContentError, field_name
from minutebook.content.markers import marker_mistakes
from minutebook.content.source import Located, SourceFile

# refs.need("person", id, rel, located, loc): reports an id no registry declares
NeedPerson = Callable[[str, str | None, str, Located, tuple], None]
SIDES = (("for", "for_"), ("against", "against"), ("abstain", "abstain"))


def all_votes(front: schema.ItemFront) -> Iterator[tuple[tuple, schema.Vote]]:
    """Every vote of an item, with where it is written: the item's ``votes:``,
    each motion's and each amendment's ``vote:``."""
    for i, vote in enumerate(front.votes):
        yield ("votes", i), vote
    for i, motion in enumerate(front.motions):
        for k, amendment in enumerate(motion.amendments):
            if amendment.vote is not None:
                yield ("motions", i, "amendments", k, "vote"), amendment.vote
        if motion.vote is not None:
            yield ("motions", i, "vote"), motion.vote


def motion_ids(front: schema.ItemFront) -> Iterator[tuple[tuple, str]]:
    """Ids a ``[[motion ID]]`` line may name: motions and amendments."""
    for i, motion in enumerate(front.motions):
        if motion.id:
            yield ("motions", i, "id"), motion.id
        for k, amendment in enumerate(motion.amendments):
            if amendment.id:
                yield ("motions", i, "amendments", k, "id"), amendment.id


def check_item_motions(front: schema.ItemFront, source: SourceFile, voters: set[str],
                       people: set[str] | None, need: NeedPerson,
                       errors: list[ContentError]) -> None:
    """Every mistake in an item's motions, amendments, votes and markers."""
    rel, located = source.rel, source.front

    def add(loc: tuple, message: str) -> None:
        at = located.written(loc)
        errors.append(ContentError(rel, located.line(at), field_name(at), message))

    for i, motion in enumerate(front.motions):
        _check_movers(motion, ("motions", i), rel, located, need, add)
        for k, amendment in enumerate(motion.amendments):
            _check_movers(amendment, ("motions", i, "amendments", k), rel, located, need, add)
    for loc, vote in all_votes(front):
        _check_sides(vote, loc, rel, located, voters, people, need, add, named_checked=loc[0] == "votes")
    _check_ids(front, add)
    _check_markers(front, source, errors)


def _check_movers(entry: schema.Motion | schema.Amendment, loc: tuple, rel: str, located: Located,
                  need: NeedPerson, add: Callable[[tuple, str], None]) -> None:
    for role in ("mover", "seconder"):
        who = getattr(entry, role)
        if who is not None and who.person:
            full = located.written(loc + (role, "person"))  # "mover: {person: ...}"
            need("person", who.person, rel, located,
                 full if full in located.lines else located.written(loc + (role,)))
    mover, seconder = entry.mover, entry.seconder
    if mover and seconder and (mover.person or mover.name) == (seconder.person or seconder.name):
        add(loc + ("seconder",), f"'{seconder.person or seconder.name}' is both mover and seconder: "
            "a motion is seconded by another member; correct 'mover:' or 'seconder:'")


def _check_sides(vote: schema.Vote, loc: tuple, rel: str, located: Located, voters: set[str],
                 people: set[str] | None, need: NeedPerson, add: Callable[[tuple, str], None],
                 named_checked: bool) -> None:
    """Named voters are declared and present (the item's own ``votes:`` are
    checked so by ``validate``), and no member is on two sides of one vote."""
    seen: dict[str, str] = {}
    for side, attribute in SIDES:
        value = getattr(vote, attribute)
        for j, pid in enumerate(value if isinstance(value, list) else []):
            here = loc + (side, j)
            if not named_checked:
                need("person", pid, rel, located, located.written(here))
                if pid in (people or ()) and pid not in voters:
                    add(here, f"'{pid}' voted but is not listed as present or as a substitute in "
                        "meeting.md: add them to attendance.present, or correct the vote")
            if pid in seen:
                add(here, f"'{pid}' is also listed under '{seen[pid]}' in this vote: a member "
                    "votes one way only; remove them from one side")
            else:
                seen[pid] = side


def _check_ids(front: schema.ItemFront, add: Callable[[tuple, str], None]) -> None:
    """Motion and amendment ids, and vote ids, are each used once in an item."""
    for ids in (list(motion_ids(front)),
                [(loc + ("id",), vote.id) for loc, vote in all_votes(front) if vote.id]):
        first: dict[str, tuple] = {}
        for loc, value in ids:
            if value in first:
                add(loc, f"the id '{value}' is also given at {field_name(first[value])}: give "
                    "each motion, amendment and vote of an item its own id")
            first.setdefault(value, loc)


def _check_markers(front: schema.ItemFront, source: SourceFile, errors: list[ContentError]) -> None:
    """Each marker line names a motion or vote of this item, once, in the minutes."""
    known = {"motion": {value for _, value in motion_ids(front)},
             "vote": {vote.id for _, vote in all_votes(front) if vote.id}}
    for line, message in marker_mistakes(source.body, source.body_line, known):
        errors.append(ContentError(source.rel, line, "text", message))


def motion_texts(items: list[tuple[schema.ItemFront, SourceFile]]) -> list[tuple[str, int, str, str]]:
    """(file, line, Markdown, field) of every motion's and amendment's text of these
    (open) items, for the sanitiser's warnings. A text written as a block
    ("text: |") starts on the line below its field."""
    found = []
    for front, source in items:
        located = source.front
        for i, motion in enumerate(front.motions):
            entries = [(("motions", i), motion)]
            entries += [(("motions", i, "amendments", k), a) for k, a in enumerate(motion.amendments)]
            for loc, entry in entries:
                if entry.text:
                    at = located.written(loc + ("text",))
                    found.append((source.rel, located.text_line(at), entry.text, field_name(at)))
    return found
