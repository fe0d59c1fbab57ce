"""The decision records' pages in a real headless Chromium: axe-core's WCAG 2.2
AA rules at every width and in dark mode, no sideways scrolling at 320 px, and
the call-in status read without JavaScript. (Their page types are also in
page_types.py, so the all-pages tests cover them too.)"""

from __future__ import annotations

import pytest

from tests.browser.support import WIDTHS
from tests.browser.test_pages_in_browser import AXE_TAGS, describe

PAGES = {
    "decision-notices": "decision-notices/index.html",
    "decision-notice": "decision-notices/2026-11-03-library-opening-hours/index.html",
    "urgent-decision": "decision-notices/2026-11-09-winter-gritting-routes/index.html",
    "officer-decisions": "officer-decisions/index.html",
    "officer-decision": "officer-decisions/2026-10-28-temporary-closure-north-street/index.html",
    "exempt-officer-decision": "officer-decisions/2026-11-05-write-off-of-irrecoverable-debts/index.html",
    "item-with-decision-notice": "committees/executive/2026-10-13/former-carlisle-road-depot/index.html",
    "person-with-decisions": "people/kieran-doyle/index.html",
    "subject-with-decisions": "subjects/library-services/index.html",
}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("name", PAGES)
def test_decision_record_pages_have_no_wcag_22_aa_violation(open_page, axe, name, width, scheme):
    opened = open_page(PAGES[name], width=width, color_scheme=scheme)
    results = axe.run(opened.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                            "resultTypes": ["violations"]})
    assert results.response["violations"] == [], describe(results.response["violations"])


@pytest.mark.parametrize("name", PAGES)
def test_decision_record_pages_reflow_to_320_px(open_page, name):
    page = open_page(PAGES[name], width=WIDTHS["mobile"]).page
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert sizes[0] <= sizes[1], f"{name} is wider than 320 px"


def test_the_call_in_status_is_there_without_javascript(open_page):
    page = open_page(PAGES["decision-notice"], javascript=False).page
    row = page.locator(".summary-list__row", has=page.locator("dt", has_text="Call-in"))
    assert row.locator("dd").inner_text().startswith("Called in on Monday 9 November 2026")
    item = open_page(PAGES["item-with-decision-notice"], javascript=False).page
    assert item.locator("#decision-notice").is_visible()
    assert "Call-in period ended Thursday 22 October 2026" in item.locator(".decision-record").inner_text()
