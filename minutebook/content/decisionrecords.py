"""Decision records: checking the record of an executive decision taken at a
meeting (``decision:`` on its agenda item) and of a decision taken outside a
meeting by an executive member or an officer (``decisions/<id>.md``).

Each mistake is reported with its file, line and field and what to write
instead: people and forward plan entries that do not exist, dates in the
wrong order (a notice published before the decision, a call-in after the
call-in period, a decision implemented before the period ended although it
was not urgent), and a decision recorded where no executive decision is taken.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from minutebook.content import schema
from minutebook.content.dates import long_date, short_date
from minutebook.content.errors import ContentError
from minutebook.content.forwardplan import CLEAR_DAYS, CheckedEntry, clear_days, earliest_decision
from minutebook.content.load import DECISIONS_DIR, SLUG, RawTree
from minutebook.content.sections import HAS_MINUTES
from minutebook.content.source import Located, SourceFile
from minutebook.content.validate import CheckedItem, CheckedMeeting, CheckedTree, as_written, validate_model
from minutebook.content.workingdays import CallInRules

FORWARD_PLAN_DIR = "forward-plan"  # the forward plan's entries: forward-plan/<id>.md
_FILE_NAME = re.compile(rf"^{SLUG}\.md$")


@dataclass
class CheckedDecision:
    """A decision taken outside a meeting, as checked: ``id`` is its file's stem."""

    id: str
    source: SourceFile
    front: schema.DecisionFile
    body: str


def decision_records_check(rules: CallInRules) -> Callable[[RawTree, CheckedTree, list[ContentError]], None]:
    """The check the engine hands to ``validate.check``, with the council's call-in rules."""
    return partial(check_decision_records, rules=rules)


def forward_plan_ids(root: Path) -> set[str] | None:
    """The ids of the forward plan's entries (the stems of forward-plan/*.md);
    None when the content has no forward plan folder."""
    folder = root / FORWARD_PLAN_DIR
    if folder.is_symlink() or not folder.is_dir():
        return None
    return {p.name[:-3] for p in folder.iterdir() if p.name.endswith(".md") and not p.name.startswith(".")}


@dataclass
class _Where:
    """One record's file, its front matter, where the record's fields start in it
    (``("decision",)`` on an item, ``()`` in a decisions file), and what it needs."""

    rel: str
    located: Located
    prefix: tuple
    people: set[str] | None
    errors: list[ContentError]
    warnings: list[ContentError] | None = None

    def add(self, loc: tuple, message: str, warning: bool = False, whole: bool = False) -> None:
        """A mistake (or a warning) at ``loc`` among the record's fields (``whole``: in the whole file)."""
        full = loc if whole else self.prefix + loc
        found = ContentError(self.rel, self.located.line(full), as_written(self.located, full), message, warning)
        (self.warnings if warning and self.warnings is not None else self.errors).append(found)

    def need_person(self, value: str, loc: tuple) -> None:
        if self.people is None or value in self.people:
            return
        self.add(loc, f"no person has the id '{value}': {_did_you_mean(value, self.people)}"
                      "use an id from people.yaml, or add it there")


def _did_you_mean(value: str, options: set[str]) -> str:
    close = difflib.get_close_matches(value, sorted(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def check_decision_records(tree: RawTree, checked: CheckedTree, errors: list[ContentError],
                           rules: CallInRules) -> None:
    """Check every decision record; the files' records are kept on ``checked``."""
    plan = forward_plan_ids(tree.root)
    people = checked.declared.get("people")
    for meeting in checked.meetings:
        for item in meeting.items:
            if item.front.decision is not None:
                _check_item_decision(checked, meeting, item, plan, rules, errors)
    for source in tree.decisions:
        found = _check_file(source, checked, people, plan, rules, errors)
        if found is not None:
            checked.decision_records.append(found)


def _check_item_decision(checked: CheckedTree, meeting: CheckedMeeting, item: CheckedItem,
                         plan: set[str] | None, rules: CallInRules, errors: list[ContentError]) -> None:
    source, decision = item.raw.source, item.front.decision
    where = _Where(source.rel, source.front, ("decision",), checked.declared.get("people"), errors, checked.warnings)
    committee = checked.committees.get(meeting.raw.committee)
    if committee is not None and committee.kind == "scrutiny":
        where.add((), f"the {committee.name} is a scrutiny committee, which reviews executive decisions "
                      "and does not take them: remove 'decision:' (its recommendations are written "
                      "as resolutions), or move the item to the meeting that took the decision")
    elif committee is not None and committee.kind in ("council", "regulatory") and decision.call_in != "not-applicable":
        where.add(("call_in",), f"the {committee.name} takes decisions that are not executive decisions, "
                                "and those cannot be called in: write 'call_in: not-applicable' under "
                                "'decision:'")
    if meeting.front.status not in HAS_MINUTES:
        where.add((), f"the meeting's status is '{meeting.front.status}', so no decision has been taken "
                      "yet: record the decision with the minutes ('status: draft-minutes' in meeting.md), "
                      "or remove 'decision:'")
    _check_notice(where, decision, decision.call_in, meeting.date, "taken at the meeting on", "published",
                  plan, rules, checked.today)
    _check_against_plan(where, checked.forward_plan, decision.forward_plan, item.front.key_decision,
                        meeting.raw.committee, meeting.date, ("key_decision",))


def _check_file(source: SourceFile, checked: CheckedTree, people: set[str] | None, plan: set[str] | None,
                rules: CallInRules, errors: list[ContentError]) -> CheckedDecision | None:
    name = source.path.name
    if not _FILE_NAME.match(name):
        suggestion = "-".join("".join(c if c.isalnum() else " " for c in name[:-3].lower()).split()) or "decision"
        errors.append(ContentError(source.rel, 1, "", f"'{name}' is not a decision file name: name it in "
                                   "lowercase letters, digits and hyphens, after the date and the "
                                   f"decision, for example {DECISIONS_DIR}/{suggestion}.md"))
        return None
    front = validate_model(schema.DecisionFile, source.front.data, source.front, source.rel, (), errors)
    if front is None:
        return None
    where = _Where(source.rel, source.front, (), people, errors, checked.warnings)
    where.need_person(front.decided_by, ("decided_by",))
    person = checked.people.get(front.decided_by)
    if person is not None and front.kind == "executive" and person.kind != "councillor":
        where.add(("kind",), f"'{front.decided_by}' is not a councillor: an executive decision outside a "
                             "meeting is taken by an executive member; write 'kind: officer' for an "
                             "officer's decision, or name the member under 'decided_by:'")
    if person is not None and front.kind == "officer" and person.kind == "councillor":
        where.add(("kind",), f"'{front.decided_by}' is a councillor: an officer decision is taken by an "
                             "officer; write 'kind: executive' for an executive member's decision, or name "
                             "the officer under 'decided_by:'")
    subjects = checked.declared.get("subjects")
    for i, sid in enumerate(front.subject):
        if subjects is not None and sid not in subjects:
            where.add(("subject", i), f"no subject has the id '{sid}': {_did_you_mean(sid, subjects)}"
                                      "use an id from subjects.yaml, or add it there")
    for i, contact in enumerate(front.contacts):
        for j, pid in enumerate(contact.people):
            where.need_person(pid, ("contacts", i, "people", j))
    for i, document in enumerate(front.documents):
        if document.file:
            where.add(("documents", i, "file"), "a decision taken outside a meeting has no folder for files: "
                                                "link the document with 'url:' (a web address), or write "
                                                "'not_published: true' if it is not published online")
    body = source.body.strip()
    if not body and not front.exempt:
        errors.append(ContentError(source.rel, source.body_line, "text", "the decision itself is missing: "
                                   "write it below the front matter's closing '---' line"))
    if checked.today is not None and front.date > checked.today:
        where.add(("date",), f"{front.date.isoformat()} is after today ({checked.today.isoformat()}): give "
                             "the date the decision was taken; a decision not yet taken is not recorded here")
    _check_notice(where, front, front.call_in_rule, front.date, "taken on", "published", plan, rules,
                  checked.today)
    _check_against_plan(where, checked.forward_plan, front.forward_plan, front.key_decision, front.decided_by,
                        front.date, ("key_decision",))
    return CheckedDecision(name[:-3], source, front, body)


def _check_against_plan(where: _Where, plan: dict[str, CheckedEntry], entry_id: str | None, key_decision: bool,
                        maker: str, decided: dt.date, key_loc: tuple) -> None:
    """Warnings, not mistakes (a decision can be re-delegated, and an entry's
    urgency is the forward plan's to say): a key decision named on no forward
    plan entry, a decision maker other than the entry's, and fewer than 28
    clear days between the entry's first publication and the decision."""
    if entry_id is None:
        if key_decision:
            where.add(key_loc, "a key decision is published on the forward plan before it is taken: add "
                               "'forward_plan:' with the id of its entry (the name of its file in "
                               f"{FORWARD_PLAN_DIR}/, without '.md')", warning=True, whole=True)
        return
    entry = plan.get(entry_id)
    if entry is None:
        return  # no such entry (a mistake reported above), or one with mistakes of its own
    front = entry.front
    if front.decision_maker != maker:
        where.add(("forward_plan",), f"forward plan entry '{entry_id}' names '{front.decision_maker}' as the "
                                     f"decision maker, but the decision was taken by '{maker}': correct "
                                     f"'forward_plan:', or the entry's 'decision_maker:' if it changed",
                  warning=True)
    if front.key_decision and front.urgency is None and decided < earliest_decision(front.first_published):
        days = clear_days(front.first_published, decided)
        where.add(("forward_plan",), f"the decision was taken {days} clear days after forward plan entry "
                                     f"'{entry_id}' was first published ({short_date(front.first_published)}): "
                                     f"a key decision needs {CLEAR_DAYS} clear days' notice; if the general "
                                     "exception or special urgency route was used, write 'urgency:' in "
                                     f"{FORWARD_PLAN_DIR}/{entry_id}.md", warning=True)


def _check_notice(where: _Where, notice: schema.DecisionNotice | schema.DecisionFile, call_in: str,
                  decided: dt.date, decided_words: str, published_field: str, plan: set[str] | None,
                  rules: CallInRules, today: dt.date | None) -> None:
    """What an item's ``decision:`` and a decisions file share: people,
    the forward plan entry, and the order of the dates."""
    if notice.forward_plan is not None:
        _check_forward_plan(where, notice.forward_plan, plan)
    called = notice.called_in
    if called is not None:
        for i, pid in enumerate(called.by):
            where.need_person(pid, ("called_in", "by", i))
    published = notice.published
    if published < decided:
        where.add((published_field,), f"the decision notice is published on {short_date(published)}, before "
                                      f"the decision was {decided_words} {short_date(decided)}: a notice is "
                                      "published after the decision; correct the date")
    for loc, value in (((published_field,), published), (("called_in", "date"), called.date if called else None),
                       (("implemented",), notice.implemented)):
        if value is not None and today is not None and value > today:
            where.add(loc, f"{value.isoformat()} is after today ({today.isoformat()}): give the date on which "
                           "it happened; leave the line out until it has")
    deadline = rules.deadline(published) if call_in == "standard" else None
    if called is not None:
        if called.date < published:
            where.add(("called_in", "date"), f"the decision was called in on {short_date(called.date)}, before "
                                             f"its notice was published on {short_date(published)}: correct "
                                             "the date (a decision is called in after its notice is published)")
        elif deadline is not None and called.date > deadline:
            where.add(("called_in", "date"), f"the call-in period ended on {long_date(deadline)} ({rules.days} "
                                             f"working days after the notice of {short_date(published)}): a "
                                             "call-in after it is too late; check the date, or 'published:'")
    implemented = notice.implemented
    if implemented is None:
        return
    if implemented < published:
        where.add(("implemented",), f"the decision is implemented on {short_date(implemented)}, before its "
                                    f"notice was published on {short_date(published)}: correct the date")
    elif called is not None and implemented <= called.date:
        where.add(("implemented",), f"the decision was called in on {short_date(called.date)}: it is "
                                    "implemented only once the call-in has been decided; correct the date, "
                                    "and write what was decided as 'outcome:' under 'called_in:'")
    elif called is not None and not called.outcome:
        where.add(("called_in",), "the decision has been implemented after it was called in: say what was "
                                  "decided on the call-in as 'outcome:' under 'called_in:'")
    elif deadline is not None and called is None and implemented <= deadline:
        first = deadline + dt.timedelta(days=1)
        where.add(("implemented",), f"the decision can be called in until {long_date(deadline)}, so it can be "
                                    f"implemented from {long_date(first)}: correct the date; or, if it could "
                                    "not wait, write 'call_in: urgent' with 'urgency_reason:'")


def _check_forward_plan(where: _Where, entry: str, plan: set[str] | None) -> None:
    if plan is None:
        where.add(("forward_plan",), f"no forward plan entry has the id '{entry}': the content has no "
                                     f"{FORWARD_PLAN_DIR}/ folder; add the entry as {FORWARD_PLAN_DIR}/{entry}.md, "
                                     "or remove 'forward_plan:'")
    elif entry not in plan:
        where.add(("forward_plan",), f"no forward plan entry has the id '{entry}': {_did_you_mean(entry, plan)}"
                                     f"write the name of a file in {FORWARD_PLAN_DIR}/ without '.md', or add "
                                     f"{FORWARD_PLAN_DIR}/{entry}.md")



TEXT_FIELDS = ("reasons", "alternatives", "interests", "dispensations")


def decision_texts(checked: CheckedTree) -> list[tuple[str, int, str, str]]:
    """(file, line, Markdown, field) of each published Markdown text of the
    decision records, so that the check warns about what the sanitiser removes
    (an exempt record's texts are never published, so they are left alone)."""
    found: list[tuple[str, int, str, str]] = []
    for meeting in checked.meetings:
        for item in meeting.items:
            notice = item.front.decision
            if notice is not None and not item.front.exempt:
                found += _texts(item.raw.source, ("decision",), notice)
    for record in checked.decision_records:
        if record.front.exempt:
            found += _texts(record.source, (), record.front, ("open_summary",))
        else:
            found += _texts(record.source, (), record.front)
            found.append((record.source.rel, record.source.body_line, record.source.body, "text"))
    return found


def _texts(source: SourceFile, prefix: tuple, notice: schema.DecisionNotice | schema.DecisionFile,
           names: tuple[str, ...] = TEXT_FIELDS) -> list[tuple[str, int, str, str]]:
    located = source.front
    found = [(source.rel, located.text_line(prefix + (name,)), getattr(notice, name),
              as_written(located, prefix + (name,))) for name in names if getattr(notice, name)]
    called = notice.called_in
    if called is not None and "reasons" in names:
        found += [(source.rel, located.text_line(prefix + ("called_in", name)), getattr(called, name),
                   as_written(located, prefix + ("called_in", name))) for name in ("reason", "outcome")
                  if getattr(called, name)]
    return found

