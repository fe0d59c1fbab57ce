"""The search index in parts (``site/partitions.py``), through the real search
page in a real Chromium: a word on a page of an old part is found, and the
filters, their choices and the date order cover every part, not only the
first one the page loads."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from minutebook.commands.genarchive import generate
from minutebook.engine.build import build_site
from tests.browser.support import serve
from tests.browser.test_search_ui import shown_results, wait_for_results
from tests.support import SETTINGS

WORD = "Zanzibarian"  # planted in one item of the oldest year only
COMMON = "disclosures"  # every meeting has its "Disclosures of interest" item
PLANTED = "childrens-scrutiny"


@pytest.fixture(scope="module")
def partitioned_site(tmp_path_factory) -> Path:
    """A generated archive of three municipal years (2023, 2024 and 2025 to
    2026), built with parts of at most 200 records: one part a year, and people."""
    root = tmp_path_factory.mktemp("partitioned")
    content = generate(root / "content", 36, spacing=365)
    oldest = sorted((content / "meetings" / PLANTED).iterdir())[0]
    item = sorted(oldest.glob("0[3-9]-*.md"))[0]
    item.write_text(item.read_text(encoding="utf-8").replace("## Minutes\n", f"## Minutes\n\nThe {WORD} "
                                                             "proposal was noted.\n", 1), encoding="utf-8")
    return build_site(SETTINGS, content, root / "output", {"MINUTEBOOK_SEARCH_PARTITION_SIZE": 200})


@pytest.fixture(scope="module")
def server(partitioned_site: Path):
    with serve(partitioned_site) as running:
        yield running


@pytest.fixture
def search_page(browser, server) -> Iterator:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")

    def _open(address: str):
        page = context.new_page()
        page.goto(server.url(address), wait_until="load")
        wait_for_results(page)
        return page

    yield _open
    context.close()


def parts(site: Path) -> list[str]:
    return json.loads((site / "pagefind" / "partitions.json").read_text(encoding="utf-8"))["partitions"]


def all_results(page) -> list[dict]:
    """Every result of the search, pressing "Show more results" until there are no more."""
    while page.locator(".search__more").is_visible():
        count = page.locator(".search-result").count()
        page.click(".search__more")
        page.wait_for_function(f"() => document.querySelectorAll('.search-result').length > {count}")
    return shown_results(page)


def dates(results: list[dict]) -> list[dt.date]:
    found = []
    for result in results:
        shown = [f for f in result["facts"] if re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", f)]
        found.append(dt.datetime.strptime(shown[0], "%d %B %Y").date())
    return found


def test_the_index_is_in_parts_by_year_and_the_old_page_is_in_an_old_part(partitioned_site):
    names = parts(partitioned_site)
    assert names == ["2025", "2024", "2023", "other"]
    holding = {p.parent.parent.name for p in (partitioned_site / "pagefind").rglob("*.pf_fragment")
               if WORD.encode() in p.read_bytes() or WORD.encode() in __import__("gzip").decompress(p.read_bytes())}
    assert holding == {"2023"}, "the planted word is in the oldest part only, not the one loaded first"


def test_a_word_in_an_old_part_is_found_through_the_search_page(search_page):
    page = search_page(f"search/?q={WORD}")
    results = shown_results(page)
    assert len(results) == 1, [(r["href"], r["excerpt"][:80]) for r in results]
    assert f"/committees/{PLANTED}/2023-" in results[0]["href"]
    assert WORD in results[0]["excerpt"]
    assert page.locator("#search-status").inner_text().startswith("1 result")


def test_the_filters_offer_and_apply_the_choices_of_every_part(search_page):
    page = search_page(f"search/?q={COMMON}")
    everything = all_results(page)
    assert {d.year for d in dates(everything)} >= {2023, 2024, 2025}, "results come from every part"
    years = page.eval_on_selector_all("#search-filters input[name='Year']", "boxes => boxes.map(b => b.value)")
    assert set(years) >= {"2023", "2024", "2025"}, "the choices of every part are offered"
    assert page.locator("#search-filters input[name='Partition']").count() == 0, "the parts' own filter is not"
    page.locator("summary", has_text="Year").click()  # open the Year filter
    page.get_by_role("checkbox", name="2023", exact=True).check()
    page.wait_for_function("() => /with the filters chosen/.test(document.querySelector('#search-status').innerText)")
    chosen = all_results(page)
    assert chosen and {d.year for d in dates(chosen)} == {2023}
    page.get_by_role("checkbox", name="Meeting", exact=True).check()
    page.wait_for_function("() => new URLSearchParams(location.search).get('Type') === 'Meeting'")
    wait_for_results(page)
    meetings = all_results(page)
    assert meetings and all(r["facts"][0] == "Meeting" for r in meetings)
    assert {d.year for d in dates(meetings)} == {2023}


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_results_in_date_order_across_every_part(search_page, order):
    page = search_page(f"search/?q={COMMON}&Type=Meeting")
    unordered = all_results(page)
    page.select_option("#search-order", order)
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('order') === '{order}'")
    wait_for_results(page)
    page.wait_for_function("() => document.querySelectorAll('.search-result').length > 0")
    ordered = all_results(page)
    assert sorted(r["href"] for r in ordered) == sorted(r["href"] for r in unordered), "the same results"
    found = dates(ordered)
    assert found == sorted(found, reverse=order == "newest")
    assert {d.year for d in found} >= {2023, 2024, 2025}
    page.reload()  # the order is kept in the address
    wait_for_results(page)
    assert page.input_value("#search-order") == order
    assert [r["href"] for r in all_results(page)] == [r["href"] for r in ordered]


def parts_requested(browser, server, address: str) -> tuple[set[str], object]:
    """The folders of pagefind/ a fresh browser profile fetched anything from while
    opening ``address`` until its results were shown; and the page."""
    context = browser.new_context(service_workers="block")
    fetched: list[str] = []
    context.on("request", lambda request: fetched.append(request.url))
    page = context.new_page()
    page.goto(server.url(address), wait_until="load")
    wait_for_results(page)
    return {found.group(1) for url in fetched if (found := re.search(r"/pagefind/([^/]+)/", url))}, page


def test_a_search_loads_only_the_parts_that_hold_its_words(browser, server):
    """The words index names the one part with the planted word: nothing of the
    other parts (their lists of pages, their words) is fetched, yet the filters
    already offer every part's choices, from the list of parts."""
    requested, page = parts_requested(browser, server, f"search/?q={WORD}")
    assert requested == {"words", "2023"}
    assert len(shown_results(page)) == 1
    choices = "boxes => boxes.map(b => b.value)"
    assert set(page.eval_on_selector_all("#search-filters input[name='Year']", choices)) >= {"2023", "2024", "2025"}
    assert len(page.eval_on_selector_all("#search-filters input[name='Committee']", choices)) > 3
    page.context.close()


def test_a_filter_loads_only_the_parts_holding_its_value(browser, server):
    requested, page = parts_requested(browser, server, f"search/?q={COMMON}&Year=2024")
    assert "2024" in requested and not requested & {"2023", "other"}, requested
    assert {d.year for d in dates(all_results(page))} == {2024}
    page.context.close()
