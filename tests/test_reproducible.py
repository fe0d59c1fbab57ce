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

from minutebook import archive, clock
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
    assert (one / "pagefind" / "pagefind-entry.json").is_file()
    differences = archive.compare_trees(one, two)
    assert differences == [], "\n".join(map(str, differences))


def test_every_file_left_out_of_the_comparison_says_why():
    for pattern, reason in archive.UNSTABLE_FILES.items():
        assert pattern and len(reason) > 20, f"{pattern}: say why these files cannot be reproducible"


def test_the_build_date_and_folders_never_leak_into_the_output(two_builds):
    first, second = two_builds
    now = dt.datetime.now(dt.UTC)
    content_text = "\n".join(p.read_text(errors="replace") for p in (ROOT / "content").rglob("*") if p.is_file())
    stamps = [s for s in (now.date().isoformat(), now.strftime("%Y%m%d"), f"{now.day} {now:%B %Y}",
                          now.strftime("%d %b %Y")) if s not in content_text]
    if now.date().isoformat() in (ROOT / "pelicanconf.py").read_text():
        stamps = []  # the settings state today's date (the accessibility statement's test date): not a leak
    for file in first.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            for stamp in stamps:
                assert stamp.encode() not in data, f"{file.relative_to(first)} contains today's date {stamp}"
            for folder in (str(first.parent), str(second.parent), str(ROOT)):
                assert folder.encode() not in data, f"{file.relative_to(first)} names the folder {folder}"


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
