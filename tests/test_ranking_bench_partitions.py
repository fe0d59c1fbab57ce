"""The known-item search benchmark with the partitioned index (issue 19): the same
queries ranked in a site of one partition and in one of many, through the real
search page in headless Chromium (in a module of its own: Playwright's sync API
runs one browser at a time). Nothing here is timed."""

from __future__ import annotations

import json

import pytest

from minutebook.commands import ranking
from minutebook.commands.genarchive import generate
from minutebook.engine.build import build_site
from tests.support import SETTINGS


def test_the_partitioned_index_is_compared_with_one_partition(tmp_path):
    """With the partitioned index (issue 19), the benchmark ranks the same queries
    in a site of one partition and in one of many, and gives the difference at top 5."""
    if ranking.partitions is None:
        pytest.skip("this code has no partitioned index")
    if ranking.find_chromium() is None:
        pytest.skip("No Chromium found (apt-get install chromium)")
    setting = ranking.partitions.SETTING
    content = generate(tmp_path / "content", 20, seed=1)
    queries = ranking.choose_queries(content, 10, seed=1)
    sites = []
    for label, size in (("one partition", ranking.ONE_PARTITION), ("small parts", 60)):
        build_site(SETTINGS, content, tmp_path / label, {"MINUTEBOOK_SEARCH": True, setting: size})
        sites.append((label, tmp_path / label))
    parts = json.loads((tmp_path / "small parts" / "pagefind" / "partitions.json").read_text())["partitions"]
    assert len(parts) > 2, "the small parts are many"
    rankings, transfers = ranking.measure(sites, queries, queries[0].phrase)
    assert [r.label for r in rankings] == ["one partition", "small parts"]
    assert all(r.rate(5) > 0 for r in rankings)
    assert "Top 5, small parts against one partition:" in ranking.report(rankings)
    assert transfers["small parts"].requests > transfers["one partition"].requests, "every part is fetched"
