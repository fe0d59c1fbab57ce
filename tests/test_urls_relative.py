"""``urls.relative`` gives the same links as ``posixpath.relpath``, without its cost."""

from __future__ import annotations

import posixpath
import random

from minutebook.content.urls import output_file, relative

PARTS = ["committees", "executive", "2024-03-05", "people", "a", "b"]


def site_path(rng: random.Random) -> str:
    parts = [rng.choice(PARTS) for _ in range(rng.randint(0, 4))]
    if not parts:
        return rng.choice(["", "sitemap.xml"])
    return "/".join(parts) + rng.choice(["/", "/feed.xml", "/data.json"])


def test_relative_links_match_relpath():
    rng = random.Random(7)
    for _ in range(5000):
        here, there = site_path(rng), site_path(rng)
        expected = posixpath.relpath(output_file(there), posixpath.dirname(output_file(here)) or ".")
        assert relative(here, there) == expected, (here, there)


def test_fragments_and_other_sites_are_kept():
    assert relative("committees/executive/", "people/a/#votes") == "../../people/a/index.html#votes"
    assert relative("committees/", "https://example.org/x") == "https://example.org/x"
    assert relative("", "committees/") == "committees/index.html"
