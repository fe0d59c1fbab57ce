"""Data for programs: a JSON document per meeting, a JSON index of meetings,
the decisions register as CSV, and schema.org JSON-LD for meeting pages.

Meetings take the shape of an Open Civic Data Event (agenda items with order,
notes, related entities and media; documents; participants) so that tools
written for Councilmatic and Open Civic Data read them; what OCD has no field
for goes in ``extras``. The shape is pinned by ``meeting.schema.json``, which
is published beside the data. Exempt items are their number, title and
Schedule 12A reason only, as everywhere else.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from importlib import resources
from urllib.parse import urljoin

import orjson

from minutebook.content import urls
from minutebook.content.dates import ended_before, short_date
from minutebook.content.settingscheck import REMOTE_COUNTS_AS_PRESENT
from minutebook.model.objects import (
    AgendaItem,
    Amendment,
    Attendee,
    Declaration,
    Document,
    Exemption,
    Meeting,
    Motion,
    Numbered,
    Person,
    ProceduralEvent,
    Site,
    Vote,
)
from minutebook.site import records
from minutebook.site.attendance import attendance_years
from minutebook.site.declarations_register import declarations_years, room_text


def to_json(data: object) -> bytes:
    """Indented by two spaces, UTF-8, as ``json.dumps(data, ensure_ascii=False,
    indent=2)`` writes it; orjson, because at 1,000 meetings the standard
    library's indenting encoder (pure Python) took 1.5 s of every full build."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"


# ---- pieces shared by the JSON and the CSV -----------------------------------


def numbered_text(entries: list[Numbered]) -> str:
    """'(1) That ... (2) That ... (a) ...' on one line, as minutes print them
    (a sub-heading as 'Capital programme:', a single resolution unnumbered)."""
    return " ".join(_numbered_line(e) + (" " + numbered_text(e.items) if e.items else "")
                    for e in entries)


def _numbered_line(entry: Numbered) -> str:
    if entry.heading:
        return f"{entry.text}:"
    return f"{entry.number} {entry.text}" if entry.number else entry.text


def vote_text(vote: Vote) -> str:
    on = f" on {vote.on}" if vote.on else ""
    if vote.counts_not_recorded:
        return f"Vote{on}: {vote.result} (numbers not recorded)"
    names = "; names not recorded" if vote.names_not_recorded else ""
    return (f"Vote{on}: {vote.result} ({vote.for_count} for, {vote.against_count} against, "
            f"{vote.abstain_count} abstained{names})")


def declaration_text(declaration: Declaration) -> str:
    """'Councillor X (Pecuniary interest, item 3): He ... They left the room for this item.'"""
    where = f", item {declaration.item.number}" if declaration.item else ""
    did = f" {declaration.what_they_did}" if declaration.what_they_did else ""
    return f"{declaration.person.name} ({declaration.kind_label}{where}): {declaration.interest}{did}"


def declaration_json(declaration: Declaration) -> dict:
    room = declaration.room
    return {"person": declaration.person.id, "name": declaration.person.name,
            "interest": declaration.interest, "kind": declaration.kind, "kind_label": declaration.kind_label,
            "left_room": {"left": True, "stayed": False}.get(room, room),  # true, false, "conditional", null
            "action": declaration.action,
            "item": declaration.item.number if declaration.item else None}


def _absolute_links(html: str, page_url: str) -> str:
    """Item text links relative to its page; data readers need them whole."""
    return re.sub(r'href="([^"]*)"', lambda m: f'href="{urljoin(page_url, m.group(1))}"', html)


def _numbered_json(entries: list[Numbered]) -> list[dict]:
    return [{"number": e.number, "text": e.text, "items": _numbered_json(e.items),
             **({"heading": True} if e.heading else {})} for e in entries]


def _person(person: Person, note: str, settings: dict) -> dict:
    return {"entity_type": "person", "name": person.name, "entity_id": person.id, "note": note,
            "url": records.public_url(urls.path_for(person), settings)}


def exemption_json(exemption: Exemption) -> dict:
    """Why an item or document is exempt. ``paragraph`` (the first one cited,
    null when none is stated) is kept for readers of the data before
    ``paragraphs`` (all of them, in the order the minutes cite them)."""
    return {"paragraph": exemption.paragraph, "paragraphs": list(exemption.paragraphs),
            "label": exemption.label, "reason": exemption.reason}


def _document_json(document: Document, note: str, settings: dict) -> dict:
    if document.exempt:
        return {"note": f"{note}{document.title}", "date": "", "links": [],
                "exempt": exemption_json(document.exempt)}
    if document.not_published:
        return {"note": f"{note}{document.title}", "date": "", "links": [], "not_published": True}
    url = records.public_url(urls.path_for(document), settings) if document.file else document.url
    media_type = "application/pdf" if (document.file or "").lower().endswith(".pdf") else "text/html"
    return {"note": f"{note}{document.title}", "date": "",
            "links": [{"media_type": media_type, "url": url}]}


# ---- a meeting as an Open Civic Data Event ------------------------------------


def exempt_item_json(item: AgendaItem, settings: dict | None = None) -> dict:
    """An exempt item: its number, title and exemption, and its open parts if any."""
    assert item.exempt is not None
    notes = [f"Not for publication. {item.exempt.statement}"]
    extras: dict = {"minute": item.minute, "exempt": exemption_json(item.exempt)}
    if item.open_summary_html or item.open_resolutions:
        page = records.public_url(urls.path_for(item), settings or {})
        notes.insert(0, f"Outcome: {item.outcome}")
        if item.open_resolutions:
            notes.append(f"Resolved – {numbered_text(item.open_resolutions)}")
        extras.update(url=page, outcome=item.outcome,
                      open_summary_html=_absolute_links(item.open_summary_html, page),
                      open_resolutions=_numbered_json(item.open_resolutions))
    return {
        "order": item.number, "description": item.title, "classification": [], "subjects": [],
        "notes": notes, "related_entities": [], "media": [], "extras": extras,
    }


def _related(item: AgendaItem, settings: dict) -> list[dict]:
    related = [_person(p, "submitted the report", settings) for p in [item.submitted_by_person] if p]
    related += [_person(p, "presented", settings) if isinstance(p, Person)
                else {"entity_type": "person", "name": p, "note": "presented"} for p in item.presenters]
    related += [_person(p, "contact officer", settings) for c in item.contacts for p in c.people]
    related += [_person(d.person, f"declared an interest ({d.kind_label})", settings) for d in item.declarations]
    related += [{"entity_type": "vote_event", "name": vote_text(v), "note": v.result} for v in item.all_votes]
    related += _item_attendance(item, settings)
    return related


def _item_attendance(item: AgendaItem, settings: dict) -> list[dict]:
    """People there for this item only, as related entities."""
    related = []
    for group in item.attendance:
        for attendee in group.attendees:
            note = group.label.lower()
            if attendee.person:
                related.append(_person(attendee.person, note, settings))
            else:
                related.append({"entity_type": "person", "name": attendee.name, "note": note})
    return related


def _attendee_extras(attendee: Attendee) -> dict:
    """What Open Civic Data has no field for: comings and goings, the name as
    printed, the capacity. Empty when there is nothing to say."""
    extras: dict = {}
    if attendee.arrived:
        extras["arrived"] = attendee.arrived.isoformat(timespec="minutes")
    if attendee.left:
        extras["left"] = attendee.left.isoformat(timespec="minutes")
    if attendee.left_before:
        extras["left_before"] = attendee.left_before.number
    if attendee.as_printed:
        extras["as_printed"] = attendee.as_printed
    if attendee.capacity:
        extras["capacity"] = attendee.capacity
    return extras


def event_json(event: ProceduralEvent) -> dict:
    return {"time": event.time.isoformat(timespec="minutes") if event.time else None, "event": event.event,
            "label": event.label, "person": event.person.id if event.person else None,
            "item": event.item.number if event.item else None, "note": event.note}


def _vote_json(vote: Vote) -> dict:
    counts = (None, None, None) if vote.counts_not_recorded else (
        vote.for_count, vote.against_count, vote.abstain_count)
    return {"on": vote.on, "result": vote.result, "for": counts[0],
            "against": counts[1], "abstain": counts[2],
            "for_people": [p.id for p in vote.for_people],
            "against_people": [p.id for p in vote.against_people],
            "abstain_people": [p.id for p in vote.abstain_people],
            "id": vote.id, "stated": vote.stated, "names_not_recorded": vote.names_not_recorded,
            "counts_not_recorded": vote.counts_not_recorded}


# ---- motions, amendments and their votes as Open Civic Data VoteEvents ----------


def _mover_json(who: Attendee | None) -> dict | None:
    if who is None:
        return None
    return {"name": who.name, "person": who.person.id if who.person else None}


def vote_identifier(item: AgendaItem, vote: Vote) -> str:
    """The vote's id, or its place among the item's votes (``vote-1``), after the item's."""
    place = vote.id or f"vote-{next(i for i, v in enumerate(item.all_votes, 1) if v is vote)}"
    return f"{item.meeting.key}/{item.number}/{place}"


def vote_event(item: AgendaItem, vote: Vote) -> dict:
    """One vote as an OCD VoteEvent: what was moved (its text, mover and
    seconder), the counts and how each named member voted. Counts the
    minutes do not give are left out, never written as 0."""
    motion = vote.motion
    counts = [] if vote.counts_not_recorded else [
        {"option": "yes", "value": vote.for_count}, {"option": "no", "value": vote.against_count},
        {"option": "abstain", "value": vote.abstain_count}]
    votes = [{"option": option, "voter_name": p.name, "voter_id": p.id}
             for option, people in (("yes", vote.for_people), ("no", vote.against_people),
                                    ("abstain", vote.abstain_people)) for p in people]
    extras: dict = {"on": vote.on, "minutebook_result": vote.result, "stated": vote.stated,
                    "names_not_recorded": vote.names_not_recorded,
                    "counts_not_recorded": vote.counts_not_recorded,
                    "mover": _mover_json(motion.mover) if motion else None,
                    "seconder": _mover_json(motion.seconder) if motion else None}
    if isinstance(motion, Amendment):
        extras["amendment"] = motion.number
        extras["amendment_of"] = motion.motion.id
        extras["parts"] = [{"label": p.label, "text": p.text} for p in motion.parts]
    return {
        "_type": "vote_event", "identifier": vote_identifier(item, vote),
        "motion_text": motion.text if motion else (vote.on or item.title),
        "motion_classification": (["amendment"] if isinstance(motion, Amendment)
                                  else ["motion"] if isinstance(motion, Motion) else []),
        "start_date": item.meeting.date.isoformat(),
        "result": "pass" if vote.result == "carried" else "fail",
        "organization": item.meeting.committee.name,
        "counts": counts, "votes": votes, "extras": extras,
    }


def _moved_json(item: AgendaItem, moved: Motion | Amendment) -> dict:
    return {"id": moved.id, "mover": _mover_json(moved.mover), "seconder": _mover_json(moved.seconder),
            "text": moved.text, "outcome": moved.result,
            "vote": vote_identifier(item, moved.vote) if moved.vote else None}


def motions_json(item: AgendaItem) -> list[dict]:
    return [{**_moved_json(item, m), "title": m.title,
             "amendments": [{**_moved_json(item, a), "number": a.number,
                             "parts": [{"label": p.label, "text": p.text} for p in a.parts]}
                            for a in m.amendments]} for m in item.motions]


def presenter_json(presenter: Person | str) -> dict:
    """One of those who presented an item: their name, and their id if they are in people.yaml."""
    if isinstance(presenter, Person):
        return {"name": presenter.name, "person_id": presenter.id}
    return {"name": presenter, "person_id": None}


def item_json(item: AgendaItem, settings: dict) -> dict:
    if item.exempt:
        return exempt_item_json(item, settings)
    page = records.public_url(urls.path_for(item), settings)
    notes = [f"Outcome: {item.outcome}"]
    if item.resolutions:
        notes.append(f"Resolved – {numbered_text(item.resolutions)}")
    notes += [vote_text(v) for v in item.all_votes]
    notes += [f"ACTION: {a}" for a in item.actions]
    return {
        "order": item.number, "description": item.title, "classification": [],
        "subjects": [s.name for s in item.subjects] + [a.name for a in item.scrutiny_areas],
        "notes": notes, "related_entities": _related(item, settings), "media": [],
        "extras": {
            "url": page, "minute": item.minute, "decision_reference": item.decision_reference,
            "report": item.report,
            "submitted_by": item.submitted_by, "key_decision": item.key_decision,
            # beside the text, the person's id where the clerk gave one (content/bylines.py)
            "submitted_by_id": item.submitted_by_person.id if item.submitted_by_person else None,
            "presented_by": [presenter_json(p) for p in item.presenters],
            "outcome": item.outcome,
            "subjects": [s.id for s in item.subjects],
            "scrutiny_areas": [a.id for a in item.scrutiny_areas],
            "recommendations": _numbered_json(item.recommendations),
            "resolutions": _numbered_json(item.resolutions),
            "votes": [_vote_json(v) for v in item.votes],
            "motions": motions_json(item),
            "vote_events": [vote_event(item, v) for v in item.all_votes],
            "actions": item.actions,
            "declarations": [declaration_json(d) for d in item.declarations],
            "agenda_html": _absolute_links(item.agenda_html, page),
            "minutes_html": _absolute_links(item.minutes_html, page),
        },
    }


def ocd_status(meeting: Meeting, site: Site) -> str:
    if meeting.status == "cancelled":
        return "cancelled"
    if meeting.has_minutes or ended_before(meeting.date, site.today):
        return "passed"
    return "confirmed"


def _participants(meeting: Meeting, remote_counts: bool = False) -> list[dict]:
    people = [{"entity_type": "organization", "name": meeting.committee.name,
               "entity_id": meeting.committee.id, "note": "host"}]
    for group in meeting.attendance:
        for attendee in group.attendees:
            entry = {"entity_type": "person", "name": attendee.name, "note": group.label}
            if attendee.person:
                entry["entity_id"] = attendee.person.id
            if attendee.role:
                entry["role"] = attendee.role
            extras = _attendee_extras(attendee)
            if group.key == "attending_virtually":
                extras["remote"] = True
                extras["counted_as_present"] = remote_counts
            if extras:
                entry["extras"] = extras
            people.append(entry)
    return people


def meeting_json(meeting: Meeting, site: Site, settings: dict) -> dict:
    end = records.ends(meeting, settings)
    documents = [_document_json(d, "", settings) for d in meeting.documents]
    documents += [_document_json(d, f"Item {i.number}: ", settings)
                  for i in meeting.items if not i.exempt for d in i.documents]
    media = []
    if meeting.webcast:
        media.append({"note": "Webcast", "date": meeting.date.isoformat(),  # "2019-03" for a month
                      "links": [{"media_type": "text/html", "url": meeting.webcast}]})
    page = records.public_url(urls.path_for(meeting), settings)
    return {
        "id": f"ocd-event/{records.meeting_uuid(meeting, settings)}",
        "_type": "event",
        "name": f"{meeting.title}, {short_date(meeting.date)}",
        "description": meeting.status_label,
        "classification": "committee-meeting",
        "start_date": records.start_text(meeting, settings),
        "end_date": end.isoformat() if end and meeting.start else "",
        "all_day": meeting.start is None,  # the time is not recorded: the day (or month) only
        "status": ocd_status(meeting, site),
        "location": {"name": meeting.venue, "note": "", "coordinates": None},  # None: not recorded
        "media": media,
        "links": [{"note": "Meeting page", "url": page}],
        "participants": _participants(meeting, settings.get(REMOTE_COUNTS_AS_PRESENT) is True),
        "documents": documents,
        "agenda": [item_json(i, settings) for i in meeting.items],
        "sources": [{"note": "Published minutes", "url": page}],
        "extras": {
            "committee": meeting.committee.id, "municipal_year": meeting.municipal_year,
            "minutebook_status": meeting.status,
            "approved_at": (records.public_url(urls.path_for(meeting.approved_at), settings)
                            if meeting.approved_at else None),
            "approved_minute": meeting.approved_minute,
            "declarations": [declaration_json(d) for d in meeting.declarations],
            **({"proceedings": [event_json(e) for e in meeting.events]} if meeting.events else {}),
            **not_recorded_extras(meeting),
        },
    }


def not_recorded_extras(meeting: Meeting) -> dict:
    """What old minutes do not give, as null rather than invented: the start
    time, the venue, the day (``date_precision``), where they were approved."""
    return {
        "start_time": meeting.start.isoformat(timespec="minutes") if meeting.start else None,
        "venue": meeting.venue,
        "date_precision": "month" if meeting.month_only else "day",
        "approved_elsewhere": meeting.approved_elsewhere,
        "approval_recorded": (None if meeting.status != "approved-minutes"
                              else not meeting.approval_not_recorded),
    }


def meetings_index(site: Site, settings: dict) -> dict:
    return {"meetings": [{
        "id": f"ocd-event/{records.meeting_uuid(m, settings)}",
        "name": f"{m.title}, {short_date(m.date)}",
        "committee": m.committee.id, "committee_name": m.committee.name,
        "start_date": records.start_text(m, settings),
        "status": m.status, "items": len(m.items),
        "url": records.public_url(urls.path_for(m), settings),
        "data": records.public_url(urls.data_of(m), settings),
    } for m in site.meetings]}


def meeting_schema() -> bytes:
    return resources.files(__package__).joinpath("meeting.schema.json").read_bytes()


# ---- decisions register as CSV ------------------------------------------------

CSV_COLUMNS = ["date", "committee", "agenda_number", "minute", "title", "decision", "votes",
               "outcome", "key_decision", "scrutiny_areas", "subjects", "exempt", "item_url",
               "meeting_url", "decision_reference", "declarations",
               # who submitted and presented it: as text, and the people's ids where given
               "submitted_by", "submitted_by_id", "presented_by", "presented_by_ids"]


def decision_row(item: AgendaItem, settings: dict) -> dict[str, str]:
    meeting = item.meeting
    row = dict.fromkeys(CSV_COLUMNS, "")
    row.update(date=meeting.date.isoformat(), committee=meeting.committee.name,
               agenda_number=item.number, minute=str(item.minute or ""), title=item.title,
               item_url=records.public_url(urls.path_for(item), settings),
               meeting_url=records.public_url(urls.path_for(meeting), settings))
    if item.exempt:
        row["exempt"] = item.exempt.statement
        if item.open_resolutions:  # all that is published of its decision
            row.update(decision=numbered_text(item.open_resolutions), outcome=item.outcome)
        return row
    row.update(decision_reference=item.decision_reference or "",
               decision=numbered_text(item.resolutions), votes="; ".join(vote_text(v) for v in item.all_votes),
               outcome=item.outcome, key_decision="yes" if item.key_decision else "no",
               scrutiny_areas="; ".join(a.name for a in item.scrutiny_areas),
               subjects="; ".join(s.name for s in item.subjects))
    row["declarations"] = "; ".join(declaration_text(d) for d in item.declarations)
    row.update(byline_columns(item))
    return row


def byline_columns(item: AgendaItem) -> dict[str, str]:
    """The decisions register's columns of who submitted and presented an (open) item."""
    return {"submitted_by": item.submitted_by or "",
            "submitted_by_id": item.submitted_by_person.id if item.submitted_by_person else "",
            "presented_by": "; ".join(p if isinstance(p, str) else p.name for p in item.presenters),
            "presented_by_ids": "; ".join(p.id for p in item.presented_by)}


def decisions_csv(site: Site, settings: dict) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for decision in site.decisions:
        writer.writerow(decision_row(decision.item, settings))
    return out.getvalue().encode("utf-8")


# ---- attendance statistics as CSV ---------------------------------------------

ATTENDANCE_COLUMNS = ["municipal_year", "person_id", "person", "committee_id", "committee", "expected",
                      "present", "apologies", "absent", "remote_not_counted", "present_percent"]


def attendance_csv(site: Site) -> bytes:
    """Each member's figures for each municipal year, per committee and, with
    an empty committee, in all (``site.attendance``)."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, ATTENDANCE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for year in attendance_years(site):
        for member in year.members:
            for committee, tally in [*member.committees, (None, member.total)]:
                writer.writerow({"municipal_year": year.name, "person_id": member.person.id,
                                 "person": member.person.name,
                                 "committee_id": committee.id if committee else "",
                                 "committee": committee.name if committee else "",
                                 "expected": tally.expected, "present": tally.present,
                                 "apologies": tally.apologies, "absent": tally.absent,
                                 "remote_not_counted": tally.remote, "present_percent": tally.percent})
    return out.getvalue().encode("utf-8")


# ---- the register of declarations of interest as CSV ---------------------------

DECLARATIONS_COLUMNS = ["municipal_year", "date", "committee_id", "committee", "meeting_url", "agenda_number",
                        "item", "item_url", "person_id", "person", "kind", "kind_label", "interest",
                        "left_room", "action", "what_they_did"]


def declarations_csv(site: Site, settings: dict) -> bytes:
    """Every declaration of the register (``site.declarations_register``):
    newest municipal year and meeting first. Never one from an exempt item's
    own file, which the model does not hold."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, DECLARATIONS_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for year in declarations_years(site):
        for d in year.declarations:
            meeting, item = d.meeting, d.item
            assert meeting is not None  # every declaration is made at a meeting
            writer.writerow({
                "municipal_year": year.name, "date": meeting.date.isoformat(),
                "committee_id": meeting.committee.id, "committee": meeting.committee.name,
                "meeting_url": records.public_url(urls.path_for(meeting), settings),
                "agenda_number": item.number if item else "", "item": item.title if item else "",
                "item_url": records.public_url(urls.path_for(item), settings) if item else "",
                "person_id": d.person.id, "person": d.person.name, "kind": d.kind, "kind_label": d.kind_label,
                "interest": d.interest, "left_room": d.room or "", "action": d.action or "",
                "what_they_did": room_text(d)})
    return out.getvalue().encode("utf-8")


# ---- schema.org JSON-LD for meeting pages -------------------------------------


def meeting_jsonld(meeting: Meeting, settings: dict) -> str:
    """The body of a <script type="application/ld+json"> describing the meeting."""
    council = settings.get("MINUTEBOOK_COUNCIL") or settings.get("SITENAME", "")
    end = records.ends(meeting, settings)
    status = "EventCancelled" if meeting.status == "cancelled" else "EventScheduled"
    data = {
        "@context": "https://schema.org", "@type": "Event",
        "name": f"{meeting.title}, {short_date(meeting.date)}",
        "startDate": records.start_text(meeting, settings),
        **({"endDate": end.isoformat()} if end and meeting.start else {}),
        "eventStatus": f"https://schema.org/{status}",
        "eventAttendanceMode": f"https://schema.org/{attendance_mode(meeting)}",
        **({"location": {"@type": "Place", "name": meeting.venue, "address": meeting.venue}}
           if meeting.venue else {}),  # not recorded: no place invented
        "organizer": {"@type": "GovernmentOrganization", "name": council},
        "url": records.public_url(urls.path_for(meeting), settings),
        "description": f"{meeting.committee.name}: {meeting.status_label}",
    }
    return script_json(json.dumps(data, ensure_ascii=False, indent=1))


def attendance_mode(meeting: Meeting) -> str:
    """Mixed when anyone attended remotely, as the minutes record it."""
    remote = any(g.key == "attending_virtually" and g.attendees for g in meeting.attendance)
    return "MixedEventAttendanceMode" if remote else "OfflineEventAttendanceMode"


def script_json(text: str) -> str:
    """JSON to put inside a <script> element: "</script>" or "<!--" in a
    value would end or change the element early, so <, > and & are written
    as JSON escapes (which read back as the same characters)."""
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


# ---- the producer -------------------------------------------------------------


def meeting_data(meeting: Meeting, site: Site, settings: dict) -> Iterator[tuple[str, bytes]]:
    """A meeting producer for ``outputs``: the meeting's own JSON, texts and all."""
    yield urls.data_of(meeting), to_json(meeting_json(meeting, site, settings))


def data_files(site: Site, settings: dict) -> Iterator[tuple[str, bytes]]:
    """A site producer for ``outputs``: the files about every meeting, none of their texts."""
    yield urls.MEETINGS_JSON, to_json(meetings_index(site, settings))
    yield urls.MEETING_SCHEMA, meeting_schema()
    yield urls.DECISIONS_CSV, decisions_csv(site, settings)
    yield urls.ATTENDANCE_CSV, attendance_csv(site)
    yield urls.DECLARATIONS_CSV, declarations_csv(site, settings)
