"""Every page type in a real headless Chromium: axe-core WCAG 2.2 AA, keyboard, reflow, no-JS, origin."""

from __future__ import annotations

import pytest

from tests.browser.page_types import NAMES
from tests.browser.support import WIDTHS

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def existing(page_types, name: str):
    page_type = page_types[name]
    if page_type.path is None:
        pytest.skip(f"{name}: {page_type.missing}")
    return page_type


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("name", NAMES)
def test_axe_finds_no_wcag_22_aa_violation(open_page, page_types, axe, name, width):
    page_type = existing(page_types, name)
    opened = open_page(page_type.path, width=width)
    results = axe.run(opened.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                            "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert violations == [], describe(violations)
    assert opened.foreign_requests == [], f"requests left the site's origin: {opened.foreign_requests}"


@pytest.mark.parametrize("name", ["home", "meeting", "item", "exempt-item", "draft-minutes-meeting",
                                  "decisions-register", "attendance-statistics", "declarations-register"])
def test_dark_mode_keeps_contrast(open_page, page_types, axe, name):
    opened = open_page(existing(page_types, name).path, color_scheme="dark")
    background = opened.page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")
    assert background != "rgb(255, 255, 255)", "the dark colour scheme is applied"
    results = axe.run(opened.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                                            "resultTypes": ["violations"]})
    assert results.response["violations"] == [], describe(results.response["violations"])


@pytest.mark.parametrize("name", NAMES)
def test_page_reflows_to_320_px_without_sideways_scrolling(open_page, page_types, name):
    opened = open_page(existing(page_types, name).path, width=WIDTHS["mobile"])
    overflow = opened.page.evaluate("""() => {
        const doc = document.documentElement;
        const wide = [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > doc.clientWidth + 1)
            .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
        return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide: wide.slice(0, 5)};
    }""")
    assert overflow["scrollWidth"] <= overflow["clientWidth"], f"wider than 320 px: {overflow['wide']}"


@pytest.mark.parametrize("name", ["home", "meeting", "item"])
def test_first_tab_focuses_the_skip_link_and_enter_moves_to_main(open_page, page_types, name):
    page = open_page(existing(page_types, name).path).page
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.textContent.trim(), "
                            "document.activeElement.getBoundingClientRect().height]")
    assert focused[0] == "Skip to main content"
    assert focused[1] >= 24, "the focused skip link is visible and at least 24 px tall"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.tagName") == "MAIN"
    page.keyboard.press("Tab")
    inside = page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert inside, "the next Tab after skipping stays in the main content"


def test_focus_is_clearly_visible(open_page, page_types):
    page = open_page(existing(page_types, "item").path).page
    link = page.locator("main a").first
    before = link.evaluate("el => getComputedStyle(el).backgroundColor")
    link.focus()
    style = link.evaluate("el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).boxShadow]")
    assert style[0] != before and style[1] != "none", "a focused link changes background and gains a bar"


VISIBLE_TEXT = """() => [...document.querySelectorAll(
        'main h1, main h2, main h3, main p, main li, main td, main th, main dd, main dt')]
    .filter(el => el.checkVisibility() && el.innerText.trim()).map(el => el.innerText.trim())"""


@pytest.mark.parametrize("name", NAMES)
def test_every_page_shows_its_content_without_javascript(open_page, page_types, name):
    page_type = existing(page_types, name)
    without_js = open_page(page_type.path, javascript=False).page
    assert without_js.locator("h1").count() == 1 and without_js.locator("h1").is_visible()
    shown = without_js.evaluate(VISIBLE_TEXT)
    assert len(shown) >= 2, "the main content is there without JavaScript"
    with_js = open_page(page_type.path).page.evaluate(VISIBLE_TEXT)
    assert [t for t in with_js if t not in shown] == [], "nothing shown with JavaScript is missing without it"
    assert without_js.locator("footer a", has_text="Accessibility statement").is_visible()


def test_print_stylesheet_hides_navigation_and_shows_document_addresses(open_page, browser_site):
    meetings = [p for p in sorted(browser_site.glob("committees/*/*/index.html"))
                if 'class="document-link"' in p.read_text(encoding="utf-8")]
    if not meetings:
        pytest.skip("no meeting in the sample content publishes a document file")
    page = open_page(meetings[0].relative_to(browser_site).as_posix()).page
    page.emulate_media(media="print")
    for selector in (".site-header", ".service-nav", ".breadcrumbs", ".site-footer", ".skip-link", ".phase-banner"):
        assert not page.locator(selector).first.is_visible(), f"{selector} is not printed"
    assert page.locator("main h1").is_visible()
    link = page.locator("main a.document-link").first
    after = link.evaluate("el => getComputedStyle(el, '::after').content")
    assert link.get_attribute("href") in after, "the printed link shows where the document is"


def test_targets_are_at_least_24_px(open_page, page_types):
    """Links standing alone (navigation, footer, pagination, breadcrumbs) are at least 24 by 24 CSS px;
    links inside a sentence are exempt in WCAG 2.5.8."""
    page = open_page(existing(page_types, "item").path, width=WIDTHS["mobile"]).page
    small = page.evaluate("""() => [...document.querySelectorAll(
            '.service-nav a, .footer-links a, .pagination a, .breadcrumbs a, .site-header a')]
        .filter(a => a.getClientRects().length)
        .map(a => [a.textContent.trim(), a.getBoundingClientRect()])
        .filter(([, r]) => r.height < 24 || r.width < 24).map(([t]) => t)""")
    assert small == []
