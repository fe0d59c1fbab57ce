"""Addresses that never break: when a page moves (an item is renamed or
renumbered, a meeting folder is corrected), the clerk lists its old address
under ``aliases:`` and the old address gets a static redirect page: a meta
refresh, a canonical link to the new address and a plain link for anyone
whose browser does not follow the refresh. Web archives and citations of the
old address keep working, from a server, from ``file://`` and in a snapshot.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from . import urls
from .model import AgendaItem, Meeting, Site
from .pages import meeting_title, site_pages

if TYPE_CHECKING:
    from .validate import CheckedTree

# Folders that hold assets, never pages: an alias may not point into them.
RESERVED_PREFIXES = ("theme/", "pagefind/")


def aliased(site: Site) -> Iterator[tuple[str, Meeting | AgendaItem]]:
    """Every old address with the page that now answers it."""
    for meeting in site.meetings:
        for alias in meeting.aliases:
            yield alias, meeting
        for item in meeting.items:
            for alias in item.aliases:
                yield alias, item


def redirect_outputs(site: Site, settings: dict) -> Iterator[tuple[str, bytes]]:
    """A producer for ``outputs.extra_outputs``: one redirect page per alias."""
    siteurl = settings.get("SITEURL", "")
    for alias, target in aliased(site):
        title = target.title if isinstance(target, AgendaItem) else meeting_title(target)
        yield urls.output_file(alias), redirect_page(alias, urls.path_for(target), title, siteurl)


def redirect_page(alias: str, target: str, title: str, siteurl: str = "") -> bytes:
    """The page written at the old address ``alias``, sending readers to ``target``."""
    link = html.escape(urls.relative(alias, target))
    canonical = html.escape(urls.absolute(target, siteurl) if siteurl else urls.relative(alias, target))
    name = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>This page has moved: {name}</title>
<link rel="canonical" href="{canonical}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={link}">
</head>
<body>
<main>
<h1>This page has moved</h1>
<p>It is now at <a href="{link}">{name}</a>.</p>
</main>
</body>
</html>
""".encode()


def current_paths(checked: CheckedTree) -> dict[str, str]:
    """Every address the site has now, with what is there, for the
    validator: an alias may not take the address of a real page."""
    from .assemble import assemble  # assemble imports validate, which imports us

    site = assemble(checked, dt.date(1970, 1, 1), {})
    paths = {page.path: page.title for page in site_pages(site)}
    for meeting in site.meetings:
        for document in meeting.documents + [d for item in meeting.items for d in item.documents]:
            if document.file and not document.url:
                paths[urls.path_for(document)] = document.title
    for page in sorted(Path(checked.root, "pages").glob("*.md")):
        paths.setdefault(f"{page.stem}/", page.stem)  # Pelican's own pages, such as about/
    return paths
