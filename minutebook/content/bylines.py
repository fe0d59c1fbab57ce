"""Who submitted an item's report and who presented it: ``submitted_by:``
and ``presented_by:`` name a person by their id in people.yaml, or are
written as text ("Strategic Director, Place") for an office or someone not
in people.yaml.

A value shaped like an id (lowercase words joined by hyphens, no spaces)
that is not in people.yaml is a mistake: most likely a mistyped id, which
written as text would quietly lose the link to the person's page.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from minutebook.content.errors import ContentError, field_name
from minutebook.content.source import Located

# lowercase words joined by hyphens, at least two of them, at least one letter:
# "richard-coates", "strategic-director-place"; not "Chief Executive" or "executive"
ID_SHAPED = re.compile(r"^(?=.*[a-z])[a-z0-9]+(?:-[a-z0-9]+)+$")
EXAMPLE_TEXT = "Strategic Director, Place"


@dataclass(frozen=True)
class Byline:
    """One value of ``submitted_by:`` or ``presented_by:`` as read: a person's
    id, or text as written."""

    person: str | None  # an id in people.yaml
    text: str | None  # written as text: an office, or someone not in people.yaml


class BylineMistake(ValueError):
    """A value shaped like an id that names no one in people.yaml."""


def looks_like_id(value: str) -> bool:
    """Whether ``value`` is written as an id would be: lowercase words joined by hyphens."""
    return bool(ID_SHAPED.match(value.strip()))


def read_byline(value: str, people: Collection[str]) -> Byline:
    """A person's id when ``value`` is one in ``people``; text when it is not
    shaped like an id; otherwise a ``BylineMistake`` saying what to write."""
    written = value.strip()
    if written in people:
        return Byline(written, None)
    if looks_like_id(written):
        close = difflib.get_close_matches(written, sorted(people), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise BylineMistake(f"no person has the id '{written}': {hint}use an id from people.yaml, or add "
                            "them there; for an office or someone not in people.yaml write the words "
                            f"with capitals and spaces, for example '{EXAMPLE_TEXT}'")
    return Byline(None, written)


def written_values(front: Any) -> list[tuple[tuple, str]]:
    """Each value of an item's ``submitted_by`` and ``presented_by``, with where it is written."""
    found: list[tuple[tuple, str]] = []
    if front.submitted_by is not None:
        found.append((("submitted_by",), front.submitted_by))
    found += [(("presented_by", i), value) for i, value in enumerate(front.presented_by)]
    return found


def check_bylines(front: Any, rel: str, located: Located, people: set[str] | None,
                  errors: list[ContentError]) -> None:
    """Report each id-shaped value of ``submitted_by`` and ``presented_by``
    that is not in people.yaml (nothing when people.yaml could not be read:
    that mistake is reported on its own)."""
    if people is None:
        return
    for loc, value in written_values(front):
        try:
            read_byline(value, people)
        except BylineMistake as mistake:
            # "presented_by" rather than "presented_by[0]" when one value was written without the list
            written = loc if isinstance((located.data or {}).get(loc[0]), list) else loc[:1]
            errors.append(ContentError(rel, located.line(loc), field_name(written), str(mistake)))
