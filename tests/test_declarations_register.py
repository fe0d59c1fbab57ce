"""The register of declarations of interest: ``declarations/`` lists the
municipal years, newest first, with how many declarations each has; each
year's page lists every declaration by meeting and by member; the same rows
are in data/declarations.csv. A declaration written in an exempt item's own
file reaches no output file at all (canary-tested, search index and snapshot
included); one written in meeting.md about an exempt item is published, as
on the meeting's page.

A small site is built from ``minimal_tree`` with two meetings in two
municipal years; the sample site's links to the register are read too."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from minimal_tree import ITEM_2, MEETING, edit, write_tree

from minutebook.commands import archive
from minutebook.content import urls
from minutebook.engine.build import build_site
from tests.support import CONTENT, SETTINGS
from tests.test_exempt import every_payload

EXEMPT_ITEM = f"{MEETING}/03-purchase-of-land.md"
JUNE = "meetings/executive/2024-06-11"


def canary(where: str) -> str:
    return f"CANARY-REGISTER-{where.upper()}-ZQ7"  # never in real text, so a hit is a leak


MEETING_DECLARATIONS = """declarations:
  - person: cllr-amina-rahman
    item: 2
    interest: She is a governor of Grange Academy, named in the report.
    kind: other registrable
    left_room: conditional
  - person: cllr-peter-hollings
    item: 3
    interest: He knows the landowner.
    left_room: true
documents:"""

EXEMPT = f"""---
title: Purchase of land
minute: 72
exempt: 3
declarations:
  - person: cllr-amina-rahman
    interest: {canary("interest")}
    kind: disclosable pecuniary
    left_room: true
    action: {canary("action")}
---
## Minutes

Agreed.
"""

JUNE_FILES = {
    f"{JUNE}/meeting.md": """---
status: draft-minutes
start: 10:30
venue: Committee Room 1, City Hall
attendance:
  present: [cllr-amina-rahman]
declarations:
  - person: cllr-amina-rahman
    interest: She is a member of the Police and Crime Panel.
    kind: non-registrable
    action: remained in the room
---
""",
    f"{JUNE}/01-apologies.md": """---
title: Apologies for absence
minute: 1
---
## Minutes

No apologies were received.
""",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("register")
    root = write_tree(base / "content")
    edit(root, f"{MEETING}/meeting.md", "documents:", MEETING_DECLARATIONS)
    (root / EXEMPT_ITEM).write_text(EXEMPT, encoding="utf-8")
    for rel, text in JUNE_FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return build_site(SETTINGS, root, base / "output", {"MINUTEBOOK_SEARCH": False})


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def text(tag) -> str:
    return " ".join(tag.get_text(" ", strip=True).split())


def resolves(site: Path, page: str, href: str) -> str:
    path, _, fragment = href.partition("#")
    found = (site / page / path).resolve().relative_to(site.resolve()).as_posix()
    return f"{found}#{fragment}" if fragment else found


def table_after(heading) -> list[list[str]]:
    table = heading.find_next("table")
    return [[text(td) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]


def test_the_index_lists_municipal_years_newest_first_with_counts(site) -> None:
    page = soup(site, urls.DECLARATIONS)
    years = [text(li) for li in page.select("main ul.list li")]
    assert years == ["2024 to 2025 1 declaration at 1 meeting", "2023 to 2024 3 declarations at 1 meeting"]
    links = [resolves(site, urls.DECLARATIONS, a["href"]) for a in page.select("main ul.list a")]
    assert links == ["declarations/2024-to-2025/index.html", "declarations/2023-to-2024/index.html"]


def test_a_years_page_lists_each_meetings_declarations_in_agenda_order(site) -> None:
    page = soup(site, urls.declarations_in_municipal_year(2023))
    assert text(page.h1) == "Declarations of interest in the municipal year 2023 to 2024"
    by_meeting = page.find(id="by-meeting")
    assert text(by_meeting.find_next("h3")) == "Executive, Tuesday 5 March 2024"
    assert table_after(by_meeting) == [
        ["Item 2, Exploitation annual update", "Councillor Amina Rahman",
         "Other registrable interest She is a governor of Grange Academy, named in the report. "
         "They would leave the room if the matter was discussed."],
        ["Item 2, Exploitation annual update", "Councillor Peter Hollings",
         "Other interest Governor of a local school What they did is not recorded."],
        # written in meeting.md, which is never exempt: published, as on the meeting's page
        ["Item 3, Purchase of land", "Councillor Peter Hollings",
         "Other interest He knows the landowner. They left the room for this item."],
    ]
    first_row = by_meeting.find_next("table").tbody.tr
    assert [td["data-label"] for td in first_row.find_all("td")] == [
        "Item", "Member", "Declaration"]
    here = urls.declarations_in_municipal_year(2023)
    assert [resolves(site, here, a["href"]) for a in first_row.find_all("a")] == [
        "committees/executive/2024-03-05/exploitation-update/index.html", "people/cllr-amina-rahman/index.html"]


def test_a_years_page_lists_each_members_declarations_by_name(site) -> None:
    page = soup(site, urls.declarations_in_municipal_year(2023))
    members = page.find(id="by-member").find_all_next("h3")
    assert [(h["id"], text(h)) for h in members] == [
        ("member-cllr-amina-rahman", "Councillor Amina Rahman"),
        ("member-cllr-peter-hollings", "Councillor Peter Hollings")]
    assert table_after(members[1]) == [
        ["Executive, Tuesday 5 March 2024", "Item 2, Exploitation annual update",
         "Other interest Governor of a local school What they did is not recorded."],
        ["Executive, Tuesday 5 March 2024", "Item 3, Purchase of land",
         "Other interest He knows the landowner. They left the room for this item."],
    ]
    june = soup(site, urls.declarations_in_municipal_year(2024))
    assert table_after(june.find(id="member-cllr-amina-rahman")) == [
        ["Executive, Tuesday 11 June 2024", "No particular item",
         "Non-registrable interest She is a member of the Police and Crime Panel. Remained in the room."]]


def test_a_person_page_links_to_their_part_of_each_years_register(site) -> None:
    page = "people/cllr-amina-rahman"
    links = [a for a in soup(site, page).select("main a") if "declarations/" in a["href"]]
    assert [(text(a), resolves(site, page, a["href"])) for a in links] == [
        ("2024 to 2025", "declarations/2024-to-2025/index.html#member-cllr-amina-rahman"),
        ("2023 to 2024", "declarations/2023-to-2024/index.html#member-cllr-amina-rahman")]
    assert not [a for a in soup(site, "people/darren-minton").select("main a") if "declarations/" in a["href"]]


def test_the_csv_has_every_declaration_of_the_register(site) -> None:
    rows = list(csv.DictReader(io.StringIO((site / urls.DECLARATIONS_CSV).read_text(encoding="utf-8"))))
    assert [(r["municipal_year"], r["agenda_number"], r["person_id"], r["kind"], r["left_room"]) for r in rows] == [
        ("2024 to 2025", "", "cllr-amina-rahman", "non-registrable", ""),
        ("2023 to 2024", "2", "cllr-amina-rahman", "other-registrable", "conditional"),
        ("2023 to 2024", "2", "cllr-peter-hollings", "other", ""),
        ("2023 to 2024", "3", "cllr-peter-hollings", "other", "left"),
    ]
    assert rows[0]["action"] == "remained in the room"
    assert rows[1]["item_url"].endswith("committees/executive/2024-03-05/exploitation-update/")


def test_no_declaration_from_an_exempt_items_own_file_reaches_any_file(site) -> None:
    leaks = [name for name, data in every_payload(site) if b"CANARY-REGISTER" in data]
    assert leaks == []


def test_a_site_without_declarations_says_so(tmp_path) -> None:
    root = write_tree(tmp_path / "content")
    edit(root, ITEM_2, "declarations:\n  - person: cllr-peter-hollings\n    interest: Governor of a local school\n",
         "")
    site = build_site(SETTINGS, root, tmp_path / "output", {"MINUTEBOOK_SEARCH": False})
    assert "No declarations of interest recorded." in text(soup(site, urls.DECLARATIONS))
    assert not (site / urls.DECLARATIONS / "2023-to-2024").exists()


# ---- the sample site: the register is linked where the other registers are --------------


def test_the_home_page_the_committees_and_people_indexes_link_to_the_register(built_site) -> None:
    for page in (urls.HOME, urls.COMMITTEES, urls.PEOPLE):
        links = [resolves(built_site, page, a["href"]) for a in soup(built_site, page).select("main a")]
        assert "declarations/index.html" in links, page


def test_the_sample_register_has_a_page_for_each_year_with_declarations(built_site) -> None:
    page = soup(built_site, urls.DECLARATIONS)
    for a in page.select("main ul.list a"):
        year = soup(built_site, resolves(built_site, urls.DECLARATIONS, a["href"]).removesuffix("index.html"))
        count = int(re.search(r"(\d+) declarations?", text(a.find_parent("li")))[1])
        assert sum(len(t.tbody.find_all("tr")) for t in year.find(id="by-member").find_all_next("table")) == count


# ---- canaries: the sample site, searched and snapshotted ---------------------------------

SAMPLE_MEETING = "meetings/executive/2026-10-13"
PLANTED = f"""---
title: Acquisition of land at Register Road
minute: 36
exempt: 3
declarations:
  - person: cllr-daniel-okafor
    interest: {canary("sample-interest")}
    kind: other registrable
    left_room: true
    action: {canary("sample-action")}
  - person: cllr-amina-rahman
    interest: {canary("sample-second-interest")}
---
## Minutes

{canary("sample-minutes")}
"""


@pytest.mark.slow
def test_no_withheld_declaration_is_in_any_output_file_of_the_sample_site(tmp_path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / SAMPLE_MEETING / "09-acquisition-of-land-at-register-road.md").write_text(PLANTED, encoding="utf-8")
    site = build_site(SETTINGS, content, tmp_path / "output")
    snapshot = archive.create_snapshot(archive.Snapshot(site, "https://minutes.example.org", 1_790_000_000),
                                       tmp_path / "snapshot")
    register = (site / urls.declarations_in_municipal_year(2026) / "index.html").read_text(encoding="utf-8")
    assert "Councillor Daniel Okafor" in register  # his open declaration on the depot item is there
    leaks = [name for name, data in every_payload(site, snapshot) if b"CANARY-REGISTER" in data]
    assert leaks == []
