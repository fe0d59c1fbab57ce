"""axe-core (WCAG 2.2 AA) on every page type, search with results included, in light and
dark, at 320 and 1280 px: no violations.

One built site and one browser; one browser context for each colour scheme and width,
reused for every page (test_pages_in_browser.py covers the keyboard, no-JS and print).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.page_types import NAMES
from tests.browser.test_pages_in_browser import AXE_TAGS, describe

SEARCH_WORD = "exploitation"
# Page types test_pages_in_browser.py does not name, at their fixed paths (None: found, see FOUND).
MORE = {
    "search": "search/index.html",
    "search-with-results": f"search/index.html?q={SEARCH_WORD}",
    "search-with-filters": f"search/index.html?q={SEARCH_WORD}&Type=Meeting",
    "subjects": "subjects/index.html",
    "subject": None,
    "scrutiny-areas": "scrutiny-areas/index.html",
    "people": "people/index.html",
    "sitemap": "sitemap/index.html",
    "open-data": "open-data/index.html",
    "decisions-municipal-year": None,
    "decisions-with-procedural": None,
    "item-with-contents": None,
}
FOUND = {  # page types at a path found in the built site: a pattern and what the page says
    "subject": ("subjects/*/index.html", ""),
    "decisions-municipal-year": ("decisions/*-to-*/index.html", ""),
    "decisions-with-procedural": ("decisions/*-to-*/with-procedural/index.html", ""),
    "item-with-contents": ("committees/*/*/*/index.html", 'class="contents"'),
}
SCHEMES = ["light", "dark"]
WIDTHS = [320, 1280]


def path_of(name: str, page_types, site: Path) -> str:
    if name in MORE:
        if name in FOUND:
            pattern, says = FOUND[name]
            found = [p for p in sorted(site.glob(pattern)) if says in p.read_text(encoding="utf-8")]
            if not found:
                pytest.skip(f"the sample content has no {name} page")
            return found[0].relative_to(site).as_posix()
        path = MORE[name]
        if not (site / path.split("?")[0]).exists():
            pytest.fail(f"{path} was not built")
        return path
    page_type = page_types[name]
    if page_type.path is None:
        pytest.skip(page_type.missing)
    return page_type.path


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def tabs(browser, site_server):
    """One page for each colour scheme and width, reused for every page type."""
    opened = {}

    def tab(scheme: str, width: int):
        if (scheme, width) not in opened:
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                          service_workers="block")
            opened[scheme, width] = context.new_page()
        return opened[scheme, width]

    yield tab
    for page in opened.values():
        page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", NAMES + list(MORE))
def test_no_wcag_22_aa_violation(tabs, axe, site_server, page_types, browser_site, name, scheme, width):
    page = tabs(scheme, width)
    page.goto(site_server.url(path_of(name, page_types, browser_site)), wait_until="load")
    if name.startswith("search-with"):
        page.wait_for_function("() => document.querySelector('.search-result__excerpt')")
        page.wait_for_function("() => document.querySelector('#search-status').innerText.trim()")
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    if scheme == "dark":
        background = page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")
        assert background != "rgb(255, 255, 255)", "the dark colour scheme is applied"
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                     "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert violations == [], describe(violations)
