"""The forward plan as the check reads it (``content/forward-plan/<id>.md``):
every mistake named with its file, line and field and what to write instead;
the 28 clear days' rule and the reader of ``expected:`` as properties.

Each case starts from the small valid tree in ``minimal_tree``, with one entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from minimal_tree import Plant, all_of, mistakes, replace, write_tree

from minutebook.content.errors import ContentError
from minutebook.content.forwardplan import Expected, check_forward_plan, clear_days, read_expected, read_forward_plan
from minutebook.content.load import link_mistake
from minutebook.content.validate import validate_model
from minutebook.engine.pipeline import check_content, load_site

ENTRY = "forward-plan/2026-027-carlisle-road-depot.md"
# line: 1 ---  2 title  3 reference  4 decision_maker  5 expected  6 first_published
#       7 wards  8 consultees  9 lead_member  10 contacts  11 - people  12 phone  13 ---  14 text
ENTRY_TEXT = """\
---
title: Former Carlisle Road depot, disposal
reference: FP 2026/027
decision_maker: executive
expected: 2026-10-13
first_published: 2026-08-28
wards: [Manningham]
consultees: Ward councillors
lead_member: cllr-amina-rahman
contacts:
  - people: darren-minton
    phone: 01274 000270
---
Whether to dispose of the former Carlisle Road depot.
"""


def with_entry(text: str = ENTRY_TEXT, rel: str = ENTRY) -> Plant:
    def plant(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return plant


def changed(old: str, new: str) -> Plant:
    return all_of(with_entry(), replace(ENTRY, old, new))


@dataclass
class Case:
    id: str
    plant: Plant
    file: str
    line: int
    field: str
    says: str  # the message, or a key phrase of it


SCRUTINY = replace("committees.yaml", "executive:\n", "scrutiny:\n  name: Scrutiny Committee\n  kind: scrutiny\n"
                   "executive:\n")

CASES = [
    Case("decision-maker-unknown", changed("decision_maker: executive", "decision_maker: executiv"),
         ENTRY, 4, "decision_maker", "no committee or person has the id 'executiv': did you mean 'executive'? "
         "write the executive's committee id from committees.yaml, or the person id (from people.yaml) of the "
         "portfolio holder or officer who will decide"),
    Case("decision-maker-not-the-executive", all_of(SCRUTINY, changed("decision_maker: executive",
                                                                      "decision_maker: scrutiny")),
         ENTRY, 4, "decision_maker", "'scrutiny' is a committee of kind 'scrutiny': the forward plan lists the "
         "executive's key decisions"),
    Case("expected-not-a-date", changed("expected: 2026-10-13", "expected: 13 October 2026"),
         ENTRY, 5, "expected", "'13 October 2026' is not a date: write the day as YYYY-MM-DD, for example "
         "2026-10-13, or the month only as YYYY-MM, for example 2026-10"),
    Case("expected-not-a-real-date", changed("expected: 2026-10-13", "expected: 2026-02-30"),
         ENTRY, 5, "expected", "'2026-02-30' is not a real date"),
    Case("expected-not-a-real-month", changed("expected: 2026-10-13", "expected: 2026-13"),
         ENTRY, 5, "expected", "'2026-13' is not a real month"),
    Case("first-published-not-a-date", changed("first_published: 2026-08-28", "first_published: August"),
         ENTRY, 6, "first_published", "'August' is not a date: write it as YYYY-MM-DD"),
    Case("first-published-after-expected", changed("first_published: 2026-08-28", "first_published: 2026-10-20"),
         ENTRY, 6, "first_published", "the entry was first published on 2026-10-20, after the decision expected "
         "on 2026-10-13: correct one of the two dates"),
    Case("fewer-than-28-clear-days", changed("first_published: 2026-08-28", "first_published: 2026-09-20"),
         ENTRY, 5, "expected", "only 22 clear days between first_published (2026-09-20) and expected "
         "(2026-10-13): a key decision must be on the forward plan 28 clear days before it is taken; if it "
         "cannot wait, add 'urgency: general-exception' (regulation 10) or 'urgency: special-urgency' "
         "(regulation 11), otherwise write an expected date of 2026-10-19 or later"),
    Case("27-clear-days-for-a-month", all_of(changed("expected: 2026-10-13", "expected: 2026-10"),
                                             replace(ENTRY, "first_published: 2026-08-28",
                                                     "first_published: 2026-09-03")),
         ENTRY, 5, "expected", "only 27 clear days between first_published (2026-09-03) and expected "
         "(the month's first day, 2026-10-01)"),
    Case("urgency-not-needed", changed("    phone: 01274 000270\n", "    phone: 01274 000270\n"
                                       "urgency: special-urgency\n"),
         ENTRY, 13, "urgency", "there are 45 clear days between first_published (2026-08-28) and expected "
         "(2026-10-13), so 28 clear days' notice was given and no urgency route was needed: remove 'urgency:'"),
    Case("urgency-unknown", all_of(changed("first_published: 2026-08-28", "first_published: 2026-10-01"),
                                   replace(ENTRY, "    phone: 01274 000270\n",
                                           "    phone: 01274 000270\nurgency: urgent\n")),
         ENTRY, 13, "urgency", "'urgent' is not allowed"),
    Case("lead-member-unknown", changed("lead_member: cllr-amina-rahman", "lead_member: cllr-amina-rahmen"),
         ENTRY, 9, "lead_member", "no person has the id 'cllr-amina-rahmen': did you mean 'cllr-amina-rahman'? "
         "use an id from people.yaml, or add it there"),
    Case("contact-unknown", changed("  - people: darren-minton", "  - people: daren-minton"),
         ENTRY, 11, "contacts[0].people", "no person has the id 'daren-minton': did you mean 'darren-minton'?"),
    Case("status-taken-is-not-written", changed("wards: [Manningham]", "status: taken"),
         ENTRY, 7, "status", "'taken' is not allowed"),
    Case("exempt-paragraph-9", changed("wards: [Manningham]", "exempt: 9"),
         ENTRY, 7, "exempt", "'9' is not a paragraph of Part 1 of Schedule 12A, which has paragraphs 1 to 7"),
    Case("open-summary-on-an-open-entry", changed("wards: [Manningham]", "open_summary: A contract."),
         ENTRY, 7, "open_summary", "'open_summary' is only for an exempt entry"),
    Case("document-file", changed("wards: [Manningham]", "documents: {title: Report, file: report.pdf}"),
         ENTRY, 7, "documents[0].file", "give the document's web address as 'url:' instead of 'file:'"),
    Case("field-misspelt", changed("lead_member:", "lead_membr:"), ENTRY, 9, "lead_membr", "lead_member"),
    Case("title-missing", changed("title: Former Carlisle Road depot, disposal\n", ""),
         ENTRY, 2, "title", "'title' is required: add a line 'title: ...'"),
    Case("id-shaped-like-a-month", with_entry(rel="forward-plan/2026-10.md"), "forward-plan/2026-10.md", 1, "",
         "'2026-10' is shaped like a month, and forward-plan/2026-10/ is that month's page: name the file after "
         "the entry instead, for example 2026-10-depot-disposal.md"),
    Case("file-name-not-an-id", with_entry(rel="forward-plan/Depot Disposal.md"), "forward-plan/Depot Disposal.md",
         1, "", "name it after the entry's id, in lowercase letters, digits and hyphens, for example "
         "depot-disposal.md"),
    Case("not-markdown", with_entry(rel="forward-plan/notes.txt"), "forward-plan/notes.txt", 1, "",
         "only forward plan entries belong in forward-plan/"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_forward_plan_mistake_is_named_with_its_line_and_what_to_write(tmp_path, case: Case) -> None:
    root = write_tree(tmp_path)
    case.plant(root)
    found = mistakes(root)
    assert [(e.path, e.line, e.field) for e in found] == [(case.file, case.line, case.field)], \
        "\n".join(map(str, found))
    assert case.says in found[0].message


def test_a_symbolic_link_in_the_forward_plan_is_refused(tmp_path) -> None:
    root = write_tree(tmp_path)
    (tmp_path / "elsewhere.md").write_text(ENTRY_TEXT, encoding="utf-8")
    (root / "forward-plan").mkdir()
    (root / "forward-plan" / "linked.md").symlink_to(tmp_path / "elsewhere.md")
    (found,) = mistakes(root)
    assert (found.path, found.field) == ("forward-plan/linked.md", "")
    assert "symbolic link" in found.message


def test_a_valid_entry_is_checked_and_modelled(tmp_path) -> None:
    root = write_tree(tmp_path)
    with_entry()(root)
    assert list(check_content(root).forward_plan) == ["2026-027-carlisle-road-depot"]
    entry = load_site(root).forward_plan["2026-027-carlisle-road-depot"]
    assert (entry.decision_maker.name, entry.expected, entry.notice) == (
        "Executive", dt.date(2026, 10, 13), "28 clear days’ notice given")
    assert entry.decisions == [] and entry.state == "expected"


def test_an_urgent_entry_and_a_person_deciding_pass(tmp_path) -> None:
    root = write_tree(tmp_path)
    all_of(changed("first_published: 2026-08-28", "first_published: 2026-10-06"),
           replace(ENTRY, "decision_maker: executive", "decision_maker: cllr-peter-hollings"),
           replace(ENTRY, "wards: [Manningham]", "urgency: special-urgency\nwards: all wards"))(root)
    entry = load_site(root).forward_plan["2026-027-carlisle-road-depot"]
    assert entry.notice == "Special urgency (regulation 11)" and entry.all_wards and entry.wards == []
    assert entry.decision_maker.id == "cllr-peter-hollings"


def test_a_decision_that_is_not_key_needs_no_notice(tmp_path) -> None:
    root = write_tree(tmp_path)
    all_of(changed("first_published: 2026-08-28", "first_published: 2026-10-06"),
           replace(ENTRY, "wards: [Manningham]", "key_decision: false"))(root)
    assert "2026-027-carlisle-road-depot" in check_content(root).forward_plan


# ---- properties -------------------------------------------------------------------

DAYS = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2198, 1, 1))


def _entry_errors(tmp: Path, published: dt.date, expected: str, urgency: str | None) -> list[ContentError]:
    """The check's mistakes for one entry with these dates, read and checked as the tree is."""
    folder = tmp / "forward-plan"
    folder.mkdir(parents=True, exist_ok=True)
    text = ENTRY_TEXT.replace("expected: 2026-10-13", f"expected: {expected}").replace(
        "first_published: 2026-08-28", f"first_published: {published.isoformat()}")
    if urgency:
        text = text.replace("wards: [Manningham]", f"urgency: {urgency}")
    (folder / "an-entry.md").write_text(text, encoding="utf-8")
    errors: list[ContentError] = []
    raw = read_forward_plan(tmp, errors, link_mistake)
    check_forward_plan(raw, {"committees": {"executive"}, "people": {"cllr-amina-rahman", "darren-minton"}},
                       {"executive": "executive"}, validate_model, errors)
    return errors


@given(published=DAYS, gap=st.integers(min_value=0, max_value=60), urgency=st.sampled_from(
    [None, "general-exception", "special-urgency"]))
def test_28_clear_days_or_an_urgency_route_and_never_both(tmp_path_factory, published, gap, urgency) -> None:
    """Clear days leave out the day of publication and the day of decision: 29 days apart is 28 clear
    days. Fewer without ``urgency:`` is a mistake at ``expected``; ``urgency:`` with enough is one at
    ``urgency``; nothing else is reported."""
    expected = published + dt.timedelta(days=gap)
    errors = _entry_errors(tmp_path_factory.mktemp("fp"), published, expected.isoformat(), urgency)
    enough = gap >= 29
    assert clear_days(published, expected) == max(gap - 1, 0)
    if enough == (urgency is None):
        assert errors == []
    else:
        assert [e.field for e in errors] == ["urgency" if enough else "expected"]


@given(day=st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2198, 12, 1)),
       gap=st.integers(min_value=0, max_value=60))
def test_a_month_counts_from_its_first_day(tmp_path_factory, day, gap) -> None:
    first = day.replace(day=1)
    published = first - dt.timedelta(days=gap)
    errors = _entry_errors(tmp_path_factory.mktemp("fp"), published, f"{day:%Y-%m}", None)
    assert bool(errors) == (gap < 29)


@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_the_reader_gives_back_every_day_and_month_written(day) -> None:
    assert read_expected(day.isoformat()) == Expected(day)
    assert read_expected(f"{day:%Y-%m}") == Expected(day.replace(day=1), month_only=True)


@given(text=st.text(max_size=20))
def test_the_reader_takes_any_text_or_says_what_to_write(text) -> None:
    """Whatever a clerk writes is read, or refused with a message saying how to write it (never a crash)."""
    try:
        read_expected(text)
    except ValueError as exc:
        assert "YYYY-MM" in str(exc) or "check the year" in str(exc)


def test_html_the_sanitiser_takes_out_is_warned_about_at_its_line(tmp_path) -> None:
    root = write_tree(tmp_path)
    all_of(with_entry(), replace(ENTRY, "Whether to dispose", "[a link](javascript:alert(1)) Whether to dispose"))(root)
    warnings = [w for w in check_content(root).warnings if w.path == ENTRY]
    assert [(w.line, w.field) for w in warnings] == [(14, "text")]
    assert "the link 'javascript:alert(1)' is removed" in warnings[0].message


def test_an_exempt_entrys_open_summary_is_warned_about_but_not_its_withheld_text(tmp_path) -> None:
    root = write_tree(tmp_path)
    summary = "exempt: 3\nopen_summary: |\n  A sale.\n  <b onclick=x>"
    all_of(with_entry(), replace(ENTRY, "wards: [Manningham]", summary),
           replace(ENTRY, "Whether to dispose", "<script>withheld</script> Whether to dispose"))(root)
    warnings = [w for w in check_content(root).warnings if w.path == ENTRY]
    assert [(w.line, w.field) for w in warnings] == [(10, "open_summary")]
