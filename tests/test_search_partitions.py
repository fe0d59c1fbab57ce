"""The search index in parts (``site/partitions.py``): records are split by
municipal year into parts of at most a set size, each its own Pagefind index
in ``pagefind/<part>/``; a rebuild runs Pagefind only for the parts whose
pages changed, and a part indexed again is byte for byte the part a fresh
build makes. Exempt text is in no part, reused or not."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutebook.commands.genarchive import generate
from minutebook.commands.preview import SearchCatchUp
from minutebook.engine import spare
from minutebook.engine.build import run_build
from minutebook.engine.incremental import cache_folder
from minutebook.site.partitions import (
    LIMIT,
    MANIFEST,
    OTHER,
    SETTING,
    WORDS,
    index_partitions,
    limit_of,
    plan,
    searchable,
    year_of,
)
from minutebook.site.search import PREVIOUS, pages_to_index
from tests.support import SETTINGS, postings

SIZE = 200  # records a part may hold in these tests (the sites have about 150 a year)
SMALL = {SETTING: SIZE}
PLANTED = "Quetzalcoatlus"  # a word only the planted item holds


# ---- how records are split ---------------------------------------------------------

def test_a_page_belongs_to_the_municipal_year_of_its_meeting():
    assert year_of("committees/executive/2024-03-05/index.html") == 2023  # before May: the year before
    assert year_of("committees/executive/2024-05-01/item/index.html") == 2024
    assert year_of("/committees/council/2019-03/index.html") == 2018  # known only to its month
    assert year_of("committees/council/2026-10-27-reconvened/") == 2026
    assert year_of("committees/council/2024-09-01/index.html", start_month=10) == 2023
    assert year_of("people/cllr-amina-rahman/index.html") is None


meeting_dates = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2027, 12, 31))


@st.composite
def sites(draw) -> tuple[list[str], list[dict]]:
    pages: set[str] = set()
    meetings: list[str] = []
    for date in draw(st.lists(meeting_dates, max_size=40)):
        committee = draw(st.sampled_from(["executive", "council", "licensing"]))
        meeting = f"committees/{committee}/{date.isoformat()}/"
        meetings.append(meeting)
        pages.add(meeting + "index.html")
        pages.update(f"{meeting}item-{n}/index.html" for n in range(draw(st.integers(0, 6))))
    pages.update(f"people/person-{n}/index.html" for n in range(draw(st.integers(0, 30))))
    chosen = draw(st.lists(st.sampled_from(meetings), max_size=10, unique=True)) if meetings else []
    records = [{"url": f"/{m}report.pdf#page={n}", "meta": {"meeting": f"/{m}"}, "content": "words"}
               for m in chosen for n in range(1, 3)]
    return sorted(pages), records


@settings(max_examples=150, deadline=None)
@given(sites(), st.integers(1, 60))
def test_every_record_is_in_exactly_one_part_and_no_part_is_too_large(site, limit):
    pages, records = site
    parts = plan(pages, records, limit)
    assert sorted(p for part in parts for p in part.pages) == sorted(pages)
    assert sorted(r["url"] for part in parts for r in part.records) == sorted(r["url"] for r in records)
    assert all(0 < part.size <= limit for part in parts)
    names = [part.name for part in parts]
    assert len(set(names)) == len(names)
    assert plan(list(reversed(pages)), list(reversed(records)), limit) == parts, "the same, whatever the order given"
    for part in parts:  # a part holds one span of municipal years, or people and the undated
        years = {year_of(p) for p in part.pages} | {year_of(r["meta"]["meeting"]) for r in part.records}
        if part.name.startswith(OTHER):
            assert years == {None}
        else:
            first, _, last = part.name.split(".")[0].partition("-")
            assert years <= set(range(int(first), int(last or first) + 1))
    dated = [part for part in parts if not part.name.startswith(OTHER)]
    firsts = [int(part.name.split(".")[0].split("-")[0]) for part in dated]
    assert firsts == sorted(firsts, reverse=True), "newest first"


def test_a_year_too_large_for_one_part_is_cut_in_date_order():
    pages = [f"committees/c{n % 3}/2024-{6 + n // 10:02d}-{1 + n % 10:02d}/index.html" for n in range(50)]
    parts = plan(pages, [], 20)
    assert [p.name for p in parts] == ["2024.3", "2024.2", "2024.1"]
    dates = [[p.split("/")[2] for p in part.pages] for part in reversed(parts)]
    assert max(dates[0]) <= min(dates[1]) and max(dates[1]) <= min(dates[2])


def test_a_meeting_added_at_the_end_of_a_large_year_changes_only_its_last_piece():
    pages = [f"committees/c{n % 3}/2024-{6 + n // 10:02d}-{1 + n % 10:02d}/index.html" for n in range(50)]
    before = plan(pages, [], 20)
    after = plan([*pages, "committees/c0/2025-02-03/index.html"], [], 20)
    assert [p.name for p in after] == [p.name for p in before]
    assert after[1:] == before[1:] and after[0] != before[0]


def test_the_partition_size_is_a_setting():
    assert limit_of({}) == LIMIT
    assert limit_of({SETTING: 250}) == 250
    assert limit_of({SETTING: "not a number"}) == LIMIT


def test_pagefind_is_given_only_the_searchable_part_of_a_page():
    page = ('<!DOCTYPE html><html lang="en-GB"><head><title>T</title><link rel="stylesheet" href="x.css"></head>'
            '<body><header>Skip to main content</header><main id="m" data-pagefind-body><h1>Item</h1><p>Words</p>'
            '</main><footer>Footer</footer></body></html>')
    given = searchable(page)
    assert given == ('<html lang="en-GB"><body><main id="m" data-pagefind-body><h1>Item</h1><p>Words</p>'
                     '</main></body></html>')
    plain = "<html><body><main><p>No searchable part</p></main></body></html>"
    assert searchable(plain) == plain


# ---- built sites ------------------------------------------------------------------

@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """24 generated meetings over two municipal years (2024 and 2025)."""
    return generate(tmp_path_factory.mktemp("generated") / "content", 24, spacing=365)


@pytest.fixture
def content(generated: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(generated, tmp_path / "content"))


def old_item(content: Path) -> Path:
    """An item of a meeting of the older year (2024 to 2025)."""
    return sorted(content.glob("meetings/*/2024-*/0[3-9]-*.md"))[0]


def plant(item: Path, words: str) -> None:
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("## Minutes\n", f"## Minutes\n\n{words}\n", 1), encoding="utf-8")


def part_files(site: Path) -> dict[str, dict[str, bytes]]:
    bundle = site / "pagefind"
    return {part.name: {p.relative_to(part).as_posix(): p.read_bytes() for p in sorted(part.rglob("*"))
                        if p.is_file()} for part in sorted(bundle.iterdir()) if part.is_dir()}


def words_in(site: Path) -> dict[str, str]:
    """The text of every fragment of every part, by part."""
    found: dict[str, str] = {}
    for fragment in (site / "pagefind").rglob("*.pf_fragment"):
        part = fragment.relative_to(site / "pagefind").parts[0]
        found[part] = found.get(part, "") + gzip.decompress(fragment.read_bytes()).decode("utf-8", "replace")
    return found


def test_the_site_is_indexed_in_parts_each_within_the_size(content: Path, tmp_path: Path):
    output = tmp_path / "output"
    built = run_build(SETTINGS, content, output, SMALL)
    manifest = json.loads((output / "pagefind" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["partitions"] == ["2025", "2024", OTHER]
    assert sorted(built.search_partitions.indexed) == sorted(manifest["partitions"])
    for name in manifest["partitions"]:
        entry = json.loads((output / "pagefind" / name / "pagefind-entry.json").read_text(encoding="utf-8"))
        pages = entry["languages"]["en-gb"]["page_count"]
        assert 0 < pages <= SIZE
    text = words_in(output)
    assert "Councillor" in text[OTHER] and "Disclosures of interest" in text["2024"]
    assert "Disclosures of interest" not in text[OTHER]


def test_an_edit_reindexes_only_its_part_and_equals_a_fresh_index_byte_for_byte(content: Path, tmp_path: Path):
    output = tmp_path / "output"
    run_build(SETTINGS, content, output, SMALL)
    before = part_files(output)
    plant(old_item(content), f"The {PLANTED} proposal was noted.")
    again = run_build(SETTINGS, content, output, SMALL)
    assert again.search_partitions.indexed == ["2024"]
    assert sorted(again.search_partitions.reused) == ["2025", OTHER]
    after = part_files(output)
    changed = [name for name in after if after[name] != before[name]]
    assert changed == ["2024", WORDS], "only the edited part changed, and the index of which parts hold which words"
    assert PLANTED in words_in(output)["2024"]
    fresh = run_build(SETTINGS, content, tmp_path / "fresh", SMALL).output
    assert part_files(fresh) == after, "the part indexed again is the part a fresh build makes"
    assert (fresh / "pagefind" / MANIFEST).read_bytes() == (output / "pagefind" / MANIFEST).read_bytes()


def test_an_edit_takes_the_unchanged_parts_whole_from_the_spare_copy(content: Path, tmp_path: Path):
    """The spare copy of the last site (``engine.spare``) holds the index too:
    an edit moves each unchanged part's folder into the new index rather
    than linking its files one by one, and the index is still a fresh one."""
    output = tmp_path / "output"
    run_build(SETTINGS, content, output, SMALL)
    spare.settle(output)
    plant(old_item(content), f"The {PLANTED} proposal was noted.")
    again = run_build(SETTINGS, content, output, SMALL)
    assert again.spare, "the build started from the spare copy"
    assert again.search_partitions.indexed == ["2024"]
    assert sorted(again.search_partitions.moved) == ["2025", OTHER]
    fresh = run_build(SETTINGS, content, tmp_path / "fresh", SMALL).output
    assert part_files(fresh) == part_files(output)


def test_a_spare_part_holding_a_file_not_recorded_is_not_published(content: Path, tmp_path: Path):
    output = tmp_path / "output"
    run_build(SETTINGS, content, output, SMALL)
    spare.settle(output)
    stray = cache_folder(output) / spare.SPARE / "pagefind" / "2025" / "fragment" / "stray.pf_fragment"
    stray.write_bytes(b"not of this index")
    plant(old_item(content), "A small change.")
    again = run_build(SETTINGS, content, output, SMALL)
    assert again.spare and again.search_partitions.moved == [OTHER]
    assert "2025" in again.search_partitions.reused, "linked from the published site instead"
    assert not (output / "pagefind" / "2025" / "fragment" / "stray.pf_fragment").exists()
    assert not list(output.rglob(".pagefind-spare"))


def test_a_build_without_search_publishes_no_index_from_the_spare_copy(content: Path, tmp_path: Path):
    output = tmp_path / "output"
    run_build(SETTINGS, content, output, SMALL)
    spare.settle(output)
    plant(old_item(content), "A small change.")
    again = run_build(SETTINGS, content, output, {**SMALL, "MINUTEBOOK_SEARCH": False})
    assert again.spare
    assert not (output / "pagefind").exists(), "the last index would not match the pages"


def test_a_published_part_that_was_changed_is_indexed_again_not_reused(content: Path, tmp_path: Path):
    output = tmp_path / "output"
    run_build(SETTINGS, content, output, SMALL)
    # no spare copy: the part is linked from the published site, or made again (made before
    # the change below, a spare holds the part's own files, and is rightly taken whole)
    spare.settle(output)
    shutil.rmtree(cache_folder(output) / spare.SPARE)
    entry = output / "pagefind" / "2025" / "pagefind-entry.json"
    entry.unlink()
    entry.write_text("{}", encoding="utf-8")  # not the file its index was made with
    plant(old_item(content), "A small change.")
    again = run_build(SETTINGS, content, output, SMALL)
    assert sorted(again.search_partitions.indexed) == ["2024", "2025"]
    fresh = run_build(SETTINGS, content, tmp_path / "fresh", SMALL).output
    assert part_files(fresh) == part_files(output)


def test_an_item_made_exempt_leaves_every_part(content: Path, tmp_path: Path):
    output = tmp_path / "output"
    item = old_item(content)
    plant(item, f"The {PLANTED} proposal was noted.")
    run_build(SETTINGS, content, output, SMALL)
    assert PLANTED in words_in(output)["2024"]
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("\nminute:", "\nexempt: 3\nminute:", 1), encoding="utf-8")
    again = run_build(SETTINGS, content, output, SMALL)
    assert "2024" in again.search_partitions.indexed
    assert not any(PLANTED in words for words in words_in(output).values())
    assert not any(PLANTED.encode() in p.read_bytes() or (p.suffix.startswith(".pf_")
                                                        and PLANTED.encode() in gzip.decompress(p.read_bytes()))
                   for p in (output / "pagefind").rglob("*") if p.is_file())


def test_the_preview_catch_up_reindexes_only_the_changed_part(content: Path, tmp_path: Path):
    output = tmp_path / "output"
    run_build(SETTINGS, content, output, SMALL)
    before = part_files(output)
    plant(old_item(content), f"The {PLANTED} proposal was noted.")
    run_build(SETTINGS, content, output, {**SMALL, "MINUTEBOOK_SEARCH": PREVIOUS})
    assert part_files(output) == before, "the preview's build keeps the last index as it is"
    said: list[str] = []
    catch_up = SearchCatchUp(output, said.append, limit=SIZE)
    catch_up.start()
    catch_up.wait()
    assert said and said[0].startswith("Search index up to date (1 of 3 parts indexed again")
    assert catch_up.last is not None and catch_up.last.indexed == ["2024"]
    assert PLANTED in words_in(output)["2024"]
    fresh = run_build(SETTINGS, content, tmp_path / "fresh", SMALL).output
    assert part_files(fresh) == part_files(output)
    assert [p.name for p in cache_folder(output).glob("search-*")] == []


def test_a_page_that_cannot_be_read_stops_the_index_at_once(content: Path, tmp_path: Path):
    """The words index waits for every part's words: a part that fails
    before it has them must end the index with its error, not leave the build
    waiting for ever."""
    output = run_build(SETTINGS, content, tmp_path / "output", {**SMALL, "MINUTEBOOK_SEARCH": False}).output
    page = output / pages_to_index(output)[-1]  # in the last part indexed: the others have all started
    page.unlink()
    page.mkdir()  # listed as a page, but it cannot be read
    failed: list[BaseException] = []

    def index() -> None:
        try:
            index_partitions(output, tmp_path / "bundle", limit=SIZE)
        except BaseException as exc:  # noqa: BLE001 (what it raised is the test's answer)
            failed.append(exc)

    running = threading.Thread(target=index, daemon=True)
    running.start()
    running.join(timeout=120)
    assert not running.is_alive(), "the index waited for words that never came"
    assert len(failed) == 1 and isinstance(failed[0], IsADirectoryError), failed


def test_the_parts_are_the_same_bytes_on_another_file_system(content: Path, tmp_path: Path):
    """The same content built on ext4 and on tmpfs (which list a folder's files
    in different orders) gives the same parts, byte for byte."""
    import tempfile

    from tests.test_reproducible import tmpfs

    memory = tmpfs()
    if memory is None or memory.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no tmpfs beside the test's folder")
    here = run_build(SETTINGS, content, tmp_path / "output", SMALL).output
    elsewhere = Path(tempfile.mkdtemp(prefix="minutebook-test-", dir=memory))
    try:
        copy = Path(shutil.copytree(content, elsewhere / "content"))
        there = run_build(SETTINGS, copy, elsewhere / "output", SMALL).output
        assert len(part_files(here)) == 4  # three parts and the words index
        assert part_files(there) == part_files(here)
    finally:
        shutil.rmtree(elsewhere, ignore_errors=True)


# ---- the words index, the filters in partitions.json, the word chunks ----------------

def test_the_words_index_finds_every_word_of_every_part_in_that_part(content: Path, tmp_path: Path):
    """Every word (stem) Pagefind indexed in a part is found, by Pagefind's own
    index of words, in that part's record: a search is never denied a part
    that holds its words. The planted word is in its own part's record only."""
    plant(old_item(content), f"The {PLANTED} proposal was noted.")
    output = run_build(SETTINGS, content, tmp_path / "output", SMALL).output
    names = json.loads((output / "pagefind" / MANIFEST).read_text(encoding="utf-8"))["partitions"]
    words = postings(output / "pagefind" / WORDS)
    for number, name in enumerate(names):  # one record a part, in the order of the list (one language)
        held = postings(output / "pagefind" / name)
        assert held, name
        missing = [word for word in held if number not in words.get(word, set())]
        assert missing == [], f"words of part {name} the words index does not find there"
    planted = [word for word in words if word.startswith(PLANTED.lower()[:8])]
    assert planted and all(words[word] == {names.index("2024")} for word in planted)


def test_the_list_of_parts_gives_each_filter_value_and_the_parts_that_hold_it(content: Path, tmp_path: Path):
    output = run_build(SETTINGS, content, tmp_path / "output", SMALL).output
    manifest = json.loads((output / "pagefind" / MANIFEST).read_text(encoding="utf-8"))
    names, filters = manifest["partitions"], manifest["filters"]
    assert [names[n] for n in filters["Type"]["Person"]] == [OTHER]
    assert {names[n] for n in filters["Type"]["Agenda item"]} == {"2024", "2025"}
    assert {names[n] for n in filters["Year"]["2025"]} <= {"2024", "2025"}
    committees = {c.name for c in (content / "meetings").iterdir()}
    assert len(filters["Committee"]) >= len(committees) > 3
    assert "Partition" not in filters and "Part" not in filters


ordered_words = st.lists(st.text(alphabet="abcdez0129é", min_size=1, max_size=6), unique=True, max_size=60).map(sorted)


@given(ordered_words, st.lists(st.integers(0, 40), min_size=60, max_size=60), st.integers(1, 120))
@settings(max_examples=200, deadline=None)
def test_word_chunks_keep_every_word_where_the_search_page_looks_for_it(words, sizes, size):
    """Cut again into chunks, the words stay in order, each chunk but the last
    holds at least ``size`` postings, and Pagefind's lookup (the first chunk
    whose bounds hold the word) finds each word in the chunk that has it."""
    from minutebook.site.search import chunk_bounds, cut_words

    entries = [[word, [[1, [0] * count]]] for word, count in zip(words, sizes, strict=False)]
    chunks = cut_words(entries, size)
    assert [entry for chunk in chunks for entry in chunk] == entries
    assert all(sum(len(p[1]) + 1 for e in chunk for p in e[1]) >= size for chunk in chunks[:-1])
    bounds = chunk_bounds(chunks)
    for number, chunk in enumerate(chunks):
        for word, _ in chunk:
            first = next(n for n, (low, high) in enumerate(bounds) if low <= word <= high)
            assert first == number, (word, bounds)
