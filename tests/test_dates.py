"""Long dates as GOV.UK writes them: "Tuesday 5 March 2024", the weekday and
the month in full and the day without a leading zero."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from minutebook.content.dates import long_date
from tests.support import html_files

# Written out here, not taken from the formatting code or the locale, so the
# tests say what a reader should see.
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
EXECUTIVE = "committees/executive/2024-03-05/index.html"


def govuk(date: dt.date) -> str:
    return f"{WEEKDAYS[date.weekday()]} {date.day} {MONTHS[date.month - 1]} {date.year}"


@pytest.mark.parametrize(("date", "shown"), [
    (dt.date(2024, 3, 5), "Tuesday 5 March 2024"),
    (dt.date(2026, 12, 3), "Thursday 3 December 2026"),
    (dt.date(2024, 4, 9), "Tuesday 9 April 2024"),
    (dt.date(2026, 10, 20), "Tuesday 20 October 2026"),
    (dt.date(2027, 1, 12), "Tuesday 12 January 2027"),
    (dt.date(2026, 11, 1), "Sunday 1 November 2026"),
])
def test_long_date_is_written_as_govuk_writes_it(date, shown):
    assert long_date(date) == shown == govuk(date)


def long_dates_shown(page: Path) -> list[tuple[str, str]]:
    """Each <time> on the page that names a weekday: its date and its text."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [(t["datetime"], t.get_text()) for t in soup.find_all("time", datetime=True)
            if t.get_text().split(" ")[0] in WEEKDAYS]


def test_the_meeting_page_shows_its_date_in_full(built_site):
    shown = [text for date, text in long_dates_shown(built_site / EXECUTIVE) if date == "2024-03-05"]
    assert shown == ["Tuesday 5 March 2024"] * 2  # the heading and the summary's Date row


@pytest.mark.parametrize("page", ["committees/executive/index.html", "meetings/2024/index.html",
                                  "sitemap/index.html"])
def test_lists_of_meetings_show_each_date_in_full(built_site, page):
    assert ("2024-03-05", "Tuesday 5 March 2024") in long_dates_shown(built_site / page)
    assert ("2024-04-09", "Tuesday 9 April 2024") in long_dates_shown(built_site / page)


def test_every_long_date_on_the_site_is_written_as_govuk_writes_it(built_site):
    wrong, seen = [], 0
    for page in html_files(built_site):
        for date, text in long_dates_shown(page):
            seen += 1
            if text != govuk(dt.date.fromisoformat(date)):
                wrong.append(f"{page.relative_to(built_site)}: {text!r} for {date}")
    assert seen > 50
    assert wrong == []
