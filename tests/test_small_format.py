"""The smaller parts of the format real minutes need: sub-headings among the
resolutions, a single resolution without "(1)", documents not published
online, decision references, and what the check says for ``exempt:`` values
that are not a paragraph number.

The check's messages are tested on the small tree of ``minimal_tree``; what is
published is read back from the sample site as built (``built_site``).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from minimal_tree import ITEM_1, ITEM_2, MEETING, mistakes, replace, write_tree

from minutebook.content import schema
from minutebook.content.urls import decisions_in_municipal_year
from minutebook.engine.pipeline import check_content
from minutebook.model.assemble import number_resolutions
from minutebook.site.opendata import numbered_text

BUDGET = "committees/council/2019-03/revenue-budget-and-council-tax/"
SINGLE = "committees/executive/2019-03-12/minutes-of-the-previous-meeting/"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "content")


def with_resolutions(tree: Path, yaml: str) -> None:
    replace(ITEM_1, "minute: 70\n", f"minute: 70\nresolutions:\n{yaml}")(tree)


# ---- the check -------------------------------------------------------------------------


def test_sub_headings_and_a_single_resolution_are_accepted(tree: Path) -> None:
    with_resolutions(tree, "  - heading: Revenue budget\n  - That the budget be approved.\n"
                           "  - heading: Capital programme\n  - text: That the programme be approved\n"
                           "    items:\n      - for schools;\n")
    replace(ITEM_2, "minute: 71\n", "minute: 71\nresolutions: That the report be noted.\n")(tree)
    [meeting] = check_content(tree).meetings
    first, second = meeting.items
    assert [r.heading for r in first.front.resolutions] == ["Revenue budget", None, "Capital programme", None]
    assert [r.text for r in second.front.resolutions] == ["That the report be noted."]


# (resolutions yaml, line, field, what the message says); the item's line 3 is 'minute: 70'
@pytest.mark.parametrize(("yaml", "line", "field", "says"), [
    ("  - heading: Capital\n    text: That it be approved.\n", 5, "resolutions[0].heading",
     "a sub-heading stands on its own line"),
    ("  - heading: Capital\n    items:\n      - a part\n  - That it be approved.\n", 6,
     "resolutions[0].items", "a sub-heading has no parts"),
    ("  - That it be approved.\n  - heading: Capital\n", 6, "resolutions[1].heading",
     "the sub-heading 'Capital' has no resolution after it"),
    ("  - heading: Revenue\n  - heading: Capital\n  - That it be approved.\n", 5,
     "resolutions[0].heading", "the sub-heading 'Revenue' has no resolution after it"),
    ("  - items:\n      - a part\n", 5, "resolutions[0]", "this resolution has no text"),
    ("  - heading:\n  - That it be approved.\n", 5, "resolutions[0]", "or write '- heading: ...'"),
])
def test_resolution_mistakes_are_reported(tree: Path, yaml: str, line: int, field: str, says: str) -> None:
    with_resolutions(tree, yaml)
    [error] = mistakes(tree)
    assert (error.path, error.line, error.field) == (ITEM_1, line, field), str(error)
    assert says in error.message
    assert "Value error" not in error.message and "Input should" not in error.message


def test_a_document_not_published_online_is_accepted(tree: Path) -> None:
    replace(ITEM_2, "    file: report-am.pdf\n", "    not_published: true\n")(tree)
    [meeting] = check_content(tree).meetings
    assert meeting.items[1].front.documents[0].not_published


@pytest.mark.parametrize(("document", "line", "field", "says"), [
    ("    file: report-am.pdf\n    not_published: true\n", 11, "documents[0].not_published",
     "the document has 'file:', so it is published online: remove 'not_published: true', or remove 'file:'"),
    ("    url: https://example.org/report\n    not_published: true\n", 11, "documents[0].not_published",
     "remove 'not_published: true', or remove 'url:'"),
    ("    not_published: false\n", 9, "documents[0]", "or 'not_published: true' if it exists but is "
                                                       "not published online"),
    ("    not_published: perhaps\n", 10, "documents[0].not_published", "is not yes or no"),
])
def test_document_mistakes_are_reported(tree: Path, document: str, line: int, field: str, says: str) -> None:
    replace(ITEM_2, "    file: report-am.pdf\n", document)(tree)
    errors = mistakes(tree)
    error = errors[0]
    assert (error.path, error.line, error.field) == (ITEM_2, line, field), str(error)
    assert says in error.message


@pytest.mark.parametrize("value", ['"24/00108"', "24/00108", "EX-2024-17"])
def test_a_decision_reference_is_read_as_text(tree: Path, value: str) -> None:
    replace(ITEM_2, "minute: 71\n", f"minute: 71\ndecision_reference: {value}\n")(tree)
    [meeting] = check_content(tree).meetings
    assert meeting.items[1].front.decision_reference == value.strip('"')


@pytest.mark.parametrize(("value", "says"), [
    ("[24/1, 24/2]", "must be text, not a list"),
    ("{number: 24/1}", "must be text, not a group of fields"),
])
def test_decision_reference_mistakes_are_reported(tree: Path, value: str, says: str) -> None:
    replace(ITEM_2, "minute: 71\n", f"minute: 71\ndecision_reference: {value}\n")(tree)
    [error] = mistakes(tree)
    assert (error.path, error.line, error.field) == (ITEM_2, 4, "decision_reference"), str(error)
    assert says in error.message


def test_a_misspelt_decision_reference_is_named(tree: Path) -> None:
    replace(ITEM_2, "minute: 71\n", "minute: 71\ndecision_ref: 24/00108\n")(tree)
    [error] = mistakes(tree)
    assert (error.line, error.field) == (4, "decision_ref")
    assert "did you mean 'decision_reference'?" in error.message


@pytest.mark.parametrize("value", ["true", "yes", "false", "paragraph 3", "3.5", "9"])
def test_an_exempt_value_that_is_not_a_paragraph_says_1_to_7(tree: Path, value: str) -> None:
    replace(ITEM_1, "minute: 70\n", f"minute: 70\nexempt: {value}\n")(tree)
    replace(ITEM_1, "## Minutes\n\nNo apologies were received.\n", "")(tree)
    error = mistakes(tree)[0]
    assert (error.path, error.line, error.field) == (ITEM_1, 4, "exempt"), str(error)
    assert "paragraph" in error.message and "from 1 to 7" in error.message
    assert "not a whole number" not in error.message


def test_exempt_true_is_never_read_as_paragraph_one() -> None:
    with pytest.raises(ValueError, match="write a number from 1 to 7"):
        schema.ItemFront(title="Contract", exempt=True)


# ---- the readers, for any input ----------------------------------------------------------

entries = st.lists(
    st.one_of(st.builds(lambda t: {"heading": t}, st.sampled_from(["Revenue", "Capital", "Other"])),
              st.sampled_from(["That A.", "That B.", "That C."])),
    min_size=1, max_size=12,
).filter(lambda e: isinstance(e[-1], str) and all(
    not (isinstance(a, dict) and isinstance(b, dict)) for a, b in zip(e, e[1:], strict=False)))


@given(entries)
def test_resolutions_number_across_sub_headings(written: list) -> None:
    front = schema.ItemFront(title="Budget", resolutions=written)
    numbered = number_resolutions(front.resolutions)
    assert [n.heading for n in numbered] == [isinstance(e, dict) for e in written]
    assert [n.text for n in numbered] == [e["heading"] if isinstance(e, dict) else e for e in written]
    counted = [n.number for n in numbered if not n.heading]
    assert all(n.number == "" for n in numbered if n.heading)
    if len(counted) == 1:
        assert counted == [""]  # a single resolution is not numbered
        assert "(1)" not in numbered_text(numbered)
    else:
        assert counted == [f"({i})" for i in range(1, len(counted) + 1)]
    text = numbered_text(numbered)
    for n in numbered:
        assert (f"{n.text}:" if n.heading else n.text) in text


@given(st.text(min_size=1, max_size=60).filter(lambda t: t.strip() and t == t.strip()))
def test_a_single_resolution_as_text_or_a_list_of_one_is_the_same(text: str) -> None:
    as_text = number_resolutions(schema.ItemFront(title="x", resolutions=text).resolutions)
    as_list = number_resolutions(schema.ItemFront(title="x", resolutions=[text]).resolutions)
    assert [(n.number, n.text) for n in as_text] == [(n.number, n.text) for n in as_list] == [("", text)]


@given(st.booleans(), st.sampled_from([None, "a.pdf"]), st.sampled_from([None, "https://example.org/a"]))
def test_a_document_has_exactly_one_way_to_be_found(not_published: bool, file, url) -> None:
    try:
        document = schema.Document(title="Plan", file=file, url=url, not_published=not_published)
    except ValueError:
        assert (file and url) or (not_published and (file or url)) or not (file or url or not_published)
        return
    assert [bool(document.file), bool(document.url), document.not_published].count(True) == 1


# ---- what is published ------------------------------------------------------------------


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_sub_headings_are_headings_and_the_numbers_run_on(built_site: Path) -> None:
    resolved = page(built_site, BUDGET).select_one(".resolutions")
    headings = resolved.select(".resolutions__heading")
    assert [(h.name, h.get_text()) for h in headings] == [("h4", "Revenue budget"), ("h4", "Capital programme")]
    numbers = [n.get_text() for n in resolved.select(".numbered__number")]
    assert numbers == ["(1)", "(2)", "(3)", "(a)", "(b)"]
    capital = headings[1].find_next("ol")
    assert capital.select_one(".numbered__number").get_text() == "(3)"


def test_a_single_resolution_has_no_number(built_site: Path) -> None:
    resolved = page(built_site, SINGLE).select_one(".resolutions")
    assert resolved.select(".numbered__number") == []
    assert resolved.select_one("p.resolution").get_text() == (
        "That the minutes of the meeting held on 12 February 2019 be signed as a correct record.")
    assert "(1)" not in resolved.get_text()


def test_a_document_not_published_online_is_listed_without_a_link(built_site: Path) -> None:
    documents = page(built_site, BUDGET).select_one("ul.documents")
    [entry] = documents.select("li")
    assert entry.get_text(" ", strip=True) == "Budget book 2019-20 – Not published online"
    assert entry.find("a") is None


def test_the_decision_reference_is_on_the_item_and_in_the_register(built_site: Path) -> None:
    rows = {r.dt.get_text(strip=True): r.dd.get_text(strip=True)
            for r in page(built_site, BUDGET).select(".summary-list__row")}
    assert rows["Decision reference"] == "19/00042"
    register = page(built_site, decisions_in_municipal_year(2018))  # the municipal year of March 2019
    [budget] = [s for s in register.select("section.decision") if "Revenue budget and council tax" in s.h3.get_text()]
    assert "decision reference 19/00042" in budget.get_text(" ", strip=True)
    assert [h.get_text() for h in budget.select(".resolutions__heading")] == ["Revenue budget", "Capital programme"]
    procedural = page(built_site, decisions_in_municipal_year(2018, procedural=True))  # approving minutes is procedural
    [single] = [s for s in procedural.select("section.decision")
                if "Minutes of the previous meeting" in s.h3.get_text() and "12 March 2019" in s.get_text()]
    assert "decision reference 19/00031" in single.get_text(" ", strip=True)
    assert single.select(".numbered__number") == []


def test_the_csv_has_the_decision_reference_and_the_resolutions_as_printed(built_site: Path) -> None:
    text = (built_site / "data/decisions.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert "decision_reference" in rows[0]
    by_title = {(r["title"], r["date"]): r for r in rows}
    budget = by_title[("Revenue budget and council tax 2019-20", "2019-03")]
    assert budget["decision_reference"] == "19/00042"
    assert budget["decision"].startswith("Revenue budget: (1) That the net revenue budget")
    assert "Capital programme: (3) That the capital programme" in budget["decision"]
    single = by_title[("Minutes of the previous meeting", "2019-03-12")]
    assert single["decision"] == ("That the minutes of the meeting held on 12 February 2019 "
                                  "be signed as a correct record.")
    assert single["decision_reference"] == "19/00031"
    others = [r for r in rows if r["date"] not in ("2019-03", "2019-03-12")]
    assert others and all(r["decision_reference"] == "" for r in others)


def test_the_json_has_headings_not_published_documents_and_the_reference(built_site: Path) -> None:
    meeting = json.loads((built_site / "data/meetings/council/2019-03.json").read_text(encoding="utf-8"))
    [item] = meeting["agenda"]
    extras = item["extras"]
    assert extras["decision_reference"] == "19/00042"
    assert [(r["number"], r.get("heading", False)) for r in extras["resolutions"]] == [
        ("", True), ("(1)", False), ("(2)", False), ("", True), ("(3)", False)]
    assert meeting["documents"] == [{"note": "Item 1: Budget book 2019-20", "date": "", "links": [],
                                     "not_published": True}]


def test_an_exempt_items_decision_reference_is_never_published(tmp_path: Path) -> None:
    from minutebook.engine.build import build_site
    from tests.support import SETTINGS

    root = write_tree(tmp_path / "content")
    replace(ITEM_1, "minute: 70\n", "minute: 70\nexempt: 3\ndecision_reference: CANARY-REF-4471\n")(root)
    replace(ITEM_1, "## Minutes\n\nNo apologies were received.\n", "")(root)
    output = tmp_path / "output"
    build_site(SETTINGS, root, output)
    leaked = [p for p in output.rglob("*") if p.is_file() and b"CANARY-REF-4471" in p.read_bytes()]
    assert leaked == []
    assert (output / "committees/executive/2024-03-05/apologies/index.html").is_file()
    assert MEETING in str(root / MEETING)
