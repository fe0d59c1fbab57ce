"""A meeting or item page, HTML + CSS + JS, weighs at most 40 KB and loads nothing from elsewhere."""

from __future__ import annotations

import pytest

from tests.browser.page_types import NAMES
from tests.browser.page_weight import LIMIT, page_weight


@pytest.mark.parametrize("name", ["meeting", "item", "draft-minutes-meeting", "exempt-item"])
def test_meeting_and_item_pages_weigh_at_most_40_kb(browser_site, page_types, name):
    page_type = page_types[name]
    if page_type.path is None:
        pytest.skip(f"{name}: {page_type.missing}")
    weight = page_weight(browser_site, page_type.path)
    assert weight.css > 0, "the stylesheet is counted"
    assert weight.total <= LIMIT, f"{page_type.path}: {weight.total} bytes"


@pytest.mark.parametrize("name", NAMES)
def test_no_page_loads_styles_scripts_or_fonts_from_elsewhere(browser_site, page_types, name):
    page_type = page_types[name]
    if page_type.path is None:
        pytest.skip(f"{name}: {page_type.missing}")
    assert page_weight(browser_site, page_type.path).external == ()
