"""``minutebook import moderngov``, the parts the web service does not give:
issue histories as subjects, declarations of interest from the meeting's
table of them, the time a meeting ended and councillors' key posts and
email from their pages, and a meeting the web service lacks, read from its
HTML pages. Served by the same fixture site on 127.0.0.1 as
tests/test_import_moderngov.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from minutebook.commands.moderngov import mapping, service, webpages
from minutebook.content.schema import Declaration
from minutebook.engine.build import build_site
from minutebook.engine.pipeline import check_content
from tests.support import SETTINGS
from tests.test_import_moderngov import FIXTURES, PAGES, FixtureSite, page_text, run_import, serving, tree

CABINET = "content/meetings/cabinet"


@pytest.fixture
def site() -> Iterator[FixtureSite]:
    yield from serving(FIXTURES)


@pytest.fixture
def pages_site() -> Iterator[FixtureSite]:
    yield from serving(PAGES)


def front(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


# ---- issue histories as subjects --------------------------------------------------------------


def test_an_issue_history_becomes_a_subject_followed_across_meetings(site, tmp_path):
    report = run_import(site, tmp_path)
    assert report.ok, report.text()
    content = tmp_path / "content"
    subjects = (content / "subjects.yaml").read_text(encoding="utf-8")
    assert re.search(r"^town-centre-regeneration:  # Modern.gov issue 3001; sha256 [0-9a-f]{16}\n"
                     r"  name: Town centre regeneration\n", subjects, re.MULTILINE)
    march = front(tmp_path / CABINET / "2025-03-12/03-town-centre-regeneration-phase-2.md")
    may = front(tmp_path / CABINET / "2025-05-14/03-town-centre-regeneration-progress-on-phase-2.md")
    assert march["subject"] == may["subject"] == "town-centre-regeneration"
    assert "subject" not in front(tmp_path / CABINET / "2025-03-12/06-acquisition-of-land-at-mill-lane.md")
    assert site.asked("mgIssueHistoryHome_IId3001.html") == 1  # once for the two items
    output = build_site(SETTINGS, content, tmp_path / "output")
    subject = page_text(output / "subjects/town-centre-regeneration/index.html")
    assert "Town centre regeneration – phase 2" in subject
    assert "Town centre regeneration – progress on phase 2" in subject
    item = page_text(output / "committees/cabinet/2025-05-14/town-centre-regeneration-progress-on-phase-2/index.html")
    assert "History of this subject" in item and "Town centre regeneration – phase 2" in item
    assert "works on phase 2 began on 2 May 2025, within the £2.5m budget" in item


def test_an_issue_from_the_html_pages_and_its_link_is_not_text(pages_site, tmp_path):
    report = run_import(pages_site, tmp_path)
    assert report.problems == [] and report.check == [], report.text()
    item = tmp_path / CABINET / "2025-03-12/02-town-centre-regeneration-phase-2.md"
    assert front(item)["subject"] == "town-centre-regeneration"
    assert "View the background" not in item.read_text(encoding="utf-8")


def test_a_clerks_subject_of_the_same_id_is_kept_and_ours_named_apart(site, tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    clerks = "town-centre-regeneration:\n  name: The clerk's own town centre subject\n"
    (content / "subjects.yaml").write_text(clerks, encoding="utf-8")
    assert run_import(site, tmp_path).ok
    subjects = (content / "subjects.yaml").read_text(encoding="utf-8")
    assert subjects.startswith(clerks)
    assert "town-centre-regeneration-3001:  # Modern.gov issue 3001; sha256 " in subjects
    assert front(tmp_path / CABINET / "2025-03-12/03-town-centre-regeneration-phase-2.md")["subject"] == \
        "town-centre-regeneration-3001"
    before = tree(content)
    run_import(site, tmp_path, refresh=True)  # the issue keeps its subject from run to run
    assert tree(content) == before


def test_an_issue_page_that_fails_now_is_for_the_next_run(site, tmp_path):
    site.fail["mgIssueHistoryHome_IId3001.html"] = 503
    report = run_import(site, tmp_path)
    assert any("IId=3001" in problem and "next run" in problem for problem in report.problems), report.text()
    assert report.check == []
    item = tmp_path / CABINET / "2025-03-12/03-town-centre-regeneration-phase-2.md"
    assert "subject" not in front(item)
    del site.fail["mgIssueHistoryHome_IId3001.html"]
    assert run_import(site, tmp_path).ok
    assert front(item)["subject"] == "town-centre-regeneration"  # its own file, unchanged by a clerk: updated


def test_the_issue_page_is_read_by_its_title_and_meetings():
    data = (FIXTURES / "mgIssueHistoryHome_IId3001.html").read_bytes()
    found = webpages.issue(data, "mgIssueHistoryHome.aspx?IId=3001", "3001")
    assert found == service.Issue("3001", "Town centre regeneration", ("9001", "9003", "8801"))


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80))
def test_any_issue_title_is_read_as_written(title):
    page = (f"<html><body><h1 class='mgMainTitleTxt'>Issue - items at meetings - {_escape(title)}</h1>"
            "</body></html>").encode()
    words = " ".join(title.split())
    if not words:
        return
    found = webpages.issue(page, "issue", "1")
    assert found.title and words.endswith(found.title)  # as written, after the page's own words


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---- declarations of interest ------------------------------------------------------------------


def test_a_declaration_in_modern_govs_table_is_on_its_item_and_the_members_page(site, tmp_path):
    report = run_import(site, tmp_path)
    assert report.ok, report.text()
    assert site.asked("mgMeetingAttendance_ID9001.html") == 1  # the service counts one: its table is read
    assert site.asked("mgMeetingAttendance_ID9003.html") == 0  # none counted: not asked
    item = front(tmp_path / CABINET / "2025-03-12/03-town-centre-regeneration-phase-2.md")
    assert item["declarations"] == [{
        "person": "cllr-priya-patel", "kind": "other registrable", "left_room": True,
        "interest": "She is a trustee of the Northam Market Trust, a tenant of the council's market hall.",
        "action": "Left the room for the item"}]
    assert not any("gives no details" in told for told in report.as_text)
    output = build_site(SETTINGS, tmp_path / "content", tmp_path / "output")
    built = page_text(output / "committees/cabinet/2025-03-12/town-centre-regeneration-phase-2/index.html")
    assert "She is a trustee of the Northam Market Trust" in built
    assert "Northam Market Trust" in page_text(output / "people/cllr-priya-patel/index.html")


def test_a_declaration_whose_item_cannot_be_told_is_on_the_meeting(pages_site, tmp_path):
    report = run_import(pages_site, tmp_path)
    meeting = tmp_path / CABINET / "2025-03-12"
    item = front(meeting / "02-town-centre-regeneration-phase-2.md")
    assert item["declarations"] == [{"person": "cllr-amelie-nunez-smith", "kind": "other registrable",
                                     "left_room": True, "interest": "She is a trustee of the Northam Market Trust.",
                                     "action": "Left the room for the item"}]
    assert front(meeting / "meeting.md")["declarations"] == [{
        "person": "cllr-tom-hughes", "kind": "other", "action": "Spoke but did not vote",
        "interest": "His daughter works for the council's café contractor. (declared as: Personal) "
                    "(item: Any other business)"}]  # no left_room: the action does not say
    assert any("Tom Hughes" in told and "not one of the meeting's" in told for told in report.as_text)
    output = build_site(SETTINGS, tmp_path / "content", tmp_path / "output")
    assert "His daughter works for the council's café contractor" in page_text(
        output / "committees/cabinet/2025-03-12/index.html")


def test_a_declaration_by_someone_who_cannot_be_told_is_kept_as_text():
    item = service.Item("1", "Budget", "1", "", "5", "", "", "", False, "", 1, (), ())
    meeting = service.Meeting("1", None, "", "", "", "", "", "", False, True, True,  # type: ignore[arg-type]
                              items=[item], declarations=[service.DeclarationRow(
                                  "", "Councillor Nobody Known", "5. Budget", "A tenant of the council.", "", "")])
    mapped = mapping.Mapped({"status": "minutes"}, [], [("01-budget.md", "1", {"title": "Budget"}, "")], [])
    mapping.map_declarations(meeting, mapped, mapping.People())
    assert "declarations" not in mapped.items[0][2] and "declarations" not in mapped.front
    assert mapped.notes == ["Declarations of interest recorded by Modern.gov:\n\n"
                            "- Councillor Nobody Known (item: 5. Budget): A tenant of the council."]
    assert any("kept as text" in told for told in mapped.told)


def test_a_declaration_is_mapped_only_as_far_as_its_words_go():
    def row(kind: str, action: str) -> service.DeclarationRow:
        return service.DeclarationRow("15", "Councillor Priya Patel", "23", "A trustee of the Trust.", kind, action)

    assert mapping.declaration_entry(row("Disclosable pecuniary interest", "Withdrew from the meeting"), "p") == {
        "person": "p", "interest": "A trustee of the Trust.", "kind": "disclosable pecuniary", "left_room": True,
        "action": "Withdrew from the meeting"}
    assert mapping.declaration_entry(row("Non-registrable", "Remained and voted"), "p") == {
        "person": "p", "interest": "A trustee of the Trust.", "kind": "non-registrable", "left_room": False,
        "action": "Remained and voted"}
    assert mapping.declaration_entry(row("Personal", "Spoke but did not vote"), "p") == {  # kept in words
        "person": "p", "interest": "A trustee of the Trust. (declared as: Personal)", "kind": "other",
        "action": "Spoke but did not vote"}
    assert "left_room" not in mapping.declaration_entry(row("", ""), "p")  # not said: not invented


def test_a_declaration_names_its_item_by_title_or_number():
    def item(key: str, title: str, number: str, minute: str) -> service.Item:
        return service.Item(key, title, number, "", minute, "", "", "", False, "", 0, (), ())

    meeting = service.Meeting("1", None, "", "", "", "", "", "", False, True, True,  # type: ignore[arg-type]
                              items=[item("a", "Budget", "3", "23"), item("b", "Budget monitoring", "4", "24")])

    def said(words: str) -> int | None:
        return mapping.declared_item(service.DeclarationRow("", "", words, "", "", ""), meeting)

    assert said("24. Budget monitoring") == 1 and said("Item 23") == 0  # by title, then by minute number
    assert said("4") == 1  # no minute 4: agenda item 4
    assert said("Item 99") is None and said("Any other business") is None and said("") is None


_CELL = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


@settings(max_examples=60, deadline=None)
@given(_CELL, _CELL, _CELL, _CELL, _CELL)
def test_any_row_of_declarations_reads_into_a_declaration_the_check_accepts(name, item, kind, nature, action):
    cells = "".join(f"<td>{_escape(cell)}</td>" for cell in (name, item, kind, nature, action))
    page = ("<html><body><table><tr><th>Member</th><th>Item</th><th>Type</th><th>Nature</th><th>Action</th></tr>"
            f"<tr>{cells}</tr></table></body></html>").encode()
    [row] = webpages.declarations(page, "attendance")
    assert row.interest == " ".join(nature.split()) and row.action == " ".join(action.split())
    if row.interest.strip():
        Declaration.model_validate(mapping.declaration_entry(row, "cllr-someone"))


# ---- the meeting's end, councillors' posts, and a meeting only as HTML ---------------------------


def test_the_pages_give_the_end_time_key_posts_and_work_email(pages_site, tmp_path):
    run_import(pages_site, tmp_path)
    assert front(tmp_path / CABINET / "2025-03-12/meeting.md")["end"] == "12:15"
    people = yaml.safe_load((tmp_path / "content/people.yaml").read_text(encoding="utf-8"))
    assert people["cllr-zoe-obrien"]["title"] == "Leader of the Council"
    assert people["cllr-zoe-obrien"]["email"] == "zoe.obrien@northam.example.gov.uk"
    assert "zoe.home@example.com" not in (tmp_path / "content/people.yaml").read_text(encoding="utf-8")
    output = build_site(SETTINGS, tmp_path / "content", tmp_path / "output")
    assert "12:15pm" in page_text(output / "committees/cabinet/2025-03-12/index.html")


def test_a_meeting_the_web_service_lacks_is_read_from_its_pages(site, tmp_path):
    report = run_import(site, tmp_path)
    assert report.ok, report.text()
    assert site.asked("GetMeeting_9101.xml") == 1 and site.asked("ieListDocuments_CId202_MId9101.html") == 1
    assert any("meeting 9101" in told and "HTML pages" in told for told in report.as_text)
    meeting = tmp_path / "content/meetings/planning-committee/2025-06-04"
    assert front(meeting / "meeting.md")["end"] == "19:40"
    output = build_site(SETTINGS, tmp_path / "content", tmp_path / "output")
    built = page_text(output / "committees/planning-committee/2025-06-04/index.html")
    for fact in ("Committee Room 1, Town Hall, Northam", "7pm", "7:40pm", "Seán D'Arcy", "Tom Hughes"):
        assert fact in built, fact
    item = page_text(output / "committees/planning-committee/2025-06-04/25-00412-ful-land-at-quarry-road-northam"
                     "/index.html")
    assert "Ms Siân O’Connor spoke against the application" in item
    assert "That planning permission be granted subject to the conditions in the officer's report." in item


# ---- the registries on a re-run -------------------------------------------------------------------


def test_a_rerun_brings_the_importers_registry_entries_up_to_date_and_keeps_a_clerks(site, tmp_path):
    content = tmp_path / "content"
    assert run_import(site, tmp_path).ok
    membership = (FIXTURES / "mgCommitteeDetails_ID201.html").read_bytes()
    site.replace["mgCommitteeDetails_ID201.html"] = membership.replace(  # Seán D'Arcy leaves, Tom Hughes joins
        b"""<li><a href="mgUserInfo.aspx?UID=12">Councillor Se\xc3\xa1n D'Arcy</a></li>""",
        b"""<li><a href="mgUserInfo.aspx?UID=14">Councillor Tom Hughes</a> (Deputy Leader)</li>""")
    councillors = (FIXTURES / "GetCouncillorsByWard.xml").read_bytes()
    site.replace["GetCouncillorsByWard.xml"] = councillors.replace(b"Liberal Democrats", b"Independent")
    report = run_import(site, tmp_path, refresh=True)
    assert report.ok, report.text()
    committees = yaml.safe_load((content / "committees.yaml").read_text(encoding="utf-8"))
    assert {"person": "cllr-tom-hughes", "role": "Deputy Leader"} in committees["cabinet"]["members"]
    assert "cllr-sean-darcy" not in str(committees["cabinet"]["members"])
    people = yaml.safe_load((content / "people.yaml").read_text(encoding="utf-8"))
    assert people["cllr-priya-patel"]["party"] == "Independent"
    assert "committees.yaml cabinet: brought up to date with Modern.gov" in report.as_text
    assert "people.yaml cllr-priya-patel: brought up to date with Modern.gov" in report.as_text
    check_content(content)

    # a clerk corrects two entries; Modern.gov changes them again: the clerk's words stay, and are reported
    registry = content / "people.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("party: Independent", "party: Independent "
                        "(elected as a Liberal Democrat)"), encoding="utf-8")
    committees_file = content / "committees.yaml"
    committees_file.write_text(committees_file.read_text(encoding="utf-8").replace(
        "  name: Cabinet\n", "  name: Cabinet\n  description: The council's executive.\n"), encoding="utf-8")
    site.replace["GetCouncillorsByWard.xml"] = councillors.replace(b"Liberal Democrats", b"Green Party")
    site.replace["mgCommitteeDetails_ID201.html"] = membership
    before = {registry.read_bytes(), committees_file.read_bytes()}
    report = run_import(site, tmp_path, refresh=True)
    assert {registry.read_bytes(), committees_file.read_bytes()} == before
    assert any(kept.startswith("people.yaml cllr-priya-patel: changed by a clerk") for kept in report.kept)
    assert any(kept.startswith("committees.yaml cabinet: changed by a clerk") for kept in report.kept)
    unchanged = tree(content)
    run_import(site, tmp_path)  # and a run with nothing new changes no byte
    assert tree(content) == unchanged


def test_a_registry_entry_is_updated_only_where_its_digest_says_the_importer_wrote_it(tmp_path):
    from minutebook.commands.moderngov.write import add_entries, update_entries

    registry = tmp_path / "people.yaml"
    registry.write_text("# People\nclerks-own:\n  name: Written by hand\n\n", encoding="utf-8")
    add_entries(registry, {"cllr-a": {"name": "A", "party": "Labour"}, "cllr-b": {"name": "B"}}, "People",
                {"cllr-a": "Modern.gov member 1", "cllr-b": "Modern.gov member 2"})
    outcome = update_entries(registry, {"cllr-a": {"name": "A", "party": "Green"}, "clerks-own": {"name": "X"},
                                        "cllr-b": {"name": "B"}}, {})
    assert (outcome.updated, outcome.kept) == (["cllr-a"], [])
    text = registry.read_text(encoding="utf-8")
    assert text.startswith("# People\nclerks-own:\n  name: Written by hand\n\n")
    assert yaml.safe_load(text)["cllr-a"] == {"name": "A", "party": "Green"}
    assert "cllr-a:  # Modern.gov member 1; sha256 " in text and "cllr-b:  # Modern.gov member 2; sha256 " in text
    assert update_entries(registry, {"cllr-a": {"name": "A", "party": "Green"}}, {}).updated == []


# ---- every fact on the fixture pages, on the built pages ----------------------------------------


@pytest.mark.parametrize("which", ["site", "pages_site"])
def test_every_fact_of_the_fixture_site_is_on_the_built_pages(which, request, tmp_path):
    fixture: FixtureSite = request.getfixturevalue(which)
    report = run_import(fixture, tmp_path)
    assert report.problems == [] and report.check == [], report.text()
    output = build_site(SETTINGS, tmp_path / "content", tmp_path / "output")
    facts = yaml.safe_load((fixture.folder / "facts.yaml").read_text(encoding="utf-8"))
    missing = [(page, fact) for page, listed in facts.items() for fact in listed
               if fact not in page_text(output / page)]
    assert missing == []
    built = {path.relative_to(output).as_posix() for path in (output / "committees").glob("*/*/index.html")}
    assert built <= set(facts), "a meeting page without a fact list"


def test_a_rescheduled_meeting_is_published_as_not_held_that_day_in_modern_govs_word():
    def meeting(status: str, minutes: bool) -> service.Meeting:
        return service.Meeting("1", None, status, "7.00 pm", "", "", "", "Town Hall", False, minutes,  # type: ignore
                               minutes)

    for status in ("Rescheduled", "Postponed", "Moved"):
        mapped = mapping.map_meeting(meeting(status, False), mapping.People())
        assert mapped.front["status"] == "cancelled"
        assert f"Modern.gov lists this meeting as “{status}”: it did not take place on this date." in mapped.notes[0]
        assert not any("does not record why" in note for note in mapped.notes)
    assert mapping.map_meeting(meeting("Rescheduled", True), mapping.People()).front["status"] == "minutes"


def test_a_committee_page_not_had_on_a_rerun_never_empties_its_membership(site, tmp_path):
    assert run_import(site, tmp_path).ok
    before = (tmp_path / "content/committees.yaml").read_bytes()
    site.fail["mgCommitteeDetails_ID201.html"] = 503
    report = run_import(site, tmp_path, refresh=True)
    assert (tmp_path / "content/committees.yaml").read_bytes() == before
    assert any("members of Cabinet" in skipped and "503" in skipped for skipped in report.skipped)


@settings(max_examples=30, deadline=None)
@given(st.lists(_CELL.filter(lambda text: text.strip()), min_size=1, max_size=4),
       st.emails(), st.emails())
def test_any_key_posts_and_work_email_are_read_and_a_home_email_never(posts, work, home):
    items = "".join(f"<li>{_escape(post)}</li>" for post in posts)
    page = ('<html><body><p><span class="mgLabel">Home email:</span> '
            f'<a href="mailto:{escape(home)}">{_escape(home)}</a></p>'
            f"<h2>Key posts</h2><ul>{items}</ul>"
            f'<p><span class="mgLabel">Email:</span> <a href="mailto:{escape(work)}">{_escape(work)}</a></p>'
            "</body></html>").encode()
    found = webpages.member_details(page, "member")
    assert found["email"] == work and (home == work or home not in found.values())
    assert found["title"] == "; ".join(" ".join(post.split()) for post in posts if " ".join(post.split()))


def test_a_substitute_is_for_whom_modern_gov_names_else_present_as_substitute():
    people = mapping.People()
    people.add_member("12", "Councillor Seán D'Arcy")

    def attendee(attendance: str, notes: str) -> service.Attendee:
        return service.Attendee("14", "Councillor Tom Hughes", "Committee Member", attendance, "", "", "", notes)

    assert mapping.substitute_for(attendee("Present as substitute", "Substitute for Councillor Seán D'Arcy"),
                                  people) == "cllr-sean-darcy"
    assert mapping.substitute_for(attendee("Present as substitute for Cllr. Seán D'Arcy.", ""), people) == \
        "cllr-sean-darcy"
    assert mapping.substitute_for(attendee("Present as substitute", ""), people) is None
    assert mapping.substitute_for(attendee("Present as substitute", "Substitute for Councillor Nobody"), people) is None


# ---- the progress bar by meetings ---------------------------------------------------------------


def test_the_command_shows_its_progress_by_meetings(site, tmp_path, capsys):
    from minutebook.commands.cli import main

    code = main(["import", "moderngov", site.url, "--content", str(tmp_path / "content"), "--delay", "0",
                 "--cache", str(tmp_path / "cache")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Meetings 1/5 [" in err and "] Cabinet, 2025-03-12" in err
    assert f"Meetings 5/5 [{'#' * 30}] Planning Committee, 2025-06-04" in err


def test_the_progress_bar_is_redrawn_in_place_on_a_terminal():
    import io

    from minutebook.commands.moderngov.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    bar = Progress(terminal, 4)
    for n in range(4):
        bar.step(f"Cabinet, meeting {n + 1}")
    bar.close()
    drawn = terminal.getvalue()
    assert drawn.count("\r") == 4 and drawn.endswith("\n") and drawn.count("\n") == 1
    assert "\rMeetings 2/4 [" + "#" * 15 + "." * 15 + "] Cabinet, meeting 2" in drawn


# ---- contact officers ---------------------------------------------------------------------------


def test_a_contact_comment_gives_the_items_contact_name_phone_and_email():
    assert mapping.item_contact("Darren Minton, Tel: 01274 434361, darren.minton@example.gov.uk") == {
        "name": "Darren Minton", "phone": "01274 434361", "email": "darren.minton@example.gov.uk"}
    assert mapping.item_contact("Darren Minton/Janice Hawkes – 01274 434361") == {
        "name": "Darren Minton/Janice Hawkes", "phone": "01274 434361"}
    assert mapping.item_contact("Jo Bloggs (Tel 020 7946 0000)") == {"name": "Jo Bloggs", "phone": "020 7946 0000"}
    assert mapping.item_contact("Democratic Services") == {"name": "Democratic Services"}
    assert mapping.item_contact("  ") is None


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=80))
def test_any_contact_comment_reads_into_a_contact_the_check_accepts(text):
    from minutebook.content.schema import ItemContact

    contact = mapping.item_contact(text)
    if contact is not None:
        ItemContact.model_validate(contact)
        assert contact["name"].strip()
