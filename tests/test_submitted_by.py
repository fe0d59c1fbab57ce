"""Who submitted a report and who presented it, by a person's id or as text.

``submitted_by:`` and ``presented_by:`` name a person by their id in
people.yaml (the item links to the person's page, and the person's page lists
the item under "Reports submitted" or "Reports presented") or are written as
text, shown as written. A value shaped like an id that is not in people.yaml
is a mistake the check reports with the file, line and field.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from minimal_tree import ITEM_2, MEETING, edit, mistakes, replace, write_tree

from minutebook.content.bylines import Byline, BylineMistake, check_bylines, looks_like_id, read_byline
from minutebook.content.schema import ItemFront
from minutebook.content.source import Located
from minutebook.engine.build import build_site
from minutebook.engine.pipeline import check_content
from tests.support import SETTINGS

PRESENTED = "presented_by: darren-minton\n"  # line 7 of ITEM_2


# ---- the check ------------------------------------------------------------------


def reported(tmp_path: Path, new: str) -> list[tuple[str, int, str, str]]:
    root = write_tree(tmp_path / "content")
    replace(ITEM_2, PRESENTED, new)(root)
    return [(e.path, e.line, e.field, e.message) for e in mistakes(root)]


def test_an_id_shaped_submitted_by_not_in_people_yaml_is_reported_with_what_to_write(tmp_path) -> None:
    [(path, line, field, message)] = reported(tmp_path, "submitted_by: darren-mintn\n" + PRESENTED)
    assert (path, line, field) == (ITEM_2, 7, "submitted_by")
    assert message == ("no person has the id 'darren-mintn': did you mean 'darren-minton'? use an id from "
                       "people.yaml, or add them there; for an office or someone not in people.yaml write "
                       "the words with capitals and spaces, for example 'Strategic Director, Place'")


def test_each_presenter_not_in_people_yaml_is_reported_at_its_own_line(tmp_path) -> None:
    found = reported(tmp_path, "presented_by:\n  - darren-minton\n  - Inspector Jo Baines\n  - chief-executive\n")
    assert [(p, line, field) for p, line, field, _ in found] == [(ITEM_2, 10, "presented_by[2]")]
    assert found[0][3].startswith("no person has the id 'chief-executive': use an id from people.yaml")


def test_a_single_presenter_written_without_the_list_is_reported_as_the_field(tmp_path) -> None:
    [(path, line, field, message)] = reported(tmp_path, "presented_by: cllr-amina-rahmen\n")
    assert (path, line, field) == (ITEM_2, 7, "presented_by")
    assert "did you mean 'cllr-amina-rahman'?" in message


@pytest.mark.parametrize("written", [
    "submitted_by: Chief Executive\n",
    "submitted_by: Strategic Director, Place\n",
    "submitted_by: executive\n",  # one lowercase word is not shaped like an id
    "submitted_by: darren-minton\npresented_by: [darren-minton, 'Inspector Jo Baines, West Yorkshire Police']\n",
    "presented_by: The Chief Executive's representative\n",
])
def test_ids_in_people_yaml_and_text_are_accepted(tmp_path, written) -> None:
    root = write_tree(tmp_path / "content")
    replace(ITEM_2, PRESENTED, written)(root)
    check_content(root)  # no mistake


# ---- the reader: an id or text ------------------------------------------------------

ids = st.from_regex(r"[a-z][a-z0-9]{0,7}(-[a-z0-9]{1,7}){1,3}", fullmatch=True)
people_sets = st.sets(ids, max_size=6)


@given(people_sets, st.data())
def test_an_id_in_people_yaml_is_read_as_that_person(people, data) -> None:
    if not people:
        return
    person = data.draw(st.sampled_from(sorted(people)))
    padding = data.draw(st.sampled_from(["", " ", "  "]))
    assert read_byline(padding + person + padding, people) == Byline(person, None)


@given(people_sets, st.text(min_size=1, max_size=40))
def test_anything_not_shaped_like_an_id_is_read_as_its_text(people, text) -> None:
    if not text.strip() or looks_like_id(text) or text.strip() in people:
        return
    assert read_byline(text, people) == Byline(None, text.strip())


@given(people_sets, ids)
def test_an_id_shaped_value_not_in_people_yaml_is_a_mistake_naming_it(people, value) -> None:
    if value in people:
        return
    with pytest.raises(BylineMistake) as caught:
        read_byline(value, people)
    assert f"no person has the id '{value}'" in str(caught.value)
    assert "people.yaml" in str(caught.value)


values = st.one_of(ids, st.text(min_size=1, max_size=30).filter(str.strip))


@given(people_sets, st.one_of(st.none(), values), st.lists(values, max_size=4))
def test_the_check_reports_exactly_the_values_the_reader_refuses(people, submitted, presented) -> None:
    front = ItemFront(title="An item", submitted_by=submitted, presented_by=presented)
    data = {"title": "An item", "submitted_by": submitted, "presented_by": presented}
    lines = {("submitted_by",): 3, **{("presented_by", i): 5 + i for i in range(len(presented))}}
    errors: list = []
    check_bylines(front, "item.md", Located(data, lines), people, errors)
    expected = []
    for loc, value in [(("submitted_by",), submitted)] + [(("presented_by", i), v) for i, v in enumerate(presented)]:
        if value is not None and value.strip() not in people and looks_like_id(value):
            expected.append((lines[loc], "submitted_by" if len(loc) == 1 else f"presented_by[{loc[1]}]"))
    assert [(e.line, e.field) for e in errors] == expected
    assert all(e.path == "item.md" and "people.yaml" in e.message for e in errors)


@given(st.text(max_size=30))
def test_a_value_with_a_space_or_a_capital_is_never_shaped_like_an_id(text) -> None:
    if " " in text.strip() or any(c.isupper() for c in text):
        assert not looks_like_id(text)


# ---- the pages and the data of the sample site ----------------------------------------


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def summary_value(page: BeautifulSoup, key: str):
    for row in page.select(".summary-list__row"):
        if row.dt.get_text(strip=True) == key:
            return row.dd
    return None


def resolves(site: Path, page: str, href: str) -> str:
    """The site path a relative link on ``page`` leads to."""
    return (site / page / href).resolve().relative_to(site.resolve()).as_posix()


TREASURY = "committees/council/2026-02-19/treasury-management-strategy"
HOME_EDUCATION = "committees/childrens-scrutiny/2026-07-08/elective-home-education"
SEED = "committees/executive/2024-03-05/exploitation-annual-update"


def test_an_item_submitted_by_id_links_to_the_person_with_their_title(built_site) -> None:
    submitted = summary_value(soup(built_site, TREASURY), "Submitted by")
    assert submitted.get_text(" ", strip=True) == "Richard Coates , Director of Finance"
    assert resolves(built_site, TREASURY, submitted.a["href"]) == "people/richard-coates/index.html"


def test_presenters_by_id_link_and_presenters_as_text_are_shown_as_written(built_site) -> None:
    presented = summary_value(soup(built_site, HOME_EDUCATION), "Presented by")
    assert [a.get_text() for a in presented.find_all("a")] == ["Sophie Brennan"]
    assert presented.get_text(" ", strip=True).endswith("; Elective Home Education Adviser, Bradford Council")


def test_the_seed_item_keeps_its_office_as_text(built_site) -> None:
    submitted = summary_value(soup(built_site, SEED), "Submitted by")
    assert submitted.get_text(strip=True) == "Chief Executive" and submitted.a is None


def rows_of(page: BeautifulSoup, heading_id: str) -> list[list[str]]:
    table = page.find(id=heading_id).find_next("table")
    return [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]


def test_the_persons_page_lists_reports_submitted_and_presented_newest_first(built_site) -> None:
    page = soup(built_site, "people/richard-coates")
    assert page.find(id="submitted").get_text() == "Reports submitted"
    assert rows_of(page, "submitted") == [
        ["Tuesday 13 October 2026", "Executive", "4. Quarter 1 finance position 2026–27"],
        ["Thursday 19 February 2026", "Council", "3. Treasury management strategy 2026-27"],
    ]
    assert rows_of(page, "presented") == [
        ["Tuesday 13 October 2026", "Executive", "4. Quarter 1 finance position 2026–27"]]
    first = page.find(id="submitted").find_next("table").tbody.tr
    targets = [resolves(built_site, "people/richard-coates", a["href"]) for a in first.find_all("a")]
    assert targets == ["committees/executive/2026-10-13/index.html", "committees/executive/index.html",
                       "committees/executive/2026-10-13/quarter-1-finance-position/index.html"]
    assert [td["data-label"] for td in first.find_all("td")] == ["Date", "Committee", "Item"]


def test_the_meeting_data_gives_the_person_id_beside_the_text(built_site) -> None:
    data = json.loads((built_site / "data/meetings/council/2026-02-19.json").read_text(encoding="utf-8"))
    treasury = next(i for i in data["agenda"] if i["order"] == "3")
    assert (treasury["extras"]["submitted_by"], treasury["extras"]["submitted_by_id"]) == ("Richard Coates",
                                                                                       "richard-coates")
    assert {"entity_type": "person", "name": "Richard Coates", "entity_id": "richard-coates",
            "note": "submitted the report"}.items() <= next(
        e for e in treasury["related_entities"] if e.get("note") == "submitted the report").items()
    data = json.loads((built_site / "data/meetings/childrens-scrutiny/2026-07-08.json").read_text(encoding="utf-8"))
    item = next(i for i in data["agenda"] if i["order"] == "3")
    assert item["extras"]["presented_by"] == [
        {"name": "Sophie Brennan", "person_id": "sophie-brennan"},
        {"name": "Elective Home Education Adviser, Bradford Council", "person_id": None}]
    schema = json.loads((built_site / "data/meeting.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    seed = json.loads((built_site / "data/meetings/executive/2024-03-05.json").read_text(encoding="utf-8"))
    extras = next(i for i in seed["agenda"] if i["order"] == "8")["extras"]
    assert (extras["submitted_by"], extras["submitted_by_id"]) == ("Chief Executive", None)


def test_the_decisions_csv_gives_the_person_ids_beside_the_text(built_site) -> None:
    rows = list(csv.DictReader(io.StringIO((built_site / "data/decisions.csv").read_text(encoding="utf-8"))))
    treasury = next(r for r in rows if r["item_url"].endswith(f"{TREASURY}/"))
    assert (treasury["submitted_by"], treasury["submitted_by_id"]) == ("Richard Coates", "richard-coates")
    home = next(r for r in rows if r["item_url"].endswith(f"{HOME_EDUCATION}/"))
    assert (home["presented_by"], home["presented_by_ids"]) == (
        "Sophie Brennan; Elective Home Education Adviser, Bradford Council", "sophie-brennan")


# ---- an exempt item: who submitted and presented it stays in its file ------------------

EXEMPT = """---
title: Purchase of land
minute: 72
exempt: 3
submitted_by: darren-minton
presented_by: [darren-minton, cllr-peter-hollings]
---
## Minutes

Agreed.
"""


def test_an_exempt_items_submitter_and_presenters_are_not_published(tmp_path) -> None:
    root = write_tree(tmp_path / "content")
    edit(root, ITEM_2, PRESENTED, "submitted_by: darren-minton\n" + PRESENTED)
    (root / MEETING / "03-purchase-of-land.md").write_text(EXEMPT, encoding="utf-8")
    site = build_site(SETTINGS, root, tmp_path / "output", {"MINUTEBOOK_SEARCH": False})
    person = soup(site, "people/darren-minton")
    assert [row[2] for row in rows_of(person, "submitted")] == ["2. Exploitation annual update"]
    assert [row[2] for row in rows_of(person, "presented")] == ["2. Exploitation annual update"]
    assert "Purchase of land" not in soup(site, "people/cllr-peter-hollings").get_text()
    item = soup(site, "committees/executive/2024-03-05/purchase-of-land")
    assert summary_value(item, "Submitted by") is None and summary_value(item, "Presented by") is None
