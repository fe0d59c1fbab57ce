"""`invoke new-meeting`: a clerk's new meeting passes the check and builds as it
stands, and a meeting that exists is never overwritten."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from minimal_tree import write_tree

from minutebook.engine.build import build_site
from minutebook.engine.pipeline import check_content
from tests.support import CONTENT, SETTINGS
from tests.test_cli import fingerprint, run

NEW = "meetings/executive/2031-05-14"


def new_meeting(content: Path, *args: str) -> subprocess.CompletedProcess:
    return run(sys.executable, "-m", "invoke", "new-meeting", "--content", str(content), *args)


@pytest.fixture
def scaffolded(content_copy: Path) -> Path:
    result = new_meeting(content_copy, "--committee", "executive", "--date", "2031-05-14")
    assert result.returncode == 0, result.stdout + result.stderr
    return content_copy


def test_new_meeting_writes_the_standing_items_in_order(scaffolded: Path) -> None:
    names = sorted(p.name for p in (scaffolded / NEW).iterdir())
    assert names == ["01-apologies-for-absence.md", "02-disclosures-of-interest.md",
                     "03-minutes-of-the-previous-meeting.md", "meeting.md"]
    previous = (scaffolded / NEW / "03-minutes-of-the-previous-meeting.md").read_text()
    # the committee's last meeting in the sample content is 8 December 2026
    assert "the meeting held on 8 December 2026 be signed as a correct record" in previous


def test_what_it_writes_passes_the_check_and_builds_a_meeting_page(scaffolded: Path, tmp_path: Path) -> None:
    checked = check_content(scaffolded)
    meeting = next(m for m in checked.meetings if m.raw.key == "executive/2031-05-14")
    assert meeting.front.status == "agenda-published"
    assert meeting.front.venue == "Committee Room 1, City Hall, Bradford"  # as the last meeting

    output = build_site(SETTINGS, scaffolded, tmp_path / "output", {"MINUTEBOOK_SEARCH": False})
    page = BeautifulSoup((output / "committees/executive/2031-05-14/index.html").read_text(), "html.parser")
    assert "14 May 2031" in page.h1.get_text()
    text = page.get_text(" ", strip=True)
    assert "Agenda published" in text
    links = [a.get_text(" ", strip=True) for a in page.select("main a")]
    for title in ("Apologies for absence", "Disclosures of interest", "Minutes of the previous meeting"):
        assert any(link.endswith(title) for link in links), (title, links)
    assert (output / "committees/executive/2031-05-14/apologies-for-absence/index.html").is_file()


def test_running_it_again_refuses_and_changes_nothing(scaffolded: Path) -> None:
    (scaffolded / NEW / "02-disclosures-of-interest.md").write_text("---\ntitle: Edited by the clerk\n---\n")
    before = fingerprint(scaffolded / NEW)
    result = new_meeting(scaffolded, "--committee", "executive", "--date", "2031-05-14")
    assert result.returncode == 1
    assert "already exists: nothing was changed" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert fingerprint(scaffolded / NEW) == before


def test_the_commented_hints_are_valid_when_uncommented(scaffolded: Path) -> None:
    """A clerk fills in the attendance by deleting '# ': the result must check."""
    meeting = scaffolded / NEW / "meeting.md"
    text = meeting.read_text()
    block = re.search(r"^# attendance:\n(?:^#   .*\n)+", text, re.MULTILINE)
    assert block, text
    uncommented = re.sub(r"^# ", "", block[0], flags=re.MULTILINE)
    uncommented = uncommented.replace("  apologies:\n    - person-id\n", "")
    uncommented = uncommented.replace("  in_attendance:\n    - officer-id\n", "")
    meeting.write_text(text.replace(block[0], uncommented))
    checked = check_content(scaffolded)
    meeting_front = next(m for m in checked.meetings if m.raw.key == "executive/2031-05-14").front
    assert [a.person for a in meeting_front.attendance.present] == [
        "cllr-amina-rahman", "cllr-peter-hollings", "cllr-sarah-whitaker", "cllr-daniel-okafor"]


def test_first_meeting_of_a_committee_has_no_previous_minutes(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content")
    result = new_meeting(content, "--committee", "executive", "--date", "2020-01-07",
                         "--start", "18:00", "--venue", "Town Hall: Room 2")
    assert result.returncode == 0, result.stderr
    folder = content / "meetings/executive/2020-01-07"
    assert sorted(p.name for p in folder.iterdir()) == [
        "01-apologies-for-absence.md", "02-disclosures-of-interest.md", "meeting.md"]
    front = next(m for m in check_content(content).meetings if m.raw.key == "executive/2020-01-07").front
    assert (front.start.strftime("%H:%M"), front.venue) == ("18:00", "Town Hall: Room 2")


@pytest.mark.parametrize(("args", "says"), [
    (("--committee", "executiv", "--date", "2031-05-14"),
     "no committee has the id 'executiv': did you mean 'executive'?"),
    (("--committee", "executive", "--date", "14/05/2031"), "'14/05/2031' is not a date: write it as YYYY-MM-DD"),
    (("--committee", "executive", "--date", "2031-02-30"), "'2031-02-30' is not a date"),
])
def test_mistakes_in_the_command_are_explained(tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    content = write_tree(tmp_path / "content")
    before = fingerprint(content)
    result = new_meeting(content, *args)
    assert result.returncode == 1
    assert says in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert fingerprint(content) == before


def test_the_sample_content_is_untouched_by_the_tests() -> None:
    assert not (CONTENT / NEW).exists()
