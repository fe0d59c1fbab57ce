"""The check of decision records: every mistake in an item's ``decision:`` or a
``decisions/<id>.md`` file is reported with its file, line and field, and says
what to write instead."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minutebook.content.errors import ContentError, ContentErrors
from minutebook.content.workingdays import CallInRules
from minutebook.engine.pipeline import check_content
from tests.minimal_tree import write_tree

TODAY = "2026-12-05"
DEPOT = "meetings/executive/2026-10-13/05-former-carlisle-road-depot.md"
COUNCIL_ITEM = "meetings/council/2026-11-17"


def mistakes(content: Path, **more: object) -> list[ContentError]:
    try:
        check_content(content, {"MINUTEBOOK_TODAY": TODAY, **more}, warnings=False)
    except ContentErrors as exc:
        return exc.errors
    return []


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith(start))


def decision_file(content: Path, name: str, front: str, body: str = "That the thing be done.") -> str:
    text = f"---\n{front.strip()}\n---\n{body}\n"
    (content / "decisions").mkdir(exist_ok=True)
    (content / "decisions" / name).write_text(text, encoding="utf-8")
    return text


GOOD = """\
title: Library opening hours
kind: executive
decided_by: cllr-sarah-whitaker
date: 2026-11-03
published: 2026-11-04
reasons: Fewer people visit in the evenings.
"""


def one(found: list[ContentError], path: str) -> ContentError:
    mine = [m for m in found if m.path == path]
    assert len(mine) == 1, found
    return mine[0]


def test_the_sample_content_has_no_mistakes(content_copy: Path):
    assert mistakes(content_copy) == []
    # nor on the earliest today other tests build the sample with (tests/test_forward_plan_pages.py)
    assert mistakes(content_copy, MINUTEBOOK_TODAY="2026-11-10") == []


def test_an_unknown_person_is_named_with_a_suggestion(content_copy: Path):
    text = decision_file(content_copy, "x.md", GOOD.replace("cllr-sarah-whitaker", "cllr-sarah-whittaker"))
    m = one(mistakes(content_copy), "decisions/x.md")
    assert (m.line, m.field) == (line_of(text, "decided_by:"), "decided_by")
    assert "no person has the id 'cllr-sarah-whittaker'" in m.message
    assert "did you mean 'cllr-sarah-whitaker'?" in m.message


def test_a_notice_published_before_the_decision(content_copy: Path):
    text = decision_file(content_copy, "x.md", GOOD.replace("published: 2026-11-04", "published: 2026-11-02"))
    m = one(mistakes(content_copy), "decisions/x.md")
    assert (m.line, m.field) == (line_of(text, "published:"), "published")
    assert "published on 2 November 2026, before the decision was taken on 3 November 2026" in m.message


def test_an_item_decision_published_before_its_meeting(content_copy: Path):
    path = content_copy / DEPOT
    text = path.read_text().replace("published: 2026-10-15", "published: 2026-10-12")
    path.write_text(text)
    m = one(mistakes(content_copy), DEPOT)
    assert (m.line, m.field) == (line_of(text, "published: 2026-10-12"), "decision.published")
    assert "before the decision was taken at the meeting on 13 October 2026" in m.message


def test_implemented_before_the_call_in_period_ended(content_copy: Path):
    path = content_copy / DEPOT
    text = path.read_text().replace("implemented: 2026-10-23", "implemented: 2026-10-22")
    path.write_text(text)
    m = one(mistakes(content_copy), DEPOT)
    assert (m.line, m.field) == (line_of(text, "implemented:"), "decision.implemented")
    assert ("can be called in until Thursday 22 October 2026, so it can be implemented from "
            "Friday 23 October 2026") in m.message
    assert "'call_in: urgent' with 'urgency_reason:'" in m.message


def test_implemented_early_is_right_for_an_urgent_decision(content_copy: Path):
    path = content_copy / DEPOT
    path.write_text(path.read_text().replace("implemented: 2026-10-23", "implemented: 2026-10-15").replace(
        "call_in: standard", "call_in: urgent\n  urgency_reason: The buyer's offer lapsed on 16 October."))
    assert mistakes(content_copy) == []


def test_a_longer_call_in_period_setting_moves_the_deadline(content_copy: Path):
    m = one(mistakes(content_copy, MINUTEBOOK_CALL_IN_DAYS=10), DEPOT)
    assert "can be called in until Thursday 29 October 2026" in m.message


def test_called_in_after_the_deadline(content_copy: Path):
    front = GOOD + "called_in:\n  date: 2026-11-12\n  by: cllr-graham-stead\n"
    text = decision_file(content_copy, "x.md", front)
    m = one(mistakes(content_copy), "decisions/x.md")
    assert (m.line, m.field) == (line_of(text, "date: 2026-11-12"), "called_in.date")
    assert "the call-in period ended on Wednesday 11 November 2026 (5 working days" in m.message


def test_called_in_by_an_unknown_person(content_copy: Path):
    front = GOOD + "called_in:\n  date: 2026-11-09\n  by: [cllr-graham-stead, cllr-nobody]\n"
    decision_file(content_copy, "x.md", front)
    m = one(mistakes(content_copy), "decisions/x.md")
    assert m.field == "called_in.by[1]" and "no person has the id 'cllr-nobody'" in m.message


def test_implemented_after_a_call_in_needs_its_outcome(content_copy: Path):
    front = GOOD + "called_in:\n  date: 2026-11-09\n  by: cllr-graham-stead\nimplemented: 2026-11-20\n"
    decision_file(content_copy, "x.md", front)
    m = one(mistakes(content_copy), "decisions/x.md")
    assert m.field == "called_in" and "'outcome:' under 'called_in:'" in m.message


def test_urgent_without_a_reason(content_copy: Path):
    text = decision_file(content_copy, "x.md", GOOD + "call_in: urgent\n")
    m = one(mistakes(content_copy), "decisions/x.md")
    assert (m.line, m.field) == (line_of(text, "call_in:"), "call_in")
    assert "an urgent decision must say why it could not wait" in m.message
    assert "add 'urgency_reason:'" in m.message


def test_urgent_and_called_in_contradict(content_copy: Path):
    front = GOOD + "call_in: urgent\nurgency_reason: Frost.\ncalled_in:\n  date: 2026-11-05\n"
    decision_file(content_copy, "x.md", front)
    m = one(mistakes(content_copy), "decisions/x.md")
    assert m.field == "called_in" and "it cannot have been called in" in m.message


def test_an_officer_decision_is_not_called_in_unless_it_says_so(content_copy: Path):
    front = GOOD.replace("kind: executive", "kind: officer").replace("cllr-sarah-whitaker", "kieran-doyle")
    decision_file(content_copy, "x.md", front + "called_in:\n  date: 2026-11-05\n")
    assert "not subject to call-in" in one(mistakes(content_copy), "decisions/x.md").message
    decision_file(content_copy, "x.md", front + "call_in: standard\ncalled_in:\n  date: 2026-11-05\n"
                  "  outcome: No further action.\n")
    assert mistakes(content_copy) == []


def test_an_officer_decision_by_a_councillor(content_copy: Path):
    text = decision_file(content_copy, "x.md", GOOD.replace("kind: executive", "kind: officer"))
    m = one(mistakes(content_copy), "decisions/x.md")
    assert (m.line, m.field) == (line_of(text, "kind:"), "kind")
    assert "'cllr-sarah-whitaker' is a councillor" in m.message and "write 'kind: executive'" in m.message


def test_an_executive_decision_by_an_officer(content_copy: Path):
    decision_file(content_copy, "x.md", GOOD.replace("cllr-sarah-whitaker", "kieran-doyle"))
    m = one(mistakes(content_copy), "decisions/x.md")
    assert m.field == "kind" and "write 'kind: officer'" in m.message


def test_an_unknown_forward_plan_entry_without_a_forward_plan(content_copy: Path):
    shutil.rmtree(content_copy / "forward-plan")
    for path in (content_copy / "decisions").glob("*.md"):  # the sample's own links, gone with the folder
        path.write_text(re.sub(r"\nforward_plan: .*", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    depot = content_copy / DEPOT
    depot.write_text(re.sub(r"\n  forward_plan: .*", "", depot.read_text(encoding="utf-8")), encoding="utf-8")
    assert mistakes(content_copy) == []
    text = decision_file(content_copy, "x.md", GOOD + "forward_plan: 2026-044-library-opening-hours\n")
    m = one(mistakes(content_copy), "decisions/x.md")
    assert (m.line, m.field) == (line_of(text, "forward_plan:"), "forward_plan")
    assert "the content has no forward-plan/ folder" in m.message
    assert "forward-plan/2026-044-library-opening-hours.md" in m.message


def test_a_forward_plan_entry_is_checked_against_the_folder(content_copy: Path):
    assert (content_copy / "forward-plan" / "2026-044-library-opening-hours.md").is_file()
    decision_file(content_copy, "x.md", GOOD + "forward_plan: 2026-044-library-opening-hour\n")
    m = one(mistakes(content_copy), "decisions/x.md")
    assert "did you mean '2026-044-library-opening-hours'?" in m.message
    decision_file(content_copy, "x.md", GOOD + "forward_plan: 2026-044-library-opening-hours\n")
    assert mistakes(content_copy) == []


def test_an_item_decision_links_the_forward_plan_too(content_copy: Path):
    path = content_copy / DEPOT
    text = path.read_text(encoding="utf-8").replace("forward_plan: 2026-027-former-carlisle-road-depot",
                                                    "forward_plan: 2026-027-former-carlisle-road")
    path.write_text(text, encoding="utf-8")
    m = one(mistakes(content_copy), DEPOT)
    assert (m.line, m.field) == (line_of(text, "forward_plan:"), "decision.forward_plan")
    assert "did you mean '2026-027-former-carlisle-road-depot'?" in m.message


def _item_in(content: Path, committee: str, decision: str) -> str:
    folder = next(p for p in sorted((content / "meetings" / committee).iterdir())
                  if "minutes" in (p / "meeting.md").read_text() and p.name < "2026-11-30")
    rel = f"meetings/{committee}/{folder.name}/90-a-decision.md"
    (content / rel).write_text(f"---\ntitle: A decision\ndecision:\n{decision}---\n")
    return rel


def test_a_scrutiny_committee_takes_no_executive_decisions(content_copy: Path):
    rel = _item_in(content_copy, "childrens-scrutiny", "  published: 2026-11-30\n  reasons: Because.\n")
    m = one(mistakes(content_copy), rel)
    assert m.field == "decision" and "scrutiny committee, which reviews executive decisions" in m.message


def test_full_councils_decisions_are_not_called_in(content_copy: Path):
    rel = _item_in(content_copy, "council", "  published: 2026-11-30\n  reasons: Because.\n")
    found = [m for m in mistakes(content_copy) if m.path == rel]
    assert [m.field for m in found] == ["decision.call_in"], found
    assert "write 'call_in: not-applicable'" in found[0].message
    (content_copy / rel).write_text((content_copy / rel).read_text().replace(
        "  reasons: Because.\n", "  reasons: Because.\n  call_in: not-applicable\n"))
    assert [m for m in mistakes(content_copy) if m.path == rel] == []


def test_dates_after_today(content_copy: Path):
    decision_file(content_copy, "x.md", GOOD.replace("2026-11-03", "2026-12-07").replace("2026-11-04", "2026-12-08"))
    found = {m.field: m.message for m in mistakes(content_copy)}
    assert "after today (2026-12-05)" in found["date"] and "after today (2026-12-05)" in found["published"]


def test_missing_reasons(content_copy: Path):
    decision_file(content_copy, "x.md", GOOD.replace("reasons: Fewer people visit in the evenings.\n", ""))
    m = one(mistakes(content_copy), "decisions/x.md")
    assert (m.field, m.message) == ("reasons", "'reasons' is required: add a line 'reasons: ...'")


def test_an_empty_decision(content_copy: Path):
    text = decision_file(content_copy, "x.md", GOOD, body="")
    m = one(mistakes(content_copy), "decisions/x.md")
    assert (m.line, m.field) == (text.splitlines().index("---", 1) + 2, "text")  # below the closing ---
    assert "the decision itself is missing: write it below the front matter's closing '---' line" == m.message


def test_a_misspelt_field_and_a_wrong_kind(content_copy: Path):
    decision_file(content_copy, "x.md", GOOD.replace("kind: executive", "kind: cabinet") + "alternativs: x\n")
    found = {m.field: m.message for m in mistakes(content_copy)}
    assert "write one of executive, officer" in found["kind"]
    assert "did you mean 'alternatives'?" in found["alternativs"]


def test_a_document_file_has_nowhere_to_live(content_copy: Path):
    decision_file(content_copy, "x.md", GOOD + "documents:\n  - title: Report\n    file: report.pdf\n")
    m = one(mistakes(content_copy), "decisions/x.md")
    assert m.field == "documents[0].file" and "link the document with 'url:'" in m.message


def test_a_file_name_that_is_not_an_id(content_copy: Path):
    decision_file(content_copy, "Library Hours.md", GOOD)
    m = one(mistakes(content_copy), "decisions/Library Hours.md")
    assert "decisions/library-hours.md" in m.message
    (content_copy / "decisions" / "Library Hours.md").unlink()
    (content_copy / "decisions" / "notes.txt").write_text("x")
    assert "only .md files belong in decisions/" in one(mistakes(content_copy), "decisions/notes.txt").message


def test_open_summary_only_for_an_exempt_decision(content_copy: Path):
    decision_file(content_copy, "x.md", GOOD + "open_summary: A summary.\n")
    m = one(mistakes(content_copy), "decisions/x.md")
    assert m.field == "open_summary" and "only for an exempt decision" in m.message


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(published=st.dates(dt.date(2025, 1, 1), dt.date(2026, 11, 1)), wait=st.integers(0, 20))
def test_implementation_is_refused_exactly_until_the_call_in_period_has_ended(tmp_path_factory, published, wait):
    content = tmp_path_factory.mktemp("c")
    write_tree(content)
    implemented = published + dt.timedelta(days=wait)
    decision_file(content, "x.md", f"""\
title: A decision
kind: executive
decided_by: cllr-amina-rahman
date: {published.isoformat()}
published: {published.isoformat()}
reasons: Because.
implemented: {implemented.isoformat()}
""")
    found = [m for m in mistakes(content) if m.path == "decisions/x.md"]
    early = implemented <= CallInRules().deadline(published)
    assert [m.field for m in found] == (["implemented"] if early else [])


def test_markup_the_site_removes_is_warned_about_at_its_line(content_copy: Path):
    from minutebook.engine.pipeline import check_content as check_with_warnings

    text = decision_file(content_copy, "x.md", GOOD.replace(
        "reasons: Fewer people visit in the evenings.", "reasons: |\n  Fewer people.\n  <script>alert(1)</script>"))
    checked = check_with_warnings(content_copy, {"MINUTEBOOK_TODAY": TODAY})
    found = [w for w in checked.warnings if w.path == "decisions/x.md"]
    assert {(w.line, w.field) for w in found} == {(line_of(text, "<script>"), "reasons")}, found
    assert "'<script>' is HTML the site does not allow" in found[0].message


def warnings_of(content: Path, path: str) -> list[ContentError]:
    checked = check_content(content, {"MINUTEBOOK_TODAY": TODAY}, warnings=False)
    return [w for w in checked.warnings if w.path == path]


def test_the_sample_decisions_agree_with_the_forward_plan(content_copy: Path):
    checked = check_content(content_copy, {"MINUTEBOOK_TODAY": TODAY}, warnings=False)
    assert [w for w in checked.warnings if w.path.startswith("decisions/") or w.path == DEPOT] == []


def test_a_key_decision_on_no_forward_plan_is_warned_about(content_copy: Path):
    text = decision_file(content_copy, "x.md", GOOD + "key_decision: true\n")
    [w] = warnings_of(content_copy, "decisions/x.md")
    assert (w.line, w.field, w.warning) == (line_of(text, "key_decision:"), "key_decision", True)
    assert "a key decision is published on the forward plan before it is taken: add 'forward_plan:'" in w.message
    path = content_copy / DEPOT
    text = re.sub(r"\n  forward_plan: .*", "", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    [w] = warnings_of(content_copy, DEPOT)
    assert (w.line, w.field) == (line_of(text, "key_decision:"), "key_decision")


def test_a_decision_maker_other_than_the_forward_plans_is_warned_about(content_copy: Path):
    text = decision_file(content_copy, "x.md", GOOD.replace("cllr-sarah-whitaker", "cllr-daniel-okafor")
                         + "forward_plan: 2026-044-library-opening-hours\n")
    [w] = warnings_of(content_copy, "decisions/x.md")
    assert (w.line, w.field) == (line_of(text, "forward_plan:"), "forward_plan")
    assert ("forward plan entry '2026-044-library-opening-hours' names 'cllr-sarah-whitaker' as the decision "
            "maker, but the decision was taken by 'cllr-daniel-okafor'") in w.message


def test_fewer_than_28_clear_days_after_the_forward_plan_is_warned_about(content_copy: Path):
    front = GOOD.replace("2026-11-03", "2026-10-20").replace("2026-11-04", "2026-10-21")
    decision_file(content_copy, "x.md", front + "forward_plan: 2026-044-library-opening-hours\n")
    [w] = warnings_of(content_copy, "decisions/x.md")
    assert w.field == "forward_plan"
    assert ("the decision was taken 24 clear days after forward plan entry '2026-044-library-opening-hours' was "
            "first published (25 September 2026): a key decision needs 28 clear days' notice") in w.message
