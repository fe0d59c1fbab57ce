"""Tables reflow with long real-world content: no sideways scrolling and no word broken inside.

A tree of long content (tests/browser/long_content.py: a 60-member named vote,
300-character titles, a long committee name, a long unbroken URL) is built and
each page with a table is opened in Chromium at 320, 375 and 1280 px.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser import long_content
from tests.browser.support import SiteServer, serve

WIDTHS = [320, 375, 1280]
PAGES = {
    "home": "index.html",
    "year": "meetings/2025/index.html",
    "committee": f"committees/{long_content.COMMITTEE}/index.html",
    "meeting": f"committees/{long_content.COMMITTEE}/2025-02-11/index.html",
    "item": f"committees/{long_content.COMMITTEE}/2025-02-11/revenue-estimates/index.html",
    "person": f"people/{long_content.person_id(0)}/index.html",
    "declarations-register": "declarations/2024-to-2025/index.html",
}
# Every word of every table cell and header, with the number of lines it is drawn on.
# A word is split at spaces and after hyphens (where a line may break); a string with
# no break in it that is wider than its cell (a web address) may wrap, and is left out.
SPLIT_WORDS = """() => {
  const split = [];
  for (const cell of document.querySelectorAll('.table th, .table td')) {
    if (!cell.getClientRects().length) continue;
    const width = cell.getBoundingClientRect().width;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[^\\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        const whole = range.getBoundingClientRect().width;
        const tops = new Set(rects.map(r => Math.round(r.top)));
        if (tops.size > 1 && !(match[0].includes('://') || whole >= width)) split.push(match[0]);
      }
    }
  }
  return split;
}"""
OVERFLOW = """() => {
  const doc = document.documentElement;
  const wraps = [...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1);
  return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, scrollingTables: wraps.length};
}"""


@pytest.fixture(scope="module")
def long_site(tmp_path_factory) -> Iterator[SiteServer]:
    from minutebook.engine.build import build_site
    from tests.support import SETTINGS

    root = tmp_path_factory.mktemp("long-content")
    content = long_content.write(root / "content")
    build_site(SETTINGS, content, root / "output")
    with serve(root / "output") as server:
        yield server


@pytest.fixture(scope="module")
def pages_at(browser, long_site):
    contexts = {}

    def open_at(path: str, width: int):
        if width not in contexts:
            contexts[width] = browser.new_context(viewport={"width": width, "height": 900})
        page = contexts[width].new_page()
        page.goto(long_site.url(path), wait_until="load")
        return page

    yield open_at
    for context in contexts.values():
        context.close()


def test_the_fixture_has_the_long_content(long_site):
    item = (long_site.root / PAGES["item"]).read_text(encoding="utf-8")
    assert item.count('href="../../../../people/') >= long_content.MEMBERS
    assert long_content.URL in item and long_content.TITLE in item


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_tables_fit_the_screen_without_breaking_words(pages_at, name, width):
    page = pages_at(PAGES[name], width)
    assert page.locator(".table").count() >= 1, "the page has a table"
    overflow = page.evaluate(OVERFLOW)
    assert overflow["scrollWidth"] <= overflow["clientWidth"], f"the page scrolls sideways at {width} px"
    assert overflow["scrollingTables"] == 0, f"a table scrolls sideways at {width} px"
    assert page.evaluate(SPLIT_WORDS) == [], f"words broken inside at {width} px"
    page.close()


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_small_screen_each_cell_is_under_its_column_name(pages_at, width):
    page = pages_at(PAGES["item"], width)
    cells = page.evaluate("""() => [...document.querySelectorAll('.vote tbody td')].map(td => {
        const header = td.closest('table').querySelectorAll('thead th')[td.cellIndex].textContent.trim();
        const label = getComputedStyle(td, '::before').content;
        return [header, label, td.getBoundingClientRect().left, td.closest('tr').getBoundingClientRect().left];
    })""")
    assert cells, "the vote table has cells"
    for header, label, left, row_left in cells:
        assert header in label, f"the cell is labelled {header!r}"
        assert abs(left - row_left) < 1, "the cell is stacked under the row's start, not beside"
    page.close()


def test_on_a_wide_screen_the_table_is_a_table(pages_at):
    page = pages_at(PAGES["item"], 1280)
    assert page.locator(".vote thead th").first.is_visible()
    assert page.evaluate("() => getComputedStyle(document.querySelector('.vote td')).display") == "table-cell"
    page.close()
