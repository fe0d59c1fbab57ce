"""Reading source files: UTF-8 text, YAML front matter with line numbers, Markdown body.

PyYAML's composer gives every node its line; we build plain Python values from
the node tree ourselves so that each value's line can be looked up by its path,
duplicate keys are caught, and YAML 1.1 surprises (``10:30`` read as the
number 630, a phone number losing its leading zero) never happen: scalars stay
the text the clerk wrote and the schema parses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError

Loc = tuple  # a path into the data: ('attendance', 'present', 0)

@dataclass
class Located:
    """Plain YAML data plus the line of every value and key in it."""

    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    first_line: int = 1

    def line(self, loc: Loc) -> int:
        """The line of the value at ``loc``, or of its nearest ancestor."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.first_line


class YamlMistake(Exception):
    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


def _scalar(node: yaml.ScalarNode) -> Any:
    """Plain text, or None for an empty value. Types (numbers, times, yes/no)
    are parsed later by the schema, from the text exactly as written."""
    if node.tag == "tag:yaml.org,2002:null" and not node.style:
        return None
    return node.value


def _build(node: yaml.Node, loc: Loc, lines: dict[Loc, int], offset: int) -> Any:
    lines[loc] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, loc + (i,), lines, offset) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlMistake(key_node.start_mark.line + 1 + offset, "a field name must be plain text")
            key = key_node.value
            if key in out:
                raise YamlMistake(
                    key_node.start_mark.line + 1 + offset,
                    f"field '{key}' is given twice; keep one of them",
                )
            out[key] = _build(value_node, loc + (key,), lines, offset)
            # a mistake in a field is reported on the line naming the field
            lines[loc + (key,)] = key_node.start_mark.line + 1 + offset
        return out
    raise YamlMistake(node.start_mark.line + 1 + offset, "unsupported YAML")


def parse_yaml(text: str, first_line: int = 1) -> Located:
    """Parse YAML text that starts on ``first_line`` of its file."""
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        problem = exc.problem or "is not valid YAML"
        raise YamlMistake(line, f"YAML syntax error: {problem}{_yaml_hint(problem)}") from None
    lines: dict[Loc, int] = {}
    data = {} if node is None else _build(node, (), lines, offset)
    return Located(data, lines, first_line)


def _yaml_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return " (a value containing ': ' must be put in quotes, for example title: \"Item: part 1\")"
    if "could not find expected ':'" in problem:
        return " (each line should be 'field: value'; check the indentation)"
    if "found character '\\t'" in problem:
        return " (use spaces, not tabs, for indentation)"
    return ""


@dataclass
class SourceFile:
    """A Markdown file with YAML front matter, as written by a clerk."""

    path: Path
    rel: str  # path relative to the content folder, used in messages
    front: Located
    body: str
    body_line: int  # line on which the body starts


FRONT_MATTER_HINT = (
    "start the file with a line '---', then the fields, then another line '---', then the text"
)


def read_text(path: Path, rel: str) -> str:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _mistake(
            rel, line, "", "the file is not saved as UTF-8 text; save it again choosing UTF-8 encoding"
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def _mistake(rel: str, line: int, field: str, message: str) -> SourceMistake:
    return SourceMistake(ContentError(rel, line, field, message))


class SourceMistake(Exception):
    def __init__(self, error: ContentError):
        self.error = error
        super().__init__(str(error))


_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def read_source(path: Path, rel: str) -> SourceFile:
    """Split a Markdown file into its front matter and body."""
    text = read_text(path, rel)
    if not text.startswith("---"):
        raise _mistake(rel, 1, "", f"the front matter is missing: {FRONT_MATTER_HINT}")
    first = text.find("\n")
    if first == -1 or text[:first].strip() != "---":
        raise _mistake(rel, 1, "", f"the first line must be exactly '---': {FRONT_MATTER_HINT}")
    close = _FENCE.search(text, first + 1)
    if close is None:
        raise _mistake(
            rel, 1, "", "the front matter is not closed: add a line '---' after the last field"
        )
    front_text = text[first + 1 : close.start()]
    body_start = close.end() + 1
    body_line = text.count("\n", 0, body_start) + 1
    return SourceFile(path, rel, read_yaml_text(front_text, rel, 2), text[body_start:], body_line)


def read_yaml_text(text: str, rel: str, first_line: int = 1) -> Located:
    try:
        return parse_yaml(text, first_line)
    except YamlMistake as exc:
        raise _mistake(rel, exc.line, "", exc.message) from None


def read_yaml_file(path: Path, rel: str) -> Located:
    return read_yaml_text(read_text(path, rel), rel)
