"""Facts old minutes do not give: "not recorded" for the start and the venue,
approval elsewhere or not recorded, ``status: minutes``, and meetings known only
to their month (folders named ``YYYY-MM``).

The check's messages are tested on the small tree of ``minimal_tree`` (file,
line, field and what to write); what is published is read back from the
sample site as built (``built_site``), with BeautifulSoup, icalendar,
json/jsonschema and csv.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import icalendar
import jsonschema
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from minimal_tree import FILES, ITEM_1, MEETING, mistakes, replace, write_tree

from minutebook.content import schema
from minutebook.content.dates import MonthDate, folder_date, long_date, municipal_year, short_date
from minutebook.content.errors import ContentErrors
from minutebook.content.load import MEETING_DIR, read_tree
from minutebook.content.validate import check
from minutebook.engine.pipeline import check_content

MEETING_MD = f"{MEETING}/meeting.md"
MONTH = "meetings/executive/2019-03"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "content")


def only_mistake(root: Path):
    errors = mistakes(root)
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def month_meeting(root: Path, front: str = "status: minutes\nstart: not recorded\nvenue: not recorded\n",
                  folder: str = MONTH) -> Path:
    """Another meeting of the executive, in a folder named after a month."""
    path = root / folder / "meeting.md"
    path.parent.mkdir(parents=True)
    path.write_text(f"---\n{front}---\n", encoding="utf-8")
    return path


# ---- the check: what it accepts ---------------------------------------------------------


def test_not_recorded_is_accepted_for_start_venue_and_approval(tree: Path) -> None:
    replace(MEETING_MD, "status: draft-minutes\nstart: 10:30\nend: 12:15\nvenue: Committee Room 1, City Hall\n",
            "status: approved-minutes\nstart: Not Recorded\nvenue:  not recorded\napproved_at: not recorded\n")(tree)
    [meeting] = check_content(tree).meetings
    assert (meeting.front.start, meeting.front.venue) == (schema.NOT_RECORDED, schema.NOT_RECORDED)
    assert meeting.front.approved_at.not_recorded


def test_an_end_without_a_recorded_start_is_accepted(tree: Path) -> None:
    replace(MEETING_MD, "start: 10:30", "start: not recorded")(tree)
    [meeting] = check_content(tree).meetings
    assert meeting.front.end == dt.time(12, 15)


def test_status_minutes_may_carry_minutes(tree: Path) -> None:
    replace(MEETING_MD, "status: draft-minutes", "status: minutes")(tree)
    [meeting] = check_content(tree).meetings
    assert [bool(i.sections.get("Minutes")) for i in meeting.items] == [True, True]


def test_approval_elsewhere_is_accepted(tree: Path) -> None:
    replace(MEETING_MD, "status: draft-minutes",
            'status: approved-minutes\napproved_at:\n  elsewhere: "Executive, 9 April 2024"')(tree)
    [meeting] = check_content(tree).meetings
    assert meeting.front.approved_at.elsewhere == "Executive, 9 April 2024"


def test_a_month_only_meeting_is_read_sorted_and_numbered_in_its_municipal_year(tree: Path) -> None:
    # March 2024 is in 2023 to 2024, the year of minute 70 on 5 March 2024; the month-only
    # meeting comes first in March, so the later meeting's minute 70 is the one reported
    month_meeting(tree, folder="meetings/executive/2024-03")
    (tree / "meetings/executive/2024-03/01-budget.md").write_text(
        "---\ntitle: Budget\nminute: 70\n---\n", encoding="utf-8")
    error = only_mistake(tree)
    assert (error.path, error.line, error.field) == (ITEM_1, 3, "minute")
    assert "already used by meetings/executive/2024-03/01-budget.md in the municipal year 2023 to 2024" \
        in error.message
    replace("meetings/executive/2024-03/01-budget.md", "minute: 70", "minute: 60")(tree)
    checked = check_content(tree)
    assert [m.raw.folder for m in checked.meetings] == ["2024-03", "2024-03-05"]  # first in its month
    assert isinstance(checked.meetings[0].date, MonthDate)


def test_a_meeting_of_the_same_month_may_approve_a_month_only_meeting(tree: Path) -> None:
    month_meeting(tree, "status: approved-minutes\nstart: not recorded\nvenue: not recorded\n"
                  "approved_at: executive/2024-03-05\n", folder="meetings/executive/2024-03")
    assert len(check_content(tree).meetings) == 2


# ---- the check: what it reports --------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "line", "field"), [
    ("start: 10:30", "start: not recored", 3, "start"),
    ("start: 10:30", "start: unknown", 3, "start"),
    ("venue: Committee Room 1, City Hall", "venue: not recored", 5, "venue"),
    ("venue: Committee Room 1, City Hall", "venue: Unknown", 5, "venue"),
    ("venue: Committee Room 1, City Hall", "venue: n/a", 5, "venue"),
])
def test_typos_of_not_recorded_are_caught_with_what_to_write(tree: Path, old: str, new: str,
                                                              line: int, field: str) -> None:
    replace(MEETING_MD, old, new)(tree)
    error = only_mistake(tree)
    assert (error.path, error.line, error.field) == (MEETING_MD, line, field)
    assert "write 'not recorded'" in error.message
    assert str(error).startswith(f"{MEETING_MD}:{line}: {field}: '")


def test_a_start_that_is_not_a_time_says_not_recorded_is_possible(tree: Path) -> None:
    replace(MEETING_MD, "start: 10:30", "start: about seven")(tree)
    error = only_mistake(tree)
    assert (error.line, error.field) == (3, "start")
    assert "for example 10:30 or 14:00, or 'not recorded' if the minutes do not give it" in error.message


def test_an_approval_typo_is_caught(tree: Path) -> None:
    replace(MEETING_MD, "status: draft-minutes", "status: approved-minutes\napproved_at: not recored")(tree)
    error = only_mistake(tree)
    assert (error.path, error.line, error.field) == (MEETING_MD, 3, "approved_at")
    assert "write 'not recorded'" in error.message


def test_approved_minutes_without_approval_name_every_way_to_say_it(tree: Path) -> None:
    replace(MEETING_MD, "status: draft-minutes", "status: approved-minutes")(tree)
    error = only_mistake(tree)
    assert (error.line, error.field) == (2, "approved_at")
    assert "'approved_at: not recorded'" in error.message and "'status: minutes'" in error.message


@pytest.mark.parametrize(("approval", "line", "field", "says"), [
    ('approved_at:\n  meeting: executive/2024-04-09\n  elsewhere: "Executive, 9 April 2024"',
     5, "approved_at.elsewhere", "not both"),
    ("approved_at:\n  minute: 5", 4, "approved_at.minute", "add 'meeting:'"),
    ("approved_at: {}", 3, "approved_at", "write 'approved_at: not recorded'"),
])
def test_an_approval_says_one_place(tree: Path, approval: str, line: int, field: str, says: str) -> None:
    replace(MEETING_MD, "status: draft-minutes", f"status: approved-minutes\n{approval}")(tree)
    error = mistakes(tree)[0]
    assert (error.path, error.line, error.field) == (MEETING_MD, line, field), str(error)
    assert says in error.message


def test_a_status_typo_suggests_minutes(tree: Path) -> None:
    replace(MEETING_MD, "status: draft-minutes", "status: minuts")(tree)
    error = only_mistake(tree)
    assert (error.line, error.field) == (2, "status")
    assert "did you mean 'minutes'?" in error.message


@pytest.mark.parametrize(("folder", "says"), [
    ("2019-13", "2019-13 is not a real date: rename the folder to the meeting's date as YYYY-MM-DD, "
                "or to its month as YYYY-MM"),
    ("2019-3", "name it after the meeting's date as YYYY-MM-DD, for example 2024-03-05, or as "
               "YYYY-MM, for example 2019-03, when the minutes give only the month"),
    ("1850-03", "outside the dates Minute Book publishes"),
])
def test_a_bad_month_folder_is_reported(tree: Path, folder: str, says: str) -> None:
    month_meeting(tree, folder=f"meetings/executive/{folder}")
    error = only_mistake(tree)
    assert error.path == f"meetings/executive/{folder}" and error.line == 1
    assert says in error.message


def test_minutes_of_a_month_only_meeting_not_yet_held_are_refused(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "content")
    month_meeting(root, folder="meetings/executive/2024-06")
    with pytest.raises(ContentErrors) as caught:
        check(read_tree(root), today=dt.date(2024, 5, 20))
    [error] = caught.value.errors
    assert (error.path, error.line, error.field) == ("meetings/executive/2024-06/meeting.md", 2, "status")
    assert "June 2024, after today" in error.message
    check(read_tree(root), today=dt.date(2024, 6, 1))  # held by the end of June: accepted from its first day


def test_an_approving_meeting_in_an_earlier_month_is_refused(tree: Path) -> None:
    month_meeting(tree, "status: approved-minutes\nstart: not recorded\nvenue: not recorded\n"
                  "approved_at: executive/2024-03-05\n", folder="meetings/executive/2024-04")
    error = only_mistake(tree)
    assert (error.path, error.line, error.field) == ("meetings/executive/2024-04/meeting.md", 5, "approved_at.meeting")
    assert "is not later than this one (April 2024)" in error.message


# ---- the readers, for any input ----------------------------------------------------------


def _spellings(draw_case: list[bool], gaps: list[str]) -> str:
    letters = [c.upper() if up else c for c, up in zip("not", draw_case[:3], strict=True)]
    rest = [c.upper() if up else c for c, up in zip("recorded", draw_case[3:], strict=True)]
    return gaps[0] + "".join(letters) + gaps[1] + "".join(rest) + gaps[2]


@given(st.lists(st.booleans(), min_size=11, max_size=11),
       st.tuples(st.sampled_from(["", " ", "  "]), st.sampled_from([" ", "  ", "\t"]),
                 st.sampled_from(["", " "])))
def test_not_recorded_in_any_case_and_spacing_is_read_as_not_recorded(case: list[bool], gaps) -> None:
    written = _spellings(case, list(gaps))
    assert schema.not_recorded_or(written) == schema.NOT_RECORDED
    front = schema.MeetingFront(status="minutes", start=written, venue=written)
    assert schema.recorded(front.start) is None and schema.recorded(front.venue) is None


@given(st.text(min_size=1, max_size=40))
def test_a_venue_is_kept_as_written_or_refused_with_what_to_write(text: str) -> None:
    try:
        value = schema.not_recorded_or(text)
    except ValueError as exc:
        assert "write 'not recorded'" in str(exc)
        return
    if value == schema.NOT_RECORDED:
        assert " ".join(text.lower().split()) == schema.NOT_RECORDED
    else:
        assert value == text  # never changed, never taken for "not recorded"


@given(st.integers(0, 23), st.integers(0, 59))
def test_a_recorded_start_is_still_a_time(hours: int, minutes: int) -> None:
    front = schema.MeetingFront(status="minutes", start=f"{hours}:{minutes:02d}", venue="City Hall")
    assert front.start == dt.time(hours, minutes)


@given(st.dates(schema.EARLIEST, schema.LATEST))
def test_a_month_folder_is_that_month_everywhere(day: dt.date) -> None:
    name = f"{day:%Y-%m}"
    match = MEETING_DIR.match(name)
    assert match and match["month"] == name and match["date"] is None
    date = folder_date(name)
    assert isinstance(date, MonthDate) and (date.year, date.month, date.day) == (day.year, day.month, 1)
    assert long_date(date) == short_date(date) == f"{day:%B %Y}"
    assert date.isoformat() == name
    assert municipal_year(date) == municipal_year(day)
    # a day's folder is never read as a month with a suffix
    full = MEETING_DIR.match(day.isoformat())
    assert full["date"] == day.isoformat() and full["month"] is None
    assert long_date(day) != long_date(date)


@given(st.sampled_from(["meeting", "elsewhere", "not recorded", "meeting and elsewhere", "none"]),
       st.text(min_size=1, max_size=20).filter(lambda t: t.strip()))
def test_an_approval_is_exactly_one_of_three(shape: str, text: str) -> None:
    data: object = {"meeting": {"meeting": text}, "elsewhere": {"elsewhere": text},
                    "not recorded": "not recorded", "meeting and elsewhere": {"meeting": text, "elsewhere": text},
                    "none": {}}[shape]
    try:
        front = schema.MeetingFront(status="approved-minutes", start="10:00", venue="x", approved_at=data)
    except ValueError:
        assert shape in ("meeting and elsewhere", "none")
        return
    ref = front.approved_at
    assert shape not in ("meeting and elsewhere", "none")
    assert [bool(ref.meeting), bool(ref.elsewhere), ref.not_recorded].count(True) == 1


# ---- what is published ------------------------------------------------------------------


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def summary(soup: BeautifulSoup) -> dict[str, str]:
    return {row.dt.get_text(" ", strip=True): row.dd.get_text(" ", strip=True)
            for row in soup.select(".summary-list__row")}


def test_a_month_only_meeting_page_says_the_month_and_not_recorded(built_site: Path) -> None:
    soup = page(built_site, "committees/council/2019-03/")
    assert soup.h1.get_text(" ", strip=True) == "Council, March 2019"
    assert soup.h1.time["datetime"] == "2019-03"
    rows = summary(soup)
    assert rows["Date"] == "March 2019 (the day is not recorded)"
    assert rows["Time"] == "Not recorded" and rows["Venue"] == "Not recorded"
    assert rows["Status"] == "Minutes (approval not recorded)"
    assert rows["Municipal year"] == "2018 to 2019"
    text = soup.get_text(" ", strip=True)
    assert "Draft minutes" not in text and "not yet approved" not in text
    assert soup.title.get_text().startswith("Council, March 2019")


def test_a_month_only_meeting_is_listed_by_its_month(built_site: Path) -> None:
    year = page(built_site, "meetings/2019/").get_text(" ", strip=True)
    assert "March 2019" in year and "Tuesday 12 March 2019" in year
    assert year.index("Thursday 21 February 2019") < year.index("March 2019 ") < year.index("Tuesday 12 March 2019")
    committee = page(built_site, "committees/council/").get_text(" ", strip=True)
    assert "March 2019" in committee
    item = page(built_site, "committees/council/2019-03/revenue-budget-and-council-tax/")
    assert summary(item)["Meeting"] == "Council, March 2019"


def test_approval_elsewhere_and_not_recorded_are_said_plainly(built_site: Path) -> None:
    elsewhere = summary(page(built_site, "committees/executive/2019-03-12/"))
    assert elsewhere["Status"] == ("Approved minutes Approved at Executive, 9 April 2019 "
                                   "(a meeting not published on this site)")
    not_recorded = summary(page(built_site, "committees/keighley-area/2019-02-21/"))
    assert not_recorded["Status"] == "Approved minutes Where and when they were approved: not recorded"
    assert not_recorded["Time"] == "Not recorded" and not_recorded["Venue"] == "Not recorded"
    assert not_recorded["Date"] == "Thursday 21 February 2019"


def test_calendars_give_an_all_day_event_and_leave_out_a_month(built_site: Path) -> None:
    cal = icalendar.Calendar.from_ical((built_site / "calendars/all-meetings.ics").read_bytes())
    events = {str(e["url"]).split("/committees/")[1]: e for e in cal.walk("VEVENT")}
    day = events["keighley-area/2019-02-21/"]
    assert day.decoded("dtstart") == dt.date(2019, 2, 21)  # a date, not a date-time: all day
    assert day.decoded("dtend") == dt.date(2019, 2, 22)
    assert "location" not in day
    assert "council/2019-03/" not in events
    council = icalendar.Calendar.from_ical((built_site / "calendars/committees/council.ics").read_bytes())
    assert not [e for e in council.walk("VEVENT") if "2019-03/" in str(e["url"])]
    timed = events["executive/2019-03-12/"].decoded("dtstart")
    assert isinstance(timed, dt.datetime) and timed.hour == 10


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    from importlib import resources
    meeting_schema = json.loads(resources.files("minutebook.site").joinpath("meeting.schema.json").read_text())
    return jsonschema.Draft202012Validator(meeting_schema, format_checker=jsonschema.FormatChecker())


def data(site: Path, key: str) -> dict:
    return json.loads((site / f"data/meetings/{key}.json").read_text(encoding="utf-8"))


def test_json_gives_null_for_what_is_not_recorded(built_site: Path, validator) -> None:
    month = data(built_site, "council/2019-03")
    assert not list(validator.iter_errors(month))
    assert month["start_date"] == "2019-03" and month["all_day"] is True and month["end_date"] == ""
    assert month["location"]["name"] is None
    assert month["name"] == "Council, March 2019"
    extras = month["extras"]
    assert (extras["start_time"], extras["venue"], extras["date_precision"]) == (None, None, "month")
    assert extras["minutebook_status"] == "minutes" and extras["approval_recorded"] is None

    day = data(built_site, "keighley-area/2019-02-21")
    assert not list(validator.iter_errors(day))
    assert day["start_date"] == "2019-02-21" and day["all_day"] is True
    assert day["extras"]["approval_recorded"] is False and day["extras"]["approved_at"] is None

    elsewhere = data(built_site, "executive/2019-03-12")
    assert not list(validator.iter_errors(elsewhere))
    assert elsewhere["extras"]["approved_elsewhere"] == "Executive, 9 April 2019"
    assert elsewhere["extras"]["start_time"] == "10:30" and elsewhere["all_day"] is False
    assert dt.datetime.fromisoformat(elsewhere["start_date"]).hour == 10

    index = {m["url"].split("/committees/")[1]: m
             for m in json.loads((built_site / "data/meetings.json").read_text())["meetings"]}
    assert index["council/2019-03/"]["start_date"] == "2019-03"
    assert index["council/2019-03/"]["name"] == "Council, March 2019"


def test_the_json_schema_refuses_an_invented_venue_type(built_site: Path, validator) -> None:
    month = data(built_site, "council/2019-03")
    month["location"]["name"] = ""  # an empty venue is not "not recorded"
    assert list(validator.iter_errors(month))
    month["start_date"] = "March 2019"
    assert any("start_date" in list(e.path) for e in validator.iter_errors(month))


def test_the_decisions_csv_dates_a_month_only_meeting_by_its_month(built_site: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built_site / "data/decisions.csv").read_text(encoding="utf-8"))))
    [budget] = [r for r in rows if r["title"] == "Revenue budget and council tax 2019-20"]
    assert budget["date"] == "2019-03"


def test_feeds_and_json_ld_invent_no_time_or_place(built_site: Path) -> None:
    feed = (built_site / "feeds/committees/council.atom.xml").read_text(encoding="utf-8")
    assert "Minutes: Council, March 2019" in feed
    assert "March 2019 (time not recorded), venue not recorded" in feed
    soup = page(built_site, "committees/keighley-area/2019-02-21/")
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert ld["startDate"] == "2019-02-21" and "location" not in ld


def test_the_month_only_meeting_is_in_the_sitemap(built_site: Path) -> None:
    assert "/committees/council/2019-03/</loc>" in (built_site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_build_of_not_recorded_content_passes(tmp_path: Path) -> None:
    """The small tree with everything not recorded: the check passes, so the build must."""
    from minutebook.engine.build import build_site
    from tests.support import SETTINGS

    root = write_tree(tmp_path / "content")
    replace(MEETING_MD, "status: draft-minutes\nstart: 10:30\nend: 12:15\nvenue: Committee Room 1, City Hall\n",
            "status: minutes\nstart: not recorded\nvenue: not recorded\n")(root)
    shutil.move(root / MEETING, root / "meetings/executive/2024-03")
    output = tmp_path / "output"
    build_site(SETTINGS, root, output)
    soup = page(output, "committees/executive/2024-03/")
    assert summary(soup)["Date"] == "March 2024 (the day is not recorded)"
    assert (output / "committees/executive/2024-03/apologies/index.html").is_file()
    assert ITEM_1 in FILES  # the tree the build read is the minimal one


@given(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)), st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)))
def test_a_month_is_over_only_when_the_whole_month_is(day: dt.date, today: dt.date) -> None:
    from minutebook.content.dates import ended_before

    month = MonthDate(day.year, day.month)
    assert ended_before(month, today) == ((day.year, day.month) < (today.year, today.month))
    assert ended_before(day, today) == (day < today)


def test_a_month_only_meeting_in_this_month_is_still_upcoming(tmp_path: Path) -> None:
    from minutebook.model.assemble import assemble

    root = write_tree(tmp_path / "content")
    month_meeting(root, "status: scheduled\nstart: not recorded\nvenue: not recorded\n",
                  folder="meetings/executive/2024-06")
    checked = check(read_tree(root), today=dt.date(2024, 5, 1))
    for today, upcoming in ((dt.date(2024, 6, 20), ["executive/2024-06"]), (dt.date(2024, 7, 1), [])):
        site = assemble(checked, today)
        assert [m.key for m in site.upcoming] == upcoming


def test_a_new_meeting_after_old_ones_invents_nothing_from_them(tmp_path: Path) -> None:
    """``invoke new-meeting`` copies the last meeting's start and venue: never
    "not recorded", and a month-only meeting is never "the previous meeting"."""
    from minutebook.commands.scaffold import new_meeting

    root = write_tree(tmp_path / "content")
    replace(MEETING_MD, "start: 10:30", "start: not recorded")(root)
    month_meeting(root, folder="meetings/executive/2024-05")  # later than 5 March, known only to its month
    folder = new_meeting(root, "executive", "2024-06-11")
    text = (folder / "meeting.md").read_text(encoding="utf-8")
    assert "not recorded" not in text
    assert "start: 10:00" in text and "venue: Committee Room 1, City Hall" in text
    minutes = (folder / "03-minutes-of-the-previous-meeting.md").read_text(encoding="utf-8")
    assert "held on 5 March 2024" in minutes
    check_content(root)
