"""Votes as minutes really give them: counts stated beside the names, a
recorded vote whose names are not given, a result whose numbers are not
recorded; and the check's message for each way of getting them wrong.

The check-message cases plant one mistake in the small valid tree
(``minimal_tree``), whose ITEM_2 has, from line 14:

    14 votes:
    15   - for: 5
    16     against: 1
    17     result: carried
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from minimal_tree import ITEM_2, mistakes, replace, write_tree
from pydantic import ValidationError

from minutebook.content import schema
from minutebook.content.motions import check_item_motions
from minutebook.content.source import read_source
from minutebook.engine.pipeline import load_site
from minutebook.site.opendata import decision_row, item_json, vote_text

VOTE = "  - for: 5\n    against: 1\n    result: carried\n"
BOTH = "[cllr-amina-rahman, cllr-peter-hollings]"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "content")


def vote(text: str):
    """A plant that writes ITEM_2's vote as ``text`` (lines from 15)."""
    return replace(ITEM_2, VOTE, text)


CASES = [
    # (id, the vote as written from line 15, line, field, what the message says)
    ("stated-count-differs-from-names",
     f"  - for: {BOTH}\n    stated: {{for: 3, against: 0}}\n    result: carried\n",
     16, "votes[0].stated", "the minutes state 3 for but 2 members are listed under 'for:': correct 'stated:'"),
    ("stated-abstentions-with-no-names",
     f"  - for: {BOTH}\n    stated: {{for: 2, abstain: 1}}\n    result: carried\n",
     16, "votes[0].stated", "the minutes state 1 abstention but 0 members are listed under 'abstain:'"),
    ("stated-and-count-disagree",
     "  - for: 7\n    stated: {for: 8}\n    result: carried\n",
     16, "votes[0].stated", "'for: 7' and the stated count 8 disagree: give the count once"),
    ("stated-counts-contradict-result",
     "  - stated: {for: 2, against: 9}\n    result: carried\n",
     16, "votes[0].result", "marked carried but the minutes state 2 for and 9 against"),
    ("member-on-two-sides",
     f"  - for: {BOTH}\n    against: [cllr-peter-hollings]\n    result: carried\n",
     16, "votes[0].against[0]", "'cllr-peter-hollings' is also listed under 'for' in this vote"),
    ("result-with-no-counts-and-no-names",
     "  - on: the motion\n    result: carried\n",
     16, "votes[0].result", "write the counts ('for: 31', 'against: 20'), list the members by id"),
    ("names-not-recorded-with-no-counts",
     "  - names_not_recorded: true\n    result: lost\n",
     16, "votes[0].result", "or write 'counts_not_recorded: true'"),
    ("names-not-recorded-but-names-listed",
     f"  - for: {BOTH}\n    names_not_recorded: true\n    result: carried\n",
     16, "votes[0].names_not_recorded", "lists members by name but also says 'names_not_recorded: true'"),
    ("counts-not-recorded-but-counts-given",
     "  - for: 5\n    counts_not_recorded: true\n    result: carried\n",
     16, "votes[0].counts_not_recorded", "gives counts or names but also says 'counts_not_recorded: true'"),
    ("stated-not-a-number",
     "  - stated: {for: many}\n    result: carried\n",
     15, "votes[0].stated.for", "'many' is not a whole number"),
    ("stated-misspelt-side",
     "  - stated: {for: 3, abstained: 1}\n    result: carried\n",
     15, "votes[0].stated.abstained", "did you mean 'abstain'?"),
    ("voter-not-present-still-caught",
     "  - for: [cllr-amina-rahman, darren-minton]\n    result: carried\n",
     15, "votes[0].for[1]", "add them to attendance.present"),
]


@pytest.mark.parametrize(("written", "line", "field", "says"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_vote_mistake_is_reported_at_its_line_with_what_to_write(tree, written, line, field, says):
    vote(written)(tree)
    found = [e for e in mistakes(tree) if not e.warning]
    assert [(e.path, e.line, e.field) for e in found] == [(ITEM_2, line, field)], found
    assert says in found[0].message


def test_votes_written_as_today_keep_working(tree):
    site = load_site(tree)
    (v,) = site.items[1].votes
    assert (v.for_count, v.against_count, v.abstain_count, v.stated) == (5, 1, 0, False)
    assert "Vote: carried (5 for, 1 against, 0 abstained)" in vote_text(v)


def test_a_recorded_vote_without_names_is_published_as_such_never_as_zeros(tree):
    vote("  - names_not_recorded: true\n    stated: {for: 9, against: 2}\n    result: carried\n")(tree)
    (v,) = load_site(tree).items[1].votes
    assert (v.for_count, v.against_count, v.names_not_recorded) == (9, 2, True)
    assert vote_text(v).endswith("(9 for, 2 against, 0 abstained; names not recorded)")


def test_a_vote_whose_numbers_are_not_recorded_publishes_no_numbers(tree):
    vote("  - on: the recommendation\n    counts_not_recorded: true\n    result: carried\n")(tree)
    site = load_site(tree)
    item = site.items[1]
    assert vote_text(item.votes[0]) == "Vote on the recommendation: carried (numbers not recorded)"
    data = item_json(item, {})["extras"]
    assert data["votes"][0]["for"] is None and data["vote_events"][0]["counts"] == []
    assert "0 for" not in decision_row(item, {})["votes"]


# ---- the reader and validator, over many votes (hypothesis) ----------------------

POOL = [f"cllr-{name}" for name in ("a", "b", "c", "d", "e", "f")]
SIDES = ("for", "against", "abstain")


@st.composite
def named_votes(draw):
    """A named vote: each member of the pool on one side or none, stated
    counts perhaps given (perhaps off by some), and a result that agrees
    with the names."""
    where = draw(st.lists(st.sampled_from((*SIDES, None)), min_size=len(POOL), max_size=len(POOL)))
    names = {side: [p for p, w in zip(POOL, where, strict=True) if w == side] for side in SIDES}
    data: dict = {side: names[side] for side in SIDES if names[side] or draw(st.booleans())}
    off = {side: 0 for side in SIDES}
    if draw(st.booleans()):
        off = {side: draw(st.sampled_from((0, 0, 1, -1))) for side in SIDES}
        data["stated"] = {side: max(0, len(names[side]) + off[side]) for side in SIDES}
    yes, no = len(names["for"]), len(names["against"])
    data["result"] = "carried" if yes >= no else "lost"
    return data, names


def expected_mistake(data: dict, names: dict[str, list[str]]) -> str | None:
    """What the check should say of a drawn vote (a phrase of it), or None."""
    stated, listed = data.get("stated"), {side: len(names[side]) for side in SIDES}
    named = any(listed.values())
    if stated is None:
        return None if named else "no counts and no names"
    if named:
        return None if stated == listed else "the minutes state"
    if not any(stated.values()):
        return "no counts and no names"
    return None if (stated["for"] >= stated["against"]) == (data["result"] == "carried") else "the minutes state"


@settings(deadline=None)  # no timed assertions: the machine may be busy
@given(named_votes())
@example(({"stated": {"for": 1, "against": 0, "abstain": 0}, "result": "carried"}, dict.fromkeys(SIDES, [])))
@example(({"stated": {"for": 0, "against": 1, "abstain": 0}, "result": "carried"}, dict.fromkeys(SIDES, [])))
@example(({"result": "carried"}, dict.fromkeys(SIDES, [])))
def test_stated_counts_are_accepted_exactly_when_they_agree_with_the_names(drawn):
    data, names = drawn
    expected = expected_mistake(data, names)
    try:
        read = schema.Vote.model_validate(data)
    except ValidationError as exc:
        assert expected is not None and expected in str(exc), str(exc)
        return
    assert expected is None
    assert {side: read.model_dump(by_alias=True)[side] for side in SIDES if side in data} == \
        {side: names[side] for side in SIDES if side in data}


def check_item(text: str, voters: set[str] = frozenset(POOL)) -> list:
    """What the check of motions and votes says of one item file's text."""
    source = read_source(Path("item.md"), "item.md", raw=text.encode("utf-8"))
    front = schema.ItemFront.model_validate(source.front.data)
    errors: list = []
    check_item_motions(front, source, set(voters), set(POOL), lambda *args: None, errors)
    return errors


@settings(deadline=None)  # no timed assertions: the machine may be busy
@given(st.lists(st.sets(st.sampled_from(SIDES), max_size=3), min_size=len(POOL), max_size=len(POOL)))
def test_a_member_on_two_sides_of_a_vote_is_always_caught_at_the_later_entry(sides_of):
    lists = {side: [p for p, mine in zip(POOL, sides_of, strict=True) if side in mine] for side in SIDES}
    lines = [f"    {side}: [{', '.join(lists[side])}]" for side in SIDES if lists[side]]
    text = "---\ntitle: T\nvotes:\n  - result: carried\n    counts_not_recorded: false\n" + "\n".join(lines)
    text += "\n---\n" if lines else "\n    for: 1\n---\n"
    yes, no = len(lists["for"]), len(lists["against"])
    text = text.replace("result: carried", f"result: {'carried' if yes >= no else 'lost'}")
    expected = []
    for p, mine in zip(POOL, sides_of, strict=True):
        for side in [s for s in SIDES if s in mine][1:]:
            expected.append((f"votes[0].{side}[{lists[side].index(p)}]", p))
    found = [(e.field, e.message.split("'")[1]) for e in check_item(text)]
    assert sorted(found) == sorted(expected)
