"""The check and the build agree: every input that would make the build fail
is a content mistake the check reports first, with its file, line and field,
and a build never calls a site "up to date" while the check would fail.

Each planted mistake below once passed the check and then stopped the build
with a Python error (a date in year 1, a list nested 200 levels deep, an old
address on top of the site's feed), or reached the pages (a NUL byte).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from minimal_tree import ITEM_1, MEETING, edit, write_tree

from minutebook.errors import ContentErrors
from minutebook.pipeline import check_content

Plant = Callable[[Path], None]
MEETING_MD = f"{MEETING}/meeting.md"


def replace(rel: str, old: str, new: str) -> Plant:
    return lambda root: edit(root, rel, old, new)


def move_meeting(folder: str) -> Plant:
    return lambda root: shutil.move(root / MEETING, root / "meetings/executive" / folder)


def nested(levels: int) -> str:
    """Resolutions nested ``levels`` deep: (1), then (a), then (i)..."""
    lines = ["resolutions:"]
    for level in range(levels - 1):
        pad = "  " * level
        lines += [f"{pad}  - text: part at level {level + 1}", f"{pad}    items:"]
    lines.append("  " * (levels - 1) + f"  - part at level {levels}")
    return "\n".join(lines) + "\n"


def after_minute(text: str) -> Plant:
    return replace(ITEM_1, "minute: 70\n", "minute: 70\n" + text)


@dataclass
class Case:
    id: str
    plant: Plant
    file: str
    line: int
    field: str
    says: str


CASES = [
    # ---- dates a page, feed or calendar cannot show -----------------------------------
    Case("meeting-in-year-1", move_meeting("0001-01-01"), "meetings/executive/0001-01-01", 1,
         "date", "outside the dates Minute Book publishes, 1900-01-01 to 2199-12-31"),
    Case("meeting-in-year-9999", move_meeting("9999-12-31"), "meetings/executive/9999-12-31", 1,
         "date", "check the year in the folder's name"),
    Case("meeting-just-before-1900", move_meeting("1899-12-31"), "meetings/executive/1899-12-31",
         1, "date", "1900-01-01 to 2199-12-31"),
    Case("correction-in-year-1", after_minute("corrections:\n  - date: 0001-01-01\n    note: x\n"),
         ITEM_1, 5, "corrections[0].date", "'0001-01-01' is outside the dates"),
    Case("correction-in-2200", after_minute("corrections:\n  - note: x\n    date: 2200-01-01\n"),
         ITEM_1, 6, "corrections[0].date", "check the year"),
    # ---- nesting -----------------------------------------------------------------------
    Case("resolutions-nested-7-levels", after_minute(nested(7)), ITEM_1, 17,
         "resolutions[0]" + ".items[0]" * 6, "nested more than 6 levels deep"),
    Case("recommendations-nested-7-levels", after_minute(nested(7).replace("resolutions",
         "recommendations")), ITEM_1, 17, "recommendations[0]" + ".items[0]" * 6,
         "move this part up a level"),
    Case("resolutions-nested-200-levels", after_minute(nested(200)), ITEM_1, 43, "resolutions",
         "nested more than 40 levels deep"),
    Case("yaml-nested-50-levels", after_minute("report:" + "".join(
         f"\n{'  ' * i}- " for i in range(50)) + "x\n"), ITEM_1, 45, "report",
         "check the indentation"),
]


def mistakes(root: Path) -> list:
    with pytest.raises(ContentErrors) as caught:
        check_content(root)
    return caught.value.errors


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "content")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_mistake_the_build_would_trip_on_is_reported_exactly(tree: Path, case: Case) -> None:
    case.plant(tree)
    errors = mistakes(tree)
    assert len(errors) == 1, "\n".join(map(str, errors))
    assert (errors[0].path, errors[0].line, errors[0].field) == (case.file, case.line, case.field), str(errors[0])
    assert case.says in errors[0].message, str(errors[0])


@pytest.mark.parametrize("folder", ["1900-01-01", "2199-12-31"])
def test_the_first_and_last_dates_are_accepted(tree: Path, folder: str) -> None:
    move_meeting(folder)(tree)
    assert [m.date.isoformat() for m in check_content(tree).meetings] == [folder]


def test_six_levels_of_parts_are_accepted(tree: Path) -> None:
    after_minute(nested(6))(tree)
    item = check_content(tree).meetings[0].items[0]
    part = item.front.resolutions[0]
    for _ in range(5):
        part = part.items[0]
    assert part.text == "part at level 6"
