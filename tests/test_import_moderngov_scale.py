"""How long an import of a Modern.gov site of realistic size takes: a site
of a few hundred meetings, generated in Modern.gov's shape and served from a
real HTTP server on 127.0.0.1, imported cold (every answer asked for), then
again (all from the cache, nothing changed). Prints its figures; asserts no
time (the machine's load decides those), only that the import is whole.

    python -m pytest tests/test_import_moderngov_scale.py -m slow -s

MINUTEBOOK_IMPORT_BENCH_MEETINGS sets the number of meetings (default 300).
The figures of a run are recorded in docs/importing.md."""

from __future__ import annotations

import datetime as dt
import os
import time
from html import escape
from pathlib import Path

import pytest

from minutebook.commands.moderngov import ImportOptions, import_moderngov
from minutebook.engine.build import build_site
from tests.support import SETTINGS
from tests.test_import_moderngov import QUICK, serving, tree

HOST = "http://democracy.northam.example.gov.uk"  # the fixture server puts its own address for this
COMMITTEES = ("Cabinet", "Planning Committee", "Licensing Committee", "Overview and Scrutiny Committee",
              "Audit and Governance Committee", "Council")
MEMBERS = [(str(100 + n), f"Councillor {first} {last}") for n, (first, last) in enumerate(
    [("Zoë", "O’Brien"), ("Seán", "D'Arcy"), ("Amélie", "Núñez-Smith"), ("Tom", "Hughes"), ("Priya", "Patel"),
     ("Gráinne", "Walsh"), ("Ade", "Okafor"), ("Mei", "Chen"), ("Rhys", "Evans"), ("Hannah", "Fox"),
     ("Imran", "Shah"), ("Bethan", "Lloyd")])]
PDF = b"%PDF-1.4\n% a generated document\n%%EOF\n"


def _x(text: str) -> str:
    """Text as the web service sends HTML inside XML: escaped once more."""
    return escape(text, quote=False)


def _meeting_xml(meeting: int, day: dt.date, committee: int, minutes_before: int) -> str:
    items = []
    for number in range(1, 7):
        key = meeting * 10 + number
        exempt = number == 6
        documents = "" if exempt else (
            f"<linkeddocuments><linkeddoc><attachmentid>{key}</attachmentid><title>Report {number} – £{number}m "
            f"budget</title><isurl>False</isurl><url>{HOST}/mgConvert2PDF.aspx?ID={key}</url>"
            "<isrestricted>False</isrestricted></linkeddoc></linkeddocuments>")
        items.append(
            f"<agendaitem><agendaitemid>{key}</agendaitemid><agendaitemtitle>Item {number} of meeting {meeting}"
            f"</agendaitemtitle><agendatext>{_x(f'<p>The Director will report on matter {number} – £{number}m.</p>')}"
            f"</agendatext><agendaitemnumber>{number}</agendaitemnumber><agendaitemsubnumber></agendaitemsubnumber>"
            f"<minutesnonemptyhtmlbody>{_x(f'<p>Members discussed matter {number} at length.</p>')}"
            f"</minutesnonemptyhtmlbody><decisionnonemptyhtmlbody>"
            f"{_x('<p>RESOLVED – (1) That the report be noted. (2) That officers report back.</p>')}"
            f"</decisionnonemptyhtmlbody><declarationcount>0</declarationcount>"
            f"<isrestricted>{exempt}</isrestricted><restrictionsRef>{'Paragraph 3' if exempt else ''}"
            f"</restrictionsRef><minutesitemnumber>{minutes_before + number}</minutesitemnumber>{documents}"
            "</agendaitem>")
    attendees = "".join(
        f'<attendee memberid="{member}" name="{escape(name)}" roledescription="{"Chair" if n == 0 else "Member"}"'
        f' attendance="{"Apologies" if n == 4 else "Present, as expected"}"></attendee>'
        for n, (member, name) in enumerate(MEMBERS[committee % 4: committee % 4 + 6]))
    return (f'<?xml version="1.0" encoding="utf-8"?><meeting><meetingid>{meeting}</meetingid>'
            f"<meetingdate>{day:%d/%m/%Y}</meetingdate><meetingstatus>Confirmed</meetingstatus>"
            "<meetingtime>6.00 pm</meetingtime><meetingactualstarttime>6.00 pm</meetingactualstarttime>"
            "<meetingactualfinishtime>8.10 pm</meetingactualfinishtime>"
            "<meetinglocation>Council Chamber, Town Hall, Northam</meetinglocation><iswebcast>False</iswebcast>"
            "<agendapublished>True</agendapublished><decisionpublished>True</decisionpublished>"
            f"<minutepublished>True</minutepublished><agendaitems>{''.join(items)}</agendaitems>"
            f"<attendees>{attendees}</attendees></meeting>")


def _meeting_page(meeting: int, committee: int) -> str:
    rows = "".join(
        f'<tr><td><p class="mgAiTitleTxt">{number}.</p></td><td><p class="mgAiTitleTxt">'
        f'<a href="mgAi.aspx?ID={meeting * 10 + number}">Item {number}</a></p>'
        + (f'<ul><li><a href="mgIssueHistoryHome.aspx?IId={committee * 100 + number}">View the background to item '
           f"{number}.</a></li></ul>" if number == 3 else "") + "</td></tr>"
        for number in range(1, 7))
    return (f"<!DOCTYPE html><html><head><title>Meeting {meeting}</title></head><body><div id='modgov'>"
            f"<table class='mgItemTable'>{rows}</table></div></body></html>")


def generate(folder: Path, meetings: int) -> int:
    """A Modern.gov site of ``meetings`` meetings across the committees,
    monthly from January 2015; the number of files written."""
    (folder / "documents").mkdir(parents=True)
    files: dict[str, str | bytes] = {}
    files["GetCommittees.xml"] = '<?xml version="1.0"?><committees>' + "".join(
        f"<committee><committeeid>{300 + n}</committeeid><committeetitle>{title}</committeetitle>"
        "<committeeexpired>False</committeeexpired><committeedeleted>False</committeedeleted>"
        f"<committeecategory></committeecategory></committee>" for n, title in enumerate(COMMITTEES)) + "</committees>"
    files["GetCouncillorsByWard.xml"] = '<?xml version="1.0"?><councillorsbyward><wards>' + "".join(
        f"<ward><wardtitle>Ward {n // 2 + 1}</wardtitle><councillors><councillor><councillorid>{member}"
        f"</councillorid><fullusername>{escape(name)}</fullusername><politicalpartytitle>"
        f"{('Labour', 'Conservative', 'Green Party')[n % 3]}</politicalpartytitle></councillor></councillors></ward>"
        for n, (member, name) in enumerate(MEMBERS)) + "</wards></councillorsbyward>"
    listed: dict[int, list[str]] = {n: [] for n in range(len(COMMITTEES))}
    for number in range(meetings):
        committee, meeting = number % len(COMMITTEES), 20000 + number
        day = dt.date(2015, 1, 7) + dt.timedelta(days=7 * number)
        listed[committee].append(f"<meeting><meetingid>{meeting}</meetingid><meetingdate>{day:%d/%m/%Y}</meetingdate>"
                                 "<meetingstatus>Confirmed</meetingstatus><meetingtime>6.00 pm</meetingtime></meeting>")
        files[f"GetMeeting_{meeting}.xml"] = _meeting_xml(meeting, day, committee, 6 * len(listed[committee]))
        files[f"ieListDocuments_CId{300 + committee}_MId{meeting}.html"] = _meeting_page(meeting, committee)
        for item in range(1, 6):
            files[f"documents/{meeting * 10 + item}.pdf"] = PDF
    for committee, entries in listed.items():
        files[f"GetMeetings_{300 + committee}.xml"] = (
            f'<?xml version="1.0"?><getmeetings><committee><committeeid>{300 + committee}</committeeid>'
            f"<committeemeetings>{''.join(entries)}</committeemeetings></committee></getmeetings>")
        files[f"mgCommitteeDetails_ID{300 + committee}.html"] = (
            "<!DOCTYPE html><html><body><ul>" + "".join(
                f'<li><a href="mgUserInfo.aspx?UID={member}">{escape(name)}</a>{" (Chair)" if n == 0 else ""}</li>'
                for n, (member, name) in enumerate(MEMBERS[committee % 4: committee % 4 + 6])) + "</ul></body></html>")
        for number in range(1, 7):
            files[f"mgIssueHistoryHome_IId{committee * 100 + number}.html"] = (
                "<!DOCTYPE html><html><body><h1 class='mgMainTitleTxt'>Issue - items at meetings - "
                f"{COMMITTEES[committee]}: standing matter {number}</h1></body></html>")
    for name, data in files.items():
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return len(files)


@pytest.mark.slow
def test_import_of_a_site_of_hundreds_of_meetings(tmp_path):
    meetings = int(os.environ.get("MINUTEBOOK_IMPORT_BENCH_MEETINGS", "300"))
    generated = generate(tmp_path / "site", meetings)
    for site in serving(tmp_path / "site"):
        options = ImportOptions(site.url, tmp_path / "content", politeness=QUICK, cache=tmp_path / "cache")
        began = time.perf_counter()
        report = import_moderngov(options)
        cold = time.perf_counter() - began
        asked = len(site.requests)
        assert report.ok, report.text()
        before = tree(tmp_path / "content")
        began = time.perf_counter()
        again = import_moderngov(options)
        warm = time.perf_counter() - began
        assert tree(tmp_path / "content") == before and len(site.requests) == asked and again.ok
        began = time.perf_counter()
        build_site(SETTINGS, tmp_path / "content", tmp_path / "output")
        built = time.perf_counter() - began
        break
    files = sum(1 for path in (tmp_path / "content").rglob("*") if path.is_file())
    print(f"\nModern.gov import of a generated site ({generated} answers and pages served on 127.0.0.1, delay 0):"
          f"\n  {report.counts['meetings']} meetings, {report.counts['items']} items, {report.counts['documents']} "
          f"documents, {report.counts['subjects']} subjects; {files} files written; {asked} requests"
          f"\n  first import (every answer asked for, and the check): {cold:.1f} s "
          f"({1000 * cold / report.counts['meetings']:.0f} ms a meeting)"
          f"\n  second import (all from the cache, no byte changed): {warm:.1f} s"
          f"\n  build of the imported site: {built:.1f} s")
    assert report.counts["meetings"] == meetings and report.counts["exempt items"] == meetings
