"""Search in the site's own design, in a real Chromium over HTTP with the real Pagefind index.

The header of every page has a search form (a plain GET to the search page); the
search page reads ?q=, runs it and draws each result with its title, type,
committee, date and an excerpt of the page's own content, never its furniture.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.page_types import NAMES
from tests.browser.support import WIDTHS

WORD = "exploitation"  # in the seed item and many others of the sample


def wait_for_results(page) -> None:
    page.wait_for_function("() => document.querySelector('#search-status')?.innerText.trim()")


def shown_results(page) -> list[dict]:
    return page.eval_on_selector_all(".search-result", """items => items.map(item => ({
        href: item.querySelector('.search-result__link').getAttribute('href'),
        title: item.querySelector('.search-result__title').innerText.trim(),
        facts: [...item.querySelectorAll('.search-result__meta li')].map(li => li.innerText.trim()),
        excerpt: item.querySelector('.search-result__excerpt')?.innerText.trim() || '',
    }))""")


@pytest.mark.parametrize("name", NAMES)
def test_every_page_has_a_search_form_in_its_header(page_types, browser_site, name):
    page_type = page_types[name]
    if page_type.path is None:
        pytest.skip(page_type.missing)
    html = (browser_site / page_type.path).read_text(encoding="utf-8")
    header = html[html.index('<header class="site-header"'):html.index("</header>")]
    assert re.search(r'<form class="header-search" action="[^"]*search/(index\.html)?" method="get"', header)
    assert 'name="q"' in header and '<label class="visually-hidden" for="header-search-q">' in header


def test_the_header_form_leads_to_the_results(open_page, page_types):
    page = open_page(page_types["item"].path).page
    page.fill("#header-search-q", "Partnership Intelligence Portal")
    page.press("#header-search-q", "Enter")
    page.wait_for_url(re.compile(r"/search/(index\.html)?\?q="))
    wait_for_results(page)
    assert page.input_value("#search-input") == "Partnership Intelligence Portal", "the query is in the box"
    results = shown_results(page)
    assert results and results[0]["title"] == "8. Exploitation – annual update"


def test_without_javascript_the_header_form_leads_to_how_to_browse(open_page, page_types):
    page = open_page(page_types["home"].path, javascript=False).page
    page.fill("#header-search-q", WORD)
    page.press("#header-search-q", "Enter")
    page.wait_for_url(re.compile(r"/search/(index\.html)?\?q=" + WORD))
    main = page.locator("main")
    assert "Search needs JavaScript" in main.inner_text()
    assert main.get_by_role("link", name="sitemap").is_visible()
    assert not page.locator(".search-form").is_visible(), "no form that cannot work is shown"


def test_each_result_shows_title_type_meeting_date_and_an_excerpt_of_the_content(open_page):
    page = open_page(f"search/?q={WORD}").page
    wait_for_results(page)
    results = shown_results(page)
    assert len(results) >= 5
    items = [r for r in results if r["facts"][:1] == ["Agenda item"]]
    assert items, "agenda items are found"
    for result in items:
        assert result["title"], result
        committee, date = result["facts"][1:3]
        assert committee and re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", date), result
        assert WORD in result["excerpt"].lower(), result
    for result in results:
        assert "Last changed" not in result["excerpt"], "the excerpt leaves out page furniture"
        assert not re.match(r"Agenda item \d", result["excerpt"]), "the excerpt leaves out the caption"
        assert "Skip to main content" not in result["excerpt"]
    marks = page.eval_on_selector_all(".search-result__excerpt mark", "m => m.map(x => x.innerText.toLowerCase())")
    assert WORD in marks, "the words found are highlighted"


def test_results_are_drawn_in_the_sites_design_not_pagefinds(open_page):
    page = open_page(f"search/?q={WORD}").page
    wait_for_results(page)
    sizes = page.evaluate("""() => ({
        body: parseFloat(getComputedStyle(document.querySelector('main p')).fontSize),
        excerpt: parseFloat(getComputedStyle(document.querySelector('.search-result__excerpt')).fontSize),
        font: [getComputedStyle(document.querySelector('.search-result__title')).fontFamily,
               getComputedStyle(document.body).fontFamily],
        sheets: [...document.styleSheets].map(s => s.href || '').filter(h => h.includes('pagefind')),
    })""")
    assert sizes["excerpt"] >= sizes["body"], "results are no smaller than the rest of the site"
    assert sizes["font"][0] == sizes["font"][1]
    assert sizes["sheets"] == [], "Pagefind's own stylesheet is not loaded"


def test_filters_are_labelled_checkboxes_kept_in_the_address(open_page):
    page = open_page(f"search/?q={WORD}").page
    wait_for_results(page)
    total = len(shown_results(page))
    types = page.get_by_role("group", name="Type").get_by_role("checkbox")
    assert types.count() == 4  # Agenda item, Meeting, Document (the pages of PDFs), Person
    box = page.get_by_role("checkbox", name="Meeting", exact=True)
    box.check()
    page.wait_for_function("() => /with the filters chosen/.test(document.querySelector('#search-status').innerText)")
    results = shown_results(page)
    assert 0 < len(results) < total and all(r["facts"][0] == "Meeting" for r in results)
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": [WORD], "Type": ["Meeting"]}, "the search can be bookmarked or shared"
    page.reload()
    wait_for_results(page)
    assert page.get_by_role("checkbox", name="Meeting", exact=True).is_checked()
    assert [r["href"] for r in shown_results(page)] == [r["href"] for r in results]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_search_page_fits_the_screen(open_page, width):
    page = open_page(f"search/?q={WORD}", width=width).page
    wait_for_results(page)
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_an_excerpt_is_text_only(open_page, browser_site):
    """The excerpt keeps Pagefind's highlights and nothing else: no element from the index runs or links."""
    page = open_page(f"search/?q={WORD}").page
    wait_for_results(page)
    tags = page.eval_on_selector_all(".search-result__excerpt *", "els => [...new Set(els.map(e => e.tagName))]")
    assert set(tags) <= {"MARK"}
