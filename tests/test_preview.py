"""`invoke livereload`: a save shows in the preview; a bad save is reported as
``file:line: field: message`` while the last good site goes on being served;
the preview never dies on a bad save; the search index follows each save."""

from __future__ import annotations

import gzip
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from minimal_tree import ITEM_1, edit, write_tree

from minutebook import build, generator
from minutebook.incremental import cache_folder
from minutebook.preview import SearchCatchUp
from minutebook.search import PREVIOUS
from tests.support import ROOT, SETTINGS

ITEM_PAGE = "committees/executive/2024-03-05/apologies/index.html"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Preview:
    def __init__(self, content: Path, output: Path, search: bool = False):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "minutebook", "preview", "--content", str(content), "--output", str(output),
             "--port", str(self.port), *([] if search else ["--no-search"])],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float = 60) -> str:
        """The first line, from now on, that contains ``text``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.process.poll() is None, "the preview stopped:\n" + "\n".join(self.seen)
                continue
            self.seen.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} within {timeout} s:\n" + "\n".join(self.seen))

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
            return response.read().decode("utf-8")


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Preview, Path]]:
    content = write_tree(tmp_path / "content")
    running = Preview(content, tmp_path / "output")
    try:
        running.wait_for("Rebuilt in")
        running.wait_for("Watching")
        yield running, content
    finally:
        running.process.terminate()
        running.process.wait(timeout=30)


def test_a_save_shows_in_the_preview(preview: tuple[Preview, Path]) -> None:
    server, content = preview
    assert "Apologies for absence" in server.get(ITEM_PAGE)
    edit(content, ITEM_1, "title: Apologies for absence", "title: Apologies for absence and substitutions")
    server.wait_for("Rebuilt in")
    assert "Apologies for absence and substitutions" in server.get(ITEM_PAGE)


def test_a_bad_save_is_reported_and_the_last_good_site_stays(preview: tuple[Preview, Path]) -> None:
    server, content = preview
    edit(content, ITEM_1, "minute: 70", "minuet: 70")
    reported = server.wait_for(f"{ITEM_1}:3: minuet: unknown field 'minuet'")
    assert "did you mean 'minute'?" in reported
    server.wait_for("still shows the last good version")
    assert "Apologies for absence" in server.get(ITEM_PAGE)  # still served
    assert server.process.poll() is None
    assert not any("Traceback" in line for line in server.seen)

    edit(content, ITEM_1, "minuet: 70", "minute: 70\ntitle: Apologies")  # a YAML mistake of another kind
    server.wait_for(f"{ITEM_1}:")
    edit(content, ITEM_1, "minute: 70\ntitle: Apologies", "minute: 70")
    server.wait_for("Rebuilt in")
    assert "Apologies for absence" in server.get(ITEM_PAGE)
    assert not any("Traceback" in line for line in server.seen)


def indexed(output: Path, word: str) -> int:
    """How many pages in the search index hold ``word`` (Pagefind keeps each page's text in a fragment)."""
    return sum(word.encode() in gzip.decompress(path.read_bytes())
               for path in (output / "pagefind" / "fragment").iterdir())


def test_the_search_index_follows_each_save(tmp_path: Path) -> None:
    content, output = write_tree(tmp_path / "content"), tmp_path / "output"
    running = Preview(content, output, search=True)
    try:
        running.wait_for("Rebuilt in")
        running.wait_for("Search index up to date")
        assert indexed(output, "Apologies") >= 1
        edit(content, ITEM_1, "title: Apologies for absence", "title: Apologies for absence, Zanzibarian")
        running.wait_for("Rebuilt in")
        assert "Zanzibarian" in running.get(ITEM_PAGE)  # the page shows before the index has it
        running.wait_for("Search index up to date")
        assert indexed(output, "Zanzibarian") >= 1
        assert not any("Traceback" in line for line in running.seen)
    finally:
        running.process.terminate()
        running.process.wait(timeout=30)
    assert [p.name for p in cache_folder(output).glob("search-*")] == []  # nothing half made is left


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_preview_build_keeps_the_last_index_and_the_catch_up_makes_the_published_one(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content")
    published = build.build_site(SETTINGS, content, tmp_path / "published" / "output")  # with its index
    output = build.build_site(SETTINGS, content, tmp_path / "preview" / "output", {"MINUTEBOOK_SEARCH": True})
    before = {name: (output / "pagefind" / name).stat().st_ino for name in files(output / "pagefind")}
    edit(content, ITEM_1, "title: Apologies for absence", "title: Apologies for absence, Zanzibarian")
    build.build_site(SETTINGS, content, output, {"MINUTEBOOK_SEARCH": PREVIOUS})
    assert {name: (output / "pagefind" / name).stat().st_ino for name in files(output / "pagefind")} == before
    assert indexed(output, "Zanzibarian") == 0  # the last index, as it was

    said: list[str] = []
    catch_up = SearchCatchUp(output, said.append)
    catch_up.start()
    catch_up.wait()
    assert said and said[0].startswith("Search index up to date")
    assert indexed(output, "Zanzibarian") >= 1
    build.build_site(SETTINGS, content, published)  # the published build of the same content
    assert files(output / "pagefind") == files(published / "pagefind")


def test_stopping_the_catch_up_leaves_the_index_as_it_was(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content")
    output = build.build_site(SETTINGS, content, tmp_path / "output")
    before = files(output / "pagefind")
    edit(content, ITEM_1, "title: Apologies for absence", "title: Apologies for absence, Zanzibarian")
    build.build_site(SETTINGS, content, output, {"MINUTEBOOK_SEARCH": PREVIOUS})
    said: list[str] = []
    catch_up = SearchCatchUp(output, said.append)
    catch_up.start()
    catch_up.stop()  # as the next save does, at once
    assert said == []
    assert files(output / "pagefind") == before
    assert [p.name for p in cache_folder(output).glob("search-*")] == []


def test_switching_the_index_on_adds_it_without_rendering_the_pages_again(tmp_path: Path) -> None:
    content = write_tree(tmp_path / "content")
    output = build.build_site(SETTINGS, content, tmp_path / "output", {"MINUTEBOOK_SEARCH": False})
    assert not (output / "pagefind").exists()
    pages = {p: p.stat().st_ino for p in output.rglob("*.html")}
    build.build_site(SETTINGS, content, output, {"MINUTEBOOK_SEARCH": True})
    assert (output / "pagefind" / "pagefind-entry.json").is_file()
    assert generator.LAST_BUILD["written"] == 0  # no page shows whether there is an index
    assert {p: p.stat().st_ino for p in output.rglob("*.html")} == pages
