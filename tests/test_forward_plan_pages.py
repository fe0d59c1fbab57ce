"""The forward plan as readers get it: the current plan by month, each month's
page and each entry's, read back with BeautifulSoup; the Atom feed with
feedparser, the calendar with icalendar, the JSON and the CSV parsed back.

The sample site is built once with "today" fixed at 10 November 2026, with
two entries planted: a withdrawn one in September (past, so off the current
plan) and an exempt one whose text, consultees and documents are canaries that
must appear in no output file (nor may the sample's exempt entry's)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import posixpath
import re
import shutil
from pathlib import Path

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup

from minutebook.content import urls
from minutebook.engine.build import build_site
from minutebook.engine.pipeline import load_site
from tests.safety import executable_parts
from tests.support import CONTENT, SETTINGS
from tests.test_exempt import every_payload

TODAY = dt.date(2026, 11, 10)
WITHDRAWN = "2026-020-recycling-centre-hours"
SECRET = "2026-099-land-at-canary-row"
SAMPLE_EXEMPT = "2026-031-home-to-school-transport"


def canary(where: str) -> str:
    return f"FPWITHHELD-{where.upper()}-ZQ7"  # ZQ7: never in real text, so a hit is a leak


PLANTED = {
    f"forward-plan/{WITHDRAWN}.md": """---
title: Household waste recycling centre opening hours
decision_maker: executive
expected: 2026-09-15
first_published: 2026-07-01
status: withdrawn
---
Shorter winter opening hours at the recycling centres.
""",
    f"forward-plan/{SECRET}.md": f"""---
title: Land at Row Lane, acquisition
decision_maker: cllr-daniel-okafor
expected: 2026-11-16
first_published: 2026-11-02
urgency: special-urgency
exempt: [1, 3]
open_summary: The purchase of land for the <script>alert(1)</script> **Row Lane** scheme.
consultees: {canary("consultees")}
documents:
  - title: Valuation {canary("document-title")}
    url: https://example.org/{canary("document-url").lower()}
  - title: Owner's letter
    not_published: true
---
{canary("body")}: to buy the land from its owner for £2,000,000.
""",
}
# the sample's exempt entry's withheld parts, as the sample writes them
SAMPLE_WITHHELD = ["Wharfe Valley Travel", "Evaluation of tenders", "£11,450,000"]


def before_the_decisions(content: Path) -> None:
    """The plan as it stood before the decision records named its entries: a taken
    entry leaves the current plan (tests/test_decision_records_pages.py shows the join)."""
    for path in [*(content / "decisions").glob("*.md"),
                 content / "meetings/executive/2026-10-13/05-former-carlisle-road-depot.md"]:
        path.write_text(re.sub(r"\n *forward_plan: .*", "", path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("forward-plan") / "content"
    shutil.copytree(CONTENT, content)
    before_the_decisions(content)
    for rel, text in PLANTED.items():
        (content / rel).write_text(text, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def site(planted) -> Path:
    return build_site(SETTINGS, planted, planted.parent / "output", {"MINUTEBOOK_TODAY": TODAY.isoformat()})


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / urls.output_file(path)).read_text(encoding="utf-8"), "html.parser")


def main_text(site: Path, path: str) -> str:
    return soup(site, path).find("main").get_text(" ", strip=True)


def links(site: Path, path: str) -> dict[str, str]:
    """The page's links in its main part, text -> site path (resolved from the page's own)."""
    found = {}
    for a in soup(site, path).find("main").find_all("a", href=True):
        if "://" not in a["href"] and not a["href"].startswith(("mailto:", "tel:")):
            target = posixpath.normpath(posixpath.join(path, a["href"])).removesuffix("index.html")
            folder = "." not in target.rsplit("/", 1)[-1]  # a page's folder, not a file
            found[a.get_text(" ", strip=True)] = "" if target in (".", "") else (
                target.rstrip("/") + "/" if folder else target)
    return found


# ---- pages -------------------------------------------------------------------------


def test_the_current_plan_is_grouped_by_month_without_past_withdrawn_entries(site) -> None:
    page = soup(site, urls.FORWARD_PLAN)
    months = [h.get_text(strip=True) for h in page.find("main").find_all("h2") if h.get("id", "").startswith("month-")]
    # October's decisions have no decision record yet, so they are still on the plan
    assert months == ["October 2026", "November 2026", "December 2026", "January 2027", "February 2027",
                      "March 2027"]
    text = main_text(site, urls.FORWARD_PLAN)
    assert "Household waste recycling centre opening hours" not in text
    october = page.find("h2", id="month-2026-10").find_next("ul")
    assert [h.get_text(strip=True) for h in october.find_all("h3")] == [
        "Former Carlisle Road depot, Manningham: disposal", "Home to school transport contract"]


def test_each_entry_says_its_notice_or_urgency_route_and_key_decisions_are_marked(site) -> None:
    page = soup(site, urls.FORWARD_PLAN)
    entries = {li.find("h3").get_text(strip=True): li for li in page.select("li.forward-plan__entry")}
    depot = entries["Former Carlisle Road depot, Manningham: disposal"]
    assert "Key decision" in depot.select_one(".forward-plan__tags").get_text()
    assert "28 clear days’ notice given" in depot.get_text(" ")
    gritting = entries["Winter gritting routes 2026–27"].get_text(" ", strip=True)
    assert "General exception (regulation 10)" in gritting and "28 clear days" not in gritting
    secret = entries["Land at Row Lane, acquisition"].get_text(" ", strip=True)
    assert "Special urgency (regulation 11)" in secret
    assert "To be decided in private: paragraphs 1 and 3 of Part 1 of Schedule 12A" in secret
    assert "Information relating to any individual." in secret  # the wording of paragraph 1
    transport = entries["Home to school transport contract"].get_text(" ", strip=True)
    assert ("To be decided in private: paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972: "
            "Information relating to the financial or business affairs") in transport
    deferred = entries["Keighley Town Hall Square improvements, construction contract"]
    assert "Deferred" in deferred.select_one(".forward-plan__tags").get_text()
    february = entries["Council tax reduction scheme 2027–28"].get_text(" ", strip=True)
    assert "February 2027 (the day is not yet known)" in february


def test_month_pages_cover_past_months_and_link_to_the_months_either_side(site) -> None:
    september = urls.forward_plan_month(2026, 9)
    assert "Household waste recycling centre opening hours" in main_text(site, september)
    assert "Withdrawn" in main_text(site, september)
    october = urls.forward_plan_month(2026, 10)
    found = links(site, october)
    assert found["Earlier: September 2026"] == september
    assert found["Later: November 2026"] == urls.forward_plan_month(2026, 11)
    assert found["Former Carlisle Road depot, Manningham: disposal"] == \
        f"{urls.FORWARD_PLAN}2026-027-former-carlisle-road-depot/"
    assert soup(site, october).find("a", rel="prev") is not None
    march = links(site, urls.forward_plan_month(2027, 3))
    assert not any(label.startswith("Later:") for label in march)
    for target in [*found.values(), *links(site, urls.FORWARD_PLAN).values()]:
        assert (site / urls.output_file(target)).exists(), target
    # no empty month for a crawler to wander through
    month_pages = sorted(site.glob("forward-plan/[0-9][0-9][0-9][0-9]-[0-9][0-9]/index.html"))
    assert [p.parent.name for p in month_pages] == ["2026-09", "2026-10", "2026-11", "2026-12", "2027-01",
                                                      "2027-02", "2027-03"]
    for page in month_pages:
        assert BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("li.forward-plan__entry")


def test_an_entry_page_shows_the_matter_consultees_documents_and_contacts(site) -> None:
    path = f"{urls.FORWARD_PLAN}2026-044-library-opening-hours/"
    text = main_text(site, path)
    for shown in ("Library opening hours", "Councillor Sarah Whitaker, Healthy People and Places Portfolio Holder",
                  "Tuesday 3 November 2026", "25 September 2026", "New opening hours for the district's libraries",
                  "Friends of Bradford Libraries", "Library opening hours consultation results",
                  "libraries@example.org"):
        assert shown in text
    found = links(site, path)
    assert found["Councillor Sarah Whitaker, Healthy People and Places Portfolio Holder"] == \
        "people/cllr-sarah-whitaker/"
    assert found["Other decisions expected in November 2026"] == urls.forward_plan_month(2026, 11)


def test_an_exempt_entry_page_shows_its_summary_and_nothing_withheld(site) -> None:
    path = f"{urls.FORWARD_PLAN}{SECRET}/"
    html = (site / urls.output_file(path)).read_text(encoding="utf-8")
    text = main_text(site, path)
    assert "Exempt information" in text and "Published summary" in text
    assert "Row Lane scheme" in text and "<script>" in text  # shown as text, never run
    assert not executable_parts(str(soup(site, path).find("main")))
    assert "Consultees" not in text and "Documents" not in text
    assert "Owner's letter" not in html and "2,000,000" not in html


def test_the_forward_plan_is_linked_from_home_sitemap_and_open_data(site) -> None:
    assert links(site, urls.HOME)["Forward plan"] == urls.FORWARD_PLAN
    assert "Forward plan of key decisions" in links(site, urls.SITEMAP)
    hrefs = {posixpath.normpath(posixpath.join(urls.OPEN_DATA, a["href"])).removesuffix("index.html")
             for a in soup(site, urls.OPEN_DATA).find_all("a", href=True)}
    for path in (urls.FORWARD_PLAN_JSON, urls.FORWARD_PLAN_CSV, urls.FORWARD_PLAN_FEED, urls.FORWARD_PLAN_CALENDAR):
        assert path in hrefs, path
    sitemap = (site / urls.SITEMAP_XML).read_text(encoding="utf-8")
    for path in (urls.FORWARD_PLAN, urls.forward_plan_month(2026, 9), f"{urls.FORWARD_PLAN}{SECRET}/"):
        assert f"{path}</loc>" in sitemap, path


# ---- feed, calendar, data ------------------------------------------------------------


def test_the_atom_feed_has_every_entry_with_a_stable_id(site, tmp_path) -> None:
    feed = feedparser.parse((site / urls.FORWARD_PLAN_FEED).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    titles = [e.title for e in feed.entries]
    assert len(titles) == 10
    assert titles[:2] == ["Council tax reduction scheme 2027–28 (expected February 2027)",  # newest first published
                          "Household waste and recycling collections (expected 12 January 2027)"]
    assert "Council tax reduction scheme 2027–28 (expected February 2027)" in titles
    assert all(e.id.startswith("urn:uuid:") for e in feed.entries) and len({e.id for e in feed.entries}) == 10
    gritting = next(e for e in feed.entries if e.title.startswith("Winter gritting"))
    assert "General exception (regulation 10)" in gritting.content[0].value
    assert gritting.link.endswith("/forward-plan/2026-047-winter-gritting-routes/")


def test_the_calendar_has_an_all_day_event_for_each_entry_with_a_day(site) -> None:
    calendar = icalendar.Calendar.from_ical((site / urls.FORWARD_PLAN_CALENDAR).read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 9  # ten entries, one known only to its month
    assert not any("Council tax reduction scheme" in summary for summary in events)
    depot = events["Key decision: Former Carlisle Road depot, Manningham: disposal"]
    assert depot.decoded("dtstart") == dt.date(2026, 10, 13) and depot.decoded("dtend") == dt.date(2026, 10, 14)
    assert events["Key decision: Household waste recycling centre opening hours"]["status"] == "CANCELLED"
    assert len({str(e["uid"]) for e in events.values()}) == 9


def test_the_json_and_csv_give_every_entry_by_its_id(site) -> None:
    data = json.loads((site / urls.FORWARD_PLAN_JSON).read_text(encoding="utf-8"))["forward_plan"]
    by_id = {e["id"]: e for e in data}
    assert len(by_id) == 10 and WITHDRAWN in by_id and SECRET in by_id
    assert by_id["2027-006-council-tax-reduction-scheme"]["expected"] == "2027-02"
    assert by_id["2027-006-council-tax-reduction-scheme"]["expected_month_only"] is True
    assert by_id["2026-047-winter-gritting-routes"]["urgency"] == "general-exception"
    assert by_id["2026-047-winter-gritting-routes"]["clear_days"] == 13
    assert by_id[WITHDRAWN]["status"] == "withdrawn"
    assert by_id[SECRET]["exempt"]["paragraphs"] == [1, 3]
    assert not {"body_html", "consultees", "documents"} & set(by_id[SECRET])
    assert by_id["2026-027-former-carlisle-road-depot"]["decision_maker"]["kind"] == "committee"
    rows = list(csv.DictReader(io.StringIO((site / urls.FORWARD_PLAN_CSV).read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == [e["id"] for e in data]
    secret = next(r for r in rows if r["id"] == SECRET)
    assert secret["consultees"] == "" and secret["exempt"].startswith("To be decided in private: paragraphs 1 and 3")


def test_no_withheld_part_of_an_exempt_entry_is_in_any_output_file(site) -> None:
    planted = [canary("consultees"), canary("document-title"), canary("document-url").lower(), canary("body")]
    needles = [n.encode() for n in planted] + [n.lower().encode() for n in planted] + \
        [w.encode() for w in SAMPLE_WITHHELD]
    scanned, kinds = 0, set()
    for name, data in every_payload(site):
        scanned += 1
        kinds.add(Path(name.split("!")[0]).suffix)
        leaked = [n.decode() for n in needles if n in data]
        assert not leaked, f"{name} contains {leaked}"
    assert {".html", ".xml", ".json", ".ics", ".csv"} <= kinds, kinds
    assert scanned > 200


# ---- the model ------------------------------------------------------------------------


def test_an_exempt_entrys_withheld_parts_never_reach_the_model(planted) -> None:
    """Dropped when assembled, as an exempt item's are: no template or producer can show them."""
    model = load_site(planted, {"MINUTEBOOK_TODAY": TODAY.isoformat()})
    for entry_id in (SECRET, SAMPLE_EXEMPT):
        entry = model.forward_plan[entry_id]
        assert (entry.body_html, entry.consultees, entry.documents) == ("", None, [])
        assert entry.open_summary_html and entry.exempt is not None


def test_an_entry_leaves_the_current_plan_once_taken_and_past() -> None:
    sample = load_site(CONTENT, {"MINUTEBOOK_TODAY": TODAY.isoformat()})
    depot = sample.forward_plan["2026-027-former-carlisle-road-depot"]
    # the Executive's decision record names it (the decision records' assembly adds it)
    assert [record.id for record in depot.decisions] == ["executive/2026-10-13/05"]
    assert depot.state == "taken" and depot.state_label == "Decision taken"
    assert not depot.current(TODAY)
    assert depot.current(dt.date(2026, 10, 13))  # on the day itself it is still on the plan
    depot.decisions.clear()  # not yet taken: still on the current plan, though past
    assert depot.current(TODAY) and depot.state == "expected"


def test_a_changed_entry_is_shown_by_the_next_build(tmp_path) -> None:
    """A forward plan file is read like a registry: a change to it rebuilds the whole site, so
    the entry's page, its month, the current plan and the data all show it."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    before_the_decisions(content)  # the library's decision would take the entry off the current plan
    overrides = {"MINUTEBOOK_TODAY": TODAY.isoformat(), "MINUTEBOOK_SEARCH": False}
    output = build_site(SETTINGS, content, tmp_path / "output", overrides)
    entry = content / "forward-plan/2026-044-library-opening-hours.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("title: Library opening hours",
                                                               "title: Library opening hours from 2027"),
                     encoding="utf-8")
    build_site(SETTINGS, content, output, overrides)
    for path in (f"{urls.FORWARD_PLAN}2026-044-library-opening-hours/", urls.forward_plan_month(2026, 11),
                 urls.FORWARD_PLAN):
        assert "Library opening hours from 2027" in main_text(output, path), path
    assert "Library opening hours from 2027" in (output / urls.FORWARD_PLAN_CSV).read_text(encoding="utf-8")


def test_a_council_without_a_forward_plan_has_no_forward_plan_pages_files_or_links(tmp_path) -> None:
    """A council with a committee system publishes no forward plan: no empty page, file or link for one."""
    from minimal_tree import write_tree

    output = build_site(SETTINGS, write_tree(tmp_path / "content"), tmp_path / "output",
                        {"MINUTEBOOK_SEARCH": False})
    assert not (output / "forward-plan").exists()
    for path in (urls.FORWARD_PLAN_FEED, urls.FORWARD_PLAN_CALENDAR, urls.FORWARD_PLAN_JSON, urls.FORWARD_PLAN_CSV):
        assert not (output / path).exists(), path
    for page in (urls.HOME, urls.SITEMAP, urls.OPEN_DATA):
        assert "forward-plan" not in (output / urls.output_file(page)).read_text(encoding="utf-8"), page


def test_the_executives_page_links_the_forward_plan_and_other_committees_do_not(site) -> None:
    assert links(site, "committees/executive/")["Forward plan of key decisions"] == urls.FORWARD_PLAN
    assert "Forward plan of key decisions" not in links(site, "committees/council/")


def test_a_persons_page_lists_the_entries_they_are_to_decide_or_lead(site) -> None:
    found = links(site, "people/cllr-daniel-okafor/")
    assert found["Winter gritting routes 2026–27"] == f"{urls.FORWARD_PLAN}2026-047-winter-gritting-routes/"
    text = main_text(site, "people/cllr-daniel-okafor/")
    assert "Winter gritting routes 2026–27 – to decide, expected 20 November 2026" in text
    assert "Former Carlisle Road depot, Manningham: disposal – lead member, expected 13 October 2026" in text
    assert "On the forward plan" not in main_text(site, "people/cllr-peter-hollings/")
