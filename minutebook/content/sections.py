"""An item's text: the Markdown below its front matter, in two sections,
'## Agenda' (before the meeting) and '## Minutes' (after it)."""

from __future__ import annotations

import re

from minutebook.content.errors import ContentError

SECTIONS = ("Agenda", "Minutes")
# a meeting's statuses once it has minutes ("minutes": approval not known)
HAS_MINUTES = {"draft-minutes", "approved-minutes", "minutes"}

_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE_LINE = re.compile(r"^(```|~~~)")


def split_sections(body: str, first_line: int, rel: str, errors: list[ContentError],
                   heading_lines: dict[str, int] | None = None) -> dict[str, str]:
    """Split an item's Markdown at '## Agenda' and '## Minutes'; the line of
    each heading is noted in ``heading_lines``."""
    return cut(body, section_spans(body, first_line, rel, errors, heading_lines))


Spans = dict[str, tuple[int, int]]  # a section's name -> where its text is in the item's Markdown


def cut(body: str, spans: Spans) -> dict[str, str]:
    """Each section's text, cut from the Markdown it was found in."""
    return {name: body[start:end] for name, (start, end) in spans.items()}


def section_spans(body: str, first_line: int, rel: str, errors: list[ContentError],
                  heading_lines: dict[str, int] | None = None) -> Spans:
    """``split_sections``, giving where each section's text is in ``body``
    (the text of its lines, whitespace at its ends left out) rather than a
    copy of it: the checks hold an item's Markdown once, not twice."""
    if heading_lines is None:
        heading_lines = {}
    spans: Spans = {}
    current: str | None = None  # the section being read; "" one not kept, or text outside any
    start = offset = 0
    in_fence = False

    def close(end: int) -> None:
        if current:
            spans[current] = _trimmed(body, start, end)

    for number, line in enumerate(body.split("\n"), start=first_line):
        line_start, offset = offset, offset + len(line) + 1
        if _FENCE_LINE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            close(line_start)
            name = heading.group(1).strip().capitalize()
            if name not in SECTIONS:
                errors.append(ContentError(rel, number, "text", f"'## {heading.group(1)}' is "
                                           "not a section: an item's text has only '## Agenda' "
                                           "and '## Minutes'; use '###' for a heading inside "
                                           "them"))
                current = ""  # its text is not reported again as being outside a section
            elif name in spans:
                errors.append(ContentError(rel, number, "text", f"'## {name}' appears twice: "
                                           "keep one and merge the text"))
                current = ""
            else:
                current = name
                heading_lines[name] = number
            start = min(offset, len(body))
            continue
        if current is None and line.strip():
            errors.append(ContentError(rel, number, "text", "text before the first section: "
                                       "put '## Agenda' (before the meeting) or '## Minutes' "
                                       "(after it) on the line above"))
            current = ""  # report once
    close(len(body))
    return spans


def _trimmed(body: str, start: int, end: int) -> tuple[int, int]:
    """``start`` and ``end`` moved in past the whitespace at the ends of ``body[start:end]``."""
    text = body[start:end]
    kept = text.strip()
    if not kept:
        return start, start
    lead = len(text) - len(text.lstrip())
    return start + lead, start + lead + len(kept)
