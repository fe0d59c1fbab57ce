"""Markdown ahead of the model, on the core that would otherwise wait.

A cold build reads and checks every file in one process before a text can be
rendered with its references linked: about 5 s at 1,000 meetings, with the
second core idle. ``start`` forks a worker that meanwhile reads the meeting
and item files for itself and renders the texts it finds, references left as
placeholders (``crossrefs.render_ahead``). When the model is ready,
``Ahead.finish`` stops it and takes what it rendered, keyed by each text's
hash, so a text is used only if it is exactly what the checks produced; the
rest is rendered as before. Nothing here can change the output, only when it
is made.

The worker skips every file whose front matter mentions "exempt": only the
checks can say what is exempt, and an exempt text is never rendered at all.
"""

from __future__ import annotations

import contextlib
import mmap
import multiprocessing
import os
import pickle
import signal
from pathlib import Path

from minutebook.content.load import MEETING_FILE, MEETINGS_DIR
from minutebook.content.nofollow import is_link
from minutebook.content.sections import SECTIONS, split_sections
from minutebook.content.source import SourceMistake, read_text, split_front_matter
from minutebook.engine import parallel
from minutebook.model.crossrefs import render_ahead, text_key

FEWEST = parallel.SMALL  # files: below this, a worker costs more than it saves


class Ahead:
    """A worker rendering texts ahead; ``finish`` or ``cancel`` it."""

    def __init__(self, pid: int, results: int, stop: mmap.mmap) -> None:
        self.pid: int | None = pid  # None once the worker is waited for
        self.results, self.stop = results, stop

    def finish(self, stop: bool = True) -> dict[str, list]:
        """Stop the worker after the text in hand (``stop``; else let it render
        every text, as tests do); what it rendered, by text hash."""
        if self.pid is None:
            return {}
        self.stop[0] = int(stop)
        try:
            with os.fdopen(self.results, "rb") as pipe:
                return pickle.load(pipe)
        except (EOFError, pickle.UnpicklingError):
            return {}  # the worker failed: the build renders everything itself
        finally:
            self._wait()

    def cancel(self) -> None:
        """The build stopped (a content mistake, say): end the worker now."""
        if self.pid is None:
            return
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        os.close(self.results)
        self._wait()

    def _wait(self) -> None:
        if self.pid is not None:
            os.waitpid(self.pid, 0)
            self.pid = None


def start(content: Path) -> Ahead | None:
    """Start rendering ahead, where it helps: two cores or more, and enough files."""
    if parallel.workers() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    files = meeting_files(content)
    if len(files) < FEWEST:
        return None  # a small site is read in a moment
    stop = mmap.mmap(-1, 1)  # shared with the worker: set to 1 to stop it
    results, written = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the worker
        code = 1
        try:
            os.close(results)
            parallel.die_with_parent(parent)
            rendered = _render(files, stop)
            with os.fdopen(written, "wb") as pipe:
                pickle.dump(rendered, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)  # never the parent's clean-up, nor its buffers flushed twice
    os.close(written)
    return Ahead(pid, results, stop)


def meeting_files(content: Path) -> list[Path]:
    """The meeting and item files, reached through no symbolic link (the
    checks refuse links; a glob would follow a linked folder)."""
    found: list[Path] = []
    if is_link(content / MEETINGS_DIR):
        return found
    for committee in _folders(content / MEETINGS_DIR):
        for meeting in _folders(committee):
            with os.scandir(meeting) as entries:
                found += [Path(e.path) for e in entries if e.name.endswith(".md") and not e.is_symlink()]
    return sorted(found)


def _folders(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            return [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]
    except OSError:  # no meetings yet, or a link: nothing to read ahead
        return []


def _render(files: list[Path], stop: mmap.mmap) -> dict[str, list]:
    rendered: dict[str, list] = {}
    for path in files:
        for text in _texts(path):
            if stop[0]:
                return rendered
            key = text_key(text)
            if key not in rendered and (early := render_ahead(text)) is not None:
                rendered[key] = early
    return rendered


def _texts(path: Path) -> list[str]:
    """The texts of a meeting file (its notes) or an item file (its sections),
    found as the checks find them; none from a file the checks may drop (nor
    from a link put in its place since it was listed: ``read_text`` follows none)."""
    try:
        text = read_text(path, "")
        front, body_start = split_front_matter(text, "")
    except SourceMistake:
        return []
    if "exempt" in front:
        return []
    body = text[body_start:]
    if path.name == MEETING_FILE:
        return [body.strip()]
    sections = split_sections(body, 1, "", [])
    return [sections.get(name, "") for name in SECTIONS]
