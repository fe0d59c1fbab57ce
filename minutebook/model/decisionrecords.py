"""Decision records in the model: the records of executive decisions taken at
meetings (an item's ``decision:``) and outside them, and officer decisions.

Exempt records are cut down here, before anything is rendered: their reasons,
alternatives, interests, dispensations, text, documents, contacts and wards
never reach the model. The call-in status is computed from the site's today.
"""

from __future__ import annotations

import datetime as dt

from minutebook.content import schema, urls
from minutebook.content.decisionrecords import CheckedDecision
from minutebook.content.exempt import Exempt
from minutebook.content.markup import render_markdown
from minutebook.content.validate import CheckedTree
from minutebook.content.workingdays import CallInRules, rules_from_settings
from minutebook.model import objects as model


def assemble_decision_records(site: model.Site, checked: CheckedTree) -> None:
    """Make ``site.decision_records`` and link them to their items, people and
    subjects. Run after the items' open summaries are rendered."""
    rules = rules_from_settings(site.settings)
    items = {item.source: item for item in site.items}
    records: list[model.DecisionRecord] = []
    for meeting in checked.meetings:
        for checked_item in meeting.items:
            notice = checked_item.front.decision
            item = items.get(checked_item.raw.source.rel)
            if notice is not None and item is not None:
                records.append(_at_meeting(site, item, notice, rules))
    records += [_outside_meeting(site, found, rules) for found in checked.decision_records]
    records.sort(key=lambda r: (r.published, r.date, r.id), reverse=True)
    site.decision_records = records
    for record in records:
        if record.item is not None:
            record.item.decision_record = record
            continue
        if record.decided_by is not None:
            record.decided_by.decisions.append(record)
        for subject in record.subjects:
            subject.decision_records.insert(0, record)  # oldest first


def item_key(item: model.AgendaItem) -> str:
    """A decision taken at a meeting is known by its item's source: "executive/2026-10-13/05"."""
    return f"{item.meeting.key}/{item.source.rsplit('/', 1)[-1].split('-', 1)[0]}"


def _at_meeting(site: model.Site, item: model.AgendaItem, notice: schema.DecisionNotice,
                rules: CallInRules) -> model.DecisionRecord:
    record = model.DecisionRecord(
        id=item_key(item), kind="meeting", title=item.title, item=item, date=item.meeting.date,
        published=notice.published, source=item.source, committee=item.meeting.committee,
        key_decision=item.key_decision, decision_reference=item.decision_reference,
        subjects=list(item.subjects), exempt=item.exempt, open_summary_html=item.open_summary_html)
    _notice(site, record, notice, notice.call_in, rules)
    return record


def _outside_meeting(site: model.Site, found: CheckedDecision, rules: CallInRules) -> model.DecisionRecord:
    front = found.front
    record = model.DecisionRecord(
        id=found.id, kind=front.kind, title=front.title, item=None, date=front.date,
        published=front.published, source=found.source.rel, decided_by=site.people.get(front.decided_by),
        key_decision=front.key_decision, decision_reference=front.decision_reference,
        delegation=front.delegation, subjects=[site.subjects[s] for s in front.subject if s in site.subjects])
    _notice(site, record, front, front.call_in_rule, rules)
    if front.exempt:
        record.exempt = _exemption(front.exempt)
        record.open_summary_html = render_markdown(front.open_summary or "")
        # as of an exempt item: no reference, power delegated or key decision flag either
        record.decision_reference = record.delegation = None
        record.key_decision = False
        return record  # nothing else of an exempt decision reaches the public
    record.wards = list(front.wards)
    record.body_html = render_markdown(found.body)
    record.documents = [_document(d) for d in front.documents]
    record.contacts = [model.ItemContact([site.people[p] for p in c.people if p in site.people],
                                         c.name, c.phone, c.email) for c in front.contacts]
    return record


def _notice(site: model.Site, record: model.DecisionRecord, notice: schema.DecisionNotice | schema.DecisionFile,
            call_in: str, rules: CallInRules) -> None:
    """What records taken at and outside meetings share; of an exempt record,
    only the dates and call-in status (without the reasons given for them)."""
    record.call_in = call_in
    record.implemented = notice.implemented
    record.deadline = rules.deadline(notice.published) if call_in == "standard" else None
    if notice.forward_plan:
        record.forward_plan = notice.forward_plan
        record.forward_plan_path = urls.forward_plan_entry(notice.forward_plan)
    called = notice.called_in
    if called is not None:
        record.called_in = model.CallIn(called.date, [site.people[p] for p in called.by if p in site.people])
    record.status = call_in_status(record, site.today)
    exempt = record.exempt is not None or bool(getattr(notice, "exempt", None))
    if exempt:
        return
    record.urgency_reason = notice.urgency_reason
    record.reasons_html = render_markdown(notice.reasons)
    record.alternatives_html = render_markdown(notice.alternatives or "")
    record.interests_html = render_markdown(notice.interests or "")
    record.dispensations_html = render_markdown(notice.dispensations or "")
    if called is not None and record.called_in is not None:
        record.called_in.reason_html = render_markdown(called.reason or "")
        record.called_in.outcome_html = render_markdown(called.outcome or "")


def call_in_status(record: model.DecisionRecord, today: dt.date) -> str:
    """Where the decision stands on ``today`` (a key of ``objects.CALL_IN_LABELS``)."""
    if record.call_in != "standard":
        return record.call_in
    if record.called_in is not None and record.called_in.date <= today:
        return "called-in"
    if record.deadline is not None and today <= record.deadline:
        return "open"
    return "ended"


def _exemption(exempt: Exempt) -> model.Exemption:
    return model.Exemption(exempt.paragraphs, tuple(schema.SCHEDULE_12A[p] for p in exempt.paragraphs))


def _document(doc: schema.Document) -> model.Document:
    if doc.exempt:
        return model.Document(doc.title, exempt=_exemption(doc.exempt))  # its link is never published
    return model.Document(doc.title, url=doc.url, not_published=doc.not_published)
