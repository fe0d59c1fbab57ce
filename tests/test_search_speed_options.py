"""Pagefind reads only the pages that can be indexed (``search.SEARCHED``):
that must be every page carrying data-pagefind-body, and nothing is lost."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from minutebook.search import SEARCHED, index_site


def test_every_indexed_page_is_one_pagefind_reads(built_site):
    bodies = [PurePosixPath(p.relative_to(built_site).as_posix()) for p in built_site.rglob("*.html")
              if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert bodies
    assert [p for p in bodies if not any(p.match(pattern) for pattern in SEARCHED)] == []
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(bodies)


def test_a_site_without_such_pages_is_still_indexed(tmp_path: Path):
    (tmp_path / "index.html").write_text('<html lang="en"><body><main>Nothing yet</main></body></html>')
    index_site(tmp_path)  # Pagefind's default glob: no empty-index failure
    assert (tmp_path / "pagefind" / "pagefind-entry.json").is_file()
