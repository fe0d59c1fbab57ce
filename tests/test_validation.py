"""The validator names the file, line and field of every content mistake, and
says what to write instead.

Each case starts from the small valid tree in ``minimal_tree``, plants one
mistake and checks the exact report a clerk would see.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from minimal_tree import FILES, ITEM_1, ITEM_2, MEETING, Plant, all_of, mistakes, replace, write_tree

from minutebook.content.errors import ContentErrors
from minutebook.engine.pipeline import check_content


def write(rel: str, content: str | bytes) -> Plant:
    def plant(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return plant


def move(old: str, new: str) -> Plant:
    def plant(root: Path) -> None:
        (root / new).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(root / old, root / new)
    return plant


def meeting(folder: str, items: dict[str, str] | None = None) -> Plant:
    """Another valid meeting of the executive, with the given item files."""
    files = {f"meetings/executive/{folder}/meeting.md":
             "---\nstatus: draft-minutes\nstart: 18:00\nvenue: Council Chamber\n---\n"}
    for name, text in (items or {}).items():
        files[f"meetings/executive/{folder}/{name}"] = text
    return all_of(*(write(rel, text) for rel, text in files.items()))


MEETING_MD = f"{MEETING}/meeting.md"
ITEM_1B = f"{MEETING}/01-other-business.md"
APRIL = "meetings/executive/2024-04-09"


@dataclass
class Case:
    id: str
    plant: Plant
    file: str
    line: int
    field: str
    says: str  # a key phrase of what to write instead
    count: int = 1  # how many mistakes this one planted mistake rightly causes


CASES = [
    # ---- reading files ----------------------------------------------------------
    Case("yaml-syntax-unquoted-colon", replace(ITEM_1, "title: Apologies for absence",
         "title: Apologies: none received"), ITEM_1, 2, "title", "must be put in quotes"),
    Case("yaml-syntax-in-registry", replace("people.yaml", "  ward: Little Horton",
         "  ward: Little Horton: North"), "people.yaml", 4, "ward", "must be put in quotes"),
    Case("yaml-syntax-bad-indentation", replace(ITEM_2, "  - people: [darren-minton]\n",
         "  - people: [darren-minton]\n   phone: 01274 434361\n"), ITEM_2, 13, "phone",
         "indentation"),
    Case("tab-indentation", replace(MEETING_MD, "  present:", "\tpresent:"),
         MEETING_MD, 7, "present", "use spaces, not tabs"),
    Case("duplicate-key", replace(ITEM_1, "minute: 70\n", "minute: 70\ntitle: Again\n"),
         ITEM_1, 4, "title", "given twice"),
    Case("duplicate-key-nested", replace(MEETING_MD, "      role: Chair\n",
         "      role: Chair\n      role: Leader\n"), MEETING_MD, 10,
         "attendance.present[0].role", "keep one of them"),
    Case("front-matter-not-fields", write(ITEM_1, "---\n- Apologies\n---\n"),
         ITEM_1, 2, "", "the fields must be 'field: value' lines, not a list"),
    Case("front-matter-missing", write(ITEM_1, "title: Apologies\n\n## Minutes\n\nNone.\n"),
         ITEM_1, 1, "", "start the file with a line '---'"),
    Case("front-matter-not-closed", replace(ITEM_1, "minute: 70\n---\n", "minute: 70\n"),
         ITEM_1, 1, "", "add a line '---' after the last field"),
    Case("not-utf8", write(ITEM_2, FILES[ITEM_2].encode().replace(b"noted", b"not\xe9d")),
         ITEM_2, 28, "", "save it again choosing UTF-8"),
    Case("not-utf8-registry", write("subjects.yaml", FILES["subjects.yaml"].encode()
         .replace(b"children", b"childr\x92en")), "subjects.yaml", 2, "", "UTF-8"),
    Case("control-character", replace(ITEM_1, "for absence", "for\x07absence"),
         ITEM_1, 2, "title", "remove it"),
    # ---- unknown fields -----------------------------------------------------------
    Case("unknown-field-item", replace(ITEM_2, "scrutiny: childrens-services",
         "scrutiny_aera: childrens-services"), ITEM_2, 4, "scrutiny_aera",
         "did you mean 'scrutiny'?"),
    Case("unknown-field-meeting", replace(MEETING_MD, "City Hall\n",
         "City Hall\nwebcats: https://example.org/live\n"), MEETING_MD, 6, "webcats",
         "did you mean 'webcast'?"),
    Case("unknown-field-attendance", replace(MEETING_MD, "      role: Chair", "      rol: Chair"),
         MEETING_MD, 9, "attendance.present[0].rol", "did you mean 'role'?"),
    Case("unknown-attendance-group", replace(MEETING_MD, "  in_attendance:", "  in_atendance:"),
         MEETING_MD, 11, "attendance.in_atendance", "did you mean 'in_attendance'?"),
    Case("field-lost-its-indentation", replace(MEETING_MD, "  in_attendance:\n    - darren",
         "in_attendance:\n    - darren"), MEETING_MD, 11, "in_attendance",
         "belongs under 'attendance:': indent it"),
    Case("unknown-field-document", replace(ITEM_2, "    file: report-am.pdf",
         "    fiel: report-am.pdf"), ITEM_2, 10, "documents[0].fiel", "did you mean 'file'?"),
    Case("unknown-field-registry", replace("people.yaml", "  ward: Little Horton",
         "  wards: Little Horton"), "people.yaml", 4, "cllr-amina-rahman.wards",
         "did you mean 'ward'?"),
    # ---- wrong types and values ------------------------------------------------------
    Case("minute-not-a-number", replace(ITEM_1, "minute: 70", "minute: abc"),
         ITEM_1, 3, "minute", "write digits only"),
    Case("minute-zero", replace(ITEM_1, "minute: 70", "minute: 0"),
         ITEM_1, 3, "minute", "write a number from 1"),
    Case("bool-maybe", replace(ITEM_2, "key_decision: false", "key_decision: maybe"),
         ITEM_2, 6, "key_decision", "write true or false"),
    Case("list-given-a-mapping", replace(ITEM_2, "subject: exploitation",
         "subject:\n  name: exploitation"), ITEM_2, 5, "subject", "must be a list"),
    Case("text-given-a-list", replace(ITEM_1, "title: Apologies for absence",
         "title:\n  - Apologies\n  - Absence"), ITEM_1, 2, "title", "must be text"),
    Case("vote-count-not-number-or-ids", replace(ITEM_2, "  - for: 5", "  - for: five people"),
         ITEM_2, 15, "votes[0].for", "write a number, for example 5"),
    Case("empty-required-field", replace(MEETING_MD, "venue: Committee Room 1, City Hall",
         "venue:"), MEETING_MD, 5, "venue", "write a value after the colon"),
    Case("time-of-day-out-of-range", replace(MEETING_MD, "end: 12:15", "end: 12:75"),
         MEETING_MD, 4, "end", "is not a time of day"),
    Case("document-written-as-text", replace(ITEM_2, "documents:\n  - title: Report AM\n"
         "    file: report-am.pdf", "documents: report-am.pdf"), ITEM_2, 8, "documents",
         "put 'field: value' lines under it"),
    Case("invalid-status", replace(MEETING_MD, "status: draft-minutes", "status: draft"),
         MEETING_MD, 2, "status", "did you mean 'draft-minutes'?"),
    Case("invalid-kind", replace("people.yaml", "  kind: officer", "  kind: oficer"),
         "people.yaml", 10, "darren-minton.kind", "did you mean 'officer'?"),
    Case("time-25-00", replace(MEETING_MD, "start: 10:30", "start: 25:00"),
         MEETING_MD, 3, "start", "24-hour clock"),
    Case("time-2pm", replace(MEETING_MD, "end: 12:15", "end: 2pm"),
         MEETING_MD, 4, "end", "for example 10:30 or 14:00"),
    Case("end-before-start", replace(MEETING_MD, "end: 12:15", "end: 09:15"),
         MEETING_MD, 4, "end", "correct 'start:' or 'end:'"),
    Case("exempt-paragraph-8", replace(ITEM_1, "minute: 70\n", "minute: 70\nexempt: 8\n"),
         ITEM_1, 4, "exempt", "write a number from 1 to 7"),
    Case("named-voter-not-present", replace(ITEM_2, "  - for: 5", "  - for: [cllr-amina-rahman, darren-minton]"),
         ITEM_2, 15, "votes[0].for[1]", "add them to attendance.present"),
    Case("vote-carried-more-against", replace(ITEM_2, "    against: 1", "    against: 7"),
         ITEM_2, 17, "votes[0].result", "correct 'result:' or the counts"),
    Case("document-file-and-url", replace(ITEM_2, "    file: report-am.pdf\n",
         "    file: report-am.pdf\n    url: https://example.org/am.pdf\n"), ITEM_2, 11,
         "documents[0].url", "remove one of them"),
    Case("attendee-person-and-name", replace(MEETING_MD, "      role: Chair\n",
         "      role: Chair\n      name: Amina Rahman\n"), MEETING_MD, 10,
         "attendance.present[0].name", "remove one of them"),
    # ---- missing fields -----------------------------------------------------------------
    Case("missing-item-title", replace(ITEM_1, "title: Apologies for absence\n", ""),
         ITEM_1, 2, "title", "add a line 'title: ...'"),
    Case("missing-meeting-status", replace(MEETING_MD, "status: draft-minutes\n", ""),
         MEETING_MD, 2, "status", "add a line 'status: ...'"),
    Case("missing-meeting-start", replace(MEETING_MD, "start: 10:30\nend: 12:15\n", ""),
         MEETING_MD, 2, "start", "add a line 'start: ...'"),
    Case("missing-meeting-venue", replace(MEETING_MD, "venue: Committee Room 1, City Hall\n",
         ""), MEETING_MD, 2, "venue", "add a line 'venue: ...'"),
    Case("missing-person-name", replace("people.yaml", "  name: Darren Minton\n", ""),
         "people.yaml", 8, "darren-minton.name", "add a line 'name: ...'"),
    Case("missing-person-kind", replace("people.yaml", "Peter Hollings\n  kind: councillor\n",
         "Peter Hollings\n"), "people.yaml", 5, "cllr-peter-hollings.kind",
         "add a line 'kind: ...'"),
    Case("missing-meeting-file", lambda root: (root / MEETING_MD).unlink(),
         MEETING_MD, 1, "", "create it with at least 'status:'"),
    # ---- file and folder names ------------------------------------------------------------
    Case("impossible-date-folder", move(MEETING, "meetings/executive/2024-02-30"),
         "meetings/executive/2024-02-30", 1, "date", "is not a real date"),
    Case("bad-folder-name", move(MEETING, "meetings/executive/5-march-2024"),
         "meetings/executive/5-march-2024", 1, "", "as YYYY-MM-DD, for example 2024-03-05"),
    Case("bad-item-file-name", move(ITEM_1, f"{MEETING}/Apologies.md"),
         f"{MEETING}/Apologies.md", 1, "", "for example 08-exploitation-annual-update.md"),
    Case("file-in-meetings-folder", write("meetings/notes.md", "Notes\n"),
         "meetings/notes.md", 1, "", "only committee folders belong in meetings/"),
    Case("file-in-committee-folder", write("meetings/executive/agenda.pdf", b"%PDF"),
         "meetings/executive/agenda.pdf", 1, "", "move this file into a folder such as"),
    Case("meeting-file-is-a-folder", all_of(lambda root: (root / MEETING_MD).unlink(),
         lambda root: (root / MEETING_MD).mkdir()), MEETING_MD, 1, "", "cannot be read"),
    Case("undeclared-committee-folder", move("meetings/executive", "meetings/exec"),
         "meetings/exec/2024-03-05", 1, "committee", "did you mean 'executive'?"),
    # ---- references -------------------------------------------------------------------------
    Case("undeclared-person-attendance", replace(MEETING_MD, "    - cllr-peter-hollings",
         "    - cllr-peter-holings"), MEETING_MD, 10, "attendance.present[1].person",
         "did you mean 'cllr-peter-hollings'?"),
    Case("undeclared-person-vote", replace(ITEM_2, "  - for: 5",
         "  - for: [cllr-amina-rahman, cllr-nobody]"), ITEM_2, 15, "votes[0].for[1]",
         "use an id from people.yaml, or add it there"),
    Case("undeclared-person-contact", replace(ITEM_2, "[darren-minton]", "[darren-mintan]"),
         ITEM_2, 12, "contacts[0].people[0]", "did you mean 'darren-minton'?"),
    Case("undeclared-person-declaration", replace(ITEM_2, "  - person: cllr-peter-hollings",
         "  - person: cllr-nobody"), ITEM_2, 19, "declarations[0].person", "people.yaml"),
    Case("undeclared-person-presenter", replace(ITEM_2, "presented_by: darren-minton",
         "presented_by: d-minton"), ITEM_2, 7, "presented_by", "people.yaml"),
    Case("undeclared-committee-member", replace("committees.yaml",
         "    - person: cllr-amina-rahman", "    - person: cllr-amina"), "committees.yaml", 5,
         "executive.members[0].person", "did you mean 'cllr-amina-rahman'?"),
    Case("undeclared-scrutiny-area", replace(ITEM_2, "scrutiny: childrens-services",
         "scrutiny: childrens-service"), ITEM_2, 4, "scrutiny",
         "did you mean 'childrens-services'?"),
    Case("undeclared-subject", replace(ITEM_2, "subject: exploitation",
         "subject: [exploitation, housing]"), ITEM_2, 5, "subject[1]", "subjects.yaml"),
    Case("undeclared-committee-of-area", replace("scrutiny-areas.yaml", "committee: executive",
         "committee: scrutiny"), "scrutiny-areas.yaml", 3, "childrens-services.committee",
         "committees.yaml"),
    Case("invalid-registry-id", replace("subjects.yaml", "exploitation:\n",
         "Housing Policy:\n  name: Housing\nexploitation:\n"), "subjects.yaml", 1,
         "Housing Policy", "for example 'housing-policy'"),
    # ---- numbering ------------------------------------------------------------------------------
    Case("duplicate-agenda-number", write(ITEM_1B, "---\ntitle: Other business\n---\n"),
         ITEM_1B, 1, "number", "renumber one of them"),
    Case("duplicate-minute-number", meeting("2024-04-09", {
         "01-minutes.md": "---\ntitle: Minutes\nminute: 71\n---\n## Minutes\n\nAgreed.\n"}),
         f"{APRIL}/01-minutes.md", 3, "minute", "next unused minute number, 72"),
    # ---- documents ----------------------------------------------------------------------
    Case("missing-document-file", replace(ITEM_2, "file: report-am.pdf",
         "file: report-am-v2.pdf"), ITEM_2, 10, "documents[0].file",
         "did you mean 'report-am.pdf'?"),
    Case("document-escapes-folder", replace(MEETING_MD, "file: agenda.pdf",
         "file: ../agenda.pdf"), MEETING_MD, 15, "documents[0].file",
         "must be a file inside the meeting folder"),
    # ---- attendance and lifecycle ---------------------------------------------------------------
    Case("person-twice-in-attendance", replace(MEETING_MD, "    - darren-minton",
         "    - cllr-peter-hollings"), MEETING_MD, 12, "attendance.in_attendance[0]",
         "list each person once"),
    Case("approved-without-approved-at", replace(MEETING_MD, "status: draft-minutes",
         "status: approved-minutes"), MEETING_MD, 2, "approved_at", "add 'approved_at:'"),
    Case("approved-at-missing-meeting", replace(MEETING_MD, "status: draft-minutes",
         "status: approved-minutes\napproved_at:\n  meeting: executive/2024-04-09\n  minute: 3"),
         MEETING_MD, 4, "approved_at.meeting", "no meeting 'executive/2024-04-09'"),
    Case("approved-at-earlier-meeting", all_of(meeting("2024-02-06"), replace(MEETING_MD,
         "status: draft-minutes", "status: approved-minutes\napproved_at:\n"
         "  meeting: executive/2024-02-06\n  minute: 3")), MEETING_MD, 4, "approved_at.meeting",
         "name a later meeting"),
    Case("approved-at-minute-not-in-that-meeting", all_of(meeting("2024-04-09", {
         "01-minutes.md": "---\ntitle: Minutes\nminute: 80\n---\n"}), replace(MEETING_MD,
         "status: draft-minutes", "status: approved-minutes\napproved_at:\n"
         "  meeting: executive/2024-04-09\n  minute: 3")), MEETING_MD, 5, "approved_at.minute",
         "one of 80"),
    Case("minutes-on-agenda-published", replace(MEETING_MD, "status: draft-minutes",
         "status: agenda-published"), ITEM_1, 5, "text", "set 'status: draft-minutes'",
         count=2),
    # ---- item text ---------------------------------------------------------------------------
    Case("text-before-first-section", replace(ITEM_1, "## Minutes\n", "Apologies.\n## Minutes\n"),
         ITEM_1, 5, "text", "put '## Agenda'"),
    Case("unknown-section-heading", replace(ITEM_1, "## Minutes", "## Decisions"),
         ITEM_1, 5, "text", "'## Agenda' and '## Minutes'"),
]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "content")


def test_the_minimal_tree_is_valid(tree: Path) -> None:
    checked = check_content(tree)
    assert [len(m.items) for m in checked.meetings] == [2]
    assert checked.warnings == []


def test_the_table_is_big_and_distinct() -> None:
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_one_planted_mistake_is_reported_exactly(tree: Path, case: Case) -> None:
    case.plant(tree)
    errors = mistakes(tree)
    assert len(errors) == case.count, "\n".join(map(str, errors))
    first = errors[0]
    assert (first.path, first.line, first.field) == (case.file, case.line, case.field), str(first)
    assert case.says in first.message, str(first)
    assert str(first).startswith(f"{case.file}:{case.line}: " +
                                 (f"{case.field}: " if case.field else ""))
    assert not first.warning


def test_pydantic_wording_never_reaches_the_clerk(tree: Path) -> None:
    for case in CASES:
        root = tree.parent / case.id
        write_tree(root)
        case.plant(root)
        for error in mistakes(root):
            for phrase in ("Input should", "Value error", "validation error", "pydantic",
                           "function-", "[type="):
                assert phrase not in error.message, str(error)


def test_every_mistake_in_every_file_is_reported_in_one_run_in_order(tree: Path) -> None:
    replace(ITEM_2, "scrutiny: childrens-services", "scrutiny_aera: childrens-services")(tree)
    replace(ITEM_1, "minute: 70", "minute: abc")(tree)
    replace(MEETING_MD, "start: 10:30", "start: 25:00")(tree)
    replace(MEETING_MD, "    - cllr-peter-hollings", "    - cllr-nobody")(tree)
    replace("people.yaml", "  kind: officer", "  kind: oficer")(tree)
    replace("subjects.yaml", "  name: Exploitation", "  name: Exploitation: all forms")(tree)
    errors = mistakes(tree)
    where = [(e.path, e.line, e.field) for e in errors]
    assert where == [
        (ITEM_1, 3, "minute"),
        (ITEM_2, 4, "scrutiny_aera"),
        (MEETING_MD, 3, "start"),
        ("people.yaml", 10, "darren-minton.kind"),
        ("subjects.yaml", 2, "name"),
    ]
    assert where == sorted(where)


def test_the_report_counts_mistakes_and_says_nothing_was_published(tree: Path) -> None:
    replace(ITEM_1, "minute: 70", "minute: abc")(tree)
    replace(ITEM_2, "key_decision: false", "key_decision: maybe")(tree)
    with pytest.raises(ContentErrors) as caught:
        check_content(tree)
    report = caught.value.report().splitlines()
    # the report names files as the clerk opens them: under the content folder
    assert report[0].startswith(f"{(tree / ITEM_1).as_posix()}:3: minute: 'abc' is not a whole number")
    assert report[1].startswith(f"{(tree / ITEM_2).as_posix()}:6: key_decision: 'maybe' is not yes or no")
    assert report[-1] == "Found 2 mistakes in the content. Nothing was published."


def test_minute_numbers_restart_in_a_new_municipal_year(tree: Path) -> None:
    meeting("2024-05-21", {"01-minutes.md": "---\ntitle: Minutes\nminute: 70\n---\n"})(tree)
    checked = check_content(tree)
    assert [m.date.isoformat() for m in checked.meetings] == ["2024-03-05", "2024-05-21"]


def test_a_single_value_where_a_list_is_allowed(tree: Path) -> None:
    checked = check_content(tree)
    item = checked.meetings[0].items[1].front
    assert item.scrutiny == ["childrens-services"]
    assert item.presented_by == ["darren-minton"]
    assert item.votes[0].for_ == 5 and item.votes[0].against == 1


def test_times_and_shorthands_clerks_write_are_accepted(tree: Path) -> None:
    meeting("2024-04-09")(tree)
    replace(MEETING_MD, "start: 10:30", "start: 9:30")(tree)
    replace(MEETING_MD, "status: draft-minutes",
            "status: approved-minutes\napproved_at: executive/2024-04-09")(tree)
    replace(MEETING_MD, "  in_attendance:\n    - darren-minton",
            "  in_attendance: darren-minton")(tree)
    front = check_content(tree).meetings[0].front
    assert front.start.isoformat() == "09:30:00"
    assert front.approved_at.meeting == "executive/2024-04-09"
    assert [a.person for a in front.attendance.in_attendance] == ["darren-minton"]


def test_committee_members_may_be_given_by_id_alone(tree: Path) -> None:
    replace("committees.yaml", "    - person: cllr-amina-rahman\n      role: Chair\n",
            "    - cllr-amina-rahman\n")(tree)
    check_content(tree)


def test_editors_hidden_files_are_not_agenda_items(tree: Path) -> None:
    write(f"{MEETING}/.01-apologies.md.swp.md", "not an item")(tree)
    checked = check_content(tree)
    assert len(checked.meetings[0].items) == 2
