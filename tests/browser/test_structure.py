"""The structure assistive technology relies on, on every page of the site (no browser needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support import html_files


@pytest.fixture(scope="module")
def pages(browser_site: Path) -> dict[str, BeautifulSoup]:
    return {p.relative_to(browser_site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in html_files(browser_site)}


def test_every_page_is_british_english_with_one_h1_and_no_heading_gaps(pages):
    problems = []
    for path, soup in pages.items():
        if soup.html.get("lang") != "en-GB":
            problems.append(f"{path}: lang is {soup.html.get('lang')!r}")
        levels = [int(h.name[1]) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
        if levels.count(1) != 1 or levels[0] != 1:
            problems.append(f"{path}: headings start {levels[:3]}, not with the one h1")
        gaps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        if gaps:
            problems.append(f"{path}: heading levels jump {gaps}")
    assert problems == []


def test_every_page_has_the_landmarks_and_the_skip_link_first(pages):
    problems = []
    for path, soup in pages.items():
        counts = {name: len(soup.find_all(name)) for name in ("header", "main", "footer")}
        if counts != {"header": 1, "main": 1, "footer": 1}:
            problems.append(f"{path}: landmarks {counts}")
        if not soup.find("nav", attrs={"aria-label": "Main"}):
            problems.append(f"{path}: no main navigation")
        first_link = soup.body.find("a")
        if first_link.get("href") != "#main-content" or soup.main.get("id") != "main-content":
            problems.append(f"{path}: the first link is not the skip link to main")
        footer_links = [a.get_text() for a in soup.footer.find_all("a")]
        for needed in ("About", "Accessibility statement", "Open data", "Sitemap"):
            if needed not in footer_links:
                problems.append(f"{path}: footer has no {needed} link")
    assert problems == []


def test_dates_are_machine_readable(pages):
    """Every meeting date written on a page is in a <time datetime> element."""
    untimed = []
    for path, soup in pages.items():
        for time in soup.find_all("time"):
            if not time.get("datetime"):
                untimed.append(f"{path}: {time}")
    assert untimed == []
    meeting = next(s for p, s in pages.items() if p.endswith("2024-03-05/index.html"))
    assert meeting.h1.time["datetime"] == "2024-03-05"


def test_tables_have_captions_and_header_scope(pages):
    problems = []
    for path, soup in pages.items():
        for table in soup.find_all("table"):
            if not table.caption or not table.caption.get_text(strip=True):
                problems.append(f"{path}: a table without a caption")
            if any(th.get("scope") not in ("col", "row") for th in table.find_all("th")):
                problems.append(f"{path}: a header cell without scope")
    assert problems == []
