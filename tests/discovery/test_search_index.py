"""What goes into the search index, and the index as part of the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from minutebook.engine import build as build_module
from minutebook.engine import spare
from minutebook.engine.build import build_site
from minutebook.engine.incremental import cache_folder
from minutebook.site.partitions import index_site
from minutebook.site.search import SearchIndexError
from tests.discovery.sample import SCRUTINY_2023, SEED_ITEM
from tests.support import SETTINGS


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def facets(page: BeautifulSoup) -> tuple[set[str], set[str]]:
    body = page.find(attrs={"data-pagefind-body": True})
    assert body is not None and body.name == "main"
    filters = {e["data-pagefind-filter"] for e in body.find_all(attrs={"data-pagefind-filter": True})}
    meta = {e["data-pagefind-meta"] for e in body.find_all(attrs={"data-pagefind-meta": True})}
    return filters, meta


def test_item_page_is_indexed_with_its_filters_and_date(discovery_site):
    filters, meta = facets(soup(discovery_site, SEED_ITEM))
    assert filters == {"Type:Agenda item", "Committee:Executive", "Year:2024",
                       "Scrutiny area:Children’s Services"}
    assert meta == {"date:5 March 2024", "committee:Executive"}


def test_meeting_and_person_pages_are_indexed(discovery_site):
    assert "Type:Meeting" in facets(soup(discovery_site, "committees/executive/2024-03-05"))[0]
    assert "Type:Person" in facets(soup(discovery_site, "people/darren-minton"))[0]


@pytest.mark.parametrize("path", ["", "committees", "subjects", "decisions", "search", "open-data", "sitemap"])
def test_lists_and_chrome_are_not_indexed(discovery_site, path):
    page = soup(discovery_site, path)
    assert page.find(attrs={"data-pagefind-body": True}) is None
    for chrome in ("header", "footer"):
        assert page.find(chrome).has_attr("data-pagefind-ignore")


def test_exempt_item_page_has_only_its_title_and_reason_to_index(discovery_site):
    page = soup(discovery_site, f"committees/{SCRUTINY_2023}/case-review")
    text = page.find("main").get_text(" ")
    assert "Case review" in text and "Schedule 12A" in text
    assert "discussed" not in text


def test_the_index_is_the_same_every_time(discovery_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(discovery_site, copy)
    # the pages alone (the build's index also holds the words of its PDFs, made from the model:
    # test_reproducible compares whole builds)
    shutil.rmtree(copy / "pagefind")
    index_site(copy)
    first = {p.relative_to(copy): p.read_bytes() for p in (copy / "pagefind").rglob("*") if p.is_file()}
    for _ in range(3):  # Pagefind's own filter order varies from run to run
        shutil.rmtree(copy / "pagefind")
        index_site(copy)
        again = {p.relative_to(copy): p.read_bytes() for p in (copy / "pagefind").rglob("*") if p.is_file()}
        assert again == first


def test_pagefind_failing_is_reported(tmp_path):
    with pytest.raises(SearchIndexError, match="Pagefind could not index the site"):
        index_site(tmp_path / "no-such-site")


def test_a_failed_index_leaves_the_previous_site(sample_content, tmp_path, monkeypatch):
    output = tmp_path / "output"
    build_site(SETTINGS, sample_content, output)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}

    def pagefind_on_a_missing_folder(folder: Path, records: list | None = None, **options) -> None:
        index_site(folder / "not-there")  # the real Pagefind, failing for real

    monkeypatch.setattr(build_module, "index_site", pagefind_on_a_missing_folder)
    spare.settle(output)  # the build's background work writes into the cache folder
    shutil.rmtree(cache_folder(output).parent)  # else nothing changed, and the rebuild has nothing to do
    with pytest.raises(SearchIndexError):
        build_site(SETTINGS, sample_content, output)
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["output"]
