"""The words inside open PDF documents are found by the site's search
(``site/pdftext.py``): each page with text is a Pagefind record that opens
the document at that page; an unreadable PDF is one warning of the check and
never stops the build; a rebuild reads no PDF it has read before."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from minimal_tree import ITEM_2, MEETING, edit, write_tree

from minutebook.engine.build import run_build
from minutebook.engine.pipeline import check_content
from minutebook.site.pdftext import extract
from tests.pdfs import text_pdf
from tests.support import SETTINGS

PAGE = "/committees/executive/2024-03-05/"


def fragments(site: Path) -> list[dict]:
    """Every record of the site's Pagefind index, as Pagefind wrote it."""
    found = []
    for fragment in sorted((site / "pagefind").rglob("*.pf_fragment")):
        found.append(json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")))
    return found


def words_index(site: Path) -> dict:
    """Pagefind's word index: its page numbers for each word (read from the parts' .pf_index
    files; not the words index, whose one record a part holds all the part's words)."""
    import cbor2

    from minutebook.site.partitions import WORDS

    words: dict[str, set[int]] = {}
    for part in (site / "pagefind").rglob("*.pf_index"):
        if part.relative_to(site / "pagefind").parts[0] == WORDS:
            continue
        chunk = cbor2.loads(gzip.decompress(part.read_bytes()).removeprefix(b"pagefind_dcd"))
        for entry in chunk[0]:
            number = 0
            for page in entry[1]:  # each page number is given as a step from the one before
                number += page[0]
                words.setdefault(entry[0], set()).add(number)
    return words


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    content = write_tree(tmp_path / "content")
    (content / MEETING / "report-am.pdf").write_bytes(text_pdf("The zebrafinch survey", "Grants for kingfisher ponds"))
    return content


def build(content: Path, output: Path):
    return run_build(SETTINGS, content, output)


def test_the_words_of_an_open_pdf_are_found_and_lead_to_its_page(tree: Path, tmp_path: Path):
    output = tmp_path / "out"
    state = build(tree, output)
    records = {f["url"]: f for f in fragments(output)}
    document = f"{PAGE}report-am.pdf"
    assert f"{document}#page=1" in records and f"{document}#page=2" in records
    assert "kingfisher" in records[f"{document}#page=2"]["content"]
    assert "kingfisher" not in records[f"{document}#page=1"]["content"]
    meta = records[f"{document}#page=2"]["meta"]
    assert meta["title"] == "Report AM (page 2)"
    assert meta["meeting"] == PAGE
    assert meta["item"] == PAGE + "exploitation-update/"
    assert "Executive agenda" in records[f"{PAGE}agenda.pdf#page=1"]["content"]
    assert (output / document.lstrip("/")).is_file()  # the link leads to the published file
    # and Pagefind's own word index finds the word, on the document's page
    words = words_index(output)
    assert "kingfish" in words and "zebrafinch" in words  # Pagefind keeps English words by their stem
    assert words["kingfish"].isdisjoint(words["zebrafinch"])  # on two pages of the index: the PDF's two pages
    assert state.pdf_extractions == 2
    # in the pages' language: the search page looks in that language's index only
    entries = [json.loads(p.read_text(encoding="utf-8")) for p in (output / "pagefind").rglob("pagefind-entry.json")]
    assert entries and all(list(entry["languages"]) == ["en-gb"] for entry in entries)


def test_a_rebuild_reads_no_pdf_again(tree: Path, tmp_path: Path):
    output = tmp_path / "out"
    assert build(tree, output).pdf_extractions == 2
    edit(tree, ITEM_2, "The report was noted.", "The report was noted and welcomed.")
    second = build(tree, output)
    assert second.pdf_extractions == 0
    assert any("kingfisher" in f["content"] for f in fragments(output))
    (tree / MEETING / "report-am.pdf").write_bytes(text_pdf("Now about herons"))
    third = build(tree, output)
    assert third.pdf_extractions == 1
    contents = " ".join(f["content"] for f in fragments(output))
    assert "herons" in contents and "kingfisher" not in contents


def test_a_broken_pdf_is_one_warning_and_the_build_goes_on(tree: Path, tmp_path: Path):
    (tree / MEETING / "report-am.pdf").write_bytes(b"%PDF-1.4 not really a PDF\n")
    warnings = check_content(tree).warnings
    assert [(w.path, w.line, w.field, w.warning) for w in warnings] == [(ITEM_2, 10, "documents[0].file", True)]
    assert "report-am.pdf" in warnings[0].message and "cannot be opened" in warnings[0].message
    output = tmp_path / "out"
    build(tree, output)
    assert (output / PAGE.lstrip("/") / "report-am.pdf").is_file()  # still published
    assert not any("report-am.pdf" in f["url"] for f in fragments(output))


def test_a_pdf_without_text_is_warned_about(tree: Path):
    (tree / MEETING / "agenda.pdf").write_bytes(text_pdf(""))
    warnings = check_content(tree).warnings
    assert [(w.path, w.line) for w in warnings] == [(f"{MEETING}/meeting.md", 15)]
    assert "no text" in warnings[0].message


def test_an_exempt_pdf_is_never_opened(tree: Path, tmp_path: Path):
    edit(tree, ITEM_2, "    file: report-am.pdf\n", "    file: report-am.pdf\n    exempt: 3\n")
    (tree / MEETING / "report-am.pdf").write_bytes(b"%PDF-1.4 not a PDF, and never read\n")
    assert check_content(tree).warnings == []  # an unreadable exempt file: never opened, so no warning
    output = tmp_path / "out"
    state = build(tree, output)
    assert state.pdf_extractions == 1  # the agenda only
    assert not any("report-am" in f["url"] for f in fragments(output))


def test_the_sample_sites_exempt_appendix_is_not_searchable(built_site: Path):
    contents = " ".join(f["content"] for f in fragments(built_site))
    assert "NOT FOR PUBLICATION" not in contents
    assert "Sticker Lane" in contents  # an open document's words are


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_text_or_a_reason(data: bytes):
    found = extract(b"%PDF-1.4\n" + data)
    assert found.problem or any(found.pages)
