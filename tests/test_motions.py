"""Motions and amendments: who moved and seconded them, their words and
parts, the votes that decided them; and marker lines ([[motion ID]],
[[vote ID]]) that put a motion or vote exactly where the minutes introduce it.
"""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from minimal_tree import ITEM_2, edit, mistakes, write_tree
from pydantic import ValidationError
from test_votes import check_item  # the check of one item's text, without a tree

from minutebook.content import schema
from minutebook.content.markers import placed_paragraphs
from minutebook.content.markup import render_markdown
from minutebook.content.source import read_source
from minutebook.engine.build import ContentErrors, build_site
from minutebook.engine.pipeline import check_content, load_site
from minutebook.site.opendata import item_json
from tests.support import SETTINGS

VOTE = "votes:\n  - for: 5\n    against: 1\n    result: carried\n"
NOTED = "The report was noted.\n"
NO_SEARCH = {"MINUTEBOOK_SEARCH": False}

# A motion with two amendments, as ITEM_2 writes it in place of its vote.
MOTION = """\
motions:
  - id: main
    mover: cllr-amina-rahman
    seconder: cllr-peter-hollings
    text: That the report be **noted**.
    amendments:
      - id: first
        mover: cllr-peter-hollings
        seconder: cllr-amina-rahman
        text: Add "and acted upon".
        parts:
          - label: Purpose
            text: To act on the report
          - Amount: £5,000
        vote:
          id: first-vote
          for: [cllr-peter-hollings]
          against: [cllr-amina-rahman]
          stated: {for: 1, against: 1}
          result: carried
    vote:
      id: main-vote
      for: 2
      result: carried
"""
MINUTES = "Paragraph before the vote.\n\n[[vote first-vote]]\n\nParagraph after the vote.\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "content")


def with_motion(root: Path, motion: str = MOTION, minutes: str = NOTED) -> None:
    edit(root, ITEM_2, VOTE, motion)
    edit(root, ITEM_2, NOTED, minutes)


def line_of(root: Path, needle: str, nth: int = 1) -> int:
    """The line of the ``nth`` line of ITEM_2 that contains ``needle``."""
    lines = [n for n, line in enumerate((root / ITEM_2).read_text().split("\n"), 1) if needle in line]
    return lines[nth - 1]


# ---- the check ------------------------------------------------------------------

CASES = [
    # (id, change to MOTION (old, new), change to the minutes, the line's text, field, says)
    ("unknown-mover", ("mover: cllr-amina-rahman", "mover: cllr-amina-rahmen"), MINUTES,
     "cllr-amina-rahmen", "motions[0].mover", "did you mean 'cllr-amina-rahman'?"),
    ("mover-also-seconder", ("seconder: cllr-peter-hollings", "seconder: cllr-amina-rahman"), MINUTES,
     "    seconder: cllr-amina-rahman", "motions[0].seconder", "is both mover and seconder"),
    ("amendment-voter-not-present", ("for: [cllr-peter-hollings]", "for: [darren-minton]"), MINUTES,
     "for: [darren-minton]", "motions[0].amendments[0].vote.for[0]", "add them to attendance.present"),
    ("amendment-voter-on-two-sides", ("for: [cllr-peter-hollings]\n          against: [cllr-amina-rahman]\n"
                                      "          stated: {for: 1, against: 1}",
                                      "for: [cllr-peter-hollings, cllr-amina-rahman]\n          against: "
                                      "[cllr-amina-rahman]\n          stated: {for: 2, against: 1}"), MINUTES,
     "against: [cllr-amina-rahman]", "motions[0].amendments[0].vote.against[0]",
     "'cllr-amina-rahman' is also listed under 'for' in this vote"),
    ("amendment-stated-count-wrong", ("stated: {for: 1, against: 1}", "stated: {for: 1, against: 2}"), MINUTES,
     "stated: {for: 1, against: 2}", "motions[0].amendments[0].vote.stated", "the minutes state 2 against"),
    ("outcome-contradicts-vote",
     ("    vote:\n      id: main-vote", "    outcome: lost\n    vote:\n      id: main-vote"),
     MINUTES, "outcome: lost", "motions[0].outcome", "the outcome is 'lost' but the vote's result is 'carried'"),
    ("amendment-without-words", ('        text: Add "and acted upon".\n        parts:\n          - label: Purpose\n'
                                 '            text: To act on the report\n          - Amount: £5,000\n', ""), MINUTES,
     "      - id: first", "motions[0].amendments[0]", "an amendment needs its words"),
    ("motion-without-text", ("    text: That the report be **noted**.\n", ""), MINUTES,
     "  - id: main", "motions[0].text", "'text' is required"),
    ("same-id-twice", ("id: first-vote", "id: main-vote"), "The report was noted.\n",
     "      id: main-vote#2", "motions[0].vote.id", "the id 'main-vote' is also given at "
     "motions[0].amendments[0].vote.id"),
    ("misspelt-field", ("    seconder: cllr-peter-hollings", "    secunder: cllr-peter-hollings"), MINUTES,
     "    secunder:", "motions[0].secunder", "did you mean 'seconder'?"),
    ("part-without-text", ("          - label: Purpose\n            text: To act on the report\n",
                           "          - label: Purpose\n"), MINUTES,
     "          - label: Purpose", "motions[0].amendments[0].parts[0].text", "'text' is required"),
    ("unknown-outcome", ("    vote:\n      id: main-vote", "    outcome: passed\n    vote:\n      id: main-vote"),
     MINUTES, "outcome: passed", "motions[0].outcome", "write one of carried, lost, withdrawn, accepted, fell"),
    ("marker-names-nothing", ("", ""), "Before.\n\n[[vote frist-vote]]\n\nAfter.\n",
     "[[vote frist-vote]]", "text", "no vote of this item has the id 'frist-vote': did you mean 'first-vote'?"),
    ("motion-marker-names-a-vote", ("", ""), "[[motion first-vote]]\n",
     "[[motion first-vote]]", "text", "no motion or amendment of this item has the id 'first-vote'"),
    ("placed-twice", ("", ""), "[[vote first-vote]]\n\nBetween.\n\n[[vote first-vote]]\n",
     "[[vote first-vote]]#2", "text", "is also placed on line 48"),
    ("marker-inside-a-paragraph", ("", ""), "The voting was as follows: [[vote first-vote]]\n",
     "The voting was as follows", "text", "put the marker on a line of its own"),
    ("marker-as-clerk-html", ("", ""), "<p>[[vote first-vote]]</p>\n",
     "<p>[[vote", "text", "put the marker on a line of its own"),
]


@pytest.mark.parametrize(("change", "minutes", "at", "field", "says"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_each_motion_mistake_is_reported_at_its_line_with_what_to_write(tree, change, minutes, at, field, says):
    with_motion(tree, MOTION.replace(*change) if change[0] else MOTION, minutes)
    found = [e for e in mistakes(tree) if not e.warning]
    needle, _, nth = at.partition("#")
    assert [(e.path, e.line, e.field) for e in found] == [(ITEM_2, line_of(tree, needle, int(nth or 1)), field)], found
    assert says in found[0].message


def test_a_marker_in_the_agenda_is_reported(tree):
    with_motion(tree, minutes=MINUTES)
    edit(tree, ITEM_2, "The Chief Executive will submit a report.\n",
         "The Chief Executive will submit a report.\n\n[[motion main]]\n")
    (found,) = mistakes(tree)
    assert (found.line, found.field) == (line_of(tree, "[[motion main]]"), "text")
    assert "move it under '## Minutes'" in found.message


def test_motions_with_votes_before_the_meeting_are_reported(tree):
    with_motion(tree, minutes=MINUTES)
    edit(tree, "meetings/executive/2024-03-05/meeting.md", "status: draft-minutes", "status: agenda-published")
    (found,) = [e for e in mistakes(tree) if e.path == ITEM_2]
    assert "this item has '## Minutes' text and motions but the meeting's status is 'agenda-published'" \
        in found.message and "set 'status: draft-minutes'" in found.message


def test_a_notice_of_motion_on_the_agenda_is_not_a_mistake(tree):
    """Before the meeting the motion, its mover and seconder are known; its vote is not."""
    edit(tree, "meetings/executive/2024-03-05/meeting.md", "status: draft-minutes", "status: agenda-published")
    edit(tree, ITEM_2, VOTE, "motions:\n  - mover: cllr-amina-rahman\n    seconder: cllr-peter-hollings\n"
                             "    text: That the report be noted.\n")
    edit(tree, ITEM_2, "## Minutes\n\nThe report was noted.\n", "")
    edit(tree, "meetings/executive/2024-03-05/01-apologies.md", "## Minutes\n\nNo apologies were received.\n", "")
    assert load_site(tree).items[1].motions[0].mover.name == "Councillor Amina Rahman"


# ---- the reader (hypothesis) ------------------------------------------------------

LABEL = st.text(st.characters(whitelist_categories=("L", "N"), whitelist_characters=" £,.-"), min_size=1,
                max_size=20).filter(lambda s: s.strip() and s == s.strip())
IDS = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)


@settings(deadline=None)  # no timed assertions: the machine may be busy
@given(st.lists(st.tuples(LABEL, LABEL, st.booleans()), max_size=4), st.one_of(st.none(), IDS),
       st.sampled_from(["carried", "lost", "withdrawn", "accepted", "fell", None]))
def test_an_amendment_reads_back_its_parts_in_order_in_either_form(parts, ident, outcome):
    written = [{"label": label, "text": text} if long else {label: text} for label, text, long in parts]
    data = {"id": ident, "mover": "cllr-a", "seconder": {"name": "Mr J. Bloggs"}, "parts": written,
            "outcome": outcome}
    if not parts:
        with pytest.raises(ValidationError, match="an amendment needs its words"):
            schema.Amendment.model_validate(data)
        return
    read = schema.Amendment.model_validate(data)
    assert [(p.label, p.text) for p in read.parts] == [(label, text) for label, text, _ in parts]
    assert (read.id, read.mover.person, read.seconder.name, read.outcome) == (ident, "cllr-a", "Mr J. Bloggs", outcome)


@settings(deadline=None)  # no timed assertions: the machine may be busy
@given(st.sampled_from(["carried", "lost"]), st.sampled_from(["carried", "lost", "withdrawn", "accepted", "fell"]))
def test_an_outcome_is_accepted_only_when_it_agrees_with_the_vote(result, outcome):
    data = {"text": "That.", "vote": {"for": 3 if result == "carried" else 1, "against": 2, "result": result},
            "outcome": outcome}
    if outcome == result:
        assert schema.Motion.model_validate(data).outcome == outcome
    else:
        with pytest.raises(ValidationError, match="the outcome is"):
            schema.Motion.model_validate(data)


WORDS = st.text(st.characters(whitelist_categories=("L",)), min_size=1, max_size=12)


@settings(deadline=None)  # no timed assertions: the machine may be busy
@given(st.lists(st.one_of(WORDS.map(lambda w: ("text", w)), IDS.map(lambda i: ("vote", i)),
                          IDS.map(lambda i: ("motion", i))), max_size=8))
def test_marker_lines_split_the_rendered_minutes_in_the_order_written(pieces):
    """Whatever the paragraphs and markers, rendering keeps them in order and
    each marker comes out as its own piece, between the paragraphs around it."""
    text = "\n\n".join(f"[[{kind} {value}]]" if kind != "text" else value for kind, value in pieces)
    found: list[tuple[str, str]] = []
    for html, kind, ident in placed_paragraphs(render_markdown(text)):
        found += [("text", w) for w in re.findall(r"<p>(.*?)</p>", html)]
        if kind:
            found.append((kind, ident))
    assert found == pieces


def test_a_marker_line_needs_no_blank_lines_around_it():
    html = render_markdown("The voting was as follows:\n[[vote v1]]\nThe motion was carried.")
    assert [(kind, ident) for _, kind, ident in placed_paragraphs(html)] == [("vote", "v1"), (None, None)]


def test_a_marker_in_code_stays_code():
    html = render_markdown("```\n[[vote v1]]\n```")
    assert [kind for _, kind, _ in placed_paragraphs(html)] == [None] and "[[vote v1]]" in html


# ---- the item page ------------------------------------------------------------------


def built_item(root: Path, out: Path) -> BeautifulSoup:
    output = build_site(SETTINGS, root, out, NO_SEARCH)
    page = output / "committees/executive/2024-03-05/exploitation-update/index.html"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def order_of(page: BeautifulSoup, *texts: str) -> list[int]:
    """Where each text first appears in the page's minutes, in document order."""
    minutes = page.find(id="minutes").find_parent("main") or page
    flat = minutes.get_text(" ")
    return [flat.index(t) for t in texts]


def test_the_vote_table_is_placed_between_the_paragraphs_around_its_marker(tree, tmp_path):
    with_motion(tree, minutes=MINUTES)
    page = built_item(tree, tmp_path / "out")
    before = page.find("p", string="Paragraph before the vote.")
    table = page.find("caption", string=re.compile("amendment 1")).find_parent("table")
    after = page.find("p", string="Paragraph after the vote.")
    elements = list(page.find(id="minutes").find_all_next())
    assert elements.index(before) < elements.index(table) < elements.index(after)
    # placed once: the amendment's own block does not repeat it
    assert len(page.find_all("caption", string=re.compile("amendment 1"))) == 1


def test_the_item_page_says_who_moved_and_seconded_and_shows_the_parts(tree, tmp_path):
    with_motion(tree, minutes=MINUTES)
    page = built_item(tree, tmp_path / "out")
    text = " ".join(page.get_text(" ").split())
    assert "Moved by Councillor Amina Rahman" in text and "Seconded by Councillor Peter Hollings" in text
    assert "Moved by Councillor Peter Hollings" in text  # the amendment
    parts = [(dt.get_text(), dt.find_next("dd").get_text()) for dt in page.select(".amendment__parts dt")]
    assert parts == [("Purpose", "To act on the report"), ("Amount", "£5,000")]
    assert page.find("div", class_="motion").find("strong").get_text() == "noted"  # Markdown, rendered
    # the motion's own vote, not placed by a marker, is shown in its block
    assert page.find("div", class_="motion").find("caption", string=re.compile("Vote on the motion: carried"))


def test_clerk_html_in_a_motion_is_sanitised_and_cannot_forge_a_placed_vote(tree, tmp_path):
    with_motion(tree, MOTION.replace("That the report be **noted**.",
                                     '"<script>alert(1)</script> <a href=\\"javascript:x()\\">x</a>"'), MINUTES)
    page = built_item(tree, tmp_path / "out")
    motion = page.find("div", class_="motion")
    assert not motion.find("script") and "javascript:" not in str(motion)
    assert "<script>alert(1)</script>" in motion.get_text()  # shown as typed


def test_votes_without_markers_are_shown_after_the_text_as_before(tree, tmp_path):
    page = built_item(tree, tmp_path / "out")
    noted = page.find("p", string="The report was noted.")
    caption = page.find("caption", string=re.compile("Vote: carried"))
    elements = list(page.find(id="minutes").find_all_next())
    assert elements.index(noted) < elements.index(caption)


def test_an_exempt_item_publishes_none_of_its_motions(tree, tmp_path):
    with_motion(tree, MOTION.replace("That the report be **noted**.", "That CANARYMOTION be sold.")
                .replace("To act on the report", "CANARYPART"), MINUTES)
    edit(tree, ITEM_2, "key_decision: false\n", "key_decision: false\nexempt: 3\n")
    output = build_site(SETTINGS, tree, tmp_path / "out", NO_SEARCH)
    leaked = [p for p in output.rglob("*") if p.is_file() and (b"CANARY" in p.read_bytes())]
    assert leaked == []


# ---- open data ----------------------------------------------------------------------


def test_each_vote_is_a_vote_event_with_its_motion_text_mover_and_seconder(tree):
    with_motion(tree, minutes=MINUTES)
    item = load_site(tree).items[1]
    extras = item_json(item, {})["extras"]
    amendment, motion = extras["vote_events"]
    assert amendment["identifier"].endswith("/2/first-vote")
    assert amendment["motion_text"] == 'Add "and acted upon".'
    assert amendment["motion_classification"] == ["amendment"] and amendment["result"] == "pass"
    assert amendment["extras"]["mover"] == {"name": "Councillor Peter Hollings", "person": "cllr-peter-hollings"}
    assert amendment["extras"]["seconder"]["person"] == "cllr-amina-rahman"
    assert amendment["extras"]["parts"] == [{"label": "Purpose", "text": "To act on the report"},
                                            {"label": "Amount", "text": "£5,000"}]
    assert {"option": "no", "voter_name": "Councillor Amina Rahman", "voter_id": "cllr-amina-rahman"} \
        in amendment["votes"]
    assert motion["motion_text"] == "That the report be **noted**." and motion["motion_classification"] == ["motion"]
    assert motion["counts"] == [{"option": "yes", "value": 2}, {"option": "no", "value": 0},
                                {"option": "abstain", "value": 0}]
    assert extras["motions"][0]["amendments"][0]["vote"] == amendment["identifier"]


# ---- the sample site's budget meeting -----------------------------------------------

BUDGET = "committees/council/2026-02-19/budget-and-council-tax-2026-27/index.html"


def test_the_sample_budget_meeting_places_each_vote_after_the_paragraph_introducing_it(built_site):
    page = BeautifulSoup((built_site / BUDGET).read_text(encoding="utf-8"), "html.parser")
    elements = list(page.find(id="minutes").find_all_next())
    tables = page.select("table.vote")
    assert [t.caption.get_text() for t in tables] == [
        "Vote on amendment 1 moved by Councillor Helen Marsden: lost",
        "Vote on amendment 2 moved by Councillor Lucy Fenwick: carried",
        "Vote on the substantive motion (the budget motion as amended): carried"]
    intros = [p for p in page.find(id="minutes").find_all_next("p")
              if "the voting was as follows" in " ".join(p.get_text().split())]
    assert len(intros) == 3
    for intro, table in zip(intros, tables, strict=True):
        assert elements.index(intro) < elements.index(table)
    assert elements.index(tables[-1]) < elements.index(page.find("p", string="The substantive motion was carried."))
    counts = [[td.get_text() for td in t.select("td.table__numeric")] for t in tables]
    assert counts == [["5", "12", "1"], ["13", "4", "1"], ["12", "5", "1"]]


def test_the_sample_budget_votes_are_on_the_members_pages_and_in_the_data(built_site):
    person = (built_site / "people/cllr-helen-marsden/index.html").read_text(encoding="utf-8")
    assert "amendment 1 moved by Councillor Helen Marsden" in person
    data = json.loads((built_site / "data/meetings/council/2026-02-19.json").read_text(encoding="utf-8"))
    events = data["agenda"][1]["extras"]["vote_events"]
    assert [e["extras"]["mover"]["person"] for e in events] == [
        "cllr-helen-marsden", "cllr-lucy-fenwick", "cllr-amina-rahman"]
    unrecorded = data["agenda"][3]["extras"]["votes"][0]
    assert unrecorded["counts_not_recorded"] and unrecorded["for"] is None


def test_a_members_page_lists_the_motions_and_amendments_they_moved_or_seconded(built_site):
    page = BeautifulSoup((built_site / "people/cllr-lucy-fenwick/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    listed = [" ".join(li.get_text(" ").split()) for li in page.find(id="motions").find_next("ul").find_all("li")]
    assert listed[0].startswith("Moved amendment 2 to the motion on the budget and council tax for 2026-27 (carried)")
    assert page.find(id="motions").find_next("a")["href"].endswith("#motion-amendment-2")


def test_the_check_warns_of_html_in_a_motion_that_the_sanitiser_takes_out(tree):
    with_motion(tree, MOTION.replace("    text: That the report be **noted**.\n",
                                     "    text: |\n      That the report\n      be <script>noted</script>.\n"), MINUTES)
    warnings = [w for w in check_content(tree).warnings if w.path == ITEM_2]
    assert {(w.line, w.field) for w in warnings} == {(line_of(tree, "<script>"), "motions[0].text")}
    assert "is HTML the site does not allow, so it is shown as text" in warnings[0].message


def test_a_marker_mistake_made_by_editing_only_the_text_is_reported_by_the_next_build(tree, tmp_path):
    """A text-only edit is rendered into the kept model without the full check
    (``engine.kept``): a marker naming nothing still stops the build."""
    with_motion(tree, minutes=MINUTES)
    output = build_site(SETTINGS, tree, tmp_path / "out", NO_SEARCH)
    edit(tree, ITEM_2, "Paragraph after the vote.", "Paragraph after the vote, edited.")
    build_site(SETTINGS, tree, output, NO_SEARCH)  # a text-only edit, rendered into the kept model
    edit(tree, ITEM_2, "[[vote first-vote]]", "[[vote frist-vote]]")
    with pytest.raises(ContentErrors) as caught:
        build_site(SETTINGS, tree, output, NO_SEARCH)
    assert "no vote of this item has the id 'frist-vote'" in str(caught.value)


def test_a_notice_of_motion_is_shown_with_the_agenda_not_as_minutes(tree, tmp_path):
    edit(tree, "meetings/executive/2024-03-05/meeting.md", "status: draft-minutes", "status: agenda-published")
    edit(tree, ITEM_2, VOTE, "motions:\n  - mover: cllr-amina-rahman\n    seconder: cllr-peter-hollings\n"
                             "    text: That the report be noted.\n")
    edit(tree, ITEM_2, "## Minutes\n\nThe report was noted.\n", "")
    edit(tree, "meetings/executive/2024-03-05/01-apologies.md", "## Minutes\n\nNo apologies were received.\n", "")
    page = built_item(tree, tmp_path / "out")
    assert page.find(id="minutes") is None
    block = page.find(id="motions").find_next("div", class_="motion")
    assert "Moved by Councillor Amina Rahman" in " ".join(block.get_text(" ").split())


def test_a_mover_or_seconder_not_in_people_yaml_is_written_by_name(tree, tmp_path):
    with_motion(tree, MOTION.replace("    seconder: cllr-peter-hollings\n",
                                     "    seconder:\n      name: Ms Jo Bloggs\n      organisation: Youth Council\n"),
                MINUTES)
    page = built_item(tree, tmp_path / "out")
    movers = page.find("div", class_="motion").find("p", class_="motion__movers")
    assert " ".join(movers.get_text(" ").split()) == \
        "Moved by Councillor Amina Rahman Seconded by Ms Jo Bloggs (Youth Council)"
    assert [a.get_text() for a in movers.find_all("a")] == ["Councillor Amina Rahman"]


# ---- the reader from YAML, with lines (hypothesis) -------------------------------------

SAFE = st.text(st.characters(whitelist_categories=("L", "N", "Zs"), whitelist_characters="£,.-'()"),
               min_size=1, max_size=30).map(str.strip).filter(bool)


@settings(deadline=None)  # no timed assertions: the machine may be busy
@given(st.lists(st.lists(st.tuples(SAFE, SAFE, st.booleans()), min_size=1, max_size=3), min_size=1, max_size=4),
       st.data())
def test_amendments_written_in_yaml_read_back_and_a_mistake_in_any_is_reported_at_its_line(amendments, data):
    """Any number of amendments, parts in either form, read back in order; a
    member put on both sides of one amendment's vote is reported at the line
    of that entry, in that amendment."""
    lines = ["---", "title: T", "motions:", "  - text: That.", "    mover: cllr-a", "    amendments:"]
    quoted = partial(json.dumps, ensure_ascii=False)  # a YAML double-quoted string
    for parts in amendments:
        lines += ["      - mover: cllr-b", "        parts:"]
        for label, text, long in parts:
            if long:
                lines += [f"          - label: {quoted(label)}", f"            text: {quoted(text)}"]
            else:
                lines += [f"          - {quoted(label)}: {quoted(text)}"]
        lines += ["        vote:", "          for: [cllr-a]", "          against: [cllr-b]",
                  "          result: carried"]
    wrong = data.draw(st.integers(0, len(amendments) - 1))
    against = [n for n, line in enumerate(lines, 1) if line == "          against: [cllr-b]"][wrong]
    lines[against - 2] = "          for: [cllr-a, cllr-b]"
    text = "\n".join([*lines, "---", ""])
    front = schema.ItemFront.model_validate(read_source(Path("i.md"), "i.md", raw=text.encode()).front.data)
    read = [[(p.label, p.text) for p in a.parts] for a in front.motions[0].amendments]
    assert read == [[(label, value) for label, value, _ in parts] for parts in amendments]
    (mistake,) = check_item(text, voters={"cllr-a", "cllr-b"})
    assert (mistake.line, mistake.field) == (against, f"motions[0].amendments[{wrong}].vote.against[0]")


def test_a_reference_in_a_motion_links_like_one_in_the_minutes(tree, tmp_path):
    """"As recorded at Minute 70" in a motion's or an amendment's text leads to
    that minute, as it would in the minutes' own text."""
    with_motion(tree, MOTION.replace("That the report be **noted**.", "That Minute 70 be noted.")
                .replace('        text: Add "and acted upon".', "        text: Add a review of Minute 70."),
                MINUTES)
    page = built_item(tree, tmp_path / "out")
    links = [a for a in page.select(".motion a, .amendment a") if a.get_text() == "Minute 70"]
    assert len(links) == 2 and all("/apologies/" in a["href"] for a in links), links
