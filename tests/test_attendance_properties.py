"""Property tests of the readers of the new attendance fields and of
procedural events: whatever a clerk writes is either read as they meant it
or reported with a message, never a traceback."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from minutebook.content import comings, schema

TIMES = st.times().map(lambda t: t.replace(second=0, microsecond=0))
KINDS = st.sampled_from(["adjourned", "resumed", "public-excluded", "public-readmitted",
                         "left-room", "returned", "other"])
WRITTEN = st.one_of(st.text(max_size=12), st.integers(-5, 120), st.none(), st.booleans(),
                    st.lists(st.text(max_size=3), max_size=2))


def hhmm(time: dt.time, dot: bool = False) -> str:
    return f"{time.hour}{'.' if dot else ':'}{time.minute:02d}"


@given(arrived=TIMES, left=TIMES, dot=st.booleans())
def test_arrived_and_left_are_read_and_compared(arrived, left, dot):
    data = {"person": "cllr-a", "arrived": hhmm(arrived, dot), "left": hhmm(left, dot)}
    if left <= arrived:
        with pytest.raises(ValidationError) as caught:
            schema.MeetingAttendee.model_validate(data)
        assert "correct 'arrived:' or 'left:'" in str(caught.value)
    else:
        entry = schema.MeetingAttendee.model_validate(data)
        assert (entry.arrived, entry.left) == (arrived, left)
        assert entry.came_and_went


@given(number=st.integers(1, 999), letter=st.sampled_from(["", "A", "b"]))
def test_left_before_is_read_as_the_agenda_number_written(number, letter):
    written = number if not letter else f"{number}{letter}"
    entry = schema.Substitute.model_validate({"person": "cllr-a", "for": "cllr-b", "left_before": written})
    assert entry.left_before == f"{number}{letter}"


@given(value=WRITTEN, field=st.sampled_from(["arrived", "left", "left_before", "as_printed",
                                             "capacity", "role"]))
def test_any_value_is_read_or_refused_with_a_message(value, field):
    try:
        entry = schema.Substitute.model_validate({"person": "cllr-a", "for": "cllr-b", field: value})
    except ValidationError as exc:
        assert exc.errors()[0]["msg"]
    else:
        read = getattr(entry, field)
        assert read is None or isinstance(read, str | dt.time)


@given(time=TIMES, kind=KINDS, person=st.none() | st.just("cllr-a"),
       note=st.none() | st.text(min_size=1, max_size=20), item=st.none() | st.integers(1, 30))
def test_an_event_is_read_when_it_is_complete(time, kind, person, note, item):
    data = {"time": hhmm(time), "event": kind, "person": person, "note": note, "item": item}
    incomplete = (kind == "other" and not note) or (kind in ("left-room", "returned") and not person)
    if incomplete:
        with pytest.raises(ValidationError):
            schema.ProceduralEvent.model_validate(data)
        return
    event = schema.ProceduralEvent.model_validate(data)
    assert (event.time, event.event, event.person) == (time, kind, person)
    assert event.item == (None if item is None else str(item))


def _items(labels: list[tuple[int, str, int | None]]):
    """Stand-ins for checked items: (number, letter, minute)."""
    return [SimpleNamespace(raw=SimpleNamespace(number=n, letter=letter, label=f"{n}{letter.upper()}"),
                            front=SimpleNamespace(minute=m)) for n, letter, m in labels]


@given(st.lists(st.tuples(st.integers(1, 40), st.sampled_from(["", "a"]), st.none() | st.integers(1, 500)),
                max_size=8, unique_by=lambda t: (t[0], t[1])),
       st.integers(1, 40), st.sampled_from(["", "a", "A"]))
def test_find_item_finds_the_item_with_that_agenda_number(labels, number, letter):
    items = _items(labels)
    found = comings.find_item(items, f"{number}{letter}")
    expected = [i for i in items if i.raw.label == f"{number}{letter.upper()}"]
    assert found is (expected[0] if expected else None)


@given(st.lists(st.tuples(st.integers(1, 40), st.just(""), st.none() | st.integers(1, 500)),
                max_size=8, unique_by=lambda t: t[0]), st.integers(1, 500))
def test_find_item_finds_a_minute_number(labels, minute):
    items = _items(labels)
    found = comings.find_item(items, f"Minute {minute}")
    with_minute = [i for i in items if i.front.minute == minute]
    assert found is (with_minute[0] if with_minute else None)


@given(st.lists(st.tuples(TIMES, st.sampled_from(["adjourned", "resumed"])), max_size=8))
def test_resumed_is_accepted_exactly_when_an_adjournment_is_open(written):
    """However the clerk orders them, the check reads the events in time
    order and accepts them exactly when every resumption has its adjournment."""
    front = SimpleNamespace(events=[schema.ProceduralEvent(time=t, event=e) for t, e in written],
                            start=dt.time(0, 0), end=None, attendance=schema.Attendance())
    meeting = SimpleNamespace(front=front, items=[], raw=SimpleNamespace(
        source=SimpleNamespace(rel="m.md", front=SimpleNamespace(line=lambda loc: 1))))
    errors: list = []
    comings._check_events(meeting, lambda *args: None, errors)
    open_, expected = 0, 0
    for _, event in sorted(written, key=lambda pair: pair[0]):
        if event == "adjourned":
            open_ += 1
        elif open_:
            open_ -= 1
        else:
            expected += 1
    assert len(errors) == expected


@given(st.lists(st.none() | TIMES, max_size=10))
def test_events_are_ordered_by_time_and_untimed_ones_keep_their_place(times):
    events = [SimpleNamespace(time=t) for t in times]
    ordered = comings.in_time_order(events)
    assert sorted(i for i, _ in ordered) == list(range(len(events)))  # each once
    timed = [e.time for _, e in ordered if e.time is not None]
    assert timed == sorted(timed)
    position = {i: n for n, (i, _) in enumerate(ordered)}
    for i, event in enumerate(events):
        if event.time is None and i > 0:  # straight after... or after what was written before it
            assert position[i] > position[i - 1]
