"""The forward plan's pages in a real headless Chromium: axe-core's WCAG 2.2 AA
rules at every width and in the dark colour scheme, and the months reached by
keyboard alone. (Reflow, no-JavaScript and page weight come with every page
type in ``page_types``.)"""

from __future__ import annotations

import pytest

from tests.browser.support import WIDTHS
from tests.browser.test_pages_in_browser import AXE_TAGS, describe, existing

PAGE_TYPES = ["forward-plan", "forward-plan-month", "forward-plan-entry", "forward-plan-exempt-entry"]


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_forward_plan_pages_have_no_wcag_22_aa_violation(open_page, page_types, axe, name, width, color_scheme):
    opened = open_page(existing(page_types, name).path, width=width, color_scheme=color_scheme)
    results = axe.run(opened.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                            "resultTypes": ["violations"]})
    assert results.response["violations"] == [], describe(results.response["violations"])
    assert opened.foreign_requests == []


def test_a_month_is_reached_from_the_plan_by_keyboard(open_page, page_types):
    page = open_page(existing(page_types, "forward-plan").path).page
    month = page.locator("main h2 a").first
    name = month.inner_text()
    for _ in range(60):  # Tab through the page until the month's link has focus
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.closest('h2') !== null"):
            break
    assert page.evaluate("() => document.activeElement.textContent.trim()") == name
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == f"Forward plan: {name}"
