"""Attendance as minutes record it, as a reader sees it: comings and goings
with times, names as printed, capacities, substitutes' roles, attendance for
one item, remote attendance under the council's setting, and the procedural
events under "Proceedings" in time order; and the same facts in the meeting's
Open Civic Data JSON."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from minutebook.engine.build import build_site
from tests.minimal_tree import ITEM_2, MEETING, all_of, replace, write_tree
from tests.support import ROOT, SETTINGS
from tests.test_exempt import every_payload

MEETING_MD = f"{MEETING}/meeting.md"
MEETING_PAGE = "committees/executive/2024-03-05/index.html"
ITEM_1_PAGE = "committees/executive/2024-03-05/apologies/index.html"
ITEM_2_PAGE = "committees/executive/2024-03-05/exploitation-update/index.html"
DATA = "data/meetings/executive/2024-03-05.json"
CANARY = "CANARY-EXEMPT-ATTENDEE-ZQ7"  # someone there for an exempt item only: never published

PLANTS = all_of(
    replace(MEETING_MD, "    - person: cllr-amina-rahman\n      role: Chair\n",
            "    - person: cllr-amina-rahman\n      role: Chair\n      arrived: \"10:45\"\n"),
    replace(MEETING_MD, "    - cllr-peter-hollings\n",
            "    - person: cllr-peter-hollings\n      as_printed: Cllr P. Hollings\n"
            "      left: \"11:50\"\n      left_before: 2\n"),
    replace(MEETING_MD, "  in_attendance:\n",
            "  attending_virtually:\n    - name: Jane Remote\n"
            "  also_present:\n    - person: cllr-amina-rahman\n"
            "      capacity: Representative of the Fire Authority\n"
            "  in_attendance:\n"),
    replace(MEETING_MD, "documents:\n",
            "events:\n"
            "  - time: \"11:30\"\n    event: resumed\n"
            "  - time: \"11:00\"\n    event: adjourned\n    note: For a comfort break\n"
            "  - time: not recorded\n    event: other\n    note: The webcast failed.\n"
            "  - time: \"11:40\"\n    event: left-room\n    person: cllr-amina-rahman\n    item: 2\n"
            "documents:\n"),
    replace(ITEM_2, "declarations:\n",
            "attendance:\n  in_attendance:\n    - name: Detective Inspector Laura Greaves\n"
            "      organisation: West Yorkshire Police\ndeclarations:\n"),
)
EXEMPT_ITEM = f"""\
---
title: Acquisition of land
minute: 72
exempt: 3
attendance:
  in_attendance:
    - name: {CANARY}
      role: Valuer
---
## Minutes

The Executive agreed the purchase.
"""


def build(base: Path, overrides: dict) -> Path:
    content = write_tree(base / "content")
    PLANTS(content)
    (content / MEETING / "03-acquisition-of-land.md").write_text(EXEMPT_ITEM, encoding="utf-8")
    return build_site(SETTINGS, content, base / "output", {"MINUTEBOOK_SEARCH": False, **overrides})


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("attendance"), {})


def page(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def row_of(soup: BeautifulSoup, caption: str, name: str) -> list[str]:
    table = next(t for t in soup.find_all("table") if t.caption and t.caption.get_text(strip=True) == caption)
    row = next(r for r in table.find_all("tr") if name in r.get_text())
    return [" ".join(c.get_text(" ", strip=True).split()) for c in row.find_all(["td", "th"])]


def test_a_departure_is_shown_with_its_time_and_the_item_missed(site):
    soup = page(site, MEETING_PAGE)
    cells = row_of(soup, "Present", "Peter Hollings")
    assert cells[2].replace(" ,", ",") == "Left at 11:50am, before item 2"
    link = soup.find("a", string="item 2")
    assert link["href"] == "exploitation-update/index.html"
    assert row_of(soup, "Present", "Amina Rahman")[2] == "Arrived at 10:45am"


def test_the_name_as_printed_is_shown_beside_the_registry_name(site):
    cells = row_of(page(site, MEETING_PAGE), "Present", "Peter Hollings")
    assert cells[0] == "Councillor Peter Hollings Printed in these minutes as “Cllr P. Hollings”"


def test_one_person_in_two_capacities_is_shown_in_both(site):
    soup = page(site, MEETING_PAGE)
    assert row_of(soup, "Also present", "Amina Rahman")[1] == "as Representative of the Fire Authority"
    assert row_of(soup, "Present", "Amina Rahman")[1] == "Chair"


def test_remote_attendance_is_not_counted_as_present_by_default(site):
    soup = page(site, MEETING_PAGE)
    captions = [t.caption.get_text(strip=True) for t in soup.find_all("table") if t.caption]
    assert "Attending virtually (not counted as present)" in captions
    assert "Attending remotely (counted as present)" not in captions


def test_remote_attendance_counts_as_present_where_the_council_says_so(tmp_path):
    site = build(tmp_path, {"MINUTEBOOK_REMOTE_COUNTS_AS_PRESENT": True})
    soup = page(site, MEETING_PAGE)
    assert row_of(soup, "Attending remotely (counted as present)", "Jane Remote")[0] == "Jane Remote"
    data = json.loads((site / DATA).read_text())
    remote = next(p for p in data["participants"] if p["name"] == "Jane Remote")
    assert remote["extras"] == {"remote": True, "counted_as_present": True}


def test_procedural_events_are_shown_in_time_order_under_proceedings(site):
    soup = page(site, MEETING_PAGE)
    heading = soup.find("h2", id="proceedings")
    assert heading.get_text() == "Proceedings"
    rows = [[" ".join(c.get_text().split()) for c in r.find_all("td")]
            for r in heading.find_next("table").tbody.find_all("tr")]
    assert [r[:2] for r in rows] == [["11am", "Adjourned"], ["Not recorded", "Other"], ["11:30am", "Resumed"],
                                     ["11:40am", "Left the room"]]
    assert rows[0][2] == "For a comfort break"
    assert rows[1][2] == "The webcast failed."
    assert rows[3][2].startswith("Councillor Amina Rahman. For item 2: Exploitation annual update")


def test_the_item_page_shows_who_was_there_for_it_and_who_had_left(site):
    soup = page(site, ITEM_2_PAGE)
    section = soup.find("h2", id="attendance")
    assert section.get_text() == "Attendance for this item"
    parts = []
    for element in section.find_next_siblings():
        if element.name == "h2":
            break
        parts.append(" ".join(element.get_text().split()))
    assert parts == ["In attendance for this item",
                     "Detective Inspector Laura Greaves (West Yorkshire Police)",
                     "Not present: left the meeting earlier",
                     "Councillor Peter Hollings: Left at 11:50am, before item 2",
                     "Proceedings during this item",
                     "11:40am: Left the room: Councillor Amina Rahman"]


def test_an_item_before_anyone_left_shows_no_attendance_of_its_own(site):
    assert page(site, ITEM_1_PAGE).find("h2", id="attendance") is None


def test_comings_and_goings_are_in_the_open_data(site):
    data = json.loads((site / DATA).read_text())
    jsonschema.validate(data, json.loads((ROOT / "minutebook/site/meeting.schema.json").read_text()))
    peter = next(p for p in data["participants"] if p.get("entity_id") == "cllr-peter-hollings")
    assert peter["extras"] == {"left": "11:50", "left_before": "2", "as_printed": "Cllr P. Hollings"}
    remote = next(p for p in data["participants"] if p["name"] == "Jane Remote")
    assert remote["extras"] == {"remote": True, "counted_as_present": False}
    fire = [p for p in data["participants"] if p.get("extras", {}).get("capacity")]
    assert [(p["entity_id"], p["note"]) for p in fire] == [("cllr-amina-rahman", "Also present")]
    assert [e["event"] for e in data["extras"]["proceedings"]] == ["adjourned", "other", "resumed", "left-room"]
    assert data["extras"]["proceedings"][1]["time"] is None
    assert data["extras"]["proceedings"][3] == {"time": "11:40", "event": "left-room", "label": "Left the room",
                                                "person": "cllr-amina-rahman", "item": "2", "note": None}
    item = next(i for i in data["agenda"] if i["order"] == "2")
    assert {"entity_type": "person", "name": "Detective Inspector Laura Greaves",
            "note": "in attendance for this item"} in item["related_entities"]


def test_who_attended_an_exempt_item_is_never_published(site):
    assert (site / "committees/executive/2024-03-05/acquisition-of-land/index.html").exists()
    for name, data in every_payload(site):
        assert CANARY.encode() not in data and CANARY.lower().encode() not in data, name


def test_a_substitutes_role_is_shown(tmp_path):
    content = write_tree(tmp_path / "content")
    replace(MEETING_MD, "  in_attendance:\n", "  substitutes:\n    - person: darren-minton\n"
            "      for: cllr-peter-hollings\n      role: Vice-Chair\n  in_attendance:\n")(content)
    replace(MEETING_MD, "  in_attendance:\n    - darren-minton\n", "")(content)
    site = build_site(SETTINGS, content, tmp_path / "output", {"MINUTEBOOK_SEARCH": False})
    cells = row_of(page(site, MEETING_PAGE), "Substitutes", "Darren Minton")
    assert cells[1] == "Substitute for Councillor Peter Hollings, Vice-Chair"


def test_a_persons_page_shows_their_comings_and_goings_and_capacities(site):
    def rows(person: str) -> list[str]:
        table = page(site, f"people/{person}/index.html").find("h2", id="attendance").find_next("table")
        return [" ".join(r.find_all("td")[1].get_text().split()) for r in table.tbody.find_all("tr")]

    assert rows("cllr-peter-hollings") == ["Present. Left at 11:50am, before item 2"]
    assert rows("cllr-amina-rahman") == ["Present (Chair). Arrived at 10:45am",
                                         "Also present, as Representative of the Fire Authority"]


def test_a_meeting_with_a_remote_attendee_is_described_as_mixed_attendance(site, tmp_path):
    def mode(built: Path) -> str:
        script = page(built, MEETING_PAGE).find("script", type="application/ld+json")
        return json.loads(script.string)["eventAttendanceMode"]

    assert mode(site) == "https://schema.org/MixedEventAttendanceMode"
    plain = build_site(SETTINGS, write_tree(tmp_path / "content"), tmp_path / "output", {"MINUTEBOOK_SEARCH": False})
    assert mode(plain) == "https://schema.org/OfflineEventAttendanceMode"


def test_what_a_clerk_writes_in_the_new_fields_never_runs_as_script(tmp_path):
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    content = write_tree(tmp_path / "content")
    all_of(
        replace(MEETING_MD, "    - cllr-peter-hollings\n",
                f"    - person: cllr-peter-hollings\n      as_printed: '{script}'\n      capacity: '{script}'\n"),
        replace(MEETING_MD, "documents:\n", f"events:\n  - time: \"11:00\"\n    event: other\n    note: '{script}'\n"
                "documents:\n"),
        replace(ITEM_2, "declarations:\n", f"attendance:\n  also_present:\n    - name: '{script}'\n"
                "declarations:\n"),
    )(content)
    site = build_site(SETTINGS, content, tmp_path / "output", {"MINUTEBOOK_SEARCH": False})
    for rel in (MEETING_PAGE, ITEM_2_PAGE, "people/cllr-peter-hollings/index.html"):
        html = (site / rel).read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, rel
        assert "&lt;script&gt;alert(" in html, rel  # shown as the text it is
