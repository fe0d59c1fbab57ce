"""The words inside an open PDF are found by the site's search, in a real
Chromium with the real Pagefind index: the result opens the document at its
page and says which meeting it belongs to."""

from __future__ import annotations

from tests.browser.test_search_ui import shown_results, wait_for_results


def test_a_word_inside_a_pdf_finds_the_document_at_its_page(open_page):
    page = open_page("search/?q=Laisterdyke").page
    wait_for_results(page)
    documents = [r for r in shown_results(page) if r["href"].endswith("document-n-sticker-lane.pdf#page=1")]
    assert len(documents) == 1
    result = documents[0]
    assert result["title"].endswith("(page 1)")
    assert result["facts"][0] == "Document"
    assert "Regulatory" in result["facts"][1] and ", item " in result["facts"][1]  # its meeting and item
    assert "Laisterdyke" in result["excerpt"]
