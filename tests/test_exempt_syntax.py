"""What a clerk may write after ``exempt:`` (one paragraph, a list of them, or
``not stated``), an exempt item's ``open_summary`` and ``open_resolutions``,
and what the check says about everything else, at its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from minimal_tree import ITEM_1, ITEM_2, MEETING, edit, mistakes, write_tree
from pydantic import ValidationError

from minutebook.content import schema
from minutebook.content.exempt import Exempt, read_exempt
from minutebook.engine.pipeline import check_content
from minutebook.model.objects import Exemption

WHAT_TO_WRITE = "write a number from 1 to 7 (exempt: 3), a list of them (exempt: [1, 2]), or 'not stated'"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "content")


def exempt_item(root: Path, value: str) -> None:
    """Item 1 (line 4 is the new ``exempt:`` line) made exempt with ``value`` as written."""
    edit(root, ITEM_1, "minute: 70\n", f"minute: 70\nexempt: {value}\n")


# ---- what may be written ----------------------------------------------------------


@pytest.mark.parametrize(("written", "paragraphs"), [
    ("3", (3,)),
    ("[1, 2]", (1, 2)),
    ("[7, 1, 3]", (7, 1, 3)),  # as the minutes cite them
    ("[5]", (5,)),
    ("\n  - 1\n  - 2", (1, 2)),
    ("not stated", ()),
    ("Not Stated", ()),
    ('"6"', (6,)),
])
def test_an_exempt_item_may_cite_one_paragraph_several_or_none(tree: Path, written: str,
                                                                 paragraphs: tuple[int, ...]) -> None:
    exempt_item(tree, written)
    [meeting] = check_content(tree).meetings
    item = next(i for i in meeting.items if i.raw.source.rel == ITEM_1)
    assert item.front.exempt == Exempt(paragraphs)
    assert item.front.exempt  # exempt, even with no paragraph stated


@pytest.mark.parametrize("written", ["[3, 7]", "not stated"])
def test_an_exempt_document_may_cite_several_paragraphs_or_none(tree: Path, written: str) -> None:
    edit(tree, ITEM_2, "    file: report-am.pdf\n",
         f"    file: report-am.pdf\n  - title: Appendix 1 (not for publication)\n    exempt: {written}\n")
    [meeting] = check_content(tree).meetings
    item = next(i for i in meeting.items if i.raw.source.rel == ITEM_2)
    assert item.front.documents[1].exempt == read_exempt(written.strip("[]").split(", ")
                                                         if written.startswith("[") else written)


# ---- what the check reports ------------------------------------------------------------


@pytest.mark.parametrize(("written", "says"), [
    ("true", WHAT_TO_WRITE),
    ("true", "'true' is not a paragraph of Part 1 of Schedule 12A"),
    ("yes", WHAT_TO_WRITE),
    ("9", "'9' is not a paragraph of Part 1 of Schedule 12A, which has paragraphs 1 to 7"),
    ("0", "which has paragraphs 1 to 7"),
    ("[1, 9]", "'9' in the list is not a paragraph of Part 1 of Schedule 12A"),
    ("[1, 9]", WHAT_TO_WRITE),
    ("paragraph 3", "did you mean 'exempt: 3'?"),
    ("paragraph 3", WHAT_TO_WRITE),
    ("paragraphs 1 and 2", "did you mean 'exempt: [1, 2]'?"),
    ("paragraph 1 or 3", "did you mean 'exempt: [1, 3]'?"),
    ("[2, 2]", "paragraph 2 is listed twice: list each paragraph once"),
    ("[]", "the list is empty"),
    ("[1, not stated]", "'not stated' cannot be in a list"),
    ("3.5", WHAT_TO_WRITE),
    ("", "is empty"),  # `exempt:` with nothing after it is not an open item
    ("{paragraph: 3}", "a group of fields is not a paragraph of Part 1 of Schedule 12A"),
])
def test_a_bad_exempt_value_is_reported_at_its_line(tree: Path, written: str, says: str) -> None:
    exempt_item(tree, written)
    [error] = mistakes(tree)
    assert (error.path, error.line, error.field) == (ITEM_1, 4, "exempt"), str(error)
    assert says in error.message, str(error)
    assert str(error).startswith(f"{ITEM_1}:4: exempt: ")
    assert "Value error" not in error.message and "pydantic" not in error.message


def test_a_bad_exempt_value_on_a_document_is_reported_at_its_line(tree: Path) -> None:
    edit(tree, ITEM_2, "    file: report-am.pdf\n", "    file: report-am.pdf\n    exempt: true\n")
    [error] = mistakes(tree)
    assert (error.path, error.line, error.field) == (ITEM_2, 11, "documents[0].exempt"), str(error)
    assert WHAT_TO_WRITE in error.message


def test_open_parts_of_an_open_item_are_a_mistake_saying_what_to_write(tree: Path) -> None:
    edit(tree, ITEM_1, "minute: 70\n", "minute: 70\nopen_summary: The item was heard.\n")
    [error] = mistakes(tree)
    assert (error.path, error.line, error.field) == (ITEM_1, 4, "open_summary"), str(error)
    assert "only for an exempt item" in error.message and "'## Minutes'" in error.message
    assert "add 'exempt:'" in error.message


def test_open_resolutions_of_an_open_item_are_a_mistake_saying_what_to_write(tree: Path) -> None:
    edit(tree, ITEM_1, "minute: 70\n", "minute: 70\nopen_resolutions:\n  - That the licence be revoked.\n")
    [error] = mistakes(tree)
    assert (error.path, error.line, error.field) == (ITEM_1, 4, "open_resolutions"), str(error)
    assert "write them under 'resolutions:' instead" in error.message


def test_open_resolutions_wait_for_the_minutes(tree: Path) -> None:
    edit(tree, f"{MEETING}/meeting.md", "status: draft-minutes\n", "status: agenda-published\n")
    edit(tree, ITEM_1, "## Minutes\n\nNo apologies were received.\n", "")
    edit(tree, ITEM_1, "minute: 70\n", "minute: 70\nexempt: [1, 2]\nopen_summary: A licence review.\n"
                                       "open_resolutions: That the licence be revoked.\n")
    found = [e for e in mistakes(tree) if e.path == ITEM_1]
    assert [(e.line, e.field) for e in found] == [(6, "open_resolutions")], found
    assert "the meeting's status is 'agenda-published'" in found[0].message


def test_an_open_summary_alone_may_be_written_for_the_agenda(tree: Path) -> None:
    edit(tree, f"{MEETING}/meeting.md", "status: draft-minutes\n", "status: agenda-published\n")
    edit(tree, ITEM_1, "## Minutes\n\nNo apologies were received.\n", "")
    edit(tree, ITEM_2, "votes:\n  - for: 5\n    against: 1\n    result: carried\n", "")
    edit(tree, ITEM_2, "## Minutes\n\nThe report was noted.\n", "")
    edit(tree, ITEM_1, "minute: 70\n", "exempt: not stated\nopen_summary: A licence review.\n")
    check_content(tree)


def test_open_resolutions_are_nested_no_deeper_than_resolutions(tree: Path) -> None:
    deep = "open_resolutions:\n  - text: a\n" + "".join(
        f"{'    ' * (level + 1)}items:\n{'    ' * (level + 1)}  - text: b\n" for level in range(6))
    edit(tree, ITEM_1, "minute: 70\n", f"minute: 70\nexempt: 3\n{deep}")
    [error] = mistakes(tree)
    assert error.field.startswith("open_resolutions[0].items") and "nested more than 6 levels" in error.message


# ---- the reader, for any value -------------------------------------------------------------

PARAGRAPH_TEXTS = st.sampled_from([str(n) for n in range(-2, 12)] + [
    " 3 ", "03", "3\n", "\u00a03", "not stated", "NOT  stated",
    "\u0663", "３",  # digits of other scripts are not paragraph numbers
])
VALUES = st.one_of(
    st.integers(), st.booleans(), st.none(), st.text(max_size=30), PARAGRAPH_TEXTS,
    st.lists(st.one_of(st.integers(-3, 10), st.booleans(), PARAGRAPH_TEXTS, st.text(max_size=5)), max_size=9),
    st.floats(allow_nan=False), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _expected(value: object) -> tuple[int, ...] | None:
    """What the format says ``value`` means: the paragraphs, or None for a mistake."""
    def one(v: object) -> int | None:
        if isinstance(v, bool):
            return None
        if isinstance(v, int):
            return v if 1 <= v <= 7 else None
        if isinstance(v, str) and v.strip().isdigit() and v.strip().isascii():
            return int(v.strip()) if 1 <= int(v.strip()) <= 7 else None
        return None

    if isinstance(value, str) and " ".join(value.split()).lower() == "not stated":
        return ()
    if isinstance(value, list):
        numbers = [one(v) for v in value]
        if not numbers or None in numbers or len(set(numbers)) != len(numbers):
            return None
        return tuple(numbers)
    number = one(value)
    return None if number is None else (number,)


@given(VALUES)
def test_the_reader_accepts_exactly_paragraphs_1_to_7_a_list_of_them_or_not_stated(value: object) -> None:
    expected = _expected(value)
    try:
        read = read_exempt(value)
    except ValueError as mistake:
        assert expected is None, f"{value!r} should mean paragraphs {expected}"
        message = str(mistake)
        assert WHAT_TO_WRITE in message or "listed twice" in message or "cannot be in a list" in message
        return
    assert expected is not None, f"{value!r} was read as {read}"
    assert read.paragraphs == expected
    assert read and all(1 <= p <= 7 for p in read.paragraphs)  # always an exemption


@given(VALUES)
def test_the_schema_reports_a_bad_value_as_a_mistake_in_the_exempt_field(value: object) -> None:
    for model, data in ((schema.ItemFront, {"title": "A"}), (schema.Document, {"title": "A"})):
        try:
            front = model.model_validate({**data, "exempt": value})
        except ValidationError as exc:
            assert _expected(value) is None
            assert [e["loc"] for e in exc.errors()] == [("exempt",)]
        else:
            assert front.exempt and front.exempt.paragraphs == _expected(value)


# ---- how it is published ----------------------------------------------------------------------------


@pytest.mark.parametrize(("paragraphs", "label"), [
    ((3,), "Exempt under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"),
    ((1, 2), "Exempt under paragraphs 1 and 2 of Part 1 of Schedule 12A to the Local Government Act 1972"),
    ((1, 2, 7), "Exempt under paragraphs 1, 2 and 7 of Part 1 of Schedule 12A to the Local Government Act 1972"),
    ((), "Exempt under Part 1 of Schedule 12A to the Local Government Act 1972; "
         "the paragraph was not stated in the minutes"),
])
def test_the_exemption_is_published_with_each_paragraph_and_its_wording(paragraphs: tuple[int, ...],
                                                                        label: str) -> None:
    exemption = Exemption(paragraphs, tuple(schema.SCHEDULE_12A[p] for p in paragraphs))
    assert exemption.label == label
    assert exemption.statement.startswith(label)
    for p in paragraphs:
        assert schema.SCHEDULE_12A[p] in exemption.statement
    if len(paragraphs) > 1:
        assert all(f"Paragraph {p}: {schema.SCHEDULE_12A[p]}" in exemption.statement for p in paragraphs)
    assert exemption.paragraph == (paragraphs[0] if paragraphs else None)


def test_the_check_warns_about_what_the_sanitiser_takes_out_of_an_open_summary(tree: Path) -> None:
    edit(tree, ITEM_1, "minute: 70\n", "minute: 70\nexempt: [1, 2]\nopen_summary: |\n  The licence was reviewed.\n"
                                       "  <script>alert(1)</script>\n")
    checked = check_content(tree)
    found = [w for w in checked.warnings if w.path == ITEM_1]
    assert [(w.line, w.field, w.warning) for w in found] == [(7, "open_summary", True)] * 2, found  # open, close
    assert "'<script>' is HTML the site does not allow" in found[0].message


def test_open_resolutions_take_sub_headings_as_resolutions_do(tree: Path) -> None:
    edit(tree, ITEM_1, "minute: 70\n", "minute: 70\nexempt: 1\nopen_resolutions:\n  - heading: The licence\n"
                                       "  - That the licence be revoked.\n  - heading: Costs\n")
    [error] = mistakes(tree)
    assert (error.path, error.line, error.field) == (ITEM_1, 8, "open_resolutions[2].heading"), str(error)
    assert "the sub-heading 'Costs' has no resolution after it" in error.message
