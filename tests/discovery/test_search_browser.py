"""Search in a real headless Chromium, over HTTP as readers use it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.discovery.sample import SCRUTINY_NAME, SECRET

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
SEED_RESULT = "/committees/executive/2024-03-05/exploitation-annual-update/index.html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 (the standard library's name)
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def site_url(discovery_site) -> Iterator[str]:
    """The built site served over HTTP (Pagefind fetches its index; file:// cannot)."""
    with served(discovery_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()


@pytest.fixture
def search_page(browser, site_url):
    page = browser.new_page()
    third_party = []
    page.on("request", lambda r: third_party.append(r.url) if not r.url.startswith((site_url, "data:")) else None)
    page.goto(f"{site_url}search/index.html")
    yield page
    page.close()
    assert third_party == []  # search is served from the site itself


def search(page, words: str) -> None:
    """Type the words in the search page's form and send it, as a reader does."""
    page.wait_for_selector("#search[data-ready]", state="attached")
    page.fill("#search-input", words)
    page.press("#search-input", "Enter")
    page.wait_for_function("() => document.querySelector('#search-status').innerText.trim()")


def results(page) -> list[dict]:
    """The results shown: each one's link, title and facts (type, committee, date or role)."""
    return page.eval_on_selector_all(".search-result", """items => items.map(item => ({
        href: item.querySelector('.search-result__link').getAttribute('href'),
        title: item.querySelector('.search-result__title').innerText,
        tags: Array.from(item.querySelectorAll('.search-result__meta li')).map(t => t.innerText.trim()),
    }))""")


def result_count(page) -> int:
    message = page.locator("#search-status").inner_text()
    return 0 if message.startswith("No results") else int(message.split()[0])


def wait_for_message(page, pattern: str) -> None:
    page.wait_for_function("p => new RegExp(p).test(document.querySelector('#search-status')?.innerText || '')",
                           arg=pattern)


def test_the_seed_item_is_found_with_its_date_and_committee(search_page):
    search(search_page, "Partnership Intelligence Portal")
    wait_for_message(search_page, r"^\d+ results? for Partnership Intelligence Portal")
    [seed] = [r for r in results(search_page) if r["href"] == SEED_RESULT]
    assert seed["title"] == "8. Exploitation – annual update"
    assert seed["tags"] == ["Agenda item", "Executive", "5 March 2024"]


def test_the_seed_item_is_the_first_result(search_page):
    search(search_page, "Partnership Intelligence Portal")
    wait_for_message(search_page, r"^\d+ results? for Partnership Intelligence Portal")
    assert results(search_page)[0]["href"] == SEED_RESULT


def test_a_committee_filter_narrows_the_results(search_page):
    search(search_page, "exploitation")
    wait_for_message(search_page, r"^\d+ results for exploitation")
    assert any("Executive" in r["tags"] for r in results(search_page))
    search_page.click("summary:has-text('Committee')")
    total = result_count(search_page)
    search_page.check(f"input[name='Committee'][value='{SCRUTINY_NAME}']")
    search_page.wait_for_function("n => parseInt(document.querySelector('#search-status').innerText) < n",
                                  arg=total)
    after = results(search_page)
    assert 0 < result_count(search_page) < total
    assert all(SCRUTINY_NAME in r["tags"] for r in after)
    assert any(r["href"].endswith("/child-exploitation-review/index.html") for r in after)


def test_a_type_filter_offers_meetings_items_documents_and_people(search_page):
    search(search_page, "exploitation")
    wait_for_message(search_page, "result")
    search_page.click("summary:has-text('Type')")
    values = search_page.eval_on_selector_all("input[name='Type']", "boxes => boxes.map(b => b.value)")
    assert set(values) == {"Meeting", "Agenda item", "Document", "Person"}  # Document: the pages of PDFs


def test_exempt_text_is_not_found(search_page):
    search(search_page, SECRET)
    wait_for_message(search_page, "No results")
    assert results(search_page) == []


def test_result_links_open_the_page(search_page, site_url):
    search(search_page, "Partnership Intelligence Portal")
    wait_for_message(search_page, "result")
    search_page.click(f".search-result__link[href='{SEED_RESULT}']")
    search_page.wait_for_url(re.compile(re.escape(SEED_RESULT) + "$"))
    assert search_page.locator("h1").inner_text() == "8. Exploitation – annual update"


def test_without_javascript_the_page_explains_how_to_browse(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}search/index.html")
    assert "Search needs JavaScript" in page.locator("main").inner_text()  # rendered, not hidden
    main = page.locator("main")
    assert main.get_by_role("link", name="sitemap").get_attribute("href") == "../sitemap/index.html"
    assert main.get_by_role("link", name="subject").get_attribute("href") == "../subjects/index.html"
    context.close()


def test_from_a_copy_on_disk_the_page_says_search_needs_the_web(browser, discovery_site):
    page = browser.new_page()
    page.goto((discovery_site / "search" / "index.html").as_uri())
    assert page.get_by_text("Search works when this site is viewed on the web").is_visible()
    page.close()


def test_a_site_built_without_search_says_so(browser, discovery_site, tmp_path):
    """A preview built with --no-search has no index: its search page says
    why there is no search box, not that the site is on a disk."""
    copy = tmp_path / "site"
    shutil.copytree(discovery_site, copy, ignore=shutil.ignore_patterns("pagefind"))
    page = browser.new_page()
    with served(copy) as url:
        page.goto(f"{url}search/index.html")
        page.focus("#search-input")  # the index is loaded when the reader turns to the search box
        page.wait_for_selector("text=built without its search index")
        assert page.get_by_text("built without its search index").is_visible()
        assert not page.get_by_text("viewed on the web").is_visible()
    page.close()


def test_the_search_box_has_a_visible_label(search_page):
    box = search_page.get_by_label("Search minutes, agendas and people")
    assert box.is_visible()
    assert search_page.locator("label[for='search-input']").is_visible()
