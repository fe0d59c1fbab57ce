"""A rebuild that reuses what the last build left (``incremental``), its work
split between worker processes (``parallel``), gives the very bytes a cold
build in one process gives, whatever changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from minutebook import bench, generator, parallel
from minutebook.build import build_site
from minutebook.genarchive import generate
from minutebook.incremental import cache_folder
from tests.support import SETTINGS

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


def rebuild_matches_cold(content: Path, output: Path, tmp_path: Path, written_at_most: int | None = None) -> None:
    """Rebuild in two worker processes; build cold in this one; compare."""
    small, parallel.SMALL = parallel.SMALL, 1
    os.environ["MINUTEBOOK_WORKERS"] = "2"
    try:
        build_site(SETTINGS, content, output, NO_SEARCH)
    finally:
        parallel.SMALL = small
        del os.environ["MINUTEBOOK_WORKERS"]
    if written_at_most is not None:  # only the pages that show the changed text were rendered again
        assert generator.LAST_BUILD["written"] <= written_at_most
    os.environ["MINUTEBOOK_WORKERS"] = "1"
    try:
        cold = build_site(SETTINGS, content, tmp_path / "cold" / "output", NO_SEARCH)
    finally:
        del os.environ["MINUTEBOOK_WORKERS"]
    incremental, fresh = tree(output), tree(cold)
    assert sorted(incremental) == sorted(fresh)
    assert [name for name in fresh if incremental[name] != fresh[name]] == []


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
    rebuild_matches_cold(content, output, tmp_path, written_at_most=5)
    assert "A new opening line." in (output / "committees").joinpath(
        item.parent.parent.name, item.parent.name, item.stem.split("-", 1)[1], "index.html").read_text()


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
    shutil.rmtree(cache_folder(output))
    rebuild_matches_cold(content, output, tmp_path)
