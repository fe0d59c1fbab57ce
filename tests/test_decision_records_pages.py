"""Decision records on the site: the decision notices, each decision's page,
the officer decisions register, the decision notice on an item's page, person
and subject pages, the feed and the data; and nothing of an exempt decision
(canaries planted in every withheld field) in any output file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from minutebook.content import urls
from minutebook.engine.build import build_site
from minutebook.engine.pipeline import load_site
from minutebook.model.decisionrecords import call_in_status
from tests.safety import executable_parts
from tests.support import CONTENT, SETTINGS
from tests.test_exempt import every_payload

TODAY = "2026-11-10"  # as the forward plan's tests: the earliest today the sample is built with
PLAN = ["2026-027-former-carlisle-road-depot", "2026-044-library-opening-hours", "2026-047-winter-gritting-routes"]
LIBRARY = "decision-notices/2026-11-03-library-opening-hours/index.html"
GRANTS = "decision-notices/2026-11-09-community-safety-grants/index.html"
GRITTING = "decision-notices/2026-11-09-winter-gritting-routes/index.html"
DEPOT_PAGE = "committees/executive/2026-10-13/former-carlisle-road-depot/index.html"
EXEMPT_ITEM = "meetings/executive/2026-10-13/07-home-to-school-transport-contract.md"
EXEMPT_ITEM_PAGE = "committees/executive/2026-10-13/home-to-school-transport-contract/index.html"
SECRET_FILE = "decisions/2026-11-04-settlement-of-a-claim-zq7.md"
SECRET_PAGE = "officer-decisions/2026-11-04-settlement-of-a-claim-zq7/index.html"
OPEN_SUMMARY = "OPENPART-DECISION-SUMMARY-ZQ7"


def canary(where: str) -> str:
    return f"WITHHELD-{where.upper()}-ZQ7"  # ZQ7: never in real text, so a hit is a leak


SECRET_DECISION = f"""---
title: Settlement of a claim
kind: officer
decided_by: marcus-hale
date: 2026-11-04
published: 2026-11-05
key_decision: true
decision_reference: {canary("reference")}
delegation: {canary("delegation")}
wards: {canary("ward")}
exempt: 5
open_summary: A claim against the council was settled ({OPEN_SUMMARY}).
reasons: {canary("reasons")}
alternatives: {canary("alternatives")}
interests: {canary("interests")}
dispensations: {canary("dispensations")}
call_in: standard
called_in:
  date: 2026-11-09
  by: cllr-graham-stead
  reason: {canary("call-in-reason")}
  outcome: {canary("call-in-outcome")}
contacts:
  - name: {canary("contact")}
documents:
  - title: {canary("document")}
    url: https://example.org/{canary("link").lower()}
---
{canary("body")}
"""

ITEM_DECISION = f"""decision:
  published: 2026-10-15
  reasons: {canary("item-reasons")}
  alternatives: {canary("item-alternatives")}
  interests: {canary("item-interests")}
  dispensations: {canary("item-dispensations")}
  call_in: urgent
  urgency_reason: {canary("item-urgency")}
---
"""


def plant(content: Path) -> list[str]:
    for entry in PLAN:  # the sample's decisions name these entries of its forward plan
        assert (content / "forward-plan" / f"{entry}.md").is_file()
    (content / SECRET_FILE).write_text(SECRET_DECISION, encoding="utf-8")
    item = content / EXEMPT_ITEM
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("---\n## Agenda", ITEM_DECISION + "## Agenda", 1), encoding="utf-8")
    return sorted(set(re.findall(r"WITHHELD-[A-Z0-9-]+-ZQ7", SECRET_DECISION + ITEM_DECISION)))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, list[str]]:
    base = tmp_path_factory.mktemp("decision-records")
    content = base / "content"
    shutil.copytree(CONTENT, content)
    planted = plant(content)
    return build_site(SETTINGS, content, base / "output", {"MINUTEBOOK_TODAY": TODAY}), planted


def soup(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def norm(node) -> str:
    """The text as read: one space between words, none before a comma or a full stop."""
    return re.sub(r" ([,.:])", r"\1", " ".join(node.get_text(" ", strip=True).split()))


def text_of(site: Path, rel: str) -> str:
    return norm(soup(site, rel).find("main"))


def test_the_decision_notices_list_every_executive_decision_newest_first_with_its_call_in(site):
    out, _ = site
    rows = [norm(r) for r in soup(out, "decision-notices/index.html").select("tbody tr")]
    assert len(rows) == 5  # four in the sample, and the exempt item's decision planted here
    assert rows[0].startswith("10 November 2026 Community safety grants, second round Councillor Amina Rahman "
                              "Open to call-in until 17 November 2026")
    assert "Winter gritting routes 2026 to 2027 (key decision) Councillor Daniel Okafor Urgent" in rows[1]
    assert "Library opening hours from January 2027 (key decision) Councillor Sarah Whitaker Called in" in rows[2]
    assert "Implemented on 10 November 2026" in rows[2]
    assert rows[3].startswith("15 October 2026 Home to school transport contract (exempt) Executive Urgent")
    assert rows[4].startswith("15 October 2026 Disposal of the former Carlisle Road depot, Manningham (key "
                              "decision) Executive Call-in period ended Implemented on 23 October 2026")
    links = [a["href"] for a in soup(out, "decision-notices/index.html").select("tbody a")]
    assert "2026-11-03-library-opening-hours/index.html" in links
    assert "../committees/executive/2026-10-13/former-carlisle-road-depot/index.html" in links


def test_a_called_in_decision_page(site):
    out, _ = site
    text = text_of(out, LIBRARY)
    assert "Decision notice Library opening hours from January 2027" in text
    assert ("Call-in Called in on Monday 9 November 2026 by Councillor Graham Stead and Councillor Lucy Fenwick"
            in text)
    assert "Implementation Implemented on Tuesday 10 November 2026" in text
    assert "Decision maker Councillor Sarah Whitaker" in text and "Wards affected All wards" in text
    assert "Reasons for the decision Visits to the district's libraries" in text
    assert "Alternative options considered and rejected Closing two smaller libraries" in text
    assert "Outcome of the call-in: The Corporate Overview and Scrutiny Committee" in text
    plan = soup(out, LIBRARY).find("a", string="The forward plan entry for this decision")
    assert plan["href"] == "../../forward-plan/2026-044-library-opening-hours/index.html"
    entry = out / "forward-plan/2026-044-library-opening-hours/index.html"
    assert entry.is_file()
    back = soup(out, "forward-plan/2026-044-library-opening-hours/index.html").find(
        "a", string="Library opening hours from January 2027")
    assert back is not None and (entry.parent / back["href"]).resolve() == (out / LIBRARY).resolve()
    subject = soup(out, LIBRARY).find("a", string="Library services")
    assert (out / LIBRARY).parent.joinpath(subject["href"]).resolve() == (out / "subjects/library-services/index.html")


def test_open_urgent_and_ended_call_in_periods(site):
    out, _ = site
    assert "Call-in Can be called in until Tuesday 17 November 2026" in text_of(out, GRANTS)
    assert "Call-in Urgent: not subject to call-in (Frost was forecast from 11 November 2026" in text_of(out, GRITTING)
    depot = text_of(out, DEPOT_PAGE)
    assert "Decision notice The record of this executive decision" in depot
    assert "Call-in Call-in period ended Thursday 22 October 2026" in depot
    assert "Implementation Implemented on Friday 23 October 2026" in depot
    assert "Dispensations granted None granted." in depot


def test_the_call_in_status_follows_today():
    site = load_site(CONTENT, {"MINUTEBOOK_TODAY": TODAY})
    depot = next(r for r in site.decision_records if r.id == "executive/2026-10-13/05")
    assert depot.deadline == dt.date(2026, 10, 22)
    assert [call_in_status(depot, dt.date(2026, 10, d)) for d in (15, 22, 23)] == ["open", "open", "ended"]
    library = next(r for r in site.decision_records if r.id == "2026-11-03-library-opening-hours")
    assert call_in_status(library, dt.date(2026, 11, 8)) == "open"
    assert call_in_status(library, dt.date(2026, 11, 9)) == "called-in"


def test_the_officer_decisions_register_and_pages(site):
    out, _ = site
    rows = [norm(r) for r in soup(out, "officer-decisions/index.html").select("tbody tr")]
    assert rows == [
        "5 November 2026 Write-off of irrecoverable business rates debts (exempt) Richard Coates, Director of Finance",
        "4 November 2026 Settlement of a claim (exempt) Marcus Hale, City Solicitor",
        "28 October 2026 Temporary closure of North Street, Keighley, for resurfacing Kieran Doyle, "
        "Highways Engineer ODR 26/041"]
    text = text_of(out, "officer-decisions/2026-10-28-temporary-closure-north-street/index.html")
    assert "Officer decision Temporary closure of North Street" in text
    assert "Power delegated Officer Scheme of Delegation, Part 3E" in text
    assert "Call-in Not subject to call-in" in text
    assert "That North Street, Keighley, be closed to traffic" in text


def test_person_and_subject_pages_list_the_decisions(site):
    out, _ = site
    assert "Decisions taken Temporary closure of North Street, Keighley, for resurfacing, Wednesday 28 October " \
        "2026 (officer decision)" in text_of(out, "people/kieran-doyle/index.html")
    assert "Decisions taken Library opening hours from January 2027" in text_of(
        out, "people/cllr-sarah-whitaker/index.html")
    assert ("Decisions taken outside meetings Tuesday 3 November 2026, Councillor Sarah Whitaker: Library opening "
            "hours from January 2027") in text_of(out, "subjects/library-services/index.html")


def test_the_feed_reads_back(site):
    out, _ = site
    feed = feedparser.parse((out / urls.DECISION_NOTICES_FEED).read_bytes())
    assert not feed.bozo
    titles = [e.title for e in feed.entries]
    assert titles[0] == "Decision notice: Community safety grants, second round"
    assert "Decision notice: Library opening hours from January 2027" in titles
    assert not any("Settlement" in t or "North Street" in t for t in titles)  # officer decisions are not notices
    library = next(e for e in feed.entries if "Library" in e.title)
    assert library.id.startswith("urn:uuid:") and len(library.id) == len("urn:uuid:") + 36
    assert library.updated.startswith("2026-11-10")  # implemented: the entry was updated
    assert "Called in on Monday 9 November 2026" in library.content[0].value


def test_the_json_and_csv_read_back_with_stable_ids(site):
    out, _ = site
    data = json.loads((out / urls.DECISION_RECORDS_JSON).read_text(encoding="utf-8"))["decision_records"]
    by_id = {r["id"]: r for r in data}
    depot = by_id["executive/2026-10-13/05"]
    assert (depot["kind"], depot["decision_maker"]["committee_id"], depot["call_in_deadline"],
            depot["call_in_status"], depot["implemented"]) == ("meeting", "executive", "2026-10-22", "ended",
                                                                "2026-10-23")
    assert depot["forward_plan"]["id"] == "2026-027-former-carlisle-road-depot"
    assert depot["resolutions"][0].startswith("(1) That the former Carlisle Road depot be declared surplus")
    library = by_id["2026-11-03-library-opening-hours"]
    assert library["called_in"]["by"] == ["cllr-graham-stead", "cllr-lucy-fenwick"]
    assert library["call_in_text"].startswith("Called in on Monday 9 November 2026")
    rows = list(csv.DictReader(io.StringIO((out / urls.DECISION_RECORDS_CSV).read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == [r["id"] for r in data]
    assert [r["uuid"] for r in rows] == [r["uuid"] for r in data]
    grit = next(r for r in rows if r["id"] == "2026-11-09-winter-gritting-routes")
    assert (grit["call_in"], grit["call_in_status"], grit["key_decision"], grit["implemented"]) == (
        "urgent", "urgent", "yes", "2026-11-09")
    again = json.loads((out / urls.DECISION_RECORDS_JSON).read_text(encoding="utf-8"))["decision_records"]
    assert [r["uuid"] for r in again] == [r["uuid"] for r in data]


def test_registered_in_the_sitemap_and_the_open_data_page(site):
    out, _ = site
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("decision-notices/", "officer-decisions/", "decision-notices/2026-11-03-library-opening-hours/",
                 "officer-decisions/2026-10-28-temporary-closure-north-street/"):
        assert f"/{path}</loc>" in sitemap
    hrefs = {a["href"] for a in soup(out, "open-data/index.html").find_all("a")}
    assert {"../feeds/decision-notices.atom.xml", "../data/decision-records.json",
            "../data/decision-records.csv"} <= hrefs


def test_an_exempt_decision_shows_only_its_open_parts(site):
    out, _ = site
    text = text_of(out, SECRET_PAGE)
    assert "Exempt under paragraph 5 of Part 1 of Schedule 12A" in text
    assert OPEN_SUMMARY in text
    assert "Called in on Monday 9 November 2026 by Councillor Graham Stead" in text
    item = text_of(out, EXEMPT_ITEM_PAGE)
    assert "Decision notice" in item and "Urgent: not subject to call-in" in item


def test_no_withheld_part_of_an_exempt_decision_is_in_any_output_file(site):
    out, planted = site
    assert len(planted) >= 15
    needles = [c.encode() for c in planted] + [c.lower().encode() for c in planted]
    kinds = set()
    for name, data in every_payload(out):
        kinds.add(Path(name.split("!")[0]).suffix)
        leaked = [n.decode() for n in needles if n in data]
        assert not leaked, f"{name} contains {leaked}"
    assert {".html", ".xml", ".json", ".csv", ".pf_fragment"} <= kinds, kinds


def test_nothing_on_the_decision_pages_runs(site):
    out, _ = site
    for rel in (LIBRARY, GRANTS, SECRET_PAGE, "decision-notices/index.html", "officer-decisions/index.html"):
        html = (out / rel).read_text(encoding="utf-8")
        found = executable_parts(html, {"script", "link", "meta", "form"})  # the site's own, checked elsewhere
        assert not found, (rel, found)


def test_an_edit_to_a_decision_file_rebuilds_every_page_that_shows_it(tmp_path):
    from minutebook.engine import kept
    from minutebook.engine.build import run_build

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    held, overrides = kept.HeldModel(), {"MINUTEBOOK_TODAY": TODAY, "MINUTEBOOK_SEARCH": False}
    output = tmp_path / "output"
    run_build(SETTINGS, content, output, overrides, held)
    path = content / "decisions/2026-11-03-library-opening-hours.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("every library closes at 6pm", "every library closes at 7pm").replace(
        "title: Library opening hours from January 2027", "title: Library opening hours from February 2027"),
        encoding="utf-8")
    run_build(SETTINGS, content, output, overrides, held)
    assert "every library closes at 7pm" in text_of(output, LIBRARY)
    assert "Library opening hours from February 2027" in text_of(output, "decision-notices/index.html")
    assert "Library opening hours from February 2027" in text_of(output, "subjects/library-services/index.html")
    path.write_text(text.replace("every library closes at 6pm", "every library closes at 8pm"), encoding="utf-8")
    run_build(SETTINGS, content, output, overrides, held)  # the text alone, below the front matter
    assert "every library closes at 8pm" in text_of(output, LIBRARY)
