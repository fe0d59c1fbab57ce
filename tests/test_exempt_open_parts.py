"""An exempt item's open summary and open resolutions are published; nothing
else of it is. A licensing hearing is planted in the sample site, exempt under
two paragraphs, with an open summary and an open resolution and a unique
canary string in every other field (text, report, recommendations,
resolutions, votes, actions, contacts, declarations, documents, corrections);
an open item gains documents exempt under two paragraphs and under none
stated. The site is built, search index included, and every output file
(pages, feeds, calendars, data, CSV, sitemaps, redirects, the search index
decompressed) is searched: no canary anywhere, while the open parts are on
the item page, in the decisions register, the data, the CSV, the feed and the
search index."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from minutebook.content.urls import decisions_in_municipal_year
from minutebook.engine.build import build_site
from tests.safety import executable_parts
from tests.support import CONTENT, SETTINGS
from tests.test_exempt import every_payload

MEETING = "meetings/regulatory-appeals/2026-10-15"  # draft minutes: resolutions are published
HEARING = f"{MEETING}/07-review-of-a-licence-qx9.md"
HEARING_PAGE = "committees/regulatory-appeals/2026-10-15/review-of-a-licence-qx9/index.html"
OPEN_ITEM = f"{MEETING}/03-land-at-sticker-lane-laisterdyke.md"
OPEN_ITEM_PAGE = "committees/regulatory-appeals/2026-10-15/land-at-sticker-lane-laisterdyke/index.html"
SECRET_FILES = ["canaryfile-qx9-hearing-bundle.pdf", "canaryfile-qx9-valuation.pdf"]
OLD_ADDRESS = "committees/regulatory-appeals/2026-10-15/old-licence-review-qx9/"

SUMMARY = "OPENPART-SUMMARY-QX9"
RESOLUTION = "OPENPART-RESOLUTION-QX9"
NESTED_RESOLUTION = "OPENPART-NESTED-QX9"


def canary(where: str) -> str:
    return f"WITHHELD-{where.upper()}-QX9"  # QX9: never in real text, so a hit is a leak


HEARING_ITEM = f"""---
title: Review of a licence
minute: 25
exempt: [1, 7]
aliases: {OLD_ADDRESS}
open_summary: |
  The Committee considered a report about the holder of a licence,
  {SUMMARY}, and **heard** the licence holder (see Minute 22).

  <script>alert("shown as text, never run")</script>
  [a link](javascript:alert(1))
open_resolutions:
  - That the licence be revoked ({RESOLUTION}).
  - text: That the licence holder be told
    items:
      - of the right of appeal ({NESTED_RESOLUTION}).
report: {canary("report-letter")}
submitted_by: {canary("submitted-by")}
presented_by: kieran-doyle
scrutiny: regeneration-and-environment
subject: budget
key_decision: true
recommendations:
  - That {canary("recommendation")} be agreed.
resolutions:
  - That the licence held by {canary("licence-holder")} be revoked.
  - text: That {canary("resolution-parent")}
    items:
      - {canary("resolution-part")}
votes:
  - on: {canary("vote-on")}
    for: [cllr-philip-greenwood, cllr-bilal-aziz]
    against: [cllr-owen-castleton]
    result: carried
actions: {canary("action")}
contacts:
  - name: {canary("contact-name")}
    email: {canary("contact").lower()}@example.org
    phone: 01274 999555
declarations:
  - person: cllr-karen-ambler
    interest: {canary("declaration")}
documents:
  - title: {canary("document-title")}
    file: {SECRET_FILES[0]}
  - title: {canary("link-title")}
    url: https://example.org/{canary("link").lower()}
corrections:
  - date: 2026-10-16
    note: {canary("correction")}
---
## Agenda

The Licensing Manager will report on {canary("agenda-text")}.

## Minutes

The licence holder, {canary("minutes-text")}, attended with a representative.
"""

EXEMPT_DOCUMENTS = f"""  - title: Not for Publication Appendix 3 – Valuation
    file: {SECRET_FILES[1]}
    exempt: [3, 7]
  - title: Not for Publication Appendix 4 – Objectors' addresses
    exempt: not stated
"""


def plant(content: Path) -> list[str]:
    """Plant the hearing and the exempt documents; return every canary planted."""
    (content / HEARING).write_text(HEARING_ITEM, encoding="utf-8")
    for n, name in enumerate(SECRET_FILES):
        (content / MEETING / name).write_bytes(f"%PDF-1.4 {canary(f'file-bytes-{n}')}\n".encode())
    open_item = content / OPEN_ITEM
    text = open_item.read_text(encoding="utf-8")
    anchor = "    url: https://example.org/planning/26-01234-maf\n"
    assert anchor in text
    open_item.write_text(text.replace(anchor, anchor + EXEMPT_DOCUMENTS), encoding="utf-8")
    planted = set(re.findall(r"WITHHELD-[A-Z0-9-]+-QX9", HEARING_ITEM))
    return sorted(planted | {canary("file-bytes-0"), canary("file-bytes-1"), canary("contact").lower(),
                             canary("link").lower()})


@pytest.fixture(scope="module")
def hearing(tmp_path_factory) -> tuple[Path, list[str]]:
    base = tmp_path_factory.mktemp("exempt-open-parts")
    content = base / "content"
    shutil.copytree(CONTENT, content)
    planted = plant(content)
    return build_site(SETTINGS, content, base / "output"), planted


def page_text(site: Path, rel: str) -> str:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser").get_text(" ", strip=True)


def test_no_withheld_part_is_in_any_output_file(hearing) -> None:
    site, planted = hearing
    assert len(planted) >= 19
    needles = [c.encode() for c in planted] + [c.lower().encode() for c in planted]
    scanned, kinds = 0, set()
    for name, data in every_payload(site):
        scanned += 1
        kinds.add(Path(name.split("!")[0]).suffix)
        leaked = [n.decode() for n in needles if n in data]
        assert not leaked, f"{name} contains {leaked}"
        assert b"canaryfile-qx9" not in data.lower(), f"{name} names an exempt file"
    # pages, feeds, calendars, data, CSV, sitemaps and the search index were all scanned
    assert {".html", ".xml", ".json", ".ics", ".csv", ".pf_fragment", ".pf_index"} <= kinds, kinds
    assert scanned > 300
    assert not any((site / MEETING.replace("meetings", "committees")).glob("canaryfile*"))


def test_the_open_parts_are_on_the_item_page_and_nothing_runs(hearing) -> None:
    site, _ = hearing
    text = page_text(site, HEARING_PAGE)
    assert "Exempt under paragraphs 1 and 7 of Part 1 of Schedule 12A to the Local Government Act 1972" in text
    assert "Paragraph 1: Information relating to any individual." in text
    assert "Paragraph 7: Information relating to any action taken" in text
    assert "Published summary" in text and SUMMARY in text
    assert "so its content is not published, apart from the published summary below." in text
    assert f"Resolved – (1) That the licence be revoked ({RESOLUTION})." in text
    assert f"(a) of the right of appeal ({NESTED_RESOLUTION})." in text
    soup = BeautifulSoup((site / HEARING_PAGE).read_text(encoding="utf-8"), "html.parser")
    summary = soup.find("section", class_="published-summary")
    assert summary.find("strong").get_text() == "heard"  # Markdown, through the sanitiser
    assert summary.find("a", string="Minute 22")["href"] == "../exclusion-of-the-public/index.html"  # linked
    assert executable_parts(str(summary)) == []
    # nor the draft notice's absence: these open resolutions are draft minutes
    assert "Draft minutes: not yet approved" in text


def test_the_open_resolutions_are_in_the_decisions_register_csv_data_and_feed(hearing) -> None:
    site, _ = hearing
    register = page_text(site, decisions_in_municipal_year(2026) + "index.html")  # the hearing's year
    assert "Review of a licence" in register and RESOLUTION in register and NESTED_RESOLUTION in register
    rows = list(csv.DictReader(io.StringIO((site / "data/decisions.csv").read_text(encoding="utf-8"),
                                           newline="")))
    row = next(r for r in rows if r["title"] == "Review of a licence")
    assert RESOLUTION in row["decision"] and NESTED_RESOLUTION in row["decision"]
    assert row["exempt"].startswith("Exempt under paragraphs 1 and 7 of Part 1 of Schedule 12A")
    assert row["votes"] == row["subjects"] == row["scrutiny_areas"] == row["key_decision"] == ""

    event = json.loads((site / f"data/{MEETING}.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data/meeting.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(event, schema)
    item = next(i for i in event["agenda"] if i["description"] == "Review of a licence")
    assert item["extras"]["exempt"]["paragraphs"] == [1, 7]
    assert SUMMARY in item["extras"]["open_summary_html"]
    assert item["extras"]["open_resolutions"][0]["text"] == f"That the licence be revoked ({RESOLUTION})."
    assert any(RESOLUTION in note for note in item["notes"])
    assert item["related_entities"] == [] and item["subjects"] == []

    feed = (site / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "review-of-a-licence-qx9/" in feed and "Resolved (exempt information)" in feed


def test_the_open_summary_is_found_by_search(hearing) -> None:
    site, _ = hearing
    found = [name for name, data in every_payload(site / "pagefind") if SUMMARY.lower().encode() in data.lower()]
    assert found, "the open summary is not in the search index"


def test_the_withheld_links_of_the_item_reach_no_person_area_or_subject_page(hearing) -> None:
    site, _ = hearing
    for folder in ("people", "scrutiny-areas", "subjects"):
        for page in (site / folder).rglob("*.html"):
            assert "review-of-a-licence-qx9" not in page.read_text(encoding="utf-8"), page


def test_the_old_address_of_the_exempt_item_still_redirects(hearing) -> None:
    site, _ = hearing
    redirect = (site / OLD_ADDRESS / "index.html").read_text(encoding="utf-8")
    assert "review-of-a-licence-qx9/" in redirect


def test_documents_exempt_under_two_paragraphs_or_none_stated_show_title_and_reason_only(hearing) -> None:
    site, _ = hearing
    text = page_text(site, OPEN_ITEM_PAGE)
    assert ("Not for Publication Appendix 3 – Valuation Not for publication – Exempt under paragraphs 3 and 7 "
            "of Part 1 of Schedule 12A to the Local Government Act 1972") in text
    assert ("Not for Publication Appendix 4 – Objectors' addresses Not for publication – Exempt under Part 1 of "
            "Schedule 12A to the Local Government Act 1972; the paragraph was not stated in the minutes") in text
    soup = BeautifulSoup((site / OPEN_ITEM_PAGE).read_text(encoding="utf-8"), "html.parser")
    assert not soup.find("a", href=re.compile("canaryfile"))
    event = json.loads((site / f"data/{MEETING}.json").read_text(encoding="utf-8"))
    appendices = {d["note"]: d for d in event["documents"] if "Appendix" in d["note"]}
    valuation = appendices["Item 3: Not for Publication Appendix 3 – Valuation"]
    assert valuation["links"] == [] and valuation["exempt"]["paragraphs"] == [3, 7]
    addresses = appendices["Item 3: Not for Publication Appendix 4 – Objectors' addresses"]
    assert addresses["exempt"]["paragraphs"] == [] and addresses["exempt"]["paragraph"] is None
