"""Render and write: the Pelican generator that publishes the minutes.

Pelican runs ``generate_context`` on every generator before any writes, so a
content mistake stops the build before a single file is written.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from pelican.generators import Generator

from . import parallel, progress, urls
from .errors import ContentErrors
from .model import Site
from .outputs import Producer, extra_outputs
from .pages import Page, site_pages
from .parallel import fork_map, shares_of
from .pipeline import load_site

log = logging.getLogger(__name__)
LAST_BUILD: dict[str, int] = {}  # figures of the last build in this process, for the benchmark


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
        counter = progress.Counter("Rendering pages", len(pages))

        def work(share: Sequence[Page] | Producer) -> int:
            if callable(share):  # a feed, calendar or data producer: beside the pages, not after them
                for path, data in share(self.site, self.settings):
                    write_if_changed(output / path, data)
                return 0
            for page in share:
                write_if_changed(output / urls.output_file(page.path), self.render(page))
            return len(share)

        shares = [*extra_outputs(), *shares_of(pages, 100)]
        try:
            for done in fork_map(work, shares, parallel=len(pages) >= parallel.SMALL):
                counter.step(done)
        except Exception:
            # A template failed in a worker: render here, so that the error
            # carries the template's file and line for the report.
            work(pages)
            raise
        counter.finish()
        self.copy_documents(output)
        LAST_BUILD["written"] = len(pages)

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


def write_if_changed(path: Path, data: bytes) -> None:
    """Write only changed bytes, so unchanged files keep their timestamps.

    A build writes into a fresh staging folder, so most files are new: try
    creating the file first, and read the old one only when there is one."""
    if path.parent not in _made:
        path.parent.mkdir(parents=True, exist_ok=True)
        _made.add(path.parent)
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
        path.write_bytes(data)
