"""The known-item search benchmark (``minutebook.commands.ranking``, run by ``invoke
bench``) works end to end at small scale: queries come from the items' own minutes,
go through the real search page in headless Chromium, and the hit rates are
reported. Nothing here is timed."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minutebook.commands import ranking
from minutebook.commands.genarchive import generate
from minutebook.content import urls
from minutebook.engine.build import build_site
from minutebook.engine.pipeline import load_site
from tests.support import SETTINGS

NONSENSE = "qzxv"  # letters no word of the archive starts with (Pagefind offers near words for some others)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, Path]:
    """A generated 20-meeting archive and its site built with the search index."""
    folder = tmp_path_factory.mktemp("ranking")
    content = generate(folder / "content", 20, seed=1)
    build_site(SETTINGS, content, folder / "output", {"MINUTEBOOK_SEARCH": True})
    return content, folder / "output"


@pytest.fixture(scope="module")
def queries(archive) -> list[ranking.Query]:
    return ranking.choose_queries(archive[0], 10, seed=1)


@pytest.fixture(scope="module")
def page(archive):
    if ranking.find_chromium() is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("No Chromium: the benchmark's browser test must run in CI (see .ci/run)", pytrace=False)
        pytest.skip("No Chromium found (apt-get install chromium)")
    with ranking.search_page(archive[1]) as opened:
        yield opened


def test_each_query_is_3_to_5_words_of_its_open_items_minutes(archive, queries):
    site = load_site(archive[0])
    items = {urls.path_for(i): i for m in site.meetings for i in m.items}
    assert len(queries) == 10 and len({q.path for q in queries}) == 10, "ten different items"
    for query in queries:
        item = items[query.path]
        assert item.exempt is None, "an exempt item has no minutes to search for"
        assert 3 <= len(query.phrase.split()) <= 5
        minutes = " ".join(w.rstrip(",.;:") for w in ranking.text_of(item.minutes_html).split())
        assert query.phrase in minutes, query
        assert query.sharing >= 1


def test_the_same_seed_chooses_the_same_queries(archive, queries):
    assert ranking.choose_queries(archive[0], 10, seed=1) == queries
    assert ranking.choose_queries(archive[0], 10, seed=2) != queries


def test_the_phrase_chosen_is_the_one_whose_words_are_in_fewest_items():
    postings = {"the": {0, 1, 2, 3}, "chair": {0, 1, 2, 3}, "thanked": {0, 1, 2}, "officers": {0, 1, 2, 3},
                "amina": {0, 2}, "rahman": {0, 1}, "spoke": {0, 1, 2, 3}}
    phrase, sharing = ranking.phrase_for("The Chair thanked officers. Amina Rahman spoke", postings, 4)
    assert (phrase, sharing) == ("Amina Rahman spoke", 1)


def test_the_hit_rates_are_reported(page, queries):
    found = page.rank("single index", queries)
    assert len(found.ranks) == len(queries)
    assert found.rate(5) > 0, "some items are found among the first five results"
    assert found.rate(1) <= found.rate(5)
    report = ranking.report([found, found])
    assert re.search(r"\| single index \| \d+\.\d % \| \d+\.\d % \|", report), report
    assert "Top 5, single index against single index: +0.0 points" in report


def test_a_nonsense_query_finds_nothing(page):
    assert page.results(NONSENSE) == []
    assert page.status() == f"No results for {NONSENSE}"


def test_a_query_finds_its_item_by_its_own_page(page, queries):
    """The links read from the results are the items' site paths, as the queries name them."""
    first = queries[0]
    assert all(not link.startswith(("http", "/")) for link in page.results(first.phrase))
    assert any(q.path in page.results(q.phrase) for q in queries)


def test_the_first_search_downloads_only_what_it_needs_of_the_index(page, queries):
    transfer = page.first_search_transfer(queries[0].phrase)
    assert transfer.requests > 3, "the script, the index's entry and at least one of its chunks"
    assert 0 < transfer.body < transfer.transferred


@given(st.lists(st.sampled_from(["the", "Chair", "said,", "report.", "(Document", "“AB”)", "of", "12"]),
                max_size=30))
def test_candidates_are_runs_of_3_to_5_plain_words_of_the_text(tokens):
    text = " ".join(tokens)
    plain = " ".join(t.rstrip(",.;:") for t in tokens)
    for _, words in ranking.candidates(text):
        assert 3 <= len(words) <= 5
        assert all(re.fullmatch(r"[A-Za-z0-9]+", w) for w in words)
        assert " ".join(words) in plain

