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
import re
from collections.abc import Iterator
from pathlib import Path

from minutebook.content import urls
from minutebook.content.errors import ContentError
from minutebook.content.validate import CheckedTree, aliases_of
from minutebook.model.assemble import assemble
from minutebook.model.objects import AgendaItem, Meeting, Site
from minutebook.site.forwardplanfiles import machine_readable as forward_plan_files
from minutebook.site.pages import meeting_title, site_pages

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


def current_paths(checked: CheckedTree) -> tuple[dict[str, str], dict[str, str]]:
    """Every address the site has now (page -> title) and every file it
    writes (file -> what it is), for the validator: an alias may not take
    the place of either, nor make a folder where one is a file."""

    site = assemble(checked, dt.date(1970, 1, 1), {})  # addresses need no rendered texts
    paths = {page.path: page.title for page in site_pages(site)}
    for page in sorted(Path(checked.root, "pages").glob("*.md")):
        paths.setdefault(f"{_pelican_slug(page)}/", page.stem)  # Pelican's own pages, such as about/
    files = {urls.output_file(path): f"the page '{title}'" for path, title in paths.items()}
    for meeting in site.meetings:
        for document in meeting.documents + [d for item in meeting.items for d in item.documents]:
            if document.file and not document.url:
                files[urls.path_for(document)] = f"the document '{document.title}'"
    files.update(_machine_readable(site))
    return paths, files


def _machine_readable(site: Site) -> Iterator[tuple[str, str]]:
    """The names of the files ``outputs`` makes besides the pages (feeds,
    calendars, data, sitemap.xml): kept in step by ``tests/test_agree.py``."""
    yield urls.FEED_ALL, "the Atom feed of all agendas and minutes"
    yield urls.CALENDAR_ALL, "the calendar of all meetings"
    yield urls.SITEMAP_XML, "the sitemap for search engines"
    yield urls.MEETINGS_JSON, "the open data list of meetings"
    yield urls.MEETING_SCHEMA, "the open data schema of meetings"
    yield urls.DECISIONS_CSV, "the open data register of decisions"
    yield urls.ATTENDANCE_CSV, "the open data attendance statistics"
    yield urls.DECLARATIONS_CSV, "the open data register of declarations of interest"
    yield from forward_plan_files(site)
    yield urls.DECISION_NOTICES_FEED, "the Atom feed of decision notices"
    yield urls.DECISION_RECORDS_JSON, "the open data decision records"
    yield urls.DECISION_RECORDS_CSV, "the open data decision records as CSV"
    yield urls.FAVICON, "the site's icon"
    yield urls.TOUCH_ICON, "the site's icon for phones"
    for committee in site.committees.values():
        yield urls.feed_of(committee), f"the Atom feed of {committee.name}"
        yield urls.calendar_of(committee), f"the calendar of {committee.name}"
    for area in site.scrutiny_areas.values():
        yield urls.feed_of(area), f"the Atom feed of {area.name}"
    for meeting in site.meetings:
        yield urls.data_of(meeting), f"the open data file of the meeting {meeting.key}"


def alias_mistakes(checked: CheckedTree) -> list[ContentError]:
    """An alias may not take the address of a page, a document, a feed or any
    other file the site makes, nor need a folder where one of them is a file:
    the check's last step, run by the engine once everything else is right."""
    found = list(aliases_of(checked))
    if not found:
        return []
    pages, files = current_paths(checked)
    redirects = {alias: rel for alias, rel, _, _ in found}
    mistakes = [(rel, line, name, collision(alias, pages, files, redirects)) for alias, rel, line, name in found]
    return [ContentError(rel, line, name, mistake) for rel, line, name, mistake in mistakes if mistake]


def collision(alias: str, pages: dict[str, str], files: dict[str, str], redirects: dict[str, str]) -> str | None:
    """Why a redirect page cannot be written at ``alias``, if it cannot:
    the address, or a folder it needs, is taken by a page, a document, a
    feed or another file the site makes (``current_paths``), or by another
    alias (``redirects``: alias -> the file naming it)."""
    if alias in pages:
        return (f"'{alias}' is the address of a page that exists ({pages[alias]}): "
                "an alias must be an old address that no page uses now; remove it")
    if alias.startswith(RESERVED_PREFIXES):
        return f"'{alias}' is inside {alias.split('/')[0]}/, which holds the site's files, not pages: remove it"
    written = urls.output_file(alias)
    if written in files:
        return (f"'{alias}' is the address of {files[written]}, which the site publishes: an alias must be "
                "an old address that nothing on the site uses now; remove it")
    taken = {urls.output_file(other): f"the old address '{other}' in {rel}" for other, rel in redirects.items()}
    parts = written.split("/")
    for folder in ("/".join(parts[:n]) for n in range(1, len(parts))):
        what = files.get(folder) or taken.get(folder) or (
            "a part of the sitemap" if SITEMAP_PART.fullmatch(folder) else None)
        if what:
            return (f"'{alias}' would need a folder '{folder}', which is {what}, a file the site "
                    "publishes: an alias must be an old address that nothing on the site uses now; remove it")
    return None


# A large site splits its sitemap into parts, however many it needs.
SITEMAP_PART = re.compile(r"sitemap-\d+\.xml")


def _pelican_slug(page: Path) -> str:
    """Where Pelican writes a plain page: its 'Slug:', else its title made a slug."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    meta: dict[str, str] = {}
    for line in page.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    if meta.get("slug"):
        return meta["slug"]
    if meta.get("title"):
        return slugify(meta["title"], regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    return page.stem
