"""A meeting or item page, HTML + CSS + JS, weighs at most 40 KB and loads nothing from elsewhere."""

from __future__ import annotations

import pytest

from tests.browser.page_types import ITEM, MEETING, NAMES
from tests.browser.page_weight import LIMIT, page_weight


def test_every_meeting_and_item_page_weighs_at_most_40_kb(browser_site):
    pages = [p.relative_to(browser_site).as_posix() for p in sorted(browser_site.rglob("index.html"))]
    pages = [p for p in pages if MEETING.match(p) or ITEM.match(p)]
    assert len(pages) > 3
    weights = {page: page_weight(browser_site, page) for page in pages}
    assert all(w.css > 0 for w in weights.values()), "the stylesheet is counted"
    heavy = {page: w.total for page, w in weights.items() if w.total > LIMIT}
    assert heavy == {}, f"over {LIMIT} bytes"


@pytest.mark.parametrize("name", NAMES)
def test_no_page_loads_styles_scripts_or_fonts_from_elsewhere(browser_site, page_types, name):
    page_type = page_types[name]
    if page_type.path is None:
        pytest.skip(f"{name}: {page_type.missing}")
    assert page_weight(browser_site, page_type.path).external == ()
