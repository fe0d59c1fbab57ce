"""The reader: YAML front matter with the line of every value, read as the
text the clerk wrote; and property tests for the reader and the validator."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from minimal_tree import ITEM_1, ITEM_2, edit, write_tree

from minutebook.content import schema, source
from minutebook.content.errors import ContentErrors
from minutebook.content.source import (
    SourceMistake,
    YamlMistake,
    parse_yaml,
    read_source,
    read_yaml_file,
)
from minutebook.engine.pipeline import check_content

# ---- unit tests ---------------------------------------------------------------------


def test_nested_values_know_their_lines() -> None:
    located = parse_yaml(
        "status: draft-minutes\n"      # 1
        "attendance:\n"                 # 2
        "  present:\n"                  # 3
        "    - person: cllr-a\n"        # 4
        "      role: Chair\n"           # 5
        "    - cllr-b\n"                # 6
        "votes:\n"                      # 7
        "  - for: [cllr-a, cllr-b]\n"   # 8
        "    against: 0\n",             # 9
    )
    assert located.line(("status",)) == 1
    assert located.line(("attendance", "present")) == 3
    assert located.line(("attendance", "present", 0, "role")) == 5
    assert located.line(("attendance", "present", 1)) == 6
    assert located.line(("votes", 0, "for", 1)) == 8
    assert located.line(("votes", 0, "against")) == 9
    # a missing field is reported on the line of the nearest field that exists
    assert located.line(("attendance", "present", 1, "person")) == 6
    assert located.line(("nowhere",)) == 1


def test_lines_count_from_where_the_front_matter_starts() -> None:
    located = parse_yaml("title: A\nminute: 3\n", first_line=2)
    assert located.line(("title",)) == 2
    assert located.line(("minute",)) == 3


@pytest.mark.parametrize("text, expected", [
    ("start: 10:30", "10:30"),        # YAML 1.1 would read the number 630
    ("phone: 01274 434361", "01274 434361"),
    ("phone: 07700900123", "07700900123"),  # would lose its leading zero
    ("minute: 075", "075"),
    ("key_decision: yes", "yes"),     # would be True; the schema decides
    ("ward: Norway", "Norway"),
    ("country: NO", "NO"),            # the Norway problem
    ("date: 2024-03-05", "2024-03-05"),
    ("ratio: 1e3", "1e3"),
    ("title: 'null'", "null"),
    ("title: ~", None),
    ("title:", None),
])
def test_values_stay_the_text_the_clerk_wrote(text: str, expected: str | None) -> None:
    located = parse_yaml(text)
    assert list(located.data.values()) == [expected]


def test_a_byte_order_mark_and_windows_line_endings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "01-item.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: A\r\nminute: 5\r\n---\r\n"
                     b"## Minutes\r\n\r\nDone.\r\n")
    source = read_source(path, "01-item.md")
    assert source.front.data == {"title": "A", "minute": "5"}
    assert source.front.line(("minute",)) == 3
    assert source.body_line == 5
    assert source.body == "## Minutes\n\nDone.\n"


def test_a_yaml_mistake_after_crlf_lines_is_on_the_right_line(tmp_path: Path) -> None:
    path = tmp_path / "01-item.md"
    path.write_bytes(b"---\r\ntitle: A\r\nminute: 5\r\nreport: AM: 2\r\n---\r\n")
    with pytest.raises(SourceMistake) as caught:
        read_source(path, "01-item.md")
    assert (caught.value.error.line, caught.value.error.field) == (4, "report")


def test_a_unicode_line_separator_does_not_shift_lines() -> None:
    # Word pastes U+2028; editors do not count it as a new line, YAML does
    located = parse_yaml("title: 'one\u2028two'\nminute: 5\n")
    assert located.line(("minute",)) == 2


def test_the_bad_byte_of_a_non_utf8_file_is_located(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_bytes(b"a:\n  name: Ren\xe9e\n  kind: officer\n")
    with pytest.raises(SourceMistake) as caught:
        read_yaml_file(path, "people.yaml")
    assert caught.value.error.line == 2
    assert "UTF-8" in caught.value.error.message


@pytest.mark.parametrize("text, line, field, says", [
    ("a: 1\na: 2\n", 2, "a", "given twice"),
    ("a:\n  b: 1\n  b: 2\n", 3, "a.b", "given twice"),
    ("a: &x 1\nb: *x\n", 2, "b", "write the value out in full"),
    ("a: [1, 2\n", 2, "", "is not closed"),
    ("title: 'unclosed\n", 2, "", "not closed"),
    ("a: 1\n\tb: 2\n", 2, "b", "use spaces, not tabs"),
    ("title: @home\n", 1, "title", "put the whole value in quotes"),
    ("[a, b]: 1\n", 1, "", "field name must be plain text"),
])
def test_yaml_mistakes_are_explained(text: str, line: int, field: str, says: str) -> None:
    with pytest.raises(YamlMistake) as caught:
        parse_yaml(text)
    assert (caught.value.line, caught.value.field) == (line, field)
    assert says in caught.value.message
    assert "<block" not in caught.value.message


@pytest.mark.parametrize("text, says", [
    ("title: A\n", "the front matter is missing"),
    ("---", "not closed"),
    ("---\ntitle: A\n", "not closed"),
    ("--- title: A\n---\n", "the first line must be exactly '---'"),
    ("", "the front matter is missing"),
])
def test_front_matter_mistakes(tmp_path: Path, text: str, says: str) -> None:
    path = tmp_path / "01-item.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceMistake) as caught:
        read_source(path, "01-item.md")
    assert caught.value.error.line == 1
    assert says in caught.value.error.message


def test_an_empty_front_matter_and_body(tmp_path: Path) -> None:
    path = tmp_path / "01-item.md"
    path.write_text("---\n---\n", encoding="utf-8")
    source = read_source(path, "01-item.md")
    assert source.front.data == {}
    assert source.body == ""


# ---- property tests: the reader ----------------------------------------------------------

KEY = st.from_regex(r"[a-z][a-z0-9_-]{0,11}", fullmatch=True)
# YAML itself folds U+0085, U+2028 and U+2029 (categories Cc, Zl, Zp) into spaces
SAFE_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
                    max_size=30)
SCALAR = st.one_of(st.none(), SAFE_TEXT, st.integers(-10**6, 10**6), st.booleans())
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(KEY, inner, max_size=4)),
    max_leaves=20,
)
MAPPING = st.dictionaries(KEY, VALUE, min_size=1, max_size=6)


def _unique_keys(value, counter: list[int]):
    """Make every key in the tree distinct, so each can be found in the text."""
    if isinstance(value, dict):
        out = {}
        for key, inner in value.items():
            counter[0] += 1
            unique = f"{key}_{counter[0]}"
            out[unique] = _unique_keys(inner, counter)
        return out
    if isinstance(value, list):
        return [_unique_keys(v, counter) for v in value]
    return value


def _as_text(value):
    """What the reader returns: scalars as the text written, empty as None."""
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _key_paths(value, loc=()):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield loc + (key,), key
            yield from _key_paths(inner, loc + (key,))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _key_paths(inner, loc + (i,))


@settings(max_examples=150, deadline=None)
@given(MAPPING, st.booleans())
def test_reader_round_trips_dumped_yaml_with_every_key_on_its_line(data, unicode) -> None:
    data = _unique_keys(data, [0])
    text = yaml.safe_dump(data, allow_unicode=unicode, width=float("inf"), sort_keys=False)
    located = parse_yaml(text)
    assert located.data == _as_text(data)
    lines = text.split("\n")
    for loc, key in _key_paths(data):
        pattern = re.compile(rf"^[ -]*'?{re.escape(key)}'?:( |$)")
        expected = [n for n, line in enumerate(lines, start=1) if pattern.match(line)]
        assert expected == [located.line(loc)], (loc, text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_reader_raises_only_its_own_mistake_on_any_text(text: str) -> None:
    try:
        located = parse_yaml(text, first_line=2)
    except YamlMistake as exc:
        assert exc.line >= 2
        assert exc.line <= 2 + text.count("\n")
        assert exc.message
    else:
        assert all(line >= 2 for line in located.lines.values())


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_source_reader_raises_only_a_source_mistake_on_any_bytes(tmp_path_factory, data) -> None:
    path = tmp_path_factory.mktemp("bytes") / "01-item.md"
    path.write_bytes(b"---\n" + data)
    try:
        read_source(path, "01-item.md")
    except SourceMistake as exc:
        assert exc.error.line >= 1 and exc.error.path == "01-item.md"


# ---- property tests: the validator -------------------------------------------------------

PRINTABLE = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"))
TITLE = st.text(PRINTABLE, min_size=1, max_size=60).filter(lambda t: t.strip())
MINUTES_LINE = st.text(PRINTABLE, max_size=60).filter(lambda t: not t.startswith("#"))

SCHEMA_FIELDS = {
    (f.alias or name)
    for model in (schema.ItemFront, schema.MeetingFront, schema.Document, schema.Vote,
                  schema.ItemContact, schema.Declaration, schema.Attendee, schema.Attendance,
                  schema.Numbered, schema.MeetingRef, schema.Substitute)
    for name, f in model.model_fields.items()
}
UNKNOWN = st.from_regex(r"[a-z][a-z_]{1,15}", fullmatch=True).filter(
    lambda k: k not in SCHEMA_FIELDS)

PROPERTY_SETTINGS = settings(max_examples=40, deadline=None,
                             suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY_SETTINGS
@given(title=TITLE, minutes=st.lists(MINUTES_LINE, min_size=1, max_size=5))
def test_any_title_and_minutes_text_is_valid(tmp_path_factory, title, minutes) -> None:
    root = write_tree(tmp_path_factory.mktemp("tree"))
    quoted = yaml.safe_dump({"title": title}, allow_unicode=True, width=float("inf"))
    edit(root, ITEM_2, "title: Exploitation annual update\n", quoted)
    edit(root, ITEM_2, "The report was noted.", "\n".join(minutes))
    checked = check_content(root)
    item = checked.meetings[0].items[1]
    assert item.front.title == title
    assert item.sections["Minutes"] == "\n".join(minutes).strip()


@PROPERTY_SETTINGS
@given(name=UNKNOWN, where=st.sampled_from([
    (ITEM_1, "minute: 70\n", "", 4, ""),
    (ITEM_2, "    file: report-am.pdf\n", "    ", 11, "documents[0]."),
    (ITEM_2, "    result: carried\n", "    ", 18, "votes[0]."),
    ("meetings/executive/2024-03-05/meeting.md", "      role: Chair\n", "      ", 10,
     "attendance.present[0]."),
]))
def test_any_unknown_field_is_named_with_its_line(tmp_path_factory, name, where) -> None:
    rel, after, indent, line, prefix = where
    root = write_tree(tmp_path_factory.mktemp("tree"))
    edit(root, rel, after, f"{after}{indent}{name}: something\n")
    with pytest.raises(ContentErrors) as caught:
        check_content(root)
    errors = caught.value.errors
    assert len(errors) == 1, caught.value.report()
    assert (errors[0].path, errors[0].line, errors[0].field) == (rel, line, prefix + name)
    assert f"unknown field '{name}'" in errors[0].message


MUTABLE = [ITEM_1, ITEM_2, "meetings/executive/2024-03-05/meeting.md", "people.yaml",
           "committees.yaml", "scrutiny-areas.yaml", "subjects.yaml"]
JUNK = st.sampled_from(["", " ", "-", ":", "- x", "x:", "  x: 1", "[", "'", "\t", "#", "---",
                        "## Notes", "title: T", "minute: 9", "- person: nobody", "*a", "&a 1",
                        "!!python/object:os.system", "? x", "{", "0", "yes", "null",
                        "minute: -1", "start: 99:99", "end: 1", "key_decision: 2",
                        "  - for: abc def", "    against: [1, 2]", "exempt: 0", "status: x",
                        "votes: 3", "documents: {}", "  present: {}", "attendance: []",
                        "approved_at: {minute: x}", "declarations: [{person: 1}]",
                        "adjourned_to: executive/2099-01-01", "status: approved-minutes",
                        "approved_at: executive/2024-03-05", "  substitutes: [{person: a}]",
                        "    - {name: Guest, role: Observer}", "exempt: 3", "    exempt: 1",
                        "  committee: nowhere", "  members: cllr-amina-rahman"])
PYDANTIC_WORDING = ("Input should", "Value error", "validation error", "function-", "[type=",
                    "Field required", "Extra inputs")


@PROPERTY_SETTINGS
@given(rel=st.sampled_from(MUTABLE), index=st.integers(0, 40), junk=JUNK,
       how=st.sampled_from(["replace", "insert", "append", "delete"]))
def test_any_broken_line_is_reported_or_accepted_never_a_crash(
        tmp_path_factory, rel, index, junk, how) -> None:
    from minutebook.engine.pipeline import load_site

    root = write_tree(tmp_path_factory.mktemp("tree"))
    path = root / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    index %= len(lines)
    if how == "replace":
        lines[index] = junk
    elif how == "insert":
        lines.insert(index, junk)
    elif how == "append":
        lines[index] += junk
    else:
        del lines[index]
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        site = load_site(root, {"MINUTEBOOK_TODAY": "2024-06-01"})
    except ContentErrors as exc:
        for error in exc.errors:
            length = len((root / error.path).read_text(encoding="utf-8").split("\n")) \
                if (root / error.path).is_file() else 1
            assert 1 <= error.line <= length, str(error)
            assert ": " in error.message, str(error)  # what is wrong: what to write
            assert not any(p in error.message for p in PYDANTIC_WORDING), str(error)
    else:
        assert site.meetings


# How YAML could say "nothing", and values that only look like other types.
WRITTEN_VALUE = st.one_of(SAFE_TEXT.map(lambda s: yaml.safe_dump(s).removesuffix("\n...\n").strip()),
                          st.sampled_from(["", "~", "null", "Null", "NULL", "nULL", "''", '"~"', "'null'",
                                           "!!null x", "!!str null", "!!str", "yes", "1.5", "2024-03-05",
                                           "[~, null, a]", "{a: ~}", "- ~"]))


def _parsed(text: str):
    try:
        located = parse_yaml(text, first_line=2)
    except YamlMistake as exc:
        return ("mistake", exc.line, exc.field, exc.message)
    return (located.data, located.lines)


def _parsed_with(loader: type | None, text: str, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as patched:
        patched.setattr(source, "_FAST_LOADER", loader)
        return _parsed(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text())
def test_libyaml_resolving_only_null_reads_as_with_every_type(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolving only null in libyaml's composer changes nothing the reader
    returns: the same values, lines and mistakes as libyaml's full SafeLoader."""
    assert _parsed(text) == _parsed_with(yaml.CSafeLoader, text, monkeypatch)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.tuples(KEY, WRITTEN_VALUE), max_size=6).map(
    lambda pairs: "".join(f"{key}: {value}\n" for key, value in pairs)))
def test_libyaml_and_the_python_loader_read_front_matter_the_same(text: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Fields as clerks write them (nothing, nulls, quoted text, things that
    look like numbers, dates or yes/no, tags, lists) read the same whether
    libyaml is installed or not. (In odd corners of YAML libyaml is the more
    lenient, and was before: a tab after a value, '>#', a lone '!'.)"""
    assert _parsed(text) == _parsed_with(None, text, monkeypatch)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), st.lists(st.tuples(KEY, WRITTEN_VALUE), max_size=6).map(
    lambda pairs: "".join(f"{key}: {value}\n" for key, value in pairs))))
def test_a_file_kept_between_builds_gives_the_lines_of_a_file_read_afresh(text: str) -> None:
    """The file cache keeps a file's front matter without the line of every
    value, which is found again from its text when a mistake needs it: the
    same lines, and the same texts written as blocks, as reading it afresh."""
    try:
        fresh = parse_yaml(text, first_line=2)
    except YamlMistake:
        return
    kept = pickle.loads(pickle.dumps(parse_yaml(text, first_line=2)))
    assert kept.data == fresh.data
    assert kept.lines == fresh.lines
    assert kept.blocks == fresh.blocks
    assert all(kept.line(loc) == line for loc, line in fresh.lines.items() if loc)  # () is the file's first line


def test_a_text_written_as_a_block_starts_on_the_line_below_its_field():
    """Where a warning about a text points: the first line of the text itself."""
    from minutebook.content.source import parse_yaml

    located = parse_yaml('plain: one line\nblock: |\n  first\n  second\nkept: |-\n  only one line\n'
                         'folded: >\n  a long\n  text\nquoted: "a\\nb"\nlisted:\n  - text: |\n      inside\n')
    assert located.text_line(("plain",)) == 1
    assert located.text_line(("block",)) == 3
    assert located.text_line(("kept",)) == 6  # one line, but still a block: on the line below
    assert located.text_line(("folded",)) == 8
    assert located.text_line(("quoted",)) == 10  # a line break written "\n" is not a block
    assert located.text_line(("listed", 0, "text")) == 13
    assert located.written(("listed", 0, "text")) == ("listed", 0, "text")


# An item's Markdown as clerks write it and get it wrong: sections in any order,
# twice, unknown, text before the first, fenced code, spaces and odd whitespace.
SECTION_LINE = st.sampled_from(["## Agenda", "## Minutes", "## minutes ##", "##  Agenda  ", "## Other",
                                "Text of the item.", "", "   ", "\t", "```", "~~~", "## Agenda inside",
                                "The report was noted\u00a0", "\u2028", "### Detail"])


def _sections_as_read(body: str) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """What an item's sections are, written out plainly: the lines under each
    heading, joined and stripped; and where each mistake is."""
    found: dict[str, list[str]] = {}
    mistakes, current, fenced = [], None, False
    for number, line in enumerate(body.split("\n"), start=5):
        fenced = fenced != line.startswith(("```", "~~~"))
        heading = None if fenced else re.match(r"^##[ \t]+(.+?)[ \t]*#*[ \t]*$", line)
        if heading:
            name = heading.group(1).strip().capitalize()
            if name not in ("Agenda", "Minutes") or name in found:
                mistakes.append((number, "not a section" if name not in ("Agenda", "Minutes") else "twice"))
                current = []
            else:
                current = found[name] = []
        elif current is None:
            if line.strip():
                mistakes.append((number, "before the first section"))
                current = []
        else:
            current.append(line)
    return {name: "\n".join(lines).strip() for name, lines in found.items()}, mistakes


@settings(max_examples=500, deadline=None)
@given(body=st.lists(SECTION_LINE, max_size=10).map("\n".join))
def test_an_items_sections_are_found_where_they_are_written(body: str) -> None:
    """The checks keep where each section is in the item's text, not a copy
    of it (``section_spans``); cut out, the sections are those written, and
    every mistake is reported on its line."""
    from minutebook.content.sections import cut, section_spans

    errors: list = []
    sections = cut(body, section_spans(body, 5, "item.md", errors))
    expected, mistakes = _sections_as_read(body)
    assert sections == expected
    assert [e.line for e in errors] == [line for line, _ in mistakes]
    for error, (_, what) in zip(errors, mistakes, strict=True):
        assert what in error.message
