"""Render and write: the Pelican generator that publishes the minutes.

Pelican runs ``generate_context`` on every generator before any writes, so a
content mistake stops the build before a single file is written.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from pelican.generators import Generator

from . import incremental, parallel, progress, urls
from .errors import ContentErrors
from .model import Site
from .outputs import Producer, extra_outputs
from .pages import Page, site_pages
from .parallel import fork_map, shares_of
from .pipeline import load_site

log = logging.getLogger(__name__)
LAST_BUILD: dict = {}  # figures of the last build in this process, for the benchmark


class MinuteBookGenerator(Generator):
    """Loads the minutes into the model, then writes every page and document."""

    site: Site

    def generate_context(self) -> None:
        try:
            self.site = load_site(Path(self.path), self.settings)
        except ContentErrors as exc:
            if self.settings.get("MINUTEBOOK_RAISE_ERRORS"):
                raise
            # run as plain `pelican`: report like `invoke check`, no traceback
            print(exc.report(), file=sys.stderr)
            raise SystemExit(1) from None
        self.context["minutebook"] = self.site

    def generate_output(self, writer) -> None:
        output = Path(self.output_path)
        pages = list(site_pages(self.site))
        render, previous, record = self.plan(pages)
        for page in pages:
            if page.path not in render:
                _link(previous / urls.output_file(page.path), output / urls.output_file(page.path))
        todo = [page for page in pages if page.path in render]
        counter = progress.Counter("Rendering pages", len(todo))
        tracker = incremental.Tracker(self.env)

        def work(share: Sequence[Page] | Producer) -> tuple[int, dict]:
            if callable(share):  # a feed, calendar or data producer: beside the pages, not after them
                for path, data in share(self.site, self.settings):
                    write_if_changed(output / path, data)
                return 0, {}
            read = {}
            for page in share:
                tracker.read = set(page.sources)
                write_if_changed(output / urls.output_file(page.path), self.render(page))
                read[page.path] = sorted(tracker.read)
            return len(share), read

        shares = [*extra_outputs(), *shares_of(todo, 100)]
        try:
            for done, read in fork_map(work, shares, parallel=len(pages) >= parallel.SMALL):
                counter.step(done)
                record["deps"].update(read)
        except Exception:
            # A template failed in a worker: render here, so that the error
            # carries the template's file and line for the report.
            work(todo)
            raise
        counter.finish()
        self.copy_documents(output)
        LAST_BUILD.update(written=len(todo), pages=record)

    def plan(self, pages: list[Page]) -> tuple[set[str], Path, dict]:
        """Which pages to render, where the others are, and the record for next time.

        Everything is rendered unless the last build's record belongs to the
        output being replaced and the only changes are to texts (see
        ``incremental``); then only the pages that read a changed text are."""
        root = Path(self.path)
        files: dict[str, list] = {}
        for meeting in self.site.meetings:
            files[meeting.source] = [*incremental.split_hashes(root / meeting.source), [bool(meeting.notes_html)]]
            for item in meeting.items:
                files[item.source] = [*incremental.split_hashes(root / item.source),
                                      [bool(item.agenda_html), bool(item.minutes_html)]]
        structure = incremental.structure_key(self.settings)
        record = {"structure": structure, "files": files, "deps": {}}
        everything = {page.path for page in pages}
        previous = Path(self.settings.get("MINUTEBOOK_PREVIOUS") or self.output_path)
        old = incremental.load_pages(previous) if self.settings.get("MINUTEBOOK_PREVIOUS") else {}
        if old.get("structure") != structure or set(old.get("files", ())) != set(files):
            return everything, previous, record
        changed = {rel for rel, hashes in files.items() if hashes != old["files"][rel]}
        if any(files[rel][0] != old["files"][rel][0] or files[rel][2] != old["files"][rel][2] for rel in changed):
            return everything, previous, record  # front matter changed, or a text appeared or went
        deps = old.get("deps", {})
        render = set()
        for page in pages:
            shown = deps.get(page.path)
            if shown is None or changed.intersection(shown) or not (previous / urls.output_file(page.path)).is_file():
                render.add(page.path)
            else:
                record["deps"][page.path] = shown
        return render, previous, record

    def render(self, page: Page) -> bytes:
        template = self.env.get_template(page.template)
        html = template.render({**self.context, "site": self.site, "page": page,
                                "page_path": page.path, **page.context})
        return html.encode("utf-8")

    def copy_documents(self, output: Path) -> None:
        """Publish each open document's file beside its meeting's page."""
        root = Path(self.path)
        for meeting in self.site.meetings:
            folder = root / Path(meeting.source).parent
            for document in meeting.documents + [d for i in meeting.items for d in i.documents]:
                if document.file and not document.exempt:
                    target = output / urls.path_for(document)
                    write_if_changed(target, (folder / document.file).read_bytes())


_made: set[Path] = set()  # folders this process has made: at archive scale, mkdir calls added up


def _make_folder(folder: Path) -> None:
    if folder not in _made:
        folder.mkdir(parents=True, exist_ok=True)
        _made.add(folder)


def write_if_changed(path: Path, data: bytes) -> None:
    """Write only changed bytes, so unchanged files keep their timestamps.

    A build writes into a fresh staging folder, so most files are new: try
    creating the file first, and read the old one only when there is one."""
    _make_folder(path.parent)
    try:
        with open(path, "xb") as new:
            new.write(data)
        return
    except FileExistsError:
        pass
    except FileNotFoundError:  # the folder went since we made it: make it again
        _made.discard(path.parent)
        write_if_changed(path, data)
        return
    if path.read_bytes() != data:
        # never write into the file itself: it may be a hard link to the live site
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)


def _link(source: Path, target: Path) -> None:
    """Put the previous build's unchanged page into the staging folder without
    copying it; the previous site itself is never written to."""
    _make_folder(target.parent)
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links: copy
        shutil.copyfile(source, target)
