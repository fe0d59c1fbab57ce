"""The check's messages for attendance as minutes record it: arrivals and
departures, the item someone left before, capacities, per-item attendance
and the council's remote attendance setting. Each mistake is planted in the
small valid tree and must be reported at its file, line and field, saying
what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from minutebook.content.errors import ContentErrors
from minutebook.content.settingscheck import settings_mistakes
from minutebook.engine.pipeline import check_content
from tests.minimal_tree import ITEM_2, MEETING, Plant, all_of, mistakes, replace, write_tree

MEETING_MD = f"{MEETING}/meeting.md"

# present (lines 7-10) rewritten with comings and goings; line numbers below count from here
PRESENT = "    - person: cllr-amina-rahman\n      role: Chair\n    - cllr-peter-hollings\n"
NAMED_VOTE = replace(ITEM_2, "  - for: 5\n    against: 1\n",
                     "  - for: [cllr-amina-rahman, cllr-peter-hollings]\n    against: 0\n")


def peter(*fields: str) -> Plant:
    """Give cllr-peter-hollings (line 10 of meeting.md) fields, one per line from line 11."""
    lines = "".join(f"      {f}\n" for f in fields)
    return replace(MEETING_MD, "    - cllr-peter-hollings\n",
                   f"    - person: cllr-peter-hollings\n{lines}")


def only(root: Path, plant: Plant):
    tree = write_tree(root / "content")
    plant(tree)
    found = mistakes(tree)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


CASES = [
    # (plant, file, line, field, words the message must contain)
    (peter('arrived: "12:00"', 'left: "11:00"'), MEETING_MD, 12, "attendance.present[1].left",
     ["arrived at 12:00 but left at 11:00", "correct 'arrived:' or 'left:'", "events:"]),
    (peter('arrived: "09:00"'), MEETING_MD, 11, "attendance.present[1].arrived",
     ["09:00 is before the meeting started (10:30)", "correct 'arrived:'"]),
    (peter('left: "13:00"'), MEETING_MD, 11, "attendance.present[1].left",
     ["13:00 is after the meeting ended (12:15)"]),
    (peter('left: "8.15pm"'), MEETING_MD, 11, "attendance.present[1].left",
     ["'8.15pm' is not a time", "24-hour clock"]),
    (peter("left_before: 9"), MEETING_MD, 11, "attendance.present[1].left_before",
     ["this meeting has no item '9'", "one of 1, 2"]),
    (peter('left_before: "minute 99"'), MEETING_MD, 11, "attendance.present[1].left_before",
     ["no item 'minute 99'"]),
    (peter("as_printed: [Cllr P. Hollings]"), MEETING_MD, 11, "attendance.present[1].as_printed",
     ["must be text, not a list"]),
    (all_of(NAMED_VOTE, peter("left_before: 2")), ITEM_2, 15, "votes[0].for[1]",
     ["'cllr-peter-hollings' voted but left the meeting before item 2",
      "remove them from this vote, or correct 'left_before:'"]),
    (all_of(
        replace(MEETING_MD, "    - cllr-peter-hollings\n", ""),
        # his declaration moves to the Chair: one who sent apologies cannot declare (another mistake)
        replace(ITEM_2, "  - person: cllr-peter-hollings\n", "  - person: cllr-amina-rahman\n"),
        replace(MEETING_MD, "  in_attendance:\n", "  apologies:\n    - person: cllr-peter-hollings\n"
                "      left: \"11:00\"\n  in_attendance:\n")),
     MEETING_MD, 12, "attendance.apologies[0].left", ["did not attend", "remove 'left:'"]),
    (replace(MEETING_MD, "  in_attendance:\n", "  also_present:\n    - cllr-peter-hollings\n"
             "  in_attendance:\n"), MEETING_MD, 12, "attendance.also_present[0]",
     ["'cllr-peter-hollings' is also listed under 'present'", "different 'capacity:'"]),
    (replace(MEETING_MD, "  in_attendance:\n", "  substitutes:\n    - person: cllr-peter-hollings\n"
             "      for: cllr-amina-rahman\n      role: Chair\n      arrivd: \"11:00\"\n"
             "  in_attendance:\n"), MEETING_MD, 15, "attendance.substitutes[0].arrivd",
     ["unknown field 'arrivd'", "did you mean 'arrived'?"]),
    (replace(ITEM_2, "declarations:\n", "attendance:\n  in_attendance:\n    - darren-mintn\n"
             "declarations:\n"), ITEM_2, 20, "attendance.in_attendance[0].person",
     ["no person has the id 'darren-mintn'", "did you mean 'darren-minton'?"]),
    (replace(ITEM_2, "declarations:\n", "attendance:\n  in_attendance:\n    - person: darren-minton\n"
             "      left_before: 2\ndeclarations:\n"), ITEM_2, 21, "attendance.in_attendance[0].left_before",
     ["there for this item only", "remove 'left_before:'"]),
    (replace(ITEM_2, "declarations:\n", "attendance:\n  also_present:\n    - name: A Guest\n"
             "      arrived: \"13:00\"\ndeclarations:\n"), ITEM_2, 21, "attendance.also_present[0].arrived",
     ["13:00 is after the meeting ended (12:15)"]),
    (replace(ITEM_2, "declarations:\n", "attendance:\n  present:\n    - darren-minton\n"
             "declarations:\n"), ITEM_2, 19, "attendance.present",
     ["unknown field 'present'", "in_attendance"]),
]


@pytest.mark.parametrize(("plant", "rel", "line", "field", "words"), CASES,
                         ids=[c[3] + "-" + str(i) for i, c in enumerate(CASES)])
def test_each_attendance_mistake_is_reported_where_it_is(tmp_path, plant, rel, line, field, words):
    found = only(tmp_path, plant)
    assert (found.path, found.line, found.field) == (rel, line, field), str(found)
    for word in words:
        assert word in found.message, found.message


def test_comings_and_goings_that_agree_pass(tmp_path):
    tree = write_tree(tmp_path / "content")
    all_of(NAMED_VOTE, peter('arrived: "10:40"', 'left: "12:00"', "left_before: 3",
                             "as_printed: Cllr P. Hollings", "capacity: Member"))(tree)
    # item 3 does not exist: the check says so, and nothing else
    found = mistakes(tree)
    assert [m.field for m in found] == ["attendance.present[1].left_before"]
    replace(MEETING_MD, "left_before: 3", "left_before: 2")(tree)
    replace(ITEM_2, "for: [cllr-amina-rahman, cllr-peter-hollings]", "for: [cllr-amina-rahman]")(tree)
    check_content(tree)  # no mistakes: he left before item 2 and did not vote in it


def test_a_vote_before_someone_left_is_not_a_mistake(tmp_path):
    """Leaving before item 2 says nothing about item 1 or earlier votes."""
    tree = write_tree(tmp_path / "content")
    all_of(NAMED_VOTE, peter('left_before: "minute 72"'))(tree)
    found = mistakes(tree)  # minute 72 does not exist
    assert [m.field for m in found] == ["attendance.present[1].left_before"]
    replace(MEETING_MD, 'left_before: "minute 72"', 'left_before: "minute 71"')(tree)
    assert [m.field for m in mistakes(tree)] == ["votes[0].for[1]"]  # minute 71 is item 2


def test_one_person_in_two_capacities_is_allowed(tmp_path):
    tree = write_tree(tmp_path / "content")
    replace(MEETING_MD, "  in_attendance:\n", "  also_present:\n    - person: cllr-peter-hollings\n"
            "      capacity: Representative of the Fire Authority\n  in_attendance:\n")(tree)
    check_content(tree)
    # twice in the same capacity is still a mistake
    replace(MEETING_MD, "    - cllr-peter-hollings\n  also_present",
            "    - person: cllr-peter-hollings\n      capacity: Representative of the Fire Authority\n"
            "  also_present")(tree)
    found = mistakes(tree)
    assert [m.field for m in found] == ["attendance.also_present[0]"]


def test_someone_who_left_in_one_capacity_but_stayed_in_another_may_vote(tmp_path):
    tree = write_tree(tmp_path / "content")
    all_of(NAMED_VOTE, peter("left_before: 2"),
           replace(MEETING_MD, "  in_attendance:\n", "  also_present:\n    - person: cllr-peter-hollings\n"
                   "      capacity: Representative of the Fire Authority\n  in_attendance:\n"))(tree)
    check_content(tree)


REMOTE_VOTER = all_of(
    replace(MEETING_MD, "    - cllr-peter-hollings\n", ""),
    replace(MEETING_MD, "  in_attendance:\n", "  attending_virtually:\n    - cllr-peter-hollings\n"
            "  in_attendance:\n"),
    NAMED_VOTE,
)


def test_remote_members_may_not_vote_by_default(tmp_path):
    tree = write_tree(tmp_path / "content")
    REMOTE_VOTER(tree)
    found = mistakes(tree)
    assert [(m.path, m.field) for m in found] == [(ITEM_2, "votes[0].for[1]")]
    assert "'cllr-peter-hollings' voted but is not listed as present" in found[0].message


def test_remote_members_may_vote_where_the_council_counts_them_present(tmp_path):
    tree = write_tree(tmp_path / "content")
    REMOTE_VOTER(tree)
    check_content(tree, {"MINUTEBOOK_REMOTE_COUNTS_AS_PRESENT": True})
    with pytest.raises(ContentErrors):  # only True counts them: the settings check reports "yes"
        check_content(tree, {"MINUTEBOOK_REMOTE_COUNTS_AS_PRESENT": "yes"})


@pytest.mark.parametrize("value", ["yes", 1, "True", None])
def test_the_remote_setting_must_be_true_or_false(value):
    found = settings_mistakes({"MINUTEBOOK_REMOTE_COUNTS_AS_PRESENT": value}, Path("pelicanconf.py"))
    assert [m.field for m in found] == ["MINUTEBOOK_REMOTE_COUNTS_AS_PRESENT"]
    assert "is not True or False" in found[0].message
    assert "write True if members attending remotely count as present" in found[0].message


@pytest.mark.parametrize("value", [True, False])
def test_true_or_false_is_accepted(value):
    assert settings_mistakes({"MINUTEBOOK_REMOTE_COUNTS_AS_PRESENT": value}, Path("x.py")) == []
    assert settings_mistakes({}, Path("x.py")) == []
