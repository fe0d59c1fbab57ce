"""Attendance statistics (site/attendance.py): each member's meetings expected,
present, apologies and absent, per committee and in all, by municipal year, as
pages and as CSV. The sample figures are checked against a count by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from minutebook.content import urls
from minutebook.engine.pipeline import load_site
from minutebook.model.objects import AttendanceGroup, Attendee, Committee, Meeting, Person, Site
from minutebook.site.attendance import attendance_years
from minutebook.site.opendata import attendance_csv
from tests.support import CONTENT

YEAR = "2026 to 2027"


@pytest.fixture(scope="module")
def sample() -> Site:
    return load_site(CONTENT, {"MINUTEBOOK_MUNICIPAL_YEAR_START": 5})


def figures(site: Site, person: str, year: str = YEAR) -> dict[str, tuple[int, int, int, int, int]]:
    """A member's figures in a year, by committee id ("" for all committees):
    (expected, present, apologies, absent, percent)."""
    found = next(y for y in attendance_years(site) if y.name == year)
    member = next(m for m in found.members if m.person.id == person)
    rows = [(c.id, t) for c, t in member.committees] + [("", member.total)]
    return {c: (t.expected, t.present, t.apologies, t.absent, t.percent) for c, t in rows}


def test_a_members_figures_are_those_counted_by_hand(sample):
    # Councillor Ruth Sowden in 2026 to 2027, from content/meetings:
    # council 14 July apologies, 20 October present, 27 October apologies (12 January only scheduled);
    # Keighley Area 18 June apologies, 24 September present;
    # Regulatory and Appeals 15 October present, as a substitute for Councillor Stead.
    assert figures(sample, "cllr-ruth-sowden") == {
        "council": (3, 1, 2, 0, 33), "keighley-area": (2, 1, 1, 0, 50),
        "regulatory-appeals": (1, 1, 0, 0, 100), "": (6, 3, 3, 0, 50)}


def test_a_committees_table_is_counted_by_hand(sample):
    year = next(y for y in attendance_years(sample) if y.name == YEAR)
    table = next(t for t in year.committees if t.committee.id == "regulatory-appeals")
    rows = {p.id: (t.expected, t.present, t.apologies, t.absent) for p, t in table.rows}
    # present: Greenwood, Ambler, Aziz, Castleton; Sowden substituted for Stead, who sent apologies
    assert table.meetings == 1
    assert rows == {"cllr-philip-greenwood": (1, 1, 0, 0), "cllr-karen-ambler": (1, 1, 0, 0),
                    "cllr-bilal-aziz": (1, 1, 0, 0), "cllr-owen-castleton": (1, 1, 0, 0),
                    "cllr-ruth-sowden": (1, 1, 0, 0), "cllr-graham-stead": (1, 0, 1, 0)}


def test_an_absent_member_and_one_attending_virtually(sample):
    # Councillor Dyson: council 14 July absent, 20 October present, 27 October apologies;
    # Keighley Area 18 June present, 24 September attending virtually (not present)
    assert figures(sample, "cllr-martin-dyson") == {
        "council": (3, 1, 1, 1, 33), "keighley-area": (2, 1, 0, 0, 50), "": (5, 2, 1, 1, 40)}


def test_counting_remote_attendance_as_present_changes_the_figures():
    site = load_site(CONTENT, {"MINUTEBOOK_REMOTE_COUNTS_AS_PRESENT": True})
    assert figures(site, "cllr-martin-dyson")["keighley-area"] == (2, 2, 0, 0, 100)
    assert figures(site, "cllr-philip-greenwood")["council"] == (3, 3, 0, 0, 100)


def test_the_csv_reads_back_with_the_same_figures(sample):
    rows = list(csv.DictReader(io.StringIO(attendance_csv(sample).decode("utf-8"))))
    mine = {r["committee_id"]: r for r in rows if r["person_id"] == "cllr-ruth-sowden" and r["municipal_year"] == YEAR}
    assert mine[""]["committee"] == "" and mine[""]["expected"] == "6" and mine[""]["present_percent"] == "50"
    assert (mine["council"]["present"], mine["council"]["apologies"], mine["council"]["absent"]) == ("1", "2", "0")
    assert all(int(r["present"]) + int(r["apologies"]) + int(r["absent"]) <= int(r["expected"]) for r in rows)


# ---- properties, on meetings made up ---------------------------------------------

PEOPLE = [Person(f"p{n}", f"Person {n}", "councillor") for n in range(5)]
GROUPS = ["present", "substitutes", "attending_virtually", "apologies", "absent", "also_present", "in_attendance"]
STATUSES = ["scheduled", "agenda-published", "cancelled", "draft-minutes", "approved-minutes", "minutes"]


@st.composite
def meetings(draw) -> Site:
    committee = Committee("c", "Committee", "committee")
    site = Site({"c": committee}, {p.id: p for p in PEOPLE}, {}, {}, [], dt.date(2026, 1, 1),
                settings={"MINUTEBOOK_REMOTE_COUNTS_AS_PRESENT": draw(st.booleans())})
    for n in range(draw(st.integers(0, 6))):
        groups: dict[str, list[Attendee]] = {}
        for person in draw(st.lists(st.sampled_from(PEOPLE), unique=True)):
            key = draw(st.sampled_from(GROUPS))
            replaced = draw(st.sampled_from([None, *PEOPLE])) if key == "substitutes" else None
            groups.setdefault(key, []).append(Attendee(person, person.name, substitute_for=replaced))
        meeting = Meeting(f"c/2025-06-{n + 1:02d}", f"2025-06-{n + 1:02d}", committee, dt.date(2025, 6, n + 1),
                          None, None, draw(st.sampled_from(STATUSES)), "Committee", "", "2025 to 2026",
                          attendance=[AttendanceGroup(k, k, v) for k, v in groups.items()])
        site.meetings.append(meeting)
    return site


@given(meetings())
def test_the_figures_always_add_up(site):
    held = sum(m.has_minutes for m in site.meetings)
    for year in attendance_years(site):
        for member in year.members:
            for tally in [t for _, t in member.committees] + [member.total]:
                assert tally.present + tally.apologies + tally.absent + tally.remote == tally.expected
                assert 0 <= tally.percent <= 100
                assert tally.expected <= held


@given(meetings())
def test_a_meeting_not_held_never_counts(site):
    before = {m.person.id: m.total.expected for y in attendance_years(site) for m in y.members}
    for meeting in site.meetings:
        if not meeting.has_minutes:
            meeting.attendance = [AttendanceGroup("present", "Present", [Attendee(p, p.name) for p in PEOPLE])]
    after = {m.person.id: m.total.expected for y in attendance_years(site) for m in y.members}
    assert after == before


# ---- the pages ----------------------------------------------------------------------------


def page(built: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((built / urls.output_file(path)).read_text(encoding="utf-8"), "html.parser")


def test_the_years_page_shows_a_table_per_committee_and_per_member(built_site):
    html = page(built_site, urls.attendance_in_municipal_year(2026))
    captions = [c.get_text(" ", strip=True) for c in html.select("caption")]
    assert any(c.endswith(": 1 meeting held") for c in captions)  # Regulatory and Appeals
    assert "Councillor Ruth Sowden: all committees, 3 of 6 present" in captions
    table = next(c.find_parent("table") for c in html.select("caption")
                 if c.get_text().startswith("Councillor Ruth Sowden"))
    council = next(r for r in table.select("tbody tr") if "Council" == r.th.get_text(strip=True))
    assert council.select("svg[aria-hidden=true]") and "33%" in council.get_text()


def test_a_person_page_links_to_their_attendance(built_site):
    html = page(built_site, "people/cllr-ruth-sowden/")
    links = [a["href"] for a in html.select("#attendance-statistics ~ ul a")]
    assert any("attendance/2026-to-2027/" in href for href in links)
    for index in (urls.PEOPLE, urls.COMMITTEES):
        assert any("attendance/" in a["href"] for a in page(built_site, index).select("main a"))
    assert (built_site / urls.ATTENDANCE_CSV).exists()
