"""Render and write: the Pelican generator that publishes the minutes.

Pelican runs ``generate_context`` on every generator before any writes, so a
content mistake stops the build before a single file is written.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from pelican.generators import Generator

from . import progress, urls
from .errors import ContentErrors
from .model import Site
from .outputs import extra_outputs
from .pages import Page, site_pages
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
        for page in pages:
            write_if_changed(output / urls.output_file(page.path), self.render(page))
            counter.step()
        counter.finish()
        LAST_BUILD["written"] = len(pages)
        for produce in extra_outputs():
            for path, data in produce(self.site, self.settings):
                write_if_changed(output / path, data)
        self.copy_documents(output)

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


def write_if_changed(path: Path, data: bytes) -> None:
    """Write only changed bytes, so unchanged files keep their timestamps."""
    try:
        if path.read_bytes() == data:
            return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
