"""Marker lines in the minutes: ``[[motion ID]]`` or ``[[vote ID]]`` on a line
of its own places that motion (with its vote table) or that vote exactly there.

The clerk's text is rendered and sanitised as any other (``markup``, the one
sanitiser); a marker line only becomes a paragraph of its own holding the
marker as plain text, so that it survives the sanitiser unchanged. The page
then splits the sanitised HTML at those paragraphs (``placed_paragraphs``) and
puts there the motion or vote as our templates build it, escaped: no HTML a
clerk wrote ever stands for a placed motion or vote.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

KINDS = ("motion", "vote")
# A marker line as the clerk writes it (spaces around it are forgiven).
MARKER_LINE = re.compile(r"^[ ]{0,3}\[\[(motion|vote)[ \t]+([^\]\s]+)[ \t]*\]\][ \t]*$")
# Anything that looks like a marker, wherever it is: for the check, which
# reports one written inside a paragraph (it would be published as text).
ANY_MARKER = re.compile(r"\[\[[ \t]*(motion|vote)\b[^\]\n]*\]\]", re.IGNORECASE)
# A marker's paragraph in the sanitised HTML.
PLACED = re.compile(r"<p>\[\[(motion|vote) ([a-z0-9]+(?:-[a-z0-9]+)*)\]\]</p>")

_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^(```|~~~)")


class _MarkerParagraphs(Preprocessor):
    """Each marker line becomes a paragraph of its own, written back in one
    form (``[[motion ID]]``), whatever the lines around it."""

    def run(self, lines: list[str]) -> list[str]:
        if not any("[[" in line for line in lines):
            return lines  # most minutes have no marker
        out: list[str] = []
        for line in lines:
            found = MARKER_LINE.match(line)
            if found is None:
                out.append(line)
            else:
                out += ["", f"[[{found.group(1)} {found.group(2)}]]", ""]
        return out


class MarkerLines(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # after "extra"'s fenced code (25) has set code blocks aside: a marker in code stays code
        md.preprocessors.register(_MarkerParagraphs(md), "minutebook-markers", 15)


def placed_paragraphs(html: str) -> Iterator[tuple[str, str | None, str | None]]:
    """The sanitised HTML in pieces: (HTML before a marker, its kind, its id),
    the last piece with no marker (kind and id None)."""
    start = 0
    for found in PLACED.finditer(html):
        yield html[start:found.start()], found.group(1), found.group(2)
        start = found.end()
    yield html[start:], None, None


def marker_lines(body: str, first_line: int) -> Iterator[tuple[int, str, str | None, str | None, str]]:
    """Every marker (or would-be marker) in an item's text:
    (line, section, kind, id, as written); kind and id are None for a marker
    not on a line of its own. Markers inside fenced code are left alone."""
    section = ""
    in_fence = False
    for number, line in enumerate(body.split("\n"), start=first_line):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        heading = _HEADING.match(line)
        if heading:
            section = heading.group(1).strip().capitalize()
            continue
        whole = MARKER_LINE.match(line)
        if whole:
            yield number, section, whole.group(1), whole.group(2), line.strip()
            continue
        for found in ANY_MARKER.finditer(line):
            yield number, section, None, None, found.group(0)


def marker_mistakes(body: str, first_line: int, known: dict[str, set[str]]) -> list[tuple[int, str]]:
    """(line, what to write instead) for each marker in an item's text that
    names no motion or vote of the item (``known``: kind -> ids), places one
    twice, is not on a line of its own, or is outside '## Minutes'."""
    found: list[tuple[int, str]] = []
    placed: dict[tuple[str, str], int] = {}
    for line, section, kind, ident, text in marker_lines(body, first_line):
        if kind is None or ident is None:
            found.append((line, f"'{text}' is inside a paragraph: put the marker on a line of its own, with "
                          "a blank line before and after it, where the motion or vote should appear"))
        elif section != "Minutes":
            found.append((line, f"'{text}' is not in the '## Minutes' section: a marker places a motion or "
                          "vote in the minutes; move it under '## Minutes'"))
        elif ident not in known.get(kind, set()):
            ids = sorted(known.get(kind, set()))
            close = difflib.get_close_matches(ident, ids, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? " if close else ""
            what = "motion or amendment" if kind == "motion" else "vote"
            found.append((line, f"no {what} of this item has the id '{ident}': {hint}give it 'id: {ident}' "
                          f"in the front matter, or write one of the ids given there ({', '.join(ids) or 'none'})"))
        elif (kind, ident) in placed:
            found.append((line, f"'{text}' is also placed on line {placed[(kind, ident)]}: a {kind} is shown "
                          "once; remove one of the two lines"))
        else:
            placed[(kind, ident)] = line
    return found
