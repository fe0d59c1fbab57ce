"""A rebuild that reuses what the last build left (``incremental``), its work
split between worker processes (``parallel``), gives the very bytes a cold
build in one process gives, whatever changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from minutebook.commands import bench
from minutebook.commands.genarchive import generate
from minutebook.engine import background, filecache, kept, parallel, spare
from minutebook.engine.build import ContentErrors, build_site, run_build
from minutebook.engine.incremental import cache_folder
from minutebook.engine.pipeline import check_content
from tests.support import CONTENT, SETTINGS

NO_SEARCH = {"MINUTEBOOK_SEARCH": False}  # Pagefind's own reproducibility is tested elsewhere


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, Path]:
    """A small generated archive, built once into an output folder that keeps its cache."""
    work = tmp_path_factory.mktemp("incremental")
    content = generate(work / "content", 12, seed=5)
    output = build_site(SETTINGS, content, work / "site" / "output", NO_SEARCH)
    assert cache_folder(output).is_dir()
    return content, output


def rebuild_matches_cold(content: Path, output: Path, tmp_path: Path, written_at_most: int | None = None,
                         from_spare: bool = True, held: kept.HeldModel | None = None) -> kept.Kept:
    """Rebuild in two worker processes, starting from a spare (made here, not
    left to the background process, so that the test does not depend on its
    timing), with the model ``held`` as a preview holds it; build cold in this
    one; compare."""
    if from_spare:
        spare.settle(output)  # the last build's background work (its caches, its own spare) is done first
        spare.make(output)
        assert (cache_folder(output) / spare.SPARE).is_dir()
    small, parallel.SMALL = parallel.SMALL, 1
    os.environ["MINUTEBOOK_WORKERS"] = "2"
    try:
        built = run_build(SETTINGS, content, output, NO_SEARCH, held)
    finally:
        parallel.SMALL = small
        del os.environ["MINUTEBOOK_WORKERS"]
    assert built.spare == from_spare, "the rebuild did not start from the spare"
    if written_at_most is not None:  # only the pages that show the changed text were rendered again
        assert built.written <= written_at_most
    made = built.kept
    os.environ["MINUTEBOOK_WORKERS"] = "1"
    try:
        cold = build_site(SETTINGS, content, tmp_path / "cold" / "output", NO_SEARCH)
    finally:
        del os.environ["MINUTEBOOK_WORKERS"]
    incremental, fresh = tree(output), tree(cold)
    assert sorted(incremental) == sorted(fresh)
    assert [name for name in fresh if incremental[name] != fresh[name]] == []
    return made


def items(content: Path) -> list[Path]:
    return sorted((content / "meetings").glob("*/*/[0-9]*.md"))


def test_a_rebuild_with_nothing_changed_leaves_the_output_alone(archive):
    content, output = archive
    before = {p: p.stat().st_ino for p in output.rglob("*")}
    build_site(SETTINGS, content, output, NO_SEARCH)
    assert {p: p.stat().st_ino for p in output.rglob("*")} == before


def test_editing_one_item(archive, tmp_path):
    content, output = archive
    item = items(content)[40]
    item.write_text(item.read_text(encoding="utf-8").replace("## Minutes\n", "## Minutes\n\nA new opening line.\n"),
                    encoding="utf-8")
    before = {p.relative_to(output): p.stat().st_ino for p in output.rglob("*") if p.is_file()}
    rebuild_matches_cold(content, output, tmp_path, written_at_most=5)
    assert "A new opening line." in (output / "committees").joinpath(
        item.parent.parent.name, item.parent.name, item.stem.split("-", 1)[1], "index.html").read_text()
    # Of the files Minute Book writes (Pelican itself copies the theme and
    # writes the pages in pages/ every time) only the item's page and the
    # meeting's data file are new (and the meeting's page, had its bytes
    # changed); the rest are the previous build's own files, linked.
    after = {p.relative_to(output): p.stat().st_ino for p in output.rglob("*") if p.is_file()}
    new = sorted(str(path) for path, inode in after.items()
                 if before.get(path) != inode and path.parts[0] not in ("theme", "about"))
    assert len(new) <= 3 and any("A new opening line." in (output / path).read_text() for path in new
                                 if path.endswith(".json"))


def test_adding_a_meeting(archive, tmp_path):
    content, output = archive
    bench._add_meeting(content)
    rebuild_matches_cold(content, output, tmp_path)
    assert (output / "committees/executive/2099-01-06/index.html").is_file()


def test_deleting_an_item(archive, tmp_path):
    content, output = archive
    item = items(content)[-5]
    item.unlink()
    rebuild_matches_cold(content, output, tmp_path)


def test_editing_a_registry(archive, tmp_path):
    content, output = archive
    people = content / "people.yaml"
    first = next(line for line in people.read_text(encoding="utf-8").splitlines() if "name: Councillor" in line)
    people.write_text(people.read_text(encoding="utf-8").replace(first, first + " Junior", 1), encoding="utf-8")
    rebuild_matches_cold(content, output, tmp_path)
    assert any(first.split("name: ")[1] + " Junior" in p.read_text() for p in (output / "people").rglob("*.html"))


def test_a_lost_cache_gives_a_cold_build(archive, tmp_path):
    content, output = archive
    spare.settle(output)  # the last build's background work writes into the cache folder
    shutil.rmtree(cache_folder(output))
    rebuild_matches_cold(content, output, tmp_path, from_spare=False)


def report_of_build(content: Path, output: Path, held: kept.HeldModel | None = None) -> str:
    with pytest.raises(ContentErrors) as failed:
        build_site(SETTINGS, content, output, NO_SEARCH, held)
    return failed.value.report()


def report_of_check(content: Path) -> str:
    """What `check` says, reading every file afresh (no cache)."""
    with pytest.raises(ContentErrors) as failed:
        check_content(content)
    return failed.value.report()


def test_a_mistake_in_a_file_read_before_is_reported_then_fixed(archive, tmp_path):
    """Files kept from earlier builds (``filecache``) never hide a mistake:
    the edited file's mistake is reported, with its file and line, exactly as
    a fresh check reports it, on every build until it is fixed."""
    content, output = archive
    item = items(content)[20]
    meeting = item.parent / "meeting.md"
    good_item, good_meeting = item.read_text(encoding="utf-8"), meeting.read_text(encoding="utf-8")
    item.write_text(good_item.replace("---\n", "---\nnot_a_field: 1\n", 1), encoding="utf-8")
    meeting.write_text(good_meeting.replace("---\n", "---\nstatus_typo: 1\n", 1), encoding="utf-8")
    expected = report_of_check(content)
    rel = item.relative_to(content).as_posix()
    assert f"{rel}:2" in expected and "not_a_field" in expected and "status_typo" in expected
    assert report_of_build(content, output) == expected
    assert report_of_build(content, output) == expected  # and again: a failed build keeps nothing wrong
    item.write_text(good_item.replace("## Minutes\n", "## Minutes\n\nNow fixed.\n"), encoding="utf-8")
    assert "not_a_field" not in report_of_build(content, output)
    meeting.write_text(good_meeting, encoding="utf-8")
    rebuild_matches_cold(content, output, tmp_path)


def test_a_mistake_in_the_text_is_reported_from_a_kept_file(archive, tmp_path):
    content, output = archive
    build_site(SETTINGS, content, output, NO_SEARCH)  # every file kept
    item = items(content)[30]
    good = item.read_text(encoding="utf-8")
    item.write_text(good.replace("## Minutes\n", "## Minuets\n", 1), encoding="utf-8")
    expected = report_of_check(content)
    assert "## Minuets" in expected
    assert report_of_build(content, output) == expected
    item.write_text(good, encoding="utf-8")
    rebuild_matches_cold(content, output, tmp_path)


def test_a_mistake_across_files_points_at_its_line_in_a_kept_file(archive):
    """A kept file's lines are not kept: they are found again in its front
    matter when a mistake needs one (``source.Located``). A check across
    files (minutes for meetings after today) reports the line of 'status:'
    in files this build took from the cache, exactly as a fresh check does."""
    content, output = archive
    build_site(SETTINGS, content, output, NO_SEARCH)  # every file kept
    meetings = sorted((content / "meetings").glob("*/*/meeting.md"), key=lambda m: m.parent.name)
    today = {"MINUTEBOOK_TODAY": meetings[len(meetings) // 2].parent.name[:10]}  # half the meetings after it
    with pytest.raises(ContentErrors) as fresh:
        check_content(content, today)
    with pytest.raises(ContentErrors) as built:
        build_site(SETTINGS, content, output, {**NO_SEARCH, **today})
    assert built.value.report() == fresh.value.report()
    found = [e for e in built.value.errors if e.field == "status"]
    assert len(found) > 2
    for error in found:
        lines = (content / error.path).read_text(encoding="utf-8").split("\n")
        assert lines[error.line - 1].startswith("status:"), str(error)


def test_the_build_after_a_mistake_is_put_right_starts_from_a_spare(archive):
    """A build that fails has used the spare (its staging folder is deleted):
    a new one is made from the site still published, so the build that
    follows the clerk's correction is as quick as any other."""
    content, output = archive
    build_site(SETTINGS, content, output, NO_SEARCH)
    spare.settle(output)  # its spare made, for the failing build to take
    item = items(content)[5]
    good = item.read_text(encoding="utf-8")
    item.write_text(good.replace("---\n", "---\nnot_a_field: 1\n", 1), encoding="utf-8")
    assert "not_a_field" in report_of_build(content, output)
    item.write_text(good.replace("## Minutes\n", "## Minutes\n\nPut right.\n", 1), encoding="utf-8")
    assert spare.settle(output) < 60  # what the failed build left to the background is done
    assert run_build(SETTINGS, content, output, NO_SEARCH).spare


def test_a_corrupt_file_cache_gives_a_cold_build(archive, tmp_path):
    content, output = archive
    stored = cache_folder(output) / filecache.FILES
    assert stored.is_file()
    stored.write_bytes(stored.read_bytes()[:1000])
    item = items(content)[10]
    # a change to the front matter, so that the build reads every file
    item.write_text(item.read_text(encoding="utf-8").replace("title: ", "title: Revised ", 1), encoding="utf-8")
    assert rebuild_matches_cold(content, output, tmp_path).full
    assert filecache.FileCache(cache_folder(output)).old  # written again, whole


def _corrupt(stored: Path) -> None:
    """Cut a cache file short, once the background writer has finished with it
    (a file found damaged before is deleted: already of no use)."""
    with background.written(stored.parent):
        if stored.is_file():
            stored.write_bytes(stored.read_bytes()[:200])


@pytest.mark.parametrize("name", [kept.MODEL, kept.PATCHES, "pages.pickle", "texts.pickle"])
def test_a_corrupt_rebuild_cache_gives_the_same_site(archive, tmp_path, name):
    content, output = archive
    build_site(SETTINGS, content, output, NO_SEARCH)  # let the model of the last build be written
    _corrupt(cache_folder(output) / name)
    item = items(content)[11]
    item.write_text(item.read_text(encoding="utf-8").replace("## Minutes\n", "## Minutes\n\nOnce more.\n"),
                    encoding="utf-8")
    # a spare is made from the record in pages.pickle: without one, none
    rebuild_matches_cold(content, output, tmp_path, from_spare=name != "pages.pickle")


def text_edit_in_place(item: Path, old: str, new: str) -> None:
    """Change a text without changing the file's size or modification time,
    as a second save within the same instant can."""
    assert len(old.encode()) == len(new.encode())
    stat = item.stat()
    item.write_text(item.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(item, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert item.stat().st_size == stat.st_size


def test_a_text_edit_patches_the_kept_model(archive, tmp_path):
    """Only the edited file is read again; the model of the last build is
    reused, and the site is the same bytes as a cold build's."""
    content, output = archive
    item = items(content)[25]
    item.write_text(item.read_text(encoding="utf-8").replace("## Minutes\n", "## Minutes\n\nKept model.\n"),
                    encoding="utf-8")
    made = rebuild_matches_cold(content, output, tmp_path, written_at_most=5)
    assert not made.full and made.patched == [item.relative_to(content).as_posix()]
    # an edit saved within moments of the build that read the file is seen,
    # even when its size and modification time are the same
    text_edit_in_place(item, "Kept model.", "Kept again.")
    made = rebuild_matches_cold(content, output, tmp_path / "again", written_at_most=5)
    assert made.patched == [item.relative_to(content).as_posix()]
    assert any("Kept again." in page.read_text() for page in output.rglob("index.html"))


def test_a_front_matter_edit_loads_everything(archive, tmp_path):
    content, output = archive
    item = items(content)[26]
    item.write_text(item.read_text(encoding="utf-8").replace("title: ", "title: Amended ", 1), encoding="utf-8")
    assert rebuild_matches_cold(content, output, tmp_path).full


def test_minutes_before_the_meeting_are_reported_after_a_text_edit(tmp_path):
    """Adding a '## Minutes' section is a change to the text only, but before
    the meeting it is a mistake: reported as a fresh check reports it."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    output = build_site(SETTINGS, content, tmp_path / "output", NO_SEARCH)
    item = content / "meetings/childrens-scrutiny/2026-11-25/03-ofsted-focused-visit.md"
    item.write_text(item.read_text(encoding="utf-8") + "\n## Minutes\n\nToo early.\n", encoding="utf-8")
    expected = report_of_check(content)
    assert "03-ofsted-focused-visit.md" in expected and "status: draft-minutes" in expected
    assert report_of_build(content, output) == expected


def test_the_next_build_in_one_process_uses_the_model_it_holds(archive, tmp_path):
    """A preview builds again and again in one process: it holds the kept
    model (``kept.HeldModel``) and does not read it back. The model on disk is
    spoilt here, so only the held one can give a build on the kept model."""
    content, output = archive
    held = kept.HeldModel()
    build_site(SETTINGS, content, output, NO_SEARCH, held)
    held.hold(output)
    _corrupt(cache_folder(output) / kept.MODEL)
    item = items(content)[33]
    item.write_text(item.read_text(encoding="utf-8").replace("## Minutes\n", "## Minutes\n\nHeld model.\n"),
                    encoding="utf-8")
    made = rebuild_matches_cold(content, output, tmp_path, held=held)
    assert not made.full and made.patched == [item.relative_to(content).as_posix()]


def test_a_failed_build_leaves_no_half_patched_model_held(archive, tmp_path):
    """A build that fails after patching the held model in part must not pass
    it on: the build after it reads the model on disk (spoilt here, so that
    build loads everything) and the site is a cold build's."""
    content, output = archive
    held = kept.HeldModel()
    build_site(SETTINGS, content, output, NO_SEARCH, held)
    held.hold(output)
    first, second = items(content)[34], items(content)[35]
    good = second.read_text(encoding="utf-8")
    first.write_text(first.read_text(encoding="utf-8").replace("## Minutes\n", "## Minutes\n\nPatched.\n"),
                     encoding="utf-8")
    second.write_text(good.replace("## Minutes\n", "## Minuets\n", 1), encoding="utf-8")
    assert "## Minuets" in report_of_build(content, output, held)
    second.write_text(good, encoding="utf-8")
    _corrupt(cache_folder(output) / kept.MODEL)
    assert rebuild_matches_cold(content, output, tmp_path, held=held).full
