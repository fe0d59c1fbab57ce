"""`invoke livereload`: a save shows in the preview; a bad save is reported as
``file:line: field: message`` while the last good site goes on being served;
the preview never dies on a bad save."""

from __future__ import annotations

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

from tests.support import ROOT

ITEM_PAGE = "committees/executive/2024-03-05/apologies/index.html"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Preview:
    def __init__(self, content: Path, output: Path):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "minutebook", "preview", "--content", str(content), "--output", str(output),
             "--port", str(self.port), "--no-search"],
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
