"""Two builds of the same commit, in different folders, time zones and hash
seeds, give byte-identical output trees; the build's own date never leaks
into the output."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from minutebook.commands import archive
from minutebook.content import clock
from tests.support import ROOT

SOURCE = ("minutebook", "themes", "content", "pelicanconf.py", "publishconf.py")
COMMIT_TIME = "2027-06-01T09:00:00+00:00"  # after every sample meeting with minutes


def checkout(folder: Path) -> Path:
    """A copy of the project committed to its own git repository at COMMIT_TIME."""
    folder.mkdir(parents=True)
    for name in SOURCE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, folder / name)
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMIT_TIME, "GIT_COMMITTER_DATE": COMMIT_TIME}
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(git + ["add", "."], cwd=folder, check=True)
    subprocess.run(git + ["commit", "-qm", "snapshot"], cwd=folder, env=env, check=True)
    return folder


def build_in(project: Path, output: Path, **env: str) -> Path:
    environment = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONPATH")}
    run = subprocess.run([sys.executable, "-m", "minutebook", "build", "--output", str(output)],
                         cwd=project, env={**environment, **env}, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    return output


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    first = checkout(tmp_path_factory.mktemp("one") / "minutebook")
    second = checkout(tmp_path_factory.mktemp("two") / "elsewhere" / "project")
    return (build_in(first, first / "output", TZ="UTC", PYTHONHASHSEED="1", LC_ALL="C"),
            build_in(second, second.parent / "site", TZ="Pacific/Auckland", PYTHONHASHSEED="4242",
                     LC_ALL="C.UTF-8"))


def test_two_builds_of_the_same_commit_are_byte_identical(two_builds):
    first, second = two_builds
    differences = archive.compare_trees(first, second)
    assert differences == [], "\n".join(map(str, differences))
    assert len(archive.site_files(first)) > 20


def tmpfs() -> Path | None:
    """A writable tmpfs (the computer's memory): it lists a folder's files in
    the order they were made, where ext4 lists them in an order of hashes."""
    mounts = Path("/proc/mounts")
    for line in mounts.read_text().splitlines() if mounts.is_file() else []:
        _, point, kind, *_ = line.split()
        if kind == "tmpfs" and point in ("/dev/shm", "/run/shm") and os.access(point, os.W_OK):
            return Path(point)
    return None


@pytest.fixture
def elsewhere(tmp_path) -> Iterator[Path]:
    """A folder on another file system than ``tmp_path``, where there is one."""
    memory = tmpfs()
    if memory is None or memory.stat().st_dev == tmp_path.stat().st_dev:
        yield tmp_path / "elsewhere"
        return
    folder = Path(tempfile.mkdtemp(prefix="minutebook-test-", dir=memory))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_builds_on_two_file_systems_are_byte_identical_search_index_included(tmp_path, elsewhere):
    """Pagefind numbered pages in the order the file system listed them: the
    same commit built on ext4 and on tmpfs differed in 15 files of its index."""
    first = checkout(tmp_path / "project")
    second = checkout(elsewhere / "project")
    one, two = build_in(first, first / "output"), build_in(second, second / "output")
    assert any((one / "pagefind").rglob("pagefind-entry.json"))
    differences = archive.compare_trees(one, two)
    assert differences == [], "\n".join(map(str, differences))


def left_out_of_the_comparison(built: Path, folder: Path) -> list[str]:
    """The files of ``built`` that ``compare_trees`` does not compare: those it
    does not report against a copy in which every file is changed."""
    changed = folder / "every-file-changed"
    shutil.copytree(built, changed)
    for file in changed.rglob("*"):
        if file.is_file():
            with file.open("ab") as data:
                data.write(b"\n<!-- changed -->\n")
    compared = {difference.path for difference in archive.compare_trees(built, changed)}
    return [rel for rel in archive.site_files(built) if rel not in compared]


def test_every_file_left_out_of_the_comparison_says_why(two_builds, tmp_path):
    from fnmatch import fnmatch

    first, _ = two_builds
    left_out = left_out_of_the_comparison(first, tmp_path)
    for rel in left_out:
        listed = [pattern for pattern in archive.UNSTABLE_FILES if fnmatch(rel, pattern)]
        assert listed, f"{rel} is left out of the comparison but archive.UNSTABLE_FILES does not list it"
    for pattern, reason in archive.UNSTABLE_FILES.items():
        assert len(reason) > 20, f"{pattern}: say why these files cannot be reproducible"
        assert any(fnmatch(rel, pattern) for rel in left_out), f"{pattern} leaves out no file the build writes"
    # today the list is empty: every file the build writes is compared byte for byte
    assert len(archive.site_files(first)) - len(left_out) > 20


# The clock the leak test gives Python in its build: a date found nowhere in
# the content or the settings, and not the commit's (the build's own "today").
WALL_CLOCK = dt.datetime(2031, 2, 19, 13, 14, 15, tzinfo=dt.UTC)


def build_at(wall_clock: dt.datetime, project: Path, output: Path, folder: Path) -> Path:
    """Build with Python's clock set to ``wall_clock`` (by time-machine, from a
    sitecustomize the build's Python and any Python it runs start with)."""
    folder.mkdir()
    (folder / "sitecustomize.py").write_text(
        "import datetime, pathlib, time_machine\n"
        f"time_machine.travel({wall_clock.isoformat()!r}, tick=True).start()\n"
        "pathlib.Path(__file__).with_name('clock').write_text(datetime.date.today().isoformat())\n")
    build_in(project, output, PYTHONPATH=str(folder))
    seen = (folder / "clock").read_text() if (folder / "clock").exists() else "the machine's clock"
    assert seen == wall_clock.date().isoformat(), f"the build's Python read {seen} (is time-machine installed?)"
    return output


def test_the_build_date_and_folders_never_leak_into_the_output(two_builds, tmp_path):
    first, second = two_builds
    when = WALL_CLOCK
    stamps = [when.date().isoformat(), when.strftime("%Y%m%d"), when.strftime("%Y/%m/%d"), f"{when.day} {when:%B %Y}",
              when.strftime("%d %b %Y"), f"{when.day} {when:%b %Y}"]
    source = [p for p in (ROOT / "content").rglob("*") if p.is_file()] + [ROOT / "pelicanconf.py",
                                                                          ROOT / "publishconf.py"]
    source_text = "\n".join(p.read_text(errors="replace") for p in source)
    assert [s for s in stamps if s in source_text] == [], "pick a WALL_CLOCK date the content and settings do not state"
    third = checkout(tmp_path / "three" / "project")
    built = build_at(WALL_CLOCK, third, third / "output", tmp_path / "clock")
    for file in built.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            for stamp in stamps:
                assert stamp.encode() not in data, f"{file.relative_to(built)} contains the build's date {stamp}"
    for tree in (first, built):
        for file in tree.rglob("*"):
            if file.is_file():
                data = file.read_bytes()
                for folder in (str(first.parent), str(second.parent), str(third), str(ROOT)):
                    assert folder.encode() not in data, f"{file.relative_to(tree)} names the folder {folder}"


def test_the_comparison_names_each_file_that_differs_and_where(two_builds, tmp_path):
    first, _ = two_builds
    changed = tmp_path / "changed"
    shutil.copytree(first, changed)
    page = changed / "committees/index.html"
    lines = page.read_text().splitlines(keepends=True)
    lines[9] = lines[9].replace("<", "<!-- built at 12:00 --><", 1)
    page.write_text("".join(lines))
    (changed / "people/index.html").unlink()
    (changed / "extra.txt").write_text("new")
    found = {d.path: d.reason for d in archive.compare_trees(first, changed)}
    assert found["committees/index.html"].startswith("bytes differ from line 10")
    assert "built at 12:00" in found["committees/index.html"]
    assert found["people/index.html"] == f"only in {first}"
    assert found["extra.txt"] == f"only in {changed}"
    # files that cannot be made stable are named, with a reason, and skipped
    assert archive.compare_trees(first, changed, {"committees/*": "t", "people/*": "t", "extra.txt": "t"}) == []


def test_source_date_epoch_defaults_to_the_last_commit(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = checkout(tmp_path / "project")
    expected = int(dt.datetime.fromisoformat(COMMIT_TIME).timestamp())
    assert clock.source_date_epoch(project / "content") == expected
    assert archive.source_epoch(project / "content") == expected
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert clock.source_date_epoch(project / "content") == 1700000000
