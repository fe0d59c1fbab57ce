"""sitemap.xml: every page of the site, for search engines and web archives.

Meeting and item pages carry ``lastmod``, the date their meeting's record last
changed according to the content (``records.last_changed``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

from . import records, urls
from .model import Site
from .pages import site_pages

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(site: Site, settings: dict) -> bytes:
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    paths = [(p.path, p.context.get("meeting")) for p in site_pages(site) if p.path != urls.NOT_FOUND]
    paths.append((urls.ABOUT, None))  # Pelican's own pages (content/pages)
    for path, meeting in paths:
        entry = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = records.public_url(path, settings)
        if meeting is not None:
            changed = records.last_changed(meeting, settings).date().isoformat()
            ET.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = changed
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def sitemaps(site: Site, settings: dict) -> Iterator[tuple[str, bytes]]:
    """The producer registered in ``outputs``."""
    yield urls.SITEMAP_XML, sitemap_xml(site, settings)
