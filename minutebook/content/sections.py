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
    if heading_lines is None:
        heading_lines = {}
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    in_fence = False
    for number, line in enumerate(body.split("\n"), start=first_line):
        if _FENCE_LINE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            name = heading.group(1).strip().capitalize()
            if name not in SECTIONS:
                errors.append(ContentError(rel, number, "text", f"'## {heading.group(1)}' is "
                                           "not a section: an item's text has only '## Agenda' "
                                           "and '## Minutes'; use '###' for a heading inside "
                                           "them"))
                current = []  # its text is not reported again as being outside a section
            elif name in sections:
                errors.append(ContentError(rel, number, "text", f"'## {name}' appears twice: "
                                           "keep one and merge the text"))
                current = []
            else:
                current = sections[name] = []
                heading_lines[name] = number
            continue
        if current is None:
            if line.strip():
                errors.append(ContentError(rel, number, "text", "text before the first section: "
                                           "put '## Agenda' (before the meeting) or '## Minutes' "
                                           "(after it) on the line above"))
                current = []  # report once
            continue
        current.append(line)
    return {name: "\n".join(lines).strip() for name, lines in sections.items()}
