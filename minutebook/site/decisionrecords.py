"""The decision records as files other programs read: the Atom feed of
decision notices, and every decision record as JSON and as CSV.

Ids are stable: a record's ``id`` is its item's source key
("executive/2026-10-13/05") or its file's stem, and its ``uuid`` is made from
that id and the council's name (``records.stable_uuid``). Exempt records carry
only what their pages show (the model holds no more: model/decisionrecords.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from html import escape

from minutebook.content import urls
from minutebook.content.dates import long_date
from minutebook.model.objects import DecisionRecord, Numbered, Site
from minutebook.site import records
from minutebook.site.feeds import DEFAULT_LIMIT, _Feed, feed_title
from minutebook.site.opendata import to_json

KIND_LABELS = {"meeting": "Executive decision at a meeting", "executive": "Executive decision outside a meeting",
               "officer": "Officer decision"}


def call_in_text(record: DecisionRecord) -> str:
    """Where the decision stands on call-in, as its page says it."""
    if record.call_in == "urgent":
        return "Urgent: not subject to call-in" + (f" ({record.urgency_reason})" if record.urgency_reason else "")
    if record.call_in == "not-applicable":
        return "Not subject to call-in"
    if record.status == "called-in" and record.called_in is not None:
        by = " and ".join(p.name for p in record.called_in.by)
        return f"Called in on {long_date(record.called_in.date)}" + (f" by {by}" if by else "")
    if record.status == "open" and record.deadline is not None:
        return f"Can be called in until {long_date(record.deadline)}"
    return f"Call-in period ended {long_date(record.deadline)}" if record.deadline else "Call-in period ended"


def record_uuid(record: DecisionRecord, settings: dict) -> str:
    return str(records.stable_uuid(f"decision-record:{record.id}", settings))


def _resolutions(entries: list[Numbered]) -> list[str]:
    return [f"{e.number} {e.text}".strip() for e in entries if not e.heading] + [
        text for e in entries for text in _resolutions(e.items)]


def record_json(record: DecisionRecord, settings: dict) -> dict:
    """One decision record as data."""
    maker = ({"committee_id": record.committee.id, "name": record.committee.name} if record.committee else
             {"person_id": record.decided_by.id, "name": record.decided_by.name} if record.decided_by else None)
    item = record.item
    data: dict = {
        "id": record.id, "uuid": record_uuid(record, settings), "kind": record.kind, "title": record.title,
        "url": records.public_url(urls.path_for(record), settings), "decision_maker": maker,
        "decided": record.date.isoformat(), "published": record.published.isoformat(),
        "key_decision": record.key_decision, "decision_reference": record.decision_reference,
        "delegation": record.delegation, "wards": record.wards, "subjects": [s.id for s in record.subjects],
        "call_in": record.call_in, "call_in_deadline": record.deadline.isoformat() if record.deadline else None,
        "call_in_status": record.status, "call_in_text": call_in_text(record),
        "urgency_reason": record.urgency_reason,
        "called_in": None if record.called_in is None else {
            "date": record.called_in.date.isoformat(), "by": [p.id for p in record.called_in.by],
            "reason_html": record.called_in.reason_html or None,
            "outcome_html": record.called_in.outcome_html or None},
        "implemented": record.implemented.isoformat() if record.implemented else None,
        "forward_plan": None if not record.forward_plan else {
            "id": record.forward_plan, "url": records.public_url(record.forward_plan_path or "", settings)},
        "exempt": None if record.exempt is None else {
            "paragraphs": list(record.exempt.paragraphs), "statement": record.exempt.statement},
        "open_summary_html": record.open_summary_html or None,
        "decision_html": record.body_html or None,
        "resolutions": _resolutions(item.open_resolutions if item.exempt else item.resolutions) if item else [],
        "reasons_html": record.reasons_html or None, "alternatives_html": record.alternatives_html or None,
        "interests_html": record.interests_html or None,
        "dispensations_html": record.dispensations_html or None,
        "documents": [{"title": d.title, "url": d.url, "not_published": d.not_published,
                       "exempt": d.exempt.statement if d.exempt else None} for d in record.documents],
    }
    return data


def records_json(site: Site, settings: dict) -> bytes:
    return to_json({"decision_records": [record_json(r, settings) for r in site.decision_records]})


CSV_COLUMNS = ["id", "uuid", "kind", "title", "url", "decision_maker_id", "decision_maker", "decided",
               "published", "key_decision", "decision_reference", "call_in", "call_in_deadline",
               "call_in_status", "called_in", "called_in_by", "implemented", "forward_plan_id", "exempt",
               "wards", "subjects"]


def records_csv(site: Site, settings: dict) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in site.decision_records:
        data = record_json(record, settings)
        maker = data["decision_maker"] or {}
        writer.writerow({
            **{key: data[key] for key in ("id", "uuid", "kind", "title", "url", "decided", "published",
                                          "decision_reference", "call_in", "call_in_deadline", "call_in_status",
                                          "implemented")},
            "decision_maker_id": maker.get("committee_id") or maker.get("person_id") or "",
            "decision_maker": maker.get("name", ""), "key_decision": "yes" if record.key_decision else "no",
            "called_in": data["called_in"]["date"] if data["called_in"] else "",
            "called_in_by": "; ".join(data["called_in"]["by"]) if data["called_in"] else "",
            "forward_plan_id": record.forward_plan or "",
            "exempt": record.exempt.label if record.exempt else "",
            "wards": "; ".join(record.wards), "subjects": "; ".join(data["subjects"])})
    return out.getvalue().encode("utf-8")


def _updated(record: DecisionRecord, settings: dict) -> dt.datetime:
    """The last thing that happened to the notice: published, called in or implemented."""
    day = max(d for d in (record.published, record.called_in.date if record.called_in else None,
                          record.implemented) if d is not None)
    return records.utc(dt.datetime.combine(day, dt.time.min, records.timezone(settings)))


def _entry_html(record: DecisionRecord) -> str:
    parts = [f"<p>{escape(KIND_LABELS[record.kind])} by {escape(record.decision_maker)}, "
             f"{escape(long_date(record.date))}. {escape(call_in_text(record))}.</p>"]
    if record.implemented:
        parts.append(f"<p>Implemented on {escape(long_date(record.implemented))}.</p>")
    if record.exempt is not None:
        parts.append(f"<p>{escape(record.exempt.label)}.</p>")
    # the record's HTML fields were sanitised when rendered (minutebook.content.sanitise)
    parts += [html for html in (record.open_summary_html, record.body_html, record.reasons_html) if html]
    return "".join(parts)


def notices_feed(site: Site, settings: dict) -> bytes:
    """The decision notices (executive decisions), newest first."""
    notices = [r for r in site.decision_records if r.kind != "officer"]
    notices.sort(key=lambda r: (_updated(r, settings), r.id), reverse=True)
    path = urls.DECISION_NOTICES_FEED
    feed = _Feed(title=feed_title(settings, "Decision notices"),
                 link=records.public_url(urls.DECISION_NOTICES, settings), description="", language="en-GB",
                 feed_url=records.public_url(path, settings),
                 feed_guid=f"urn:uuid:{records.stable_uuid(path, settings)}",
                 author_name=settings.get("MINUTEBOOK_COUNCIL") or settings.get("SITENAME", ""))
    for record in notices[:int(settings.get("MINUTEBOOK_FEED_LIMIT", DEFAULT_LIMIT))]:
        feed.add_item(title=f"Decision notice: {record.title}",
                      link=records.public_url(urls.path_for(record), settings), description=None,
                      content=_entry_html(record), unique_id=f"urn:uuid:{record_uuid(record, settings)}",
                      updateddate=_updated(record, settings), categories=[record.decision_maker])
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue().encode("utf-8")


def decision_record_outputs(site: Site, settings: dict) -> Iterator[tuple[str, bytes]]:
    """A site producer for ``outputs``: the feed of decision notices and the data."""
    yield urls.DECISION_NOTICES_FEED, notices_feed(site, settings)
    yield urls.DECISION_RECORDS_JSON, records_json(site, settings)
    yield urls.DECISION_RECORDS_CSV, records_csv(site, settings)
