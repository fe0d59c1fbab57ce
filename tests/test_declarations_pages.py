"""Declarations of interest as readers see them: on the meeting page, the
item page and the member's page, in the meeting's JSON data and in the
decisions register (CSV); and, for an exempt item, nowhere.

One site is built from the small tree in ``minimal_tree`` with declarations
written in meeting.md (tied to an item, tied to none, in the council's own
category, conditional) and in an item's file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from minimal_tree import ITEM_2, MEETING, edit, write_tree

from minutebook.engine.build import build_site
from tests.support import SETTINGS

MEETING_MD = f"{MEETING}/meeting.md"
EXEMPT_ITEM = f"{MEETING}/03-land-purchase.md"
PAGE = "committees/executive/2024-03-05"
SECRET = "CANARY-DECLARATION-ACTION-ZQ7"

DECLARATIONS = """declarations:
  - person: cllr-amina-rahman
    item: 2
    interest: She is a governor of Grange Academy, named in the report.
    kind: pecuniary
    left_room: conditional
    action: would leave the room during any discussion of Grange Academy
  - person: cllr-peter-hollings
    interest: He is a member of the Police and Crime Panel.
    kind: Other Registrable
    left_room: false
  - person: cllr-amina-rahman
    item: 3
    interest: She knows the landowner.
    kind: non-registrable
    left_room: true
documents:"""

EXEMPT = f"""---
title: Purchase of land
minute: 72
exempt: 3
declarations:
  - person: cllr-peter-hollings
    interest: He owns the neighbouring field.
    left_room: true
    action: {SECRET}
---
## Minutes

Agreed.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("declarations")
    root = write_tree(base / "content")
    (root / "interest-kinds.yaml").write_text(
        "pecuniary:\n  label: Pecuniary interest\n  description: A *financial* interest in the matter.\n",
        encoding="utf-8")
    edit(root, MEETING_MD, "documents:", DECLARATIONS)
    edit(root, ITEM_2, "    interest: Governor of a local school\n",
         "    interest: Governor of a local school\n    kind: other registrable\n    left_room: true\n")
    edit(root, ITEM_2, "votes:", "resolutions:\n  - That the report be noted.\nvotes:")
    (root / EXEMPT_ITEM).write_text(EXEMPT, encoding="utf-8")
    return build_site(SETTINGS, root, base / "output", {"MINUTEBOOK_SEARCH": False})


def declarations_on(site: Path, page: str) -> list[str]:
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    heading = soup.find(id="declarations")
    assert heading is not None, f"{page} has no declarations"
    return [" ".join(li.get_text().split()) for li in heading.find_next_sibling("ul").find_all("li")]


def test_meeting_page_lists_every_declaration_those_of_no_item_first(site) -> None:
    assert declarations_on(site, PAGE) == [
        "Councillor Peter Hollings (Other registrable interest): He is a member of the Police and Crime "
        "Panel. They remained in the room.",
        "Councillor Amina Rahman, on item 2, Exploitation annual update (Pecuniary interest): She is a "
        "governor of Grange Academy, named in the report. Would leave the room during any discussion of "
        "Grange Academy.",
        "Councillor Peter Hollings, on item 2, Exploitation annual update (Other registrable interest): "
        "Governor of a local school They left the room for this item.",
        "Councillor Amina Rahman, on item 3, Purchase of land (Non-registrable interest): She knows the "
        "landowner. They left the room for this item.",
    ]


def test_meeting_page_explains_the_councils_own_category(site) -> None:
    soup = BeautifulSoup((site / PAGE / "index.html").read_text(encoding="utf-8"), "html.parser")
    categories = soup.find(id="interest-categories").find_next_sibling("dl")
    assert " ".join(categories.get_text(" ").split()) == "Pecuniary interest A financial interest in the matter."
    assert categories.find("em").get_text() == "financial"  # its Markdown, rendered


def test_item_page_shows_its_own_and_meeting_md_declarations(site) -> None:
    assert declarations_on(site, f"{PAGE}/exploitation-update") == [
        "Councillor Peter Hollings (Other registrable interest): Governor of a local school They left "
        "the room for this item.",
        "Councillor Amina Rahman (Pecuniary interest): She is a governor of Grange Academy, named in the "
        "report. Would leave the room during any discussion of Grange Academy.",
    ]


def test_person_page_lists_declarations_with_item_or_meeting(site) -> None:
    on_page = declarations_on(site, "people/cllr-peter-hollings")
    assert on_page == [
        "Executive, Tuesday 5 March 2024 (Other registrable interest): He is a member of the Police and "
        "Crime Panel. They remained in the room.",
        "Exploitation annual update – Executive, Tuesday 5 March 2024 (Other registrable interest): "
        "Governor of a local school They left the room for this item.",
    ]
    soup = BeautifulSoup((site / "people/cllr-amina-rahman/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    links = [a["href"] for a in soup.find(id="declarations").find_next_sibling("ul").find_all("a")]
    assert "../../committees/executive/2024-03-05/exploitation-update/index.html" in links


def test_exempt_item_page_shows_no_declaration_and_its_own_never_leak(site) -> None:
    exempt_page = (site / PAGE / "land-purchase/index.html").read_text(encoding="utf-8")
    assert 'id="declarations"' not in exempt_page
    leaks = [p for p in site.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert leaks == []
    assert "neighbouring field" not in (site / PAGE / "index.html").read_text(encoding="utf-8")


def test_meeting_json_carries_declarations_and_matches_its_schema(site) -> None:
    data = json.loads((site / "data/meetings/executive/2024-03-05.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data/meeting.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["extras"]["declarations"][1] == {
        "person": "cllr-amina-rahman", "name": "Councillor Amina Rahman",
        "interest": "She is a governor of Grange Academy, named in the report.",
        "kind": "pecuniary", "kind_label": "Pecuniary interest", "left_room": "conditional",
        "action": "would leave the room during any discussion of Grange Academy", "item": "2"}
    assert [d["left_room"] for d in data["extras"]["declarations"]] == [False, "conditional", True, True]
    item = next(i for i in data["agenda"] if i["order"] == "2")
    assert [(d["person"], d["kind"]) for d in item["extras"]["declarations"]] == [
        ("cllr-peter-hollings", "other-registrable"), ("cllr-amina-rahman", "pecuniary")]
    exempt = next(i for i in data["agenda"] if i["order"] == "3")
    assert "declarations" not in exempt["extras"]


def test_decisions_register_has_a_declarations_column(site) -> None:
    rows = list(csv.DictReader(io.StringIO((site / "data/decisions.csv").read_text(encoding="utf-8"))))
    (row,) = [r for r in rows if r["agenda_number"] == "2"]
    assert row["declarations"] == (
        "Councillor Peter Hollings (Other registrable interest, item 2): Governor of a local school They "
        "left the room for this item.; Councillor Amina Rahman (Pecuniary interest, item 2): She is a "
        "governor of Grange Academy, named in the report. Would leave the room during any discussion of "
        "Grange Academy.")
    (exempt,) = [r for r in rows if r["agenda_number"] == "3"]
    assert exempt["declarations"] == ""
