"""The forward plan as files: an Atom feed, an iCalendar file and open data (JSON, CSV).

Every entry keeps its id (the file's stem) in every file and every build: the
feed's and the calendar's ids are made from it (``records.stable_uuid``), and
the JSON and CSV give it as ``id``. Dates come from the content: an entry's
feed date is the day it was first published. The calendar has one all-day
event for each entry on the day it is expected; an entry expected only in a
month is left out of the calendar (an event needs a day, and a month-long
event would tell subscribers the decision took a month), but is in the feed,
the JSON and the CSV, with its month ("2027-02") as its expected date.

An exempt entry's text, consultees and documents are not in the model
(``model.forwardplan``), so they cannot be in any of these files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from html import escape

import icalendar
from feedgenerator import Atom1Feed

from minutebook.content import urls
from minutebook.content.dates import short_date
from minutebook.model.objects import Committee, Document, ForwardPlanEntry, Site
from minutebook.site import records
from minutebook.site.calendars import new_calendar
from minutebook.site.opendata import exemption_json, to_json

FEED_LIMIT = 50  # entries, newest first published first (MINUTEBOOK_FEED_LIMIT, as the other feeds)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def forward_plan_files(site: Site, settings: dict) -> Iterator[tuple[str, bytes]]:
    """The producer registered in ``outputs``; nothing for a council with no forward plan
    (a council with a committee system has none), which has no forward plan pages either."""
    entries = list(site.forward_plan.values())
    if not entries:
        return
    yield urls.FORWARD_PLAN_FEED, forward_plan_feed(entries, settings)
    yield urls.FORWARD_PLAN_CALENDAR, forward_plan_calendar(entries, settings)
    yield urls.FORWARD_PLAN_JSON, forward_plan_json(entries, settings)
    yield urls.FORWARD_PLAN_CSV, forward_plan_csv(entries, settings)


def _council(settings: dict) -> str:
    return settings.get("MINUTEBOOK_COUNCIL") or settings.get("SITENAME", "Minute Book")


def entry_uuid(entry: ForwardPlanEntry, settings: dict) -> str:
    return f"urn:uuid:{records.stable_uuid(urls.path_for(entry), settings)}"


def _published(entry: ForwardPlanEntry, settings: dict) -> dt.datetime:
    """The start of the day the entry was first published, in the council's time zone."""
    return dt.datetime.combine(entry.first_published, dt.time.min, records.timezone(settings))


def expected_text(entry: ForwardPlanEntry) -> str:
    """"13 October 2026", or "February 2027" when only the month is known."""
    return short_date(entry.expected)


def decision_maker_json(entry: ForwardPlanEntry, settings: dict) -> dict:
    maker = entry.decision_maker
    return {"id": maker.id, "kind": "committee" if isinstance(maker, Committee) else "person",
            "name": entry.decision_maker_name, "url": records.public_url(urls.path_for(maker), settings)}


# ---- the Atom feed ---------------------------------------------------------------


class _Feed(Atom1Feed):
    """An Atom feed whose date, when it has no entries, is fixed rather than now."""

    def latest_post_date(self) -> dt.datetime:
        return max((item["updateddate"] for item in self.items if item["updateddate"]), default=EPOCH)


def entry_html(entry: ForwardPlanEntry) -> str:
    """The feed's content for an entry: its facts, and its matter or (exempt) its published summary."""
    facts = [f"Decision maker: {entry.decision_maker_name}.", f"Expected: {expected_text(entry)}.",
             f"{'Key decision' if entry.key_decision else 'Not a key decision'}: {entry.notice}.",
             f"Status: {entry.state_label}."]
    if entry.exempt:
        facts.append(f"{entry.private_label}. {entry.exempt.statement}")
    html = "".join(f"<p>{escape(fact)}</p>" for fact in facts)
    # both sanitised by content.sanitise.clean when rendered (model.forwardplan)
    return html + (entry.open_summary_html if entry.exempt else entry.body_html)


def forward_plan_feed(entries: list[ForwardPlanEntry], settings: dict) -> bytes:
    title = f"Forward plan of key decisions – {_council(settings)}"
    feed = _Feed(title=title, link=records.public_url(urls.FORWARD_PLAN, settings), description="",
                 language="en-GB", feed_url=records.public_url(urls.FORWARD_PLAN_FEED, settings),
                 feed_guid=f"urn:uuid:{records.stable_uuid(urls.FORWARD_PLAN_FEED, settings)}",
                 author_name=_council(settings))
    limit = int(settings.get("MINUTEBOOK_FEED_LIMIT", FEED_LIMIT))
    newest = sorted(entries, key=lambda e: (e.first_published, e.id), reverse=True)[:limit]
    for entry in newest:
        feed.add_item(title=f"{entry.title} (expected {expected_text(entry)})",
                      link=records.public_url(urls.path_for(entry), settings), description=None,
                      content=entry_html(entry), unique_id=entry_uuid(entry, settings),
                      updateddate=records.utc(_published(entry, settings)),
                      categories=["Key decision"] if entry.key_decision else [])
    out = io.StringIO()
    feed.write(out, "utf-8")
    return out.getvalue().encode("utf-8")


# ---- the calendar ----------------------------------------------------------------


def in_calendar(entry: ForwardPlanEntry) -> bool:
    """An entry expected only in a month has no day for an event (see the module's note)."""
    return not entry.month_only


def forward_plan_calendar(entries: list[ForwardPlanEntry], settings: dict) -> bytes:
    calendar = new_calendar(f"Forward plan of key decisions – {_council(settings)}", settings)
    for entry in sorted((e for e in entries if in_calendar(e)), key=lambda e: (e.expected, e.id)):
        event = icalendar.Event()
        event.add("uid", entry_uuid(entry, settings).removeprefix("urn:uuid:"))
        event.add("dtstamp", records.utc(_published(entry, settings)))
        event.add("dtstart", entry.expected)  # all day: the regulations give the day, not the time
        event.add("dtend", entry.expected + dt.timedelta(days=1))
        event.add("summary", f"{'Key decision' if entry.key_decision else 'Decision'}: {entry.title}")
        event.add("status", "CANCELLED" if entry.state == "withdrawn" else
                  "CONFIRMED" if entry.state == "taken" else "TENTATIVE")
        event.add("transp", "TRANSPARENT")
        url = records.public_url(urls.path_for(entry), settings)
        event.add("url", url)
        lines = [f"Decision maker: {entry.decision_maker_name}", entry.notice, f"Status: {entry.state_label}"]
        if entry.exempt:
            lines.append(f"{entry.private_label}.")
        event.add("description", "\n".join([*lines, url]))
        calendar.add_component(event)
    return calendar.to_ical()


# ---- open data -------------------------------------------------------------------


def entry_json(entry: ForwardPlanEntry, settings: dict) -> dict:
    """An entry as data; an exempt one without its text, consultees and documents."""
    data = {
        "id": entry.id, "url": records.public_url(urls.path_for(entry), settings), "title": entry.title,
        "reference": entry.reference, "decision_maker": decision_maker_json(entry, settings),
        "expected": entry.expected.isoformat(), "expected_month_only": entry.month_only,
        "first_published": entry.first_published.isoformat(), "key_decision": entry.key_decision,
        "clear_days": entry.clear_days, "urgency": entry.urgency, "notice": entry.notice,
        "status": entry.state, "wards": "all wards" if entry.all_wards else list(entry.wards),
        "lead_member": {"id": entry.lead_member.id, "name": entry.lead_member.name} if entry.lead_member else None,
        "contacts": [{"people": [p.id for p in c.people], "name": c.names or None, "phone": c.phone,
                      "email": c.email} for c in entry.contacts],
        "decisions": [records.public_url(urls.path_for(d), settings) for d in entry.decisions],
    }
    if entry.exempt:
        data.update(exempt={**exemption_json(entry.exempt), "private": entry.private_label},
                    open_summary_html=entry.open_summary_html)
        return data
    data.update(exempt=None, consultees=entry.consultees, body_html=entry.body_html,
                documents=[_document(d) for d in entry.documents])
    return data


def _document(document: Document) -> dict:
    found = {"title": document.title, "url": document.url, "not_published": document.not_published}
    if document.exempt:
        found["exempt"] = exemption_json(document.exempt)
    return found


def forward_plan_json(entries: list[ForwardPlanEntry], settings: dict) -> bytes:
    return to_json({"forward_plan": [entry_json(e, settings) for e in entries]})


CSV_COLUMNS = ["id", "title", "reference", "decision_maker_id", "decision_maker", "expected", "first_published",
               "key_decision", "clear_days", "notice", "urgency", "status", "wards", "lead_member", "exempt",
               "consultees", "url"]


def forward_plan_csv(entries: list[ForwardPlanEntry], settings: dict) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for entry in entries:
        writer.writerow({
            "id": entry.id, "title": entry.title, "reference": entry.reference or "",
            "decision_maker_id": entry.decision_maker.id, "decision_maker": entry.decision_maker_name,
            "expected": entry.expected.isoformat(), "first_published": entry.first_published.isoformat(),
            "key_decision": "yes" if entry.key_decision else "no", "clear_days": entry.clear_days,
            "notice": entry.notice, "urgency": entry.urgency or "", "status": entry.state,
            "wards": "all wards" if entry.all_wards else "; ".join(entry.wards),
            "lead_member": entry.lead_member.name if entry.lead_member else "",
            "exempt": f"{entry.private_label}. {entry.exempt.statement}" if entry.exempt else "",
            "consultees": "" if entry.exempt else (entry.consultees or ""),
            "url": records.public_url(urls.path_for(entry), settings)})
    return out.getvalue().encode("utf-8")


def machine_readable(site: Site) -> Iterator[tuple[str, str]]:
    """The files ``forward_plan_files`` writes, each with what it is (for ``redirects``)."""
    if not site.forward_plan:
        return
    yield urls.FORWARD_PLAN_FEED, "the Atom feed of the forward plan"
    yield urls.FORWARD_PLAN_CALENDAR, "the calendar of the forward plan"
    yield urls.FORWARD_PLAN_JSON, "the open data forward plan (JSON)"
    yield urls.FORWARD_PLAN_CSV, "the open data forward plan (CSV)"
