"""sitemap.xml: every page of the site, for search engines and web archives.

Meeting and item pages carry ``lastmod``, the date their meeting's record last
changed according to the content (``records.last_changed``). The protocol
allows 50,000 addresses a file; a larger archive gets ``sitemap.xml`` as an
index of ``sitemap-1.xml``, ``sitemap-2.xml``...
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from minutebook.content import urls
from minutebook.model.objects import Meeting, Site
from minutebook.site import records
from minutebook.site.pages import site_pages

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
LIMIT = 50_000  # addresses per file, by the sitemaps protocol


def _entries(site: Site, settings: dict) -> list[tuple[str, str | None]]:
    """(address, lastmod) of every page."""
    paths: list[tuple[str, Meeting | None]] = [
        (p.path, p.context.get("meeting")) for p in site_pages(site) if p.path != urls.NOT_FOUND]
    paths.append((urls.ABOUT, None))  # Pelican's own pages (content/pages)
    return [(records.public_url(path, settings),
             records.last_changed(meeting, settings).date().isoformat() if meeting else None)
            for path, meeting in paths]


def _document(tag: str, child: str, entries: list[tuple[str, str | None]]) -> bytes:
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}{tag}")
    for loc, lastmod in entries:
        entry = ET.SubElement(root, f"{{{SITEMAP_NS}}}{child}")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = loc
        if lastmod:
            ET.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = lastmod
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def sitemaps(site: Site, settings: dict, limit: int = LIMIT) -> Iterator[tuple[str, bytes]]:
    """The producer registered in ``outputs``."""
    entries = _entries(site, settings)
    if len(entries) <= limit:
        yield urls.SITEMAP_XML, _document("urlset", "url", entries)
        return
    parts = [entries[start:start + limit] for start in range(0, len(entries), limit)]
    index = []
    for number, part in enumerate(parts, start=1):
        path = urls.sitemap_part(number)
        yield path, _document("urlset", "url", part)
        index.append((records.public_url(path, settings), max((m for _, m in part if m), default=None)))
    yield urls.SITEMAP_XML, _document("sitemapindex", "sitemap", index)
