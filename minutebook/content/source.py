"""Reading source files: UTF-8 text, YAML front matter with line numbers, Markdown body.

PyYAML's composer gives every node its line; we build plain Python values from
the node tree ourselves so that each value's line can be looked up by its path,
duplicate keys are caught, and YAML 1.1 surprises (``10:30`` read as the
number 630, a phone number losing its leading zero) never happen: scalars stay
the text the clerk wrote and the schema parses them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import yaml

from minutebook.content.errors import ContentError, field_name
from minutebook.content.nofollow import read_regular

Loc = tuple  # a path into the data: ('attendance', 'present', 0)

class Located:
    """Plain YAML data, and the line of every value and key in it.

    The lines are found in ``text``, the YAML as written, the first time one
    is asked for: a build that passes its checks asks for a handful, and all of
    them held, as read, were 30 MiB at 1,000 meetings (lines given outright,
    ``lines``, are taken as they are)."""

    __slots__ = ("data", "first_line", "text", "_found")

    def __init__(self, data: Any, lines: dict[Loc, int] | None = None, first_line: int = 1,
                 blocks: frozenset[Loc] = frozenset(), text: str | None = None) -> None:
        self.data, self.first_line, self.text = data, first_line, text
        self._found = (lines or {}, blocks) if text is None else None

    @property
    def lines(self) -> dict[Loc, int]:
        return self._lines_and_blocks()[0]

    @property
    def blocks(self) -> frozenset[Loc]:
        """The texts written as blocks ("text: |")."""
        return self._lines_and_blocks()[1]

    def _lines_and_blocks(self) -> tuple[dict[Loc, int], frozenset[Loc]]:
        if self._found is None:
            _, lines, blocks = _read(self.text or "", self.first_line, lines=True)
            self._found = (lines, blocks)
        return self._found

    def __getstate__(self) -> tuple:
        # lines found from the text are found again, not kept (the file cache)
        return self.data, self.first_line, self.text, self._found if self.text is None else None

    def __setstate__(self, state: tuple) -> None:
        self.data, self.first_line, self.text, self._found = state

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Located):
            return NotImplemented
        return (self.data, self.lines, self.first_line, self.blocks) == (
            other.data, other.lines, other.first_line, other.blocks)

    __hash__ = None  # type: ignore[assignment]  (mutable, as the dataclass it was)

    def __repr__(self) -> str:
        return f"Located(data={self.data!r}, first_line={self.first_line!r})"

    def line(self, loc: Loc) -> int:
        """The line of the value at ``loc``, or of its nearest ancestor."""
        lines = self.lines
        loc = tuple(loc)
        while loc:
            if loc in lines:
                return lines[loc]
            loc = loc[:-1]
        return self.first_line

    def written(self, loc: Loc) -> Loc:
        """``loc`` as the clerk wrote it: a position in a list written as its
        single entry (``motions: {...}`` for ``motions: [{...}]``) is left out."""
        out: list = []
        node: Any = self.data
        for part in loc:
            if isinstance(part, int) and not isinstance(node, list):
                continue
            out.append(part)
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                node = None
        return tuple(out)

    def text_line(self, loc: Loc) -> int:
        """The line a text at ``loc`` starts on: a block ("text: |") starts on
        the line below its field, any other value on its field's line."""
        return self.line(loc) + (tuple(loc) in self.blocks)


class YamlMistake(Exception):
    """A file that cannot be read as YAML; ``field`` names the field on the
    offending line when there is one."""

    def __init__(self, line: int, message: str, field: str = ""):
        self.line = line
        self.message = message
        self.field = field
        super().__init__(message)


def _scalar(node: yaml.ScalarNode) -> Any:
    """Plain text, or None for an empty value. Types (numbers, times, yes/no)
    are parsed later by the schema, from the text exactly as written."""
    if node.tag == _NULL and not node.style:
        return None
    return node.value


MAX_DEPTH = 40  # levels of fields and lists; the deepest the format uses is about 15


class _Builder:
    """Plain values from a composed node tree, recording every value's line
    (``record``; else only the values)."""

    def __init__(self, text: str, offset: int, fast: bool = False, record: bool = True):
        self.offset, self.record = offset, record
        self.breaks = None if fast else _line_breaks(text)
        self.lines: dict[Loc, int] = {}
        self.blocks: set[Loc] = set()
        self.seen: set[int] = set()

    def line(self, node: yaml.Node) -> int:
        if self.breaks is None:  # libyaml counts lines at "\n" alone for this text
            return node.start_mark.line + 1 + self.offset
        return _line_at(self.breaks, node.start_mark.index) + self.offset

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if id(node) in self.seen:
            # the composer hands back the same node for an alias (*name)
            raise YamlMistake(self.lines.get(loc, self.line(node)),
                              "'*' repeats a value marked with '&' elsewhere: "
                              "write the value out in full instead", field_name(loc))
        self.seen.add(id(node))
        if self.record:
            self.lines[loc] = self.line(node)
        if len(loc) > MAX_DEPTH:  # deeper data would exhaust the recursion of what reads it later
            raise YamlMistake(self.line(node), f"the fields are nested more than {MAX_DEPTH} levels "
                              "deep: check the indentation", field_name(loc[:1]))
        if isinstance(node, yaml.ScalarNode):
            if self.record and node.style in ("|", ">"):
                self.blocks.add(loc)
            return _scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, loc + (i,)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc)
        raise YamlMistake(self.line(node), "this is not a field, a list or a value: "
                          "check the line", field_name(loc))

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlMistake(self.line(key_node), "a field name must be plain text, "
                                  "such as 'title': check the line", field_name(loc))
            key = key_node.value
            if key in out:
                raise YamlMistake(self.line(key_node),
                                  f"field '{key}' is given twice: keep one of them",
                                  field_name(loc + (key,)))
            # a mistake in a field is reported on the line naming the field
            if self.record:
                self.lines[loc + (key,)] = self.line(key_node)
            out[key] = self.build(value_node, loc + (key,))
            if self.record:
                self.lines[loc + (key,)] = self.line(key_node)
        return out


# libyaml (C) composes about twenty times faster than PyYAML's Python loader,
# which dominated the time to read an archive. It is used only where its line
# numbers match ours (no U+2028, U+2029 or U+0085 line breaks) and only when the
# text is valid: any mistake is parsed again by the Python loader, so the
# messages clerks see do not depend on which loader is installed.
_NULL, _STR = "tag:yaml.org,2002:null", "tag:yaml.org,2002:str"
_NULLS = {"", "~", "null", "Null", "NULL"}  # YAML's plain nulls, as SafeLoader resolves them


def _fast_loader() -> type | None:
    try:
        from yaml.cyaml import CParser
    except ImportError:  # PyYAML built without libyaml
        return None

    class FastLoader(CParser):
        """libyaml's composer, resolving only null: every other value is read
        from its text by the schema, so matching each against the patterns
        for numbers, dates and booleans (a fifth of the time) was wasted."""

        def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode:
                return _NULL if implicit[0] and value in _NULLS else _STR
            return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"

        def descend_resolver(self, parent: object, index: object) -> None:
            pass  # no resolving by path

        def ascend_resolver(self) -> None:
            pass

    return FastLoader


_FAST_LOADER = _fast_loader()
_OTHER_BREAKS = re.compile("[\u2028\u2029\x85]")


def _compose_fast(text: str) -> yaml.Node | None | bool:
    """The node tree by libyaml, or False when the Python loader must be used."""
    if _FAST_LOADER is None or _OTHER_BREAKS.search(text):
        return False
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except (yaml.YAMLError, ValueError):
        return False


def parse_yaml(text: str, first_line: int = 1) -> Located:
    """Parse YAML text that starts on ``first_line`` of its file (the lines
    of its values are found when first asked for: ``Located``)."""
    data, _, _ = _read(text, first_line, lines=False)
    return Located(data, first_line=first_line, text=text)


def _read(text: str, first_line: int, lines: bool) -> tuple[Any, dict[Loc, int], frozenset[Loc]]:
    """The data, and (``lines``) the line of every value and the texts written as blocks."""
    try:
        return _read_once(text, first_line, lines)
    except YamlMistake:
        if lines:
            raise
        return _read_once(text, first_line, lines=True)  # the mistake, on the line it is reported on with all known


def _read_once(text: str, first_line: int, lines: bool) -> tuple[Any, dict[Loc, int], frozenset[Loc]]:
    offset = first_line - 1
    node = _compose_fast(text)
    if node is not False:
        try:
            builder = _Builder(text, offset, fast=True, record=lines)
            data = {} if node is None else builder.build(node, ())
            return data, builder.lines, frozenset(builder.blocks)
        except (YamlMistake, RecursionError):
            pass  # reported below, exactly as the Python loader words it
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        builder = _Builder(text, offset, record=lines)
        data = {} if node is None else builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        index = _line_at(_line_breaks(text), mark.index) - 1 if mark else 0
        raise YamlMistake(index + 1 + offset, f"YAML syntax error: {_explain(exc.problem or '')}",
                          _field_on(text, index)) from None
    except yaml.reader.ReaderError as exc:
        index = text.count("\n", 0, exc.position)
        raise YamlMistake(index + 1 + offset, f"the character U+{exc.character:04X} is not "
                          "allowed here (it is often pasted in invisibly from another program): "
                          "remove it", _field_on(text, index)) from None
    except RecursionError:
        raise YamlMistake(first_line, "the fields are nested too deeply: "
                          "check the indentation") from None
    return data, builder.lines, frozenset(builder.blocks)


def _line_breaks(text: str) -> list[int]:
    return [i for i, char in enumerate(text) if char == "\n"]


def _line_at(breaks: list[int], index: int) -> int:
    """The 1-based line of character ``index``. Lines are counted at "\\n" only,
    as editors do; YAML would also count U+2028 and U+0085, which Word pastes in."""
    return bisect.bisect_left(breaks, index) + 1


_KEY_ON_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)*([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")


def _field_on(text: str, index: int) -> str:
    """The field named on line ``index`` (0-based) of ``text``, if any."""
    lines = text.split("\n")
    match = _KEY_ON_LINE.match(lines[index]) if 0 <= index < len(lines) else None
    return match.group(1) if match else ""


_TOKEN = re.compile(r"found character '(.+)' that cannot start any token")


def _explain(problem: str) -> str:
    """PyYAML's description of a syntax error, said plainly with the fix."""
    if "mapping values are not allowed" in problem:
        return ("this line has a second ': '; a value containing ': ' must be put in quotes, "
                'for example title: "Item: part 1"')
    if "could not find expected ':'" in problem:
        return "this line is not 'field: value': check the spelling and the indentation"
    if "found character '\\t'" in problem:
        return "a tab is used for indentation: use spaces, not tabs"
    if "expected <block end>" in problem or "expected <block" in problem:
        return ("the indentation is wrong: line this field up with the fields above it, "
                "using spaces")
    if "found unexpected end of stream" in problem or "quoted scalar" in problem:
        return "a quotation mark is not closed: add the closing quote"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "a list in [ ] or a group in { } is not closed: add the closing bracket"
    if "expected a single document" in problem or "but found another document" in problem:
        return "a line '---' splits the file: remove it"
    token = _TOKEN.search(problem)
    if token:
        return f"a value cannot start with {token.group(1)}: put the whole value in quotes"
    return ("this line cannot be read: check its indentation, and put a value in quotes "
            "if it starts with a special character such as * & ! % @ or `")


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


def read_text(path: Path, rel: str, raw: bytes | None = None) -> str:
    """The file's text (``raw``: its bytes, when the caller has read them already)."""
    try:
        raw = read_regular(path) if raw is None else raw  # never through a link
    except OSError as exc:
        raise _mistake(rel, 1, "", f"the file cannot be read ({exc.strerror}): check that it "
                       "is a file and that you may open it") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _mistake(
            rel, line, "",
            "the file is not saved as UTF-8 text: save it again choosing UTF-8 encoding",
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _mistake(rel: str, line: int, field: str, message: str) -> SourceMistake:
    return SourceMistake(ContentError(rel, line, field, message))


class SourceMistake(Exception):
    def __init__(self, error: ContentError):
        self.error = error
        super().__init__(str(error))


_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def read_source(path: Path, rel: str, raw: bytes | None = None) -> SourceFile:
    """Split a Markdown file into its front matter and body."""
    text = read_text(path, rel, raw)
    front_text, body_start = split_front_matter(text, rel)
    body_line = text.count("\n", 0, body_start) + 1
    refuse_controls(text, rel, front_text, body_start)
    front = read_yaml_text(front_text, rel, 2)
    _refuse_escaped_controls(front_text, front, rel)
    return SourceFile(path, rel, front, text[body_start:], body_line)


# C0 and C1 control characters, but for tab and line feed (carriage returns
# are gone by now): invisible in an editor, and a NUL or an escape sequence
# would be published in the pages as it is.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_HINT = "(it is often pasted in invisibly from another program): remove it"


def refuse_controls(text: str, rel: str, front_text: str = "", body_start: int = 0) -> None:
    """A control character anywhere in a file, front matter (``front_text``,
    from line 2) or text (from ``body_start``), is a mistake on its line."""
    found = _CONTROL.search(text)
    if found is None:
        return
    line = text.count("\n", 0, found.start()) + 1
    if found.start() >= body_start:
        field = "text" if body_start else _field_on(text, line - 1)
    else:
        field = _field_on(front_text, line - 2)
    raise _mistake(rel, line, field, f"the control character U+{ord(found[0]):04X} is not "
                   f"allowed {_CONTROL_HINT}")


def _refuse_escaped_controls(text: str, located: Located, rel: str) -> None:
    """A control character written as an escape (``"\\0"``, ``"\\x1b"``) in quotes."""
    if "\\" not in text:
        return  # without a backslash there is no escape: the text was scanned already
    for loc, value in _strings(located.data, ()):
        found = _CONTROL.search(value)
        if found is not None:
            raise _mistake(rel, located.line(loc), field_name(loc), f"the control character "
                           f"U+{ord(found[0]):04X}, written with a backslash, is not allowed: remove it")


def _strings(data: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every text in the data, keys too, with where it is."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, loc + (i,))
    elif isinstance(data, dict):
        for key, value in data.items():
            yield loc + (key,), key
            yield from _strings(value, loc + (key,))


def split_front_matter(text: str, rel: str) -> tuple[str, int]:
    """The front matter's text, and where the body starts, without reading the YAML."""
    if not text.startswith("---"):
        raise _mistake(rel, 1, "", f"the front matter is missing: {FRONT_MATTER_HINT}")
    first = text.find("\n")
    if text[: first if first != -1 else len(text)].rstrip(" \t") != "---":
        raise _mistake(rel, 1, "", f"the first line must be exactly '---': {FRONT_MATTER_HINT}")
    close = _FENCE.search(text, first + 1) if first != -1 else None
    if close is None:
        raise _mistake(
            rel, 1, "", "the front matter is not closed: add a line '---' after the last field"
        )
    return text[first + 1 : close.start()], close.end() + 1


def read_yaml_text(text: str, rel: str, first_line: int = 1) -> Located:
    try:
        return parse_yaml(text, first_line)
    except YamlMistake as exc:
        raise _mistake(rel, exc.line, exc.field, exc.message) from None


def read_yaml_file(path: Path, rel: str) -> Located:
    text = read_text(path, rel)
    refuse_controls(text, rel)
    located = read_yaml_text(text, rel)
    _refuse_escaped_controls(text, located, rel)
    return located


class ReadCache(Protocol):
    """What a build's file cache (``engine.filecache``) offers the reading and
    the check: a file's reading or checking kept from an earlier build, by its bytes."""

    def source(self, path: Path, rel: str, data: bytes) -> SourceFile | None: ...

    def checked(self, source: SourceFile) -> Any: ...

    def keep(self, source: SourceFile, checked: Any) -> None: ...
