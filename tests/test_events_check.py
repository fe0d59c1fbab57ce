"""The check's messages for procedural events (``events:`` on meeting.md):
each mistake is reported at its line and field, saying what to write."""

from __future__ import annotations

import pytest

from minutebook.engine.pipeline import check_content
from tests.minimal_tree import ITEM_2, MEETING, mistakes, replace, write_tree

MEETING_MD = f"{MEETING}/meeting.md"


def events(*entries: str):
    """``events:`` at line 13 of meeting.md; each entry's first line is '  - ',
    its others '    '."""
    text = "events:\n" + "".join(
        "".join(("  - " if n == 0 else "    ") + line + "\n" for n, line in enumerate(entry.split("|")))
        for entry in entries)
    return replace(MEETING_MD, "documents:\n", text + "documents:\n")


VALID = events('time: "11:00"|event: adjourned|note: For a comfort break',
               'time: "11:10"|event: resumed',
               'time: "11:20"|event: left-room|person: cllr-peter-hollings|item: 2',
               'time: "11:40"|event: returned|person: cllr-peter-hollings',
               'time: "11:50"|event: public-excluded|item: 2',
               'time: "12:00"|event: public-readmitted',
               'time: "12:05"|event: other|note: The fire alarm sounded.')


def test_the_events_minutes_record_pass_the_check(tmp_path):
    tree = write_tree(tmp_path / "content")
    VALID(tree)
    check_content(tree)


def test_events_may_be_written_in_any_order(tmp_path):
    """The check orders them by time, as the page does."""
    tree = write_tree(tmp_path / "content")
    events('time: "11:10"|event: resumed', 'time: "11:00"|event: adjourned')(tree)
    check_content(tree)


CASES = [
    # (events, line, field, words the message must contain)
    (('time: "7.05pm"|event: adjourned',), 14, "events[0].time", ["'7.05pm' is not a time"]),
    (('time: "09:00"|event: adjourned', 'time: "11:00"|event: resumed'), 14, "events[0].time",
     ["09:00 is before the meeting started (10:30)", "correct 'time:'"]),
    (('time: "11:00"|event: adjourned', 'time: "12:30"|event: resumed'), 16, "events[1].time",
     ["12:30 is after the meeting ended (12:15)"]),
    (('time: "11:00"|event: adjurned',), 15, "events[0].event",
     ["'adjurned' is not allowed", "did you mean 'adjourned'?"]),
    (('time: "11:00"|event: left-room|person: cllr-peter-holings',), 16, "events[0].person",
     ["no person has the id 'cllr-peter-holings'", "did you mean 'cllr-peter-hollings'?"]),
    (('time: "11:00"|event: public-excluded|item: 8', 'time: "11:30"|event: public-readmitted'),
     16, "events[0].item", ["this meeting has no item '8'", "one of 1, 2"]),
    (('time: "11:00"|event: resumed',), 15, "events[0].event",
     ["'resumed' at 11:00 has no 'adjourned' before it", "add the 'adjourned' event"]),
    (('time: "11:10"|event: resumed', 'time: "11:20"|event: adjourned'), 15, "events[0].event",
     ["'resumed' at 11:10 has no 'adjourned' before it"]),
    (('time: "11:00"|event: adjourned', 'time: "11:10"|event: resumed',
      'time: "11:20"|event: resumed'), 19, "events[2].event",
     ["'resumed' at 11:20 has no 'adjourned' before it"]),
    (('time: "11:00"|event: public-readmitted',), 15, "events[0].event",
     ["'public-readmitted' at 11:00 has no 'public-excluded' before it"]),
    (('time: "11:00"|event: left-room|person: cllr-amina-rahman',
      'time: "11:10"|event: returned|person: cllr-peter-hollings'), 18, "events[1].event",
     ["'returned' at 11:10 has no 'left-room' by 'cllr-peter-hollings' before it"]),
    (('time: "11:00"|event: other',), 14, "events[0].note",
     ["an 'other' event needs a 'note:'"]),
    (('time: "11:00"|event: left-room|item: 2',), 14, "events[0].person",
     ["a 'left-room' event needs a 'person:'"]),
    (('event: adjourned',), 14, "events[0].time", ["'time' is required"]),
    (('time: "11:00"|event: adjourned|by: cllr-amina-rahman',), 16, "events[0].by",
     ["unknown field 'by'", "person"]),
]


@pytest.mark.parametrize(("entries", "line", "field", "words"), CASES,
                         ids=[f"{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_each_event_mistake_is_reported_where_it_is(tmp_path, entries, line, field, words):
    tree = write_tree(tmp_path / "content")
    events(*entries)(tree)
    found = mistakes(tree)
    assert len(found) == 1, "\n".join(map(str, found))
    assert (found[0].path, found[0].line, found[0].field) == (MEETING_MD, line, field), str(found[0])
    for word in words:
        assert word in found[0].message, found[0].message


def test_a_single_event_may_be_written_without_the_list(tmp_path):
    tree = write_tree(tmp_path / "content")
    replace(MEETING_MD, "documents:\n", 'events:\n  time: "11:00"\n  event: other\n  note: A pause.\n'
            "documents:\n")(tree)
    check_content(tree)


def test_someone_who_left_the_room_must_be_listed_as_attending(tmp_path):
    tree = write_tree(tmp_path / "content")
    replace(MEETING_MD, "  in_attendance:\n    - darren-minton\n", "")(tree)
    events('time: "11:00"|event: left-room|person: darren-minton')(tree)  # line 11 on: in_attendance went
    found = mistakes(tree)
    assert [(m.path, m.line, m.field) for m in found] == [(MEETING_MD, 14, "events[0].person")]
    assert found[0].message.startswith("'darren-minton' left the room but is not listed as attending "
                                       "this meeting: add them to 'attendance:'")
    # there for one item only is there
    replace(ITEM_2, "declarations:\n", "attendance:\n  in_attendance:\n    - darren-minton\n"
            "declarations:\n")(tree)
    check_content(tree)


def test_an_event_whose_time_is_not_recorded_keeps_its_place(tmp_path):
    """'not recorded' is not a time: the event stays after the one written before it."""
    tree = write_tree(tmp_path / "content")
    events('time: "11:00"|event: adjourned', "time: not recorded|event: resumed")(tree)
    check_content(tree)
    tree = write_tree(tmp_path / "again")
    events("time: not recorded|event: resumed", 'time: "11:00"|event: adjourned')(tree)
    found = mistakes(tree)
    assert [(m.line, m.field) for m in found] == [(15, "events[0].event")]
    assert "'resumed' (time not recorded) has no 'adjourned' before it" in found[0].message


def test_a_missing_time_is_still_a_mistake(tmp_path):
    tree = write_tree(tmp_path / "content")
    events("time: not recordd|event: adjourned")(tree)
    found = mistakes(tree)
    assert [(m.line, m.field) for m in found] == [(14, "events[0].time")]
    assert "'not recordd' is not a value Minute Book knows" in found[0].message
    assert "write 'not recorded'" in found[0].message
