"""A meeting's life, checked against "today" as the settings, SOURCE_DATE_EPOCH
or git give it (never the clock): no minutes for a meeting that has not taken
place, no approval by one that has not taken place."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from minimal_tree import MEETING, edit, write_tree

from minutebook.content import clock
from minutebook.content.errors import ContentErrors
from minutebook.engine.pipeline import check_content

MEETING_FILE = f"{MEETING}/meeting.md"  # held on 5 March 2024, status draft-minutes
LATER = "meetings/executive/2024-04-09/meeting.md"


def errors_of(content: Path, today: str) -> list[str]:
    try:
        check_content(content, {"MINUTEBOOK_TODAY": today})
    except ContentErrors as exc:
        return [str(e) for e in exc.errors]
    return []


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "content")


def test_minutes_of_a_meeting_that_has_taken_place_pass(tree: Path) -> None:
    assert errors_of(tree, "2024-03-05") == []


def test_minutes_of_a_meeting_in_the_future_are_refused(tree: Path) -> None:
    assert errors_of(tree, "2024-03-04") == [
        f"{MEETING_FILE}:2: status: the status is 'draft-minutes' but the meeting is on 5 March 2024, "
        "after today (4 March 2024): minutes are written once it has taken place; until then write "
        "'status: agenda-published' (or check the folder's date)"]


def add_approving_meeting(tree: Path) -> None:
    (tree / LATER).parent.mkdir(parents=True)
    (tree / LATER).write_text("---\nstatus: agenda-published\nstart: 10:30\nvenue: City Hall\n---\n")
    edit(tree, MEETING_FILE, "status: draft-minutes\n",
         "status: approved-minutes\napproved_at:\n  meeting: executive/2024-04-09\n")


def test_approval_by_a_meeting_that_has_not_yet_taken_place_is_refused(tree: Path) -> None:
    add_approving_meeting(tree)
    assert errors_of(tree, "2024-04-09") == []
    found = errors_of(tree, "2024-03-20")
    assert len(found) == 1
    assert found[0].startswith(f"{MEETING_FILE}:4: approved_at.meeting: meeting 'executive/2024-04-09' "
                               "has not yet taken place (it is on 9 April 2024)")


def test_a_cancelled_meeting_cannot_have_minutes(tree: Path) -> None:
    edit(tree, MEETING_FILE, "status: draft-minutes", "status: cancelled")
    found = errors_of(tree, "2024-06-01")
    assert found and all("the meeting's status is 'cancelled'" in e for e in found)
    assert found[0].startswith(f"{MEETING}/01-apologies.md:5: text: ")


# ---- where "today" comes from --------------------------------------------------------


def git(repo: Path, *args: str, when: str = "2020-01-01T12:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "Clerk", "GIT_AUTHOR_EMAIL": "clerk@example.org",
           "GIT_COMMITTER_NAME": "Clerk", "GIT_COMMITTER_EMAIL": "clerk@example.org"}
    env.pop("SOURCE_DATE_EPOCH", None)
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tree: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    git(tree, "init", "-q")
    git(tree, "add", ".")
    git(tree, "commit", "-q", "-m", "Minutes of 5 March 2024")
    return tree


def test_today_is_the_last_commit_in_a_clean_checkout(repo: Path) -> None:
    assert clock.known_today({}, repo) == dt.date(2020, 1, 1)


def test_uncommitted_work_moves_today_to_when_it_was_saved(repo: Path) -> None:
    """A clerk writing up yesterday's meeting before committing is not told it is in the future."""
    edited = repo / MEETING / "01-apologies.md"
    edited.write_text(edited.read_text() + "\nAn edit not yet committed.\n")
    saved = dt.datetime(2024, 6, 1, 9, tzinfo=dt.UTC).timestamp()
    os.utime(edited, (saved, saved))
    assert clock.known_today({}, repo) == dt.date(2024, 6, 1)


def test_source_date_epoch_and_the_setting_win(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2023, 2, 1, tzinfo=dt.UTC).timestamp())))
    assert clock.known_today({}, repo) == dt.date(2023, 2, 1)
    assert clock.known_today({"MINUTEBOOK_TODAY": "2025-07-01"}, repo) == dt.date(2025, 7, 1)


def test_outside_git_today_is_unknown_rather_than_the_clock(tree: Path, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert clock.known_today({}, tree) is None
