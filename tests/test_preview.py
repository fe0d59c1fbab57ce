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
from minimal_tree import ITEM_1, ITEM_2, edit, write_tree

from minutebook.commands.preview import SearchCatchUp
from minutebook.engine import build
from minutebook.engine.incremental import cache_folder
from minutebook.site.search import PREVIOUS
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
               for path in (output / "pagefind").rglob("*.pf_fragment"))


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
    built = build.run_build(SETTINGS, content, output, {"MINUTEBOOK_SEARCH": True})
    assert (output / "pagefind" / "partitions.json").is_file()
    assert any((output / "pagefind").rglob("pagefind-entry.json"))
    assert built.written == 0  # no page shows whether there is an index
    assert {p: p.stat().st_ino for p in output.rglob("*.html")} == pages


# ---- text that stops being published is never served from the last index -----------

CANARY = "Quetzalcoatlus"  # a word only the exploitation item's minutes hold


def fragments_holding(folder: Path, word: str) -> list[str]:
    """Every Pagefind fragment under ``folder`` (gzip'd, so decompressed) that holds ``word``."""
    return [p.as_posix() for p in folder.rglob("*.pf_fragment") if word.encode() in gzip.decompress(p.read_bytes())]


@pytest.fixture
def indexed_canary(tmp_path: Path) -> Iterator[tuple[Preview, Path, Path]]:
    """A preview whose search index is up to date and holds CANARY."""
    content, output = write_tree(tmp_path / "content"), tmp_path / "output"
    edit(content, ITEM_2, "The report was noted.", f"The report was noted. {CANARY} Holdings were named.")
    running = Preview(content, output, search=True)
    try:
        running.wait_for("Rebuilt in")
        running.wait_for("Search index up to date")
        assert fragments_holding(output, CANARY)
        yield running, content, output
    finally:
        if running.process.poll() is None:
            running.process.terminate()
            running.process.wait(timeout=30)


def test_an_item_made_exempt_is_never_in_the_served_index(indexed_canary) -> None:
    running, content, output = indexed_canary
    edit(content, ITEM_2, "title: Exploitation annual update\n", "title: Exploitation annual update\nexempt: 3\n")
    running.wait_for("Rebuilt in")
    assert CANARY not in running.get("committees/executive/2024-03-05/exploitation-update/index.html")
    assert fragments_holding(output, CANARY) == []  # at once: before the catch-up
    running.wait_for("Search index up to date")
    assert fragments_holding(output, CANARY) == []
    assert indexed(output, "Apologies") >= 1  # search works again
    edit(content, ITEM_2, "exempt: 3\n", "exempt: 5\n")  # another save, and stop before its catch-up
    running.wait_for("Rebuilt in")
    running.process.terminate()
    assert running.process.wait(timeout=30) == 0  # stopped as Ctrl+C stops it
    assert fragments_holding(output.parent, CANARY) == []


def test_stopping_the_preview_leaves_no_index_older_than_its_pages(indexed_canary) -> None:
    running, content, output = indexed_canary
    edit(content, ITEM_2, f"{CANARY} Holdings were named.", "Nobody was named.")  # text gone, not exempt
    running.wait_for("Rebuilt in")
    running.process.terminate()  # before the catch-up is done
    assert running.process.wait(timeout=30) == 0
    assert not any("Traceback" in line for line in running.seen)
    assert fragments_holding(output.parent, CANARY) == []


@pytest.mark.parametrize("save", ["item made exempt", "document made exempt", "item deleted"])
def test_a_preview_build_that_withdraws_text_is_served_without_the_last_index(tmp_path: Path, save: str) -> None:
    content = write_tree(tmp_path / "content")
    output = build.build_site(SETTINGS, content, tmp_path / "output", {"MINUTEBOOK_SEARCH": True})
    assert (output / "pagefind").is_dir()
    if save == "item made exempt":
        edit(content, ITEM_1, "minute: 70\n", "minute: 70\nexempt: 3\n")
    elif save == "document made exempt":
        edit(content, ITEM_2, "    file: report-am.pdf\n", "    file: report-am.pdf\n    exempt: 3\n")
    else:
        (content / ITEM_1).unlink()
    build.build_site(SETTINGS, content, output, {"MINUTEBOOK_SEARCH": PREVIOUS})
    assert not (output / "pagefind").exists()
    catch_up = SearchCatchUp(output, lambda said: None)
    catch_up.start()
    catch_up.wait()
    assert indexed(output, "Exploitation") >= 1
