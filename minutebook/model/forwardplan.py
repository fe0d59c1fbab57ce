"""The forward plan's entries, assembled from the checked content.

This is where an exempt entry's matter is dropped: its text, consultees and
documents never reach the model, so no page, feed or data file can show them.
"""

from __future__ import annotations

from minutebook.content import schema
from minutebook.content.dates import MonthDate
from minutebook.content.exempt import Exempt
from minutebook.content.forwardplan import ALL_WARDS, CheckedEntry
from minutebook.content.markup import render_markdown
from minutebook.model import objects as model


def forward_plan(site: model.Site, entries: dict[str, CheckedEntry]) -> dict[str, model.ForwardPlanEntry]:
    """The site's forward plan, by id, in order of expected date (``check_forward_plan``'s order)."""
    return {entry_id: _entry(site, checked) for entry_id, checked in entries.items()}


def link_decisions(site: model.Site) -> None:
    """Each entry's decision records (those whose ``forward_plan:`` names it),
    so that the plan says "Decision taken" and links to it."""
    for record in site.decision_records:
        entry = site.forward_plan.get(record.forward_plan or "")
        if entry is not None:
            entry.decisions.append(record)


def _exemption(exempt: Exempt) -> model.Exemption:
    return model.Exemption(exempt.paragraphs, tuple(schema.SCHEDULE_12A[p] for p in exempt.paragraphs))


def _entry(site: model.Site, checked: CheckedEntry) -> model.ForwardPlanEntry:
    front, people = checked.front, site.people
    expected = front.expected
    entry = model.ForwardPlanEntry(
        id=checked.id, title=front.title, source=checked.raw.source.rel,
        decision_maker=site.committees.get(front.decision_maker) or people[front.decision_maker],
        expected=MonthDate(expected.day.year, expected.day.month) if expected.month_only else expected.day,
        first_published=front.first_published, key_decision=front.key_decision, reference=front.reference,
        wards=[] if front.wards == ALL_WARDS else list(front.wards), all_wards=front.wards == ALL_WARDS,
        lead_member=people[front.lead_member] if front.lead_member else None,
        contacts=[model.ItemContact([people[p] for p in c.people], c.name, c.phone, c.email)
                  for c in front.contacts],
        urgency=front.urgency, status=front.status,
    )
    if front.exempt:
        entry.exempt = _exemption(front.exempt)
        entry.open_summary_html = render_markdown(front.open_summary or "")
        return entry  # nothing else of an exempt entry reaches the public
    entry.consultees = front.consultees
    entry.body_html = render_markdown(checked.raw.source.body)
    entry.documents = [model.Document(d.title, exempt=_exemption(d.exempt)) if d.exempt
                       else model.Document(d.title, url=d.url, not_published=d.not_published)
                       for d in front.documents]
    return entry
