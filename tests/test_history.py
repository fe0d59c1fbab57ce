"""Change history: every meeting and item page shows its source file's git
commits and the clerk's corrections, read from one git process, identical
for the same commit, and says so when the content is not a git checkout."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from warcio.archiveiterator import ArchiveIterator

from minutebook.commands import archive
from minutebook.content.errors import ContentErrors
from minutebook.engine.build import build_site
from minutebook.engine.pipeline import check_content, load_site
from minutebook.model import history
from tests.minimal_tree import ITEM_1, ITEM_2, MEETING, edit, write_tree
from tests.support import SETTINGS

EXEMPT_ITEM = f"{MEETING}/03-land-at-example-street.md"
SECRET_SUBJECT = "Sale of land to Acme Holdings for 1.2 million"
SECRET_NOTE = "The buyer is Zebulon Estates, not Acme Holdings."
FIRST = ("2024-03-06T10:00:00+00:00", "Agenda and minutes of the meeting of 5 March")
# 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): dates are London dates
SECOND = ("2024-06-30T23:30:00+00:00", "Vote count corrected in the exploitation update")
NO_SEARCH = {"MINUTEBOOK_SEARCH": False}


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, **({"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {})}
    subprocess.run(["git", "-c", "user.name=Clerk", "-c", "user.email=clerk@example.org",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, env=env, check=True,
                   capture_output=True)


def commit(repo: Path, when: str, subject: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", subject, when=when)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A git repository with the content in a subfolder, committed twice."""
    root = tmp_path_factory.mktemp("history") / "repo"
    content = write_tree(root / "content")
    (content / EXEMPT_ITEM).write_text("---\ntitle: Land at Example Street\nexempt: 3\n---\n",
                                       encoding="utf-8")
    git(root, "init", "-q")
    commit(root, FIRST[0], FIRST[1])
    edit(content, ITEM_2, "  - for: 5\n", "  - for: 6\n")
    edit(content, ITEM_2, "declarations:", "corrections:\n  - date: 2024-03-20\n"
         "    note: The number of votes for was corrected from 5 to 6.\ndeclarations:")
    (content / EXEMPT_ITEM).write_text("---\ntitle: Land at Example Street\nexempt: 3\nminute: 72\n"
                                       f"corrections:\n  - date: 2024-04-01\n    note: {SECRET_NOTE}\n---\n",
                                       encoding="utf-8")
    commit(root, SECOND[0], SECRET_SUBJECT)
    return root


@pytest.fixture(scope="module")
def built(repo, tmp_path_factory) -> Path:
    return build_site(SETTINGS, repo / "content", tmp_path_factory.mktemp("built") / "output", NO_SEARCH)


def page(output: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((output / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def history_entries(soup: BeautifulSoup) -> list[tuple[str, str]]:
    section = soup.select_one("section.change-history")
    assert section is not None, "the page has no change history"
    return [(li.time["datetime"], " ".join(li.get_text().split())) for li in section.select("li")]


ITEM_PAGE = "committees/executive/2024-03-05/exploitation-update"


def test_item_page_lists_commit_dates_and_corrections_newest_first(built):
    """By default a commit shows as "Changed" with its date: its subject is not the clerk's
    note to the public, and this one names what is confidential in another item."""
    soup = page(built, ITEM_PAGE)
    assert history_entries(soup) == [
        ("2024-07-01", "1 July 2024: Changed"),
        ("2024-03-20", "20 March 2024: Correction: The number of votes for was corrected from 5 to 6."),
        ("2024-03-06", "6 March 2024: Changed"),
    ]
    assert SECRET_SUBJECT not in soup.get_text() and FIRST[1] not in soup.get_text()
    last = soup.select_one(".last-changed")
    assert " ".join(last.get_text().split()).startswith("Last changed 1 July 2024")
    assert last.time["datetime"] == "2024-07-01"


def test_meeting_page_covers_meeting_md_only(built):
    soup = page(built, "committees/executive/2024-03-05")
    assert history_entries(soup) == [("2024-03-06", "6 March 2024: Changed")]
    assert "meeting.md" in soup.select_one("section.change-history").get_text()


def test_exempt_item_shows_dates_but_never_commit_subjects(built):
    soup = page(built, "committees/executive/2024-03-05/land-at-example-street")
    assert history_entries(soup) == [("2024-07-01", "1 July 2024: Changed"),
                                     ("2024-04-01", "1 April 2024: Corrected"),
                                     ("2024-03-06", "6 March 2024: Changed")]
    assert "only the dates" in soup.select_one("section.change-history").get_text()
    assert SECRET_SUBJECT not in soup.get_text()
    for file in built.rglob("*"):
        if file.is_file():
            assert b"Zebulon" not in file.read_bytes(), file


def test_two_builds_of_the_same_commit_are_byte_identical(repo, built, tmp_path):
    again = build_site(SETTINGS, repo / "content", tmp_path / "again", NO_SEARCH)
    assert archive.compare_trees(built, again) == []


def test_a_copy_that_is_not_a_git_checkout_builds_and_says_so(repo, tmp_path):
    copy = shutil.copytree(repo / "content", tmp_path / "plain" / "content")
    output = build_site(SETTINGS, copy, tmp_path / "plain" / "output", NO_SEARCH)
    soup = page(output, ITEM_PAGE)
    text = " ".join(soup.select_one("section.change-history").get_text().split())
    assert "Change history is not available: this copy of the minutes is not a git checkout" in text
    # the clerk's corrections are in the files themselves, so they still show
    assert history_entries(soup) == [
        ("2024-03-20", "20 March 2024: Correction: The number of votes for was corrected from 5 to 6.")]
    assert SECRET_SUBJECT not in soup.get_text()


def test_an_uncommitted_file_says_it_is_not_yet_committed(repo, tmp_path):
    content = shutil.copytree(repo, tmp_path / "dirty")
    new = content / "content" / MEETING / "04-any-other-business.md"
    new.write_text("---\ntitle: Any other business\n---\n", encoding="utf-8")
    site = load_site(content / "content", {"MINUTEBOOK_TODAY": "2024-07-01"})
    item = next(i for i in site.items if i.slug == "any-other-business")
    assert item.changes == [] and item.last_changed is None
    assert item.history.missing == history.NOT_COMMITTED


def test_history_follows_a_renamed_file(repo, tmp_path):
    root = shutil.copytree(repo, tmp_path / "renamed")
    old, new = root / "content" / ITEM_2, root / "content" / MEETING / "02-exploitation.md"
    git(root, "mv", str(old), str(new))
    commit(root, "2024-08-01T09:00:00+00:00", "Item file renamed")
    files = history.read_history(root / "content").files
    assert [c.text for c in files[f"{MEETING}/02-exploitation.md"]] == [
        "Item file renamed", SECRET_SUBJECT, FIRST[1]]


def test_one_git_process_reads_the_history_of_thousands_of_files(tmp_path, monkeypatch):
    root = tmp_path / "big"
    for n in range(3000):
        path = root / "meetings" / f"c{n % 30}" / f"2024-01-{n % 28 + 1:02d}" / f"{n:04d}-item.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: Item {n}\n---\n", encoding="utf-8")
    git(root, "init", "-q")
    commit(root, FIRST[0], "Import")
    for n in range(0, 3000, 3):
        (root / "meetings" / f"c{n % 30}" / f"2024-01-{n % 28 + 1:02d}" / f"{n:04d}-item.md").write_text(
            f"---\ntitle: Item {n}, corrected\n---\n", encoding="utf-8")
    commit(root, SECOND[0], "Titles corrected")

    started: list[list[str]] = []
    real_popen = subprocess.Popen

    class CountingPopen(real_popen):  # real git runs; the wrapper only counts
        def __init__(self, args, *rest, **kwargs):
            started.append(list(args))
            super().__init__(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", CountingPopen)
    begun = time.perf_counter()
    found = history.read_history(root)
    elapsed = time.perf_counter() - begun
    assert len(started) == 1 and started[0][0] == "git"
    assert len(found.files) == 3000
    assert [c.text for c in found.files["meetings/c0/2024-01-01/0000-item.md"]] == ["Titles corrected", "Import"]
    assert [c.date for c in found.files["meetings/c1/2024-01-02/0001-item.md"]] == [dt.date(2024, 3, 6)]
    assert elapsed < 1.0, f"reading the history took {elapsed:.2f}s"


def test_no_git_means_history_unavailable(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on the path
    assert history.read_history(tmp_path).available is False


# ---- commit subjects: published only when the council turns them on, never an exempt one ----

OPEN_CANARY = "Canary-5d1e open item wording tidied"
MIXED_CANARY = "Canary-9b7c open and exempt items changed together"
DOCUMENT_CANARY = "Canary-2f4a exempt appendix replaced, venue corrected"
FIRST_CANARY = "Canary-0a6d first import of the meeting"
DELETED_CANARY = "Canary-7e3b apologies, and a report later withdrawn"
CANARIES = (OPEN_CANARY, MIXED_CANARY, DOCUMENT_CANARY, FIRST_CANARY, DELETED_CANARY)
APPENDIX = f"{MEETING}/appendix-e.pdf"
SUBJECTS_ON = {**NO_SEARCH, history.SUBJECTS: True}


@pytest.fixture(scope="module")
def canary_repo(tmp_path_factory) -> Path:
    """Commits with unique subjects: the first adds an exempt item, the second
    touches only an open item, the third an open and an exempt item, the
    fourth an exempt document's file and the open meeting.md, the fifth an
    open item and a file that a sixth deletes."""
    root = tmp_path_factory.mktemp("canaries") / "repo"
    content = write_tree(root / "content")
    (content / EXEMPT_ITEM).write_text("---\ntitle: Land at Example Street\nexempt: 3\n---\n", encoding="utf-8")
    edit(content, ITEM_2, "    file: report-am.pdf\n", "    file: report-am.pdf\n"
         "  - title: Not for publication Appendix E\n    file: appendix-e.pdf\n    exempt: 3\n")
    (content / APPENDIX).write_bytes(b"%PDF-1.4 appendix\n")
    git(root, "init", "-q")
    commit(root, "2024-03-06T10:00:00+00:00", FIRST_CANARY)
    edit(content, ITEM_2, "The report was noted.", "The report was noted and welcomed.")
    commit(root, "2024-03-07T10:00:00+00:00", OPEN_CANARY)
    edit(content, ITEM_2, "noted and welcomed.", "noted and warmly welcomed.")
    (content / EXEMPT_ITEM).write_text("---\ntitle: Land at Example Street\nexempt: 3\nminute: 72\n---\n",
                                       encoding="utf-8")
    commit(root, "2024-03-08T10:00:00+00:00", MIXED_CANARY)
    edit(content, f"{MEETING}/meeting.md", "Committee Room 1", "Committee Room 2")
    (content / APPENDIX).write_bytes(b"%PDF-1.4 appendix, second version\n")
    commit(root, "2024-03-09T10:00:00+00:00", DOCUMENT_CANARY)
    edit(content, ITEM_1, "No apologies were received.", "Apologies were received from nobody.")
    withdrawn = content / MEETING / "04-withdrawn-report.md"
    withdrawn.write_text("---\ntitle: Withdrawn report\n---\n", encoding="utf-8")
    commit(root, "2024-03-10T10:00:00+00:00", DELETED_CANARY)
    withdrawn.unlink()
    commit(root, "2024-03-11T10:00:00+00:00", "Withdrawn report removed")
    return root


def every_payload(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, and inside each gzip, zip, WARC and WACZ
    (Pagefind's fragments are gzip'd too), by name: what anyone could read."""
    found: dict[str, bytes] = {}

    def add(name: str, data: bytes) -> None:
        found[name] = data
        if data[:2] == b"\x1f\x8b":
            add(f"{name}|gunzip", gzip.decompress(data))
        elif data[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(io.BytesIO(data)) as zipped:
                for entry in zipped.namelist():
                    add(f"{name}|{entry}", zipped.read(entry))
        if name.endswith(".warc.gz"):
            for n, record in enumerate(ArchiveIterator(io.BytesIO(data))):
                add(f"{name}|record{n}", record.content_stream().read())

    for file in folder.rglob("*"):
        if file.is_file():
            add(file.relative_to(folder).as_posix(), file.read_bytes())
    return found


def leaks(folder: Path, secrets: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(name, secret) for name, data in every_payload(folder).items()
            for secret in secrets if secret.encode() in data]


def test_commit_subjects_are_never_published_by_default(canary_repo, tmp_path):
    content = canary_repo / "content"
    output = build_site(SETTINGS, content, tmp_path / "output", {"MINUTEBOOK_TODAY": "2024-07-01"})
    snapshot = archive.create_snapshot(archive.Snapshot(output, "https://minutes.example.org", 1712664000,
                                                        archive.commit_of(content)), tmp_path / "archive" / "snap")
    assert (output / "pagefind").is_dir(), "the search index should be searched for canaries too"
    assert any(name.endswith("|record3") for name in every_payload(snapshot)), "the WARC was not read"
    assert leaks(output, CANARIES) == []
    assert leaks(snapshot, CANARIES) == []
    # the dates are still there, and the clerk can see that each is a change
    assert history_entries(page(output, ITEM_PAGE))[:3] == [
        ("2024-03-08", "8 March 2024: Changed"), ("2024-03-07", "7 March 2024: Changed"),
        ("2024-03-06", "6 March 2024: Changed")]


def test_with_subjects_on_only_commits_that_touched_no_exempt_file_show_theirs(canary_repo, tmp_path):
    content = canary_repo / "content"
    output = build_site(SETTINGS, content, tmp_path / "output", SUBJECTS_ON)
    assert history_entries(page(output, ITEM_PAGE)) == [
        ("2024-03-08", "8 March 2024: Changed"),  # it also touched the exempt item
        ("2024-03-07", f"7 March 2024: {OPEN_CANARY}"),
        ("2024-03-06", "6 March 2024: Changed")]  # it added the exempt item
    # meeting.md changed with the exempt appendix's file
    assert history_entries(page(output, "committees/executive/2024-03-05")) == [
        ("2024-03-09", "9 March 2024: Changed"), ("2024-03-06", "6 March 2024: Changed")]
    # it also touched a file deleted since, which can no longer be checked
    assert history_entries(page(output, "committees/executive/2024-03-05/apologies"))[0] == (
        "2024-03-10", "10 March 2024: Changed")
    assert leaks(output, (MIXED_CANARY, DOCUMENT_CANARY, FIRST_CANARY, DELETED_CANARY)) == []


# ---- the corrections field, as the check reports it ------------------------------


def corrected_tree(tmp_path: Path, corrections: str) -> Path:
    root = write_tree(tmp_path / "content")
    edit(root, ITEM_2, "declarations:", f"corrections:\n{corrections}declarations:")
    return root


@pytest.mark.parametrize(("corrections", "field", "says"), [
    ("  - date: 2024-3-20\n    note: Vote corrected.\n", "corrections[0].date", "'2024-3-20' is not a date"),
    ("  - date: 2024-02-30\n    note: Vote corrected.\n", "corrections[0].date", "is not a real date"),
    ("  - date: 2024-03-20\n    notes: Vote corrected.\n", "corrections[0].notes", "did you mean 'note'?"),
    ("  - date: 2024-03-20\n", "corrections[0].note", "'note' is required"),
    ("  - date: 2024-07-02\n    note: Vote corrected.\n", "corrections[0].date", "is after today (2024-07-01)"),
])
def test_mistakes_in_corrections_name_file_line_and_field(tmp_path, corrections, field, says):
    root = corrected_tree(tmp_path, corrections)
    with pytest.raises(ContentErrors) as raised:
        check_content(root, {"MINUTEBOOK_TODAY": "2024-07-01"})
    report = raised.value.report()
    assert f"{ITEM_2}:19: {field}:" in report or f"{ITEM_2}:20: {field}:" in report, report
    assert says in report, report


def test_a_correction_dated_today_is_accepted(tmp_path):
    root = corrected_tree(tmp_path, "  - date: 2024-07-01\n    note: Vote corrected.\n")
    checked = check_content(root, {"MINUTEBOOK_TODAY": "2024-07-01"})
    item = next(i for i in checked.meetings[0].items if i.raw.source.rel == ITEM_2)
    assert item.front.corrections[0].date == dt.date(2024, 7, 1)
