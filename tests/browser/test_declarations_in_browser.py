"""The pages that show declarations of interest written in meeting.md (tied to
an item, in the council's own category, conditional) pass axe-core's WCAG 2.2
AA rules at every width, in a real headless Chromium."""

from __future__ import annotations

import pytest

from tests.browser.support import WIDTHS
from tests.browser.test_pages_in_browser import AXE_TAGS, describe

PAGES = {
    "meeting": "committees/keighley-area/2026-09-24/index.html",
    "item": "committees/childrens-scrutiny/2026-07-08/elective-home-education/index.html",
    "person": "people/cllr-tom-whiteley/index.html",
}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("name", PAGES)
def test_declarations_pages_have_no_wcag_22_aa_violation(open_page, axe, name, width):
    opened = open_page(PAGES[name], width=width)
    assert opened.page.locator("#declarations").count() == 1
    results = axe.run(opened.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                            "resultTypes": ["violations"]})
    assert results.response["violations"] == [], describe(results.response["violations"])
