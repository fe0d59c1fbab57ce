"""iCalendar files, read back with the icalendar package as a calendar app would."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
from bs4 import BeautifulSoup

from tests.discovery.sample import CANCELLED, SCRUTINY, SCRUTINY_NAME

LONDON = ZoneInfo("Europe/London")


def calendar(site, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / path).read_bytes())


def event_for(cal: icalendar.Calendar, meeting_key: str) -> icalendar.Event:
    """The event of a meeting, found by its page address."""
    found = [e for e in cal.walk("VEVENT") if str(e["url"]).endswith(f"/committees/{meeting_key}/")]
    assert len(found) == 1, [str(e["url"]) for e in cal.walk("VEVENT")]
    return found[0]


def test_all_meetings_calendar_has_every_meeting_once(discovery_site, sample_model):
    cal = calendar(discovery_site, "calendars/all-meetings.ics")
    events = cal.walk("VEVENT")
    # every meeting with a day: one known only to its month has none (calendars.in_calendar)
    assert len(events) == len([m for m in sample_model.meetings if not m.month_only])
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)


def test_times_are_local_with_a_london_vtimezone(discovery_site):
    cal = calendar(discovery_site, "calendars/committees/executive.ics")
    zones = cal.walk("VTIMEZONE")
    assert [str(z["tzid"]) for z in zones] == ["Europe/London"]
    seed = event_for(cal, "executive/2024-03-05")
    start = seed.decoded("dtstart")
    assert seed["dtstart"].params["TZID"] == "Europe/London"
    assert start == dt.datetime(2024, 3, 5, 10, 30, tzinfo=LONDON)
    assert seed.decoded("dtend") == dt.datetime(2024, 3, 5, 12, 15, tzinfo=LONDON)
    assert str(seed["location"]) == "Committee Room 1, City Hall, Bradford"
    assert str(seed["status"]) == "CONFIRMED"


def test_dtstamp_comes_from_the_content(discovery_site):
    cal = calendar(discovery_site, "calendars/committees/executive.ics")
    seed = event_for(cal, "executive/2024-03-05")
    # the minutes were approved at the Executive on 9 April 2024, 10:30am BST
    assert seed.decoded("dtstamp") == dt.datetime(2024, 4, 9, 9, 30, tzinfo=dt.UTC)


def test_cancelled_meeting_is_marked_cancelled(discovery_site):
    cal = calendar(discovery_site, f"calendars/committees/{SCRUTINY}.ics")
    cancelled = event_for(cal, CANCELLED)
    assert str(cancelled["status"]) == "CANCELLED"
    assert str(cancelled["summary"]).startswith("Cancelled")


def test_uids_are_the_same_in_every_calendar(discovery_site):
    everything = {str(e["url"]): str(e["uid"]) for e in
                  calendar(discovery_site, "calendars/all-meetings.ics").walk("VEVENT")}
    committee = {str(e["url"]): str(e["uid"]) for e in
                 calendar(discovery_site, f"calendars/committees/{SCRUTINY}.ics").walk("VEVENT")}
    assert committee and all(everything[url] == uid for url, uid in committee.items())


def test_committee_page_links_to_its_calendar_and_feed(discovery_site):
    page = discovery_site / "committees" / SCRUTINY / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    section = soup.find("section", class_="subscribe")
    assert section.find("h2").get_text() == "Subscribe"
    links = {a.get_text(): a["href"] for a in section.find_all("a")}
    ics = links[f"Meetings of the {SCRUTINY_NAME} (iCalendar)"]
    atom = links[f"Agendas and minutes of the {SCRUTINY_NAME} (Atom feed)"]
    assert (page.parent / ics).resolve().is_file()
    assert (page.parent / atom).resolve().is_file()
    assert icalendar.Calendar.from_ical((page.parent / ics).resolve().read_bytes()).walk("VEVENT")
