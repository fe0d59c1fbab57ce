"""Pagefind is pointed only at the pages that can be indexed (``search.SEARCHED``,
a speed option): a search must still find every page carrying
data-pagefind-body, and a site without such pages (a council's own templates)
must still get an index of all its pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from minutebook.site.partitions import index_site
from tests.support import html_files


def found_by_search(site: Path) -> set[str]:
    """The address of every page the site's Pagefind index holds (one fragment each)."""
    found = set()
    for fragment in (site / "pagefind").rglob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        found.add(json.loads(data)["url"])
    return found


def test_every_page_with_text_to_search_can_be_found(built_site):
    bodies = {"/" + p.relative_to(built_site).as_posix() for p in html_files(built_site)
              if "data-pagefind-body" in p.read_text(encoding="utf-8")}
    assert {"/committees/executive/2024-03-05/index.html",
            "/committees/executive/2024-03-05/exploitation-annual-update/index.html"} <= bodies
    assert any(page.startswith("/people/") for page in bodies)
    pages = {url for url in found_by_search(built_site) if ".pdf#page=" not in url}  # not PDFs' pages (pdftext)
    assert pages == bodies


def test_a_site_without_such_pages_is_still_indexed(tmp_path: Path):
    (tmp_path / "index.html").write_text('<html lang="en"><body><main>Nothing yet</main></body></html>')
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text('<html lang="en"><body><main>About us</main></body></html>')
    index_site(tmp_path)
    assert found_by_search(tmp_path) == {"/index.html", "/about/index.html"}
