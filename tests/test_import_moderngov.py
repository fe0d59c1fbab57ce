"""``minutebook import moderngov``: our own fixture site served from a real
HTTP server on 127.0.0.1, and the real web-service answers in
../shared/moderngov-samples/ (read from there, never copied in)."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from minutebook.commands.cli import main
from minutebook.commands.moderngov import ImportOptions, import_moderngov, mapping, service
from minutebook.commands.moderngov.fetch import FetchProblem, Politeness
from minutebook.engine.build import build_site
from minutebook.engine.pipeline import check_content
from tests.support import SETTINGS

FIXTURES = Path(__file__).parent / "fixtures" / "moderngov"
PAGES = Path(__file__).parent / "fixtures" / "moderngov-pages"
SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "moderngov-samples"
if not SAMPLES.is_dir():
    SAMPLES = Path("/work/shared/moderngov-samples")
QUICK = Politeness(delay=0, retries=1, timeout=5, backoff=0)


class FixtureSite:
    """Our fixture folder served as a Modern.gov site. ``requests`` lists
    every path asked for (with its User-Agent); ``fail`` maps a fixture
    file name to the status to answer instead; ``replace`` to other bytes."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.slow = 0.0  # seconds to wait before each answer
        self.requests: list[tuple[str, str]] = []
        self.times: list[tuple[float, float]] = []  # when each answer began and ended
        self.fail: dict[str, int] = {}
        self.replace: dict[str, bytes] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                began = time.monotonic()
                site.requests.append((self.path, self.headers.get("User-Agent", "")))
                time.sleep(site.slow)
                status, body, kind = site.answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                site.times.append((began, time.monotonic()))

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def file_for(self, path: str) -> str:
        parts = urlsplit(path)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        if parts.path.endswith("mgConvert2PDF.aspx"):
            return f"documents/{query.get('ID', '')}.pdf"
        if parts.path.endswith(".aspx"):  # an HTML page, saved as the importer names it
            return Path(parts.path).stem + "".join(f"_{key}{value}" for key, value in query.items()) + ".html"
        method = parts.path.rsplit("/", 1)[-1]
        key = query.get("lCommitteeId") or query.get("lMeetingId") or query.get("lAttachmentId") or ""
        return f"{method}_{key}.xml" if key else f"{method}.xml"

    def answer(self, path: str) -> tuple[int, bytes, str]:
        name = self.file_for(path)
        kind = "application/pdf" if name.endswith(".pdf") else "text/xml; charset=utf-8"
        if name in self.fail:
            return self.fail[name], b"<html><body>Server Error</body></html>", "text/html"
        target = self.folder / name
        if name not in self.replace and not target.is_file():
            return 404, b"<html><body>Not found</body></html>", "text/html"
        body = self.replace[name] if name in self.replace else target.read_bytes()
        # the fixtures give documents' addresses on the council's own site, as Modern.gov does: here, this server
        return 200, body.replace(b"http://democracy.northam.example.gov.uk", self.url.encode()), kind

    def asked(self, name: str) -> int:
        return sum(self.file_for(path) == name for path, _ in self.requests)


def serving(folder: Path) -> Iterator[FixtureSite]:
    fixture = FixtureSite(folder)
    thread = threading.Thread(target=fixture.server.serve_forever, daemon=True)
    thread.start()
    yield fixture
    fixture.server.shutdown()
    fixture.server.server_close()


@pytest.fixture
def site() -> Iterator[FixtureSite]:
    yield from serving(FIXTURES)


@pytest.fixture
def pages_site() -> Iterator[FixtureSite]:
    yield from serving(PAGES)


def run_import(site: FixtureSite, tmp_path: Path, refresh: bool = False, **extra):
    options = ImportOptions(site.url, tmp_path / "content", politeness=QUICK, cache=tmp_path / "cache",
                            refresh=refresh, **extra)
    return import_moderngov(options)


def tree(content: Path) -> dict[str, str]:
    return {path.relative_to(content).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(content.rglob("*")) if path.is_file()}


def page_text(path: Path) -> str:
    """A built page's words, without markup, entities read."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


# ---- the fixture site, over HTTP -------------------------------------------------------------


def test_import_passes_the_check_builds_and_carries_the_facts(site, tmp_path):
    report = run_import(site, tmp_path)
    assert report.problems == [] and report.checked and report.check == [], report.text()
    content = tmp_path / "content"
    meeting = content / "meetings/cabinet/2025-03-12"
    assert (meeting / "report-of-the-director-of-place-town-centre.pdf").read_bytes().startswith(b"%PDF")
    output = build_site(SETTINGS, content, tmp_path / "output")
    built = output / "committees/cabinet/2025-03-12"
    page = page_text(built / "index.html")
    for fact in ("Council Chamber, Town Hall, Northam", "Zoë O’Brien", "Seán D'Arcy", "Amélie Núñez-Smith",
                 "Substitute", "Apologies", "Gráinne O'Neill", "Director of Place", "10am", "12:15pm"):
        assert fact in page, fact
    regeneration = page_text(built / "town-centre-regeneration-phase-2/index.html")
    for fact in ("Town centre regeneration – phase 2", "£2.5m over two years – funded",
                 "That phase 2 of the town centre regeneration be approved at a cost of £2.5m.",
                 "Appendix B – Valuation (Not for publication)", "paragraph 3",
                 "<script>alert(1)</script>"):  # shown as the characters typed, never run
        assert fact in regeneration, fact
    assert "<script>" not in (built / "town-centre-regeneration-phase-2/index.html").read_text()
    vote = page_text(built / "council-tax-discount-for-care-leavers/index.html")
    assert "For (3): Councillors Zoë O’Brien, Amélie Núñez-Smith and Priya Patel." in vote
    assert "Against (1): Councillor Tom Hughes." in vote
    hughes = page_text(output / "people/cllr-tom-hughes/index.html")
    assert "Council tax discount for care leavers" in hughes and "Against" in hughes  # the named vote
    committee = page_text(output / "committees/cabinet/index.html")
    assert "Zoë O’Brien" in committee and "Vice-Chair" in committee and "Priya Patel" in committee
    assert "members:\n  - person: cllr-zoe-obrien\n    role: Chair\n" in (content / "committees.yaml").read_text()
    assert "approved_at:\n  meeting: cabinet/2025-05-14\n  minute: 28\n" in (meeting / "meeting.md").read_text()
    assert "Draft minutes" not in page
    cancelled = page_text(output / "committees/cabinet/2025-04-09/index.html")
    assert "ancelled" in cancelled and "does not record why" in cancelled
    people = (content / "people.yaml").read_text(encoding="utf-8")
    assert "zoe.obrien@northam.example.gov.uk" in people and "zoe.home@example.com" not in people
    assert "ward: St Mary’s" in people


def test_exempt_content_is_never_requested_nor_written(site, tmp_path):
    run_import(site, tmp_path)
    assert site.asked("documents/7001.pdf") == 1
    assert site.asked("documents/7002.pdf") == site.asked("documents/7003.pdf") == site.asked("documents/7005.pdf") == 0
    assert site.asked("GetAttachment_7005.xml") == 1  # its details said it is restricted
    written = "".join(path.read_text(encoding="utf-8", errors="replace")
                      for path in (tmp_path / "content").rglob("*") if path.is_file())
    assert "SECRET" not in written and "1.1m" not in written
    item = (tmp_path / "content/meetings/cabinet/2025-03-12/06-acquisition-of-land-at-mill-lane.md")
    assert "exempt: 3" in item.read_text(encoding="utf-8")
    exclusion = (tmp_path / "content/meetings/cabinet/2025-03-12/05-exclusion-of-the-public.md")
    assert "- title: Land at Mill Lane – plan\n  exempt: 3\n" in exclusion.read_text(encoding="utf-8")


def test_a_document_elsewhere_is_linked_not_fetched(site, tmp_path):
    report = run_import(site, tmp_path)
    item = (tmp_path / "content/meetings/cabinet/2025-03-12/03-town-centre-regeneration-phase-2.md")
    assert "  url: https://www.example.org/levelling-up-fund-prospectus.pdf" in item.read_text(encoding="utf-8")
    assert any("Levelling Up Fund prospectus" in told and "another site" in told for told in report.as_text)


def test_a_clerks_file_of_the_same_name_is_never_overwritten(site, tmp_path):
    meeting = tmp_path / "content/meetings/cabinet/2025-03-12"
    run_import(site, tmp_path)
    clerks = meeting / "report-of-the-director-of-place-town-centre.pdf"
    clerks.write_bytes(b"%PDF-1.4 the clerk's corrected copy")
    (meeting / "03-town-centre-regeneration-phase-2.md").unlink()  # so the item is written again
    run_import(site, tmp_path, refresh=True)
    assert clerks.read_bytes() == b"%PDF-1.4 the clerk's corrected copy"
    item = (meeting / "03-town-centre-regeneration-phase-2.md").read_text(encoding="utf-8")
    assert "file: report-of-the-director-of-place-town-centre-7001.pdf" in item
    assert (meeting / "report-of-the-director-of-place-town-centre-7001.pdf").read_bytes().startswith(b"%PDF-1.4\n")


def test_one_request_at_a_time_with_the_delay_between(site, tmp_path):
    import datetime as dt

    options = ImportOptions(site.url, tmp_path / "content", since=dt.date(2025, 4, 1), committees=("201",),
                            politeness=Politeness(delay=0.3, retries=0, timeout=5, backoff=0), cache=tmp_path / "c")
    import_moderngov(options)
    assert len(site.times) >= 5
    gaps = [began - ended for (_, ended), (began, _) in zip(site.times, site.times[1:], strict=False)]
    assert min(gaps) >= 0.25, gaps  # never two at once, and the delay kept


def test_a_document_that_is_a_web_page_is_linked_never_copied(site, tmp_path):
    site.replace["documents/7001.pdf"] = b"<html><body><script>alert(1)</script></body></html>"
    report = run_import(site, tmp_path)
    meeting = tmp_path / "content/meetings/cabinet/2025-03-12"
    assert [p.name for p in meeting.iterdir() if p.suffix != ".md"] == []
    item = (meeting / "03-town-centre-regeneration-phase-2.md").read_text(encoding="utf-8")
    assert f"  url: {site.url}/mgConvert2PDF.aspx?ID=7001\n" in item
    assert any("never copied into the site" in told for told in report.as_text) and report.check == []


def test_every_request_names_the_tool(site, tmp_path):
    run_import(site, tmp_path)
    assert site.requests and all(agent.startswith("MinuteBook-importer/") for _, agent in site.requests)


def test_a_second_run_changes_no_byte_and_asks_for_nothing(site, tmp_path):
    run_import(site, tmp_path)
    before, asked = tree(tmp_path / "content"), len(site.requests)
    report = run_import(site, tmp_path)
    assert tree(tmp_path / "content") == before
    assert len(site.requests) == asked  # everything came from the cache
    assert report.counts["new"] == report.counts["updated"] == 0 and report.counts["unchanged"] == 15


def test_a_rerun_updates_its_own_files_and_keeps_a_clerks_edit(site, tmp_path):
    run_import(site, tmp_path)
    meeting = tmp_path / "content/meetings/cabinet/2025-03-12"
    edited = meeting / "01-apologies-for-absence.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("were received", "were gratefully received"),
                      encoding="utf-8")
    changed = (FIXTURES / "GetMeeting_9001.xml").read_bytes()
    changed = changed.replace(b"The proposal was carried.", b"The proposal was carried unanimously.")
    changed = changed.replace(b"To receive apologies for absence.", b"To receive any apologies for absence.")
    site.replace["GetMeeting_9001.xml"] = changed
    report = run_import(site, tmp_path, refresh=True)
    assert "gratefully" in edited.read_text(encoding="utf-8")
    assert "any apologies" not in edited.read_text(encoding="utf-8")
    assert any("01-apologies-for-absence.md" in kept for kept in report.kept), report.text()
    vote = (meeting / "04-council-tax-discount-for-care-leavers.md").read_text(encoding="utf-8")
    assert "carried unanimously" in vote
    assert sorted(p.name for p in (tmp_path / "content/meetings/cabinet").iterdir()) == [
        "2025-03-12", "2025-04-09", "2025-05-14"]  # no meeting twice
    check_content(tmp_path / "content")


def test_an_item_gone_from_modern_gov_is_reported_and_left(site, tmp_path):
    run_import(site, tmp_path)
    without = re.sub(rb"<agendaitem>\s*<agendaitemid>505</agendaitemid>.*?</agendaitem>\s*", b"",
                     (FIXTURES / "GetMeeting_9001.xml").read_bytes(), flags=re.DOTALL)
    site.replace["GetMeeting_9001.xml"] = without
    report = run_import(site, tmp_path, refresh=True)
    assert (tmp_path / "content/meetings/cabinet/2025-03-12/05-exclusion-of-the-public.md").is_file()
    assert any("05-exclusion-of-the-public.md: no longer on Modern.gov's agenda" in kept for kept in report.kept)


def test_two_meetings_of_a_committee_on_one_day(site, tmp_path):
    listing = (FIXTURES / "GetMeetings_201.xml").read_bytes().replace(b"</committeemeetings>", (
        b"<meeting><meetingid>9004</meetingid><meetingdate>12/03/2025</meetingdate>"
        b"<meetingstatus>Confirmed</meetingstatus><meetingtime>6.00 pm</meetingtime></meeting></committeemeetings>"))
    site.replace["GetMeetings_201.xml"] = listing
    site.replace["GetMeeting_9004.xml"] = (FIXTURES / "GetMeeting_9002.xml").read_bytes().replace(
        b"<meetingid>9002</meetingid>", b"<meetingid>9004</meetingid>").replace(b"09/04/2025", b"12/03/2025")
    report = run_import(site, tmp_path)
    assert report.ok, report.text()
    committee = tmp_path / "content/meetings/cabinet"
    assert sorted(p.name for p in committee.iterdir()) == ["2025-03-12", "2025-03-12-9004", "2025-04-09",
                                                             "2025-05-14"]
    assert "status: cancelled" in (committee / "2025-03-12-9004/meeting.md").read_text()


def test_a_renamed_meeting_folder_is_found_not_duplicated(site, tmp_path):
    run_import(site, tmp_path)
    committee = tmp_path / "content/meetings/cabinet"
    (committee / "2025-03-12").rename(committee / "2025-03-12-morning")
    run_import(site, tmp_path, refresh=True)
    assert sorted(p.name for p in committee.iterdir()) == ["2025-03-12-morning", "2025-04-09", "2025-05-14"]


def test_a_server_failing_mid_import_leaves_a_tree_that_checks_and_the_next_run_completes_it(site, tmp_path):
    site.fail["GetMeeting_9003.xml"] = 500
    report = run_import(site, tmp_path)
    assert any("GetMeeting?lMeetingId=9003" in problem and "500" in problem for problem in report.problems)
    assert report.checked and report.check == [] and not report.ok
    assert not (tmp_path / "content/meetings/cabinet/2025-05-14").exists()
    assert site.asked("GetMeeting_9003.xml") == 2  # tried again once (retries=1)
    check_content(tmp_path / "content")
    march = tmp_path / "content/meetings/cabinet/2025-03-12/meeting.md"
    assert "status: minutes" in march.read_text()  # the meeting that approved them is not here yet
    del site.fail["GetMeeting_9003.xml"]
    report = run_import(site, tmp_path)
    assert report.ok, report.text()
    assert (tmp_path / "content/meetings/cabinet/2025-05-14/meeting.md").is_file()
    assert "status: approved-minutes\n" in march.read_text() and "meeting: cabinet/2025-05-14\n" in march.read_text()
    leftovers = [*(tmp_path / "content").rglob(".importing-*"), *(tmp_path / "content").rglob("*.partial")]
    assert leftovers == []


def test_a_meeting_left_half_written_by_a_stopped_import_is_written_again_whole(site, tmp_path):
    run_import(site, tmp_path)
    committee = tmp_path / "content/meetings/cabinet"
    (committee / "2025-03-12").rename(committee / ".importing-2025-03-12")  # as if stopped before the rename
    (committee / ".importing-2025-03-12/06-acquisition-of-land-at-mill-lane.md").unlink()
    report = run_import(site, tmp_path)
    assert report.ok, report.text()
    assert sorted(p.name for p in committee.iterdir()) == ["2025-03-12", "2025-04-09", "2025-05-14"]
    assert (committee / "2025-03-12/06-acquisition-of-land-at-mill-lane.md").is_file()


def test_minutes_stay_approval_not_recorded_while_the_meeting_that_approved_them_cannot_be_written(site, tmp_path):
    document = (b"<linkeddocuments><linkeddoc><attachmentid>7999</attachmentid><title>Notes</title>"
                b"<isurl>False</isurl><url>http://democracy.northam.example.gov.uk/mgConvert2PDF.aspx?ID=7999</url>"
                b"<isrestricted>False</isrestricted></linkeddoc></linkeddocuments>")
    anchor = b"<minutesitemnumber>27</minutesitemnumber>"
    with_document = (FIXTURES / "GetMeeting_9003.xml").read_bytes().replace(anchor, anchor + document)
    site.replace["GetMeeting_9003.xml"] = with_document
    site.fail["documents/7999.pdf"] = 503
    report = run_import(site, tmp_path)
    assert any("ID=7999" in problem and "503" in problem for problem in report.problems), report.text()
    assert not (tmp_path / "content/meetings/cabinet/2025-05-14").exists()
    assert "status: minutes" in (tmp_path / "content/meetings/cabinet/2025-03-12/meeting.md").read_text()
    assert report.check == []


@pytest.mark.parametrize(("name", "answer", "said"), [
    ("GetMeeting_9001.xml", b"<!DOCTYPE html><html><body>Welcome</body></html>", "HTML page where"),
    ("GetMeeting_9001.xml", b'<?xml version="1.0"?>\n<meeting>\n  <meetingid>9001</meeting', "not whole"),
    ("GetMeeting_9001.xml", b'<?xml version="1.0"?><getmeetings></getmeetings>', "not Modern.gov's <meeting>"),
])
def test_a_bad_page_is_named_the_rest_goes_on_and_the_next_run_completes_it(site, tmp_path, name, answer, said):
    site.replace[name] = answer
    report = run_import(site, tmp_path)
    assert any("GetMeeting?lMeetingId=9001" in problem and said in problem for problem in report.problems), \
        report.text()
    assert (tmp_path / "content/meetings/cabinet/2025-05-14/meeting.md").is_file()
    assert report.check == []
    del site.replace[name]
    assert run_import(site, tmp_path).ok  # the bad answer was not kept in the cache
    assert (tmp_path / "content/meetings/cabinet/2025-03-12/meeting.md").is_file()


def test_a_site_that_is_not_modern_gov_is_said_so(site, tmp_path):
    site.replace["GetCommittees.xml"] = b"<html><head><title>Our council</title></head></html>"
    report = run_import(site, tmp_path)
    assert len(report.problems) == 2, report.problems
    assert "GetCommittees" in report.problems[0] and "is this a Modern.gov site" in report.problems[0]
    assert "mgListCommittees.aspx" in report.problems[1] and "404" in report.problems[1]
    assert not (tmp_path / "content").exists()


# ---- the HTML pages, where the web service is off -------------------------------------------


def test_the_html_pages_when_the_web_service_is_off(pages_site, tmp_path):
    report = run_import(pages_site, tmp_path)
    assert report.problems == [] and report.check == [], report.text()
    assert any("HTML pages were read instead" in told for told in report.as_text)
    content = tmp_path / "content"
    assert pages_site.asked("mgMeetingAttendance_ID9001.html") == 1
    assert pages_site.asked("documents/7001.pdf") == 1 and pages_site.asked("documents/7101.pdf") == 1
    assert pages_site.asked("mgAi_ID501.html") == 1  # the one item listed without its text
    assert len(pages_site.requests) == 17  # nothing restricted asked for (the 17th: the history)
    people = (content / "people.yaml").read_text(encoding="utf-8")  # from the councillors' pages
    assert "Councillor Amélie Núñez-Smith\n  kind: councillor\n  party: Green Party\n  ward: St Mary’s\n" in people
    output = build_site(SETTINGS, content, tmp_path / "output")
    built = output / "committees/cabinet/2025-03-12"
    page = page_text(built / "index.html")
    for fact in ("Council Chamber, Town Hall, Northam", "Zoë O’Brien", "Chair", "Seán D'Arcy", "Apologies",
                 "Substitute", "Gráinne O'Neill", "Director of Place", "10am", "Acquisition of land at Mill Lane",
                 "Printed minutes 12th-Mar-2025 10.00 Cabinet"):
        assert fact in page, fact
    item = page_text(built / "town-centre-regeneration-phase-2/index.html")
    for fact in ("£2.5m over two years – funded", "That phase 2 of the town centre regeneration be approved",
                 "Report of the Director of Place – Town centre regeneration", "Appendix B – Valuation",
                 "Members asked about the £2.5m budget."):
        assert fact in item, fact
    apologies = page_text(built / "apologies-for-absence/index.html")
    assert "Apologies for absence were received from Councillor Seán D'Arcy." in apologies
    exempt = (content / "meetings/cabinet/2025-03-12/03-acquisition-of-land-at-mill-lane.md").read_text()
    assert "exempt: 3" in exempt and "minute: 26" in exempt
    cancelled = (content / "meetings/cabinet/2025-04-09/meeting.md").read_text(encoding="utf-8")
    assert "status: cancelled" in cancelled
    before = tree(content)
    run_import(pages_site, tmp_path)
    assert tree(content) == before


def test_a_site_that_does_not_answer_in_time_is_named(site, tmp_path):
    site.slow = 1.5
    options = ImportOptions(site.url, tmp_path / "content", politeness=Politeness(0, 0, 0.5, 0), cache=tmp_path / "c")
    report = import_moderngov(options)
    assert report.problems == [f"{site.url}/mgWebService.asmx/GetCommittees: no answer within 0.5 seconds, "
                               "after 1 try"]


def test_a_missing_page_is_named(site, tmp_path):
    site.fail["GetCouncillorsByWard.xml"] = 404
    report = run_import(site, tmp_path)
    assert any("GetCouncillorsByWard" in p and "404" in p for p in report.problems)
    assert report.check == []  # people came from the attendance instead


def test_since_until_and_committee_choose_the_meetings(site, tmp_path):
    import datetime as dt

    run_import(site, tmp_path, since=dt.date(2025, 4, 1), until=dt.date(2025, 4, 30), committees=("Cabinet",))
    assert sorted(p.name for p in (tmp_path / "content/meetings/cabinet").iterdir()) == ["2025-04-09"]
    assert site.asked("GetMeeting_9001.xml") == 0


def test_the_command_line(site, tmp_path, capsys):
    code = main(["import", "moderngov", site.url, "--content", str(tmp_path / "content"), "--delay", "0",
                 "--cache", str(tmp_path / "cache")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Imported 5 meetings (2 cancelled) with 10 agenda items and 1 documents" in out
    assert "passes the check" in out


def test_a_folder_of_saved_answers(tmp_path):
    report = import_moderngov(ImportOptions(str(FIXTURES), tmp_path / "content"))
    assert report.ok, report.text()
    assert (tmp_path / "content/meetings/cabinet/2025-03-12/report-of-the-director-of-place-town-centre.pdf").exists()


# ---- mapping, piece by piece -----------------------------------------------------------------


def test_ids_and_times():
    assert mapping.slug("Councillor Zoë O’Brien") == "councillor-zoe-obrien"
    assert mapping.slug("Seán D'Arcy") == "sean-darcy"
    assert [mapping.clock_time(t) for t in ("12.30 pm", "6.00 pm", "10:15am", "12.05 am", "12 noon", "soon")] == [
        "12:30", "18:00", "10:15", "00:05", "12:00", None]


def test_html_becomes_markdown_after_the_sanitiser():
    word = ('<div class="WordSection1"><h1>Background</h1><p class="MsoNormal" style="color:red">The report\n'
            'of the Director&nbsp;&nbsp; of Place</p><p>&nbsp;</p><p onclick="x()">Spend on &lt;Band C&gt;</p>'
            '<script>alert(1)</script><p><a href="javascript:alert(1)">a link</a></p></div>')
    assert mapping.markdown(word) == ("### Background\n\nThe report of the Director of Place\n\n"
                                      "Spend on &lt;Band C>\n\n&lt;script>alert(1)&lt;/script>\n\na link")


def test_item_files_are_numbered_and_named_once_each():
    def item(number: str, sub: str, title: str, key: str) -> service.Item:
        return service.Item(key, title, number, sub, "", "", "", "", False, "", 0, (), ())

    used: set[str] = set()
    told: list[str] = []
    names = [mapping.item_file(item(*args), position, used, told) for position, args in enumerate(
        [("5", "", "Budget", "1"), ("5", "a", "Budget", "2"), ("5", "", "Late item", "3"), ("6", "1", "Rates", "4"),
         ("", "", "Any other business", "5")], 1)]
    assert names == ["05-budget.md", "05a-budget-2.md", "05b-late-item.md", "06a-rates.md",
                     "05c-any-other-business.md"]
    assert told == ["item 6.1 “Rates” is numbered 6a: an agenda number takes one letter, not a second number"]


def test_minutes_approved_at_a_later_meeting():
    import datetime as dt

    def meeting(status: str, items: list) -> mapping.Mapped:
        return mapping.Mapped({"status": status}, [], items, ["status minutes (approval not recorded): ..."])

    minutes = ("02-minutes.md", "1", {"title": "Minutes of the last meeting", "minute": 8,
                                      "resolutions": ["That the minutes of the meeting held on 3rd March 2025 be "
                                                      "signed as a correct record."]}, "")
    march, april, may = meeting("minutes", []), meeting("minutes", [minutes]), meeting("scheduled", [])
    found = mapping.approvals([(dt.date(2025, 3, 3), "2025-03-03", march), (dt.date(2025, 4, 7), "2025-04-07", april),
                               (dt.date(2025, 5, 5), "2025-05-05", may)], "cabinet")
    assert found == [(0, 1)]
    assert march.front == {"status": "approved-minutes", "approved_at": {"meeting": "cabinet/2025-04-07", "minute": 8}}
    assert april.front == {"status": "minutes"} and march.told[0].startswith("status approved-minutes")


def test_a_member_keeps_their_id_from_run_to_run(tmp_path):
    registry = tmp_path / "people.yaml"
    registry.write_text("cllr-tom-hughes:  # Modern.gov member 99\n  name: Councillor Tom Hughes\n  kind: councillor\n"
                        "cllr-zoe-obrien:\n  name: Councillor Zoë O’Brien\n  kind: councillor\n", encoding="utf-8")
    people = mapping.People.from_registry(registry)

    def councillor(member: str, name: str) -> service.Councillor:
        return service.Councillor(member, name, "", "", "", "")

    assert people.add_councillor(councillor("14", "Councillor Tom Hughes")) == "cllr-tom-hughes-14"  # another
    assert people.add_councillor(councillor("99", "Councillor Tom Hughes")) == "cllr-tom-hughes"
    assert people.add_councillor(councillor("11", "Councillor Zoë O’Brien")) == "cllr-zoe-obrien"  # the clerk's
    assert people.by_name("Zoë O’Brien") == "cllr-zoe-obrien"


def test_committees_sharing_a_title_keep_apart():
    committees = [service.Committee("1", "Audit Committee", True, False, ""),
                  service.Committee("2", "Audit Committee", False, False, ""),
                  service.Committee("3", "Cabinet", False, False, "Cabinet")]
    assert mapping.committee_ids(committees) == {"1": "audit-committee-1", "2": "audit-committee-2", "3": "cabinet"}


def test_resolutions_are_read_only_when_written_as_resolutions():
    numbered = "<p>RESOLVED – (1) That the report be noted. (2) That officers report back.</p>"
    assert mapping.resolutions(numbered) == ["That the report be noted.", "That officers report back."]
    assert mapping.resolutions("<p>The Cabinet agreed to defer the item.</p>") is None


def test_the_report_says_once_what_it_says_of_many_meetings():
    from minutebook.commands.moderngov.report import grouped

    entries = [f"meetings/cabinet/2025-0{n}-01: status minutes" for n in range(1, 6)]
    entries += ["meetings/cabinet/2025-01-01: the venue is not given", "the web service did not answer (404): ..."]
    assert grouped(entries) == [
        "status minutes (in 5 meetings: meetings/cabinet/2025-01-01, meetings/cabinet/2025-02-01, "
        "meetings/cabinet/2025-03-01, ...)", "meetings/cabinet/2025-01-01: the venue is not given",
        "the web service did not answer (404): ..."]


def test_a_recorded_vote_is_read_only_when_every_name_and_count_agree():
    people = mapping.People()
    for member, name in (("1", "Councillor Zoë O’Brien"), ("2", "Councillor Tom Hughes"), ("3", "Councillor Ann Lee")):
        people.add_member(member, name)
    lines = ["A recorded vote was taken on the amendment.", "For (2): Councillors Zoë O’Brien and Ann Lee.",
             "Against (1): Councillor Tom Hughes.", "The amendment was carried."]
    assert mapping.recorded_vote(lines, people) == {
        "on": "the amendment", "for": ["cllr-zoe-obrien", "cllr-ann-lee"], "against": ["cllr-tom-hughes"],
        "result": "carried"}
    assert mapping.recorded_vote([lines[0], "For (3): Councillors Zoë O’Brien and Ann Lee.", *lines[2:]],
                                 people) is None  # the count does not match the names
    assert mapping.recorded_vote([lines[0], "For (2): Councillors Zoë O’Brien and Ann Smith.", *lines[2:]],
                                 people) is None  # a name that is nobody known
    assert mapping.recorded_vote(lines[:3], people) is None  # no result stated
    assert mapping.recorded_vote([*lines[:3], "The amendment was lost."], people) is None  # contradicts the counts


def test_exempt_paragraph_is_never_guessed():
    assert service.exempt_paragraph("Paragraph 3") == 3
    assert service.exempt_paragraph("Para. 7 of Schedule 12A") == 7
    assert service.exempt_paragraph("Restricted") is None
    assert service.exempt_paragraph("Paragraph 9") is None


# ---- the real answers in ../shared/moderngov-samples/ -----------------------------------------

needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="the shared Modern.gov samples are not here")


def sample(number: int) -> tuple[bytes, str]:
    path = next(SAMPLES.glob(f"{number}_*"))
    return path.read_bytes(), path.name


@needs_samples
def test_sample_get_meeting():
    meeting = service.meeting(*sample(20))
    assert (meeting.id, meeting.date.isoformat()) == ("7837", "2025-11-21")
    assert meeting.status == "Confirmed; Special Meeting"
    assert (meeting.actual_start, meeting.planned_finish, meeting.actual_finish) == ("12.30 pm", "4.30 pm", "5.05 pm")
    assert meeting.location == "Civic Suite, North Warehouse, The Docks, Gloucester, GL1 2EP"
    people = mapping.People()
    mapped = mapping.map_meeting(meeting, people)
    assert mapped.front["start"] == "12:30" and mapped.front["end"] == "17:05"
    assert "Modern.gov lists this meeting as: Confirmed; Special Meeting." in mapped.notes
    items = {front["minute"]: (name, front, text) for name, _, front, text in mapped.items}
    assert sorted(items) == [51, 52, 53, 54, 55]
    assert items[51][1]["title"] == "Declarations of Interest"
    assert "There were no declarations of interest." in items[51][2]
    assert items[52][1]["title"] == "Public Question Time (15 minutes)"
    assert "In respect of question 1 the member of the public asked what arrangement for highways" in \
        " ".join(items[52][2].split())
    assert items[54][1]["title"] == "Leader and Cabinet Members' Question Time (15 minutes)"
    assert "There were no questions for the Leader or" in items[54][2]
    decision = items[55][1]
    assert decision["resolutions"][0].startswith("to submit to Government the Greater Gloucester/Gloucestershire")
    assert decision["resolutions"][1].endswith("Secretary of State for Housing, Communities and Local Government.")
    assert " ".join(items[55][2].split()).count("Cabinet considered the report of the Head of Paid Service") == 1
    titles = [d.title for item in meeting.items for d in item.documents]
    assert "Appendix 3E Cratus Public Engagement Report" in titles and len(titles) == 7
    assert not any(d.restricted for item in meeting.items for d in item.documents)
    attendance = mapped.front["attendance"]
    assert attendance["present"][0] == {"person": "cllr-jeremy-hilton", "role": "Chair"}
    assert attendance["present"][1] == {"person": "cllr-declan-wilson", "role": "Vice-Chair"}
    assert len(attendance["present"]) == 7 and len(attendance["in_attendance"]) == 6
    assert {"person": "jon-mcginty", "role": "Managing Director"} in attendance["in_attendance"]
    assert "apologies" not in attendance and "absent" not in attendance
    assert people.entries["cllr-jeremy-hilton"]["party"] == "LIBDEM"


@needs_samples
def test_sample_get_attachment():
    document = service.attachment(*sample(24))
    assert (document.id, document.title, document.is_link, document.restricted) == (
        "65461", "Cabinet - Public Questions", False, False)
    assert document.url == "https://democracy.Gloucester.gov.uk/mgConvert2PDF.aspx?ID=65461"


@needs_samples
def test_sample_get_meetings():
    entries = service.meetings(*sample(21))
    assert len(entries) == 20 and entries[0].id == "7217" and entries[-1].id == "7610"
    cancelled = [e for e in entries if "Cancel" in e.status]
    assert [(e.id, e.date.isoformat()) for e in cancelled] == [("7506", "2024-06-12")]
    special = next(e for e in entries if e.id == "7837")
    assert (special.time, special.status) == ("12.30 pm", "Confirmed; Special Meeting")


@needs_samples
def test_sample_get_committees():
    committees = service.committees(*sample(22))
    assert len(committees) == 131
    assert sum(c.expired for c in committees) == 116 and not any(c.deleted for c in committees)
    assert sum(not c.category for c in committees) == 88
    by_id = {c.id: c for c in committees}
    assert (by_id["129"].title, by_id["129"].category, by_id["129"].expired) == ("Cabinet", "Cabinet", False)
    assert mapping.committee_kind(by_id["129"]) == "executive"
    assert by_id["285"].expired and by_id["487"].title == "Audit and Governance Committee"


@needs_samples
def test_sample_councillors_by_ward():
    kirklees = service.councillors(*sample(10))
    assert len(kirklees) == 69 and len({c.ward for c in kirklees}) == 23
    parties = {party: sum(c.party == party for c in kirklees) for party in {c.party for c in kirklees}}
    assert parties == {"Labour": 33, "Conservative": 18, "Liberal Democrat": 10, "Green Party": 4,
                       "Valley Independent": 3, "Labour and Co-operative": 1}
    assert (kirklees[0].name, kirklees[0].ward, kirklees[0].party) == ("Councillor Judith Hughes", "Almondbury",
                                                                      "Labour")
    keyposts = {c.name: c.keyposts for c in kirklees}
    assert keyposts["Councillor David Sheard"] == "Leader of the Council"
    oadby = service.councillors(*sample(11))
    assert len(oadby) == 26 and oadby[0].keyposts == "Mayor" and oadby[0].ward == "Oadby Brocks Hill"
    assert service.councillors(*sample(12)) == []
    kingsholm = service.councillors(*sample(23))
    assert [(c.id, c.name, c.ward, c.party) for c in kingsholm] == [
        ("2018", "Councillor Angela Conder", "Kingsholm and Wotton", "Liberal Democrat"),
        ("129", "Councillor Jeremy Hilton", "Kingsholm and Wotton", "Liberal Democrat")]
    assert kingsholm[0].keyposts == "Chair of Planning Committee"
    assert kingsholm[0].email == "angela.conder@gloucester.gov.uk"  # from the work address
    gloucester = service.councillors(*sample(26))
    assert len(gloucester) == 39 and len({c.ward for c in gloucester}) == 18
    with pytest.raises(FetchProblem, match="HTML page where the web service's XML was expected"):
        service.councillors(*sample(13))


@needs_samples
def test_samples_as_a_folder_import_and_pass_the_check(tmp_path):
    saved = tmp_path / "saved"  # a folder of saved answers, as a council would keep them (outside the project)
    saved.mkdir()
    for number, name in ((22, "GetCommittees.xml"), (26, "GetCouncillorsByWard.xml"),
                         (21, "GetMeetings_129.xml"), (20, "GetMeeting_7837.xml")):
        shutil.copy(next(SAMPLES.glob(f"{number}_*")), saved / name)
    report = import_moderngov(ImportOptions(str(saved), tmp_path / "content", committees=("129",)))
    assert report.checked and report.check == [], report.text()
    assert report.counts["meetings"] == 1 and len(report.problems) == 19  # the other meetings were not saved
    assert all("not imported this time" in problem for problem in report.problems)
    people = (tmp_path / "content/people.yaml").read_text(encoding="utf-8")
    assert "name: Councillor Jeremy Hilton" in people and "Leader of the Council and Cabinet Member" in people
    assert any("members of Cabinet" in skipped for skipped in report.skipped)  # no committee page was saved
    output = build_site(SETTINGS, tmp_path / "content", tmp_path / "output")
    meeting = page_text(output / "committees/cabinet/2025-11-21/index.html")
    for fact in ("Civic Suite, North Warehouse, The Docks, Gloucester, GL1 2EP", "12:30pm", "5:05pm",
                 "Jeremy Hilton", "Vice-Chair", "Jon McGinty", "Managing Director", "Confirmed; Special Meeting"):
        assert fact in meeting, fact
    item = page_text(output / "committees/cabinet/2025-11-21/final-proposals-for-local-government/index.html")
    assert "to submit to Government the Greater Gloucester/Gloucestershire proposal" in item
    assert "Appendix 3E Cratus Public Engagement Report" in item
