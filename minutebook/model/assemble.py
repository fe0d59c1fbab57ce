"""Model: turn validated content into the plain objects templates receive.

This is where exempt content is dropped: an exempt item becomes its number,
title and Schedule 12A reason, and an exempt document its title and reason,
before anything is rendered.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Iterator
from functools import partial

from minutebook.content import schema
from minutebook.content.comings import find_item, in_time_order
from minutebook.content.dates import municipal_year
from minutebook.content.exempt import Exempt
from minutebook.content.markup import render_markdown
from minutebook.content.settingscheck import REMOTE_COUNTS_AS_PRESENT
from minutebook.content.validate import CheckedItem, CheckedMeeting, CheckedTree
from minutebook.model import objects as model
from minutebook.model.bylines import link_bylines, set_bylines
from minutebook.model.crossrefs import MapShares, Markdown, Texts, one_share, render_texts
from minutebook.model.decisionrecords import assemble_decision_records
from minutebook.model.declarations import interest_kinds, item_declarations, meeting_declarations
from minutebook.model.forwardplan import forward_plan, link_decisions
from minutebook.model.history import SUBJECTS, UNAVAILABLE, ContentHistory, page_history, withheld_commits
from minutebook.model.openparts import render_motion_texts, render_open_summaries

ATTENDANCE_LABELS = {
    "present": "Present",
    "substitutes": "Substitutes",
    "attending_virtually": "Attending virtually (not counted as present)",
    "also_present": "Also present",
    "in_attendance": "In attendance",
    "apologies": "Apologies",
    "absent": "Absent",
}
REMOTE_PRESENT_LABEL = "Attending remotely (counted as present)"  # MINUTEBOOK_REMOTE_COUNTS_AS_PRESENT
ITEM_ATTENDANCE_LABELS = {
    "in_attendance": "In attendance for this item",
    "also_present": "Also present for this item",
}
PERSON_ITEM_LABELS = {  # on a person's page
    "in_attendance": "In attendance for item {}",
    "also_present": "Also present for item {}",
}
LETTERS = "abcdefghijklmnopqrstuvwxyz"
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def assemble(checked: CheckedTree, today: dt.date, settings: dict | None = None,
             history: ContentHistory = UNAVAILABLE) -> model.Site:
    """The model of the site, but for the texts that link to items anywhere
    in it, rendered last (``render_site_texts``) from ``Markdown.taken_from(checked)``,
    so that the engine need not hold the checked files meanwhile."""
    settings = settings or {}
    site = model.Site(
        committees={}, people={}, scrutiny_areas={}, subjects={}, meetings=[],
        today=today, settings=settings, digests=checked.digests,
        interest_kinds=interest_kinds(checked.interest_kinds),
    )
    for pid, p in checked.people.items():
        site.people[pid] = model.Person(pid, p.name, p.kind, p.title, p.party, p.ward,
                                        p.organisation, p.email, p.phone)
    for cid, c in checked.committees.items():
        committee = model.Committee(cid, c.name, c.kind, render_markdown(c.description or ""),
                                    _contact(c.contact))
        for m in c.members:
            member = model.Member(site.people[m.person], committee, m.role, m.portfolio)
            committee.members.append(member)
            member.person.memberships.append(member)
        site.committees[cid] = committee
    for aid, a in checked.scrutiny_areas.items():
        site.scrutiny_areas[aid] = model.ScrutinyArea(
            aid, a.name, render_markdown(a.description or ""),
            site.committees.get(a.committee) if a.committee else None)
    for sid, s in checked.subjects.items():
        site.subjects[sid] = model.Subject(sid, s.name, render_markdown(s.description or ""))

    start_month = int(settings.get("MINUTEBOOK_MUNICIPAL_YEAR_START", 5))
    changes = partial(page_history, history, subjects=bool(settings.get(SUBJECTS, False)),
                      withheld=withheld_commits(history, exempt_files(checked)))
    by_key: dict[str, model.Meeting] = {}
    for checked_meeting in checked.meetings:
        meeting = _meeting(site, checked_meeting, start_month, changes)
        by_key[meeting.key] = meeting
        site.meetings.append(meeting)
        meeting.committee.meetings.append(meeting)
    _link_meetings(site, checked, by_key)
    _link_items(site)
    link_bylines(site)
    site.forward_plan = forward_plan(site, checked.forward_plan)
    render_open_summaries(site, checked)  # once every item is in place: references reach any of them
    assemble_decision_records(site, checked)  # after the open summaries: an exempt item's record shows its own
    link_decisions(site)
    return site


def render_site_texts(site: model.Site, markdown: Markdown, ahead: dict[str, list] | None = None,
                      map_shares: MapShares = one_share, texts: Texts | None = None) -> None:
    """Last: the notes, items' texts and motions, their references linked to
    items anywhere in the site. The engine passes ``ahead``, the texts
    rendered ahead of the model, ``map_shares``, which renders the others in
    its workers, and ``texts``, the last build's texts and a record of those
    this one uses (see ``render_texts``)."""
    render_texts(site, markdown, ahead, map_shares, texts)
    render_motion_texts(site)


def exempt_files(checked: CheckedTree) -> Iterator[str]:
    """Content-relative paths of every exempt item file and every file of an
    exempt document (or of a document of an exempt item), as checked today."""
    for checked_meeting in checked.meetings:
        folder = posixpath.dirname(checked_meeting.raw.source.rel)
        listed = [(d, False) for d in checked_meeting.front.documents]
        for item in checked_meeting.items:
            if item.front.exempt:
                yield item.raw.source.rel
            listed += [(d, bool(item.front.exempt)) for d in item.front.documents]
        for doc, in_exempt_item in listed:
            if doc.file and (doc.exempt or in_exempt_item):
                yield posixpath.normpath(posixpath.join(folder, doc.file))
    yield from (found.source.rel for found in checked.decision_records if found.front.exempt)


def _contact(c: schema.ContactDetails | None) -> model.Contact | None:
    return model.Contact(c.name, c.email, c.phone, c.address) if c else None


# page_history with the site's history and what it may publish bound in
Changes = Callable[..., model.History]


def _meeting(site: model.Site, checked: CheckedMeeting, start_month: int,
             changes: Changes) -> model.Meeting:
    raw, front = checked.raw, checked.front
    committee = site.committees[raw.committee]
    meeting = model.Meeting(
        key=raw.key, folder=raw.folder, committee=committee, date=checked.date,
        start=schema.recorded(front.start), end=front.end, venue=schema.recorded(front.venue),
        status=front.status,
        title=front.title or committee.name, source=raw.source.rel,
        municipal_year=municipal_year(checked.date, start_month),
        webcast=front.webcast,
        approved_minute=front.approved_at.minute if front.approved_at else None,
        approved_elsewhere=front.approved_at.elsewhere if front.approved_at else None,
        approval_not_recorded=bool(front.approved_at and front.approved_at.not_recorded),
        aliases=list(front.aliases),
        history=changes(raw.source.rel, _corrections(front.corrections)),
    )
    meeting.attendance = _attendance(site, meeting, front.attendance)
    meeting.documents = [_document(d, meeting) for d in front.documents]
    meeting.items = [_item(site, meeting, i, changes) for i in sorted(
        checked.items, key=lambda i: (i.raw.number, i.raw.letter))]
    meeting.own_declarations = meeting_declarations(site, meeting, front.declarations)
    _comings_and_goings(site, meeting, checked)
    return meeting


def _comings_and_goings(site: model.Site, meeting: model.Meeting, checked: CheckedMeeting) -> None:
    """What needs the meeting's items: the item each attendee left before,
    the procedural events (in time order), and each item's own attendance."""
    items = {i.raw.source.rel: i for i in checked.items}
    by_file = {i.source: i for i in meeting.items}

    def item_named(label: str | None) -> model.AgendaItem | None:
        found = find_item(checked.items, label) if label else None
        return by_file.get(found.raw.source.rel) if found else None

    entries = [entry for key in ATTENDANCE_LABELS for entry in getattr(checked.front.attendance, key)]
    attendees = [a for group in meeting.attendance for a in group.attendees]
    for entry, attendee in zip(entries, attendees, strict=True):
        attendee.left_before = item_named(entry.left_before)
    meeting.events = [model.ProceduralEvent(e.time, e.event, site.people.get(e.person) if e.person else None,
                                            item_named(e.item), e.note)
                      for _, e in in_time_order(checked.front.events)]
    for item in meeting.items:
        if item.exempt:
            continue  # who was there for exempt business is not published
        own = items[item.source].front.attendance
        for key, label in ITEM_ATTENDANCE_LABELS.items():
            entries_ = getattr(own, key)
            if entries_:
                group = model.AttendanceGroup(key, label, [])
                item.attendance.append(group)
                for entry in entries_:
                    attendee = _attendee(site, entry)
                    group.attendees.append(attendee)
                    if attendee.person:
                        record_group = model.AttendanceGroup(key, PERSON_ITEM_LABELS[key].format(item.number),
                                                             [attendee])
                        attendee.person.attendance.append(model.AttendanceRecord(meeting, record_group, attendee))


def _attendee(site: model.Site, entry: schema.MeetingAttendee) -> model.Attendee:
    person = site.people.get(entry.person) if entry.person else None
    return model.Attendee(person, person.name if person else entry.name or "", entry.role,
                          entry.organisation, arrived=entry.arrived, left=entry.left,
                          as_printed=entry.as_printed, capacity=entry.capacity)


def _attendance(site: model.Site, meeting: model.Meeting,
                attendance: schema.Attendance) -> list[model.AttendanceGroup]:
    groups = []
    for key, label in ATTENDANCE_LABELS.items():
        entries = getattr(attendance, key)
        if not entries:
            continue
        if key == "attending_virtually" and site.settings.get(REMOTE_COUNTS_AS_PRESENT) is True:
            label = REMOTE_PRESENT_LABEL
        group = model.AttendanceGroup(key, label, [])
        for entry in entries:
            person = site.people.get(entry.person) if entry.person else None
            if isinstance(entry, schema.Substitute):
                attendee = model.Attendee(person, person.name, entry.role,
                                          substitute_for=site.people[entry.for_])
            else:
                attendee = model.Attendee(person, person.name if person else entry.name,
                                          entry.role, entry.organisation)
            attendee.arrived, attendee.left = entry.arrived, entry.left
            attendee.as_printed, attendee.capacity = entry.as_printed, entry.capacity
            group.attendees.append(attendee)
            if person:
                person.attendance.append(model.AttendanceRecord(meeting, group, attendee))
        groups.append(group)
    return groups


def _document(doc: schema.Document, meeting: model.Meeting) -> model.Document:
    if doc.exempt:
        # the title says what exists; the file and link are never published
        return model.Document(doc.title, exempt=_exemption(doc.exempt))
    return model.Document(doc.title, url=doc.url, file=doc.file, meeting=meeting,
                          not_published=doc.not_published)


def _exemption(exempt: Exempt) -> model.Exemption:
    return model.Exemption(exempt.paragraphs, tuple(schema.SCHEDULE_12A[p] for p in exempt.paragraphs))


def _numbered(entries: list[schema.Numbered], depth: int = 0) -> list[model.Numbered]:
    out = []
    for index, entry in enumerate(entries):
        if depth == 0:
            label = str(index + 1)
        elif depth == 1:
            label = LETTERS[index % 26]
        else:
            label = ROMAN[index % len(ROMAN)]
        out.append(model.Numbered(f"({label})", entry.text, _numbered(entry.items, depth + 1)))
    return out


def number_resolutions(entries: list[schema.Resolution]) -> list[model.Numbered]:
    """Resolutions numbered (1), (2)... across their sub-headings, which are
    not numbered; a single resolution is not numbered, as minutes print it."""
    numbered = _numbered([e for e in entries if not e.heading])
    if len(numbered) == 1:
        numbered[0].number = ""
    found = iter(numbered)
    return [model.Numbered("", e.heading, heading=True) if e.heading else next(found)
            for e in entries]


def _corrections(corrections: list[schema.Correction]) -> list[tuple[dt.date, str]]:
    return [(c.date, c.note) for c in corrections]


def _item(site: model.Site, meeting: model.Meeting, checked: CheckedItem,
          changes: Changes) -> model.AgendaItem:
    raw, front = checked.raw, checked.front
    item = model.AgendaItem(
        meeting=meeting, number=raw.label, order=(raw.number, raw.letter), slug=raw.slug,
        title=front.title, source=raw.source.rel, minute=front.minute, aliases=list(front.aliases),
        # an exempt item's history shows dates only (see history.page_history)
        history=changes(raw.source.rel, _corrections(front.corrections), exempt=bool(front.exempt)),
    )
    if front.exempt:
        item.exempt = _exemption(front.exempt)
        # only its open parts, written for the public, are published besides (its
        # open summary is rendered last, with its references: openparts)
        item.open_resolutions = number_resolutions(front.open_resolutions)
        return item  # nothing else of an exempt item reaches the public
    people = site.people
    item.report = front.report
    set_bylines(item, front, people)
    item.key_decision = front.key_decision
    item.scrutiny_areas = [site.scrutiny_areas[a] for a in front.scrutiny]
    item.subjects = [site.subjects[s] for s in front.subject]
    item.recommendations = _numbered(front.recommendations)
    item.resolutions = number_resolutions(front.resolutions)
    item.decision_reference = front.decision_reference
    item.votes = [_vote(people, v) for v in front.votes]
    item.motions = [_motion(people, item, m) for m in front.motions]
    for number, vote in enumerate(item.all_votes, 1):
        vote.anchor = f"vote-{number}"
    item.actions = list(front.actions)
    item.contacts = [model.ItemContact([people[p] for p in c.people], c.name, c.phone, c.email)
                     for c in front.contacts]
    item.documents = [_document(d, meeting) for d in front.documents]
    item.declarations = item_declarations(site, item, front.declarations)
    return item


def _vote(people: dict[str, model.Person], vote: schema.Vote) -> model.Vote:
    def side(value: int | list[str]) -> tuple[int, list[model.Person]]:
        if isinstance(value, int):
            return value, []
        return len(value), [people[p] for p in value]

    (yes, yes_people), (no, no_people), (abstain, abstain_people) = (
        side(vote.for_), side(vote.against), side(vote.abstain))
    if vote.stated is not None:  # the check made sure they agree with any names
        yes, no, abstain = vote.stated.for_, vote.stated.against, vote.stated.abstain
    return model.Vote(vote.on, vote.result, yes, no, abstain, yes_people, no_people, abstain_people,
                      id=vote.id, stated=vote.stated is not None, names_not_recorded=vote.names_not_recorded,
                      counts_not_recorded=vote.counts_not_recorded)


def _mover(people: dict[str, model.Person], who: schema.Attendee | None) -> model.Attendee | None:
    if who is None:
        return None
    person = people.get(who.person) if who.person else None
    return model.Attendee(person, person.name if person else (who.name or ""), who.role, who.organisation)


def _motion(people: dict[str, model.Person], item: model.AgendaItem, front: schema.Motion) -> model.Motion:
    """A motion with its amendments; a vote written under one says what it
    decided (``on``) unless the clerk wrote that."""
    # text_html is rendered last, with its references linked (openparts.render_motion_texts)
    motion = model.Motion(item, front.title, id=front.id, mover=_mover(people, front.mover),
                          seconder=_mover(people, front.seconder), text=front.text, outcome=front.outcome)
    for number, a in enumerate(front.amendments, start=1):
        amendment = model.Amendment(motion, number, [model.Part(p.label, p.text) for p in a.parts],
                                    id=a.id, mover=_mover(people, a.mover), seconder=_mover(people, a.seconder),
                                    text=a.text or "", outcome=a.outcome)
        if a.vote is not None:
            moved = f" moved by {amendment.mover.name}" if amendment.mover else ""
            amendment.vote = _vote(people, a.vote)
            amendment.vote.on = amendment.vote.on or f"amendment {number}{moved}"
            amendment.vote.motion = amendment
        motion.amendments.append(amendment)
    if front.vote is not None:
        motion.vote = _vote(people, front.vote)
        motion.vote.on = motion.vote.on or (f"the motion: {front.title}" if front.title else "the motion")
        motion.vote.motion = motion
    return motion


def _link_meetings(site: model.Site, checked: CheckedTree, by_key: dict[str, model.Meeting]) -> None:
    for checked_meeting in checked.meetings:
        meeting = by_key[checked_meeting.raw.key]
        front = checked_meeting.front
        if front.approved_at and front.approved_at.meeting:
            meeting.approved_at = by_key[front.approved_at.meeting]
            meeting.approved_at.approves.append(meeting)
        if front.adjourned_to:
            meeting.adjourned_to = by_key[front.adjourned_to]
            meeting.adjourned_to.reconvened_from = meeting


def _link_items(site: model.Site) -> None:
    """Back-references from people, areas and subjects; previous/next items."""
    for meeting in site.meetings:
        for before, after in zip(meeting.items, meeting.items[1:], strict=False):
            before.next, after.previous = after, before
        for item in meeting.items:
            for area in item.scrutiny_areas:
                area.items.append(item)
            for subject in item.subjects:
                subject.items.append(item)
            for contact in item.contacts:
                for person in contact.people:
                    person.contact_for.append(item)
            for motion in item.motions:
                for moved in (motion, *motion.amendments):
                    for role, who in (("Moved", moved.mover), ("Seconded", moved.seconder)):
                        if who is not None and who.person is not None:
                            who.person.moved.append(model.MovedRecord(moved, role))
            for vote in item.all_votes:
                for position, voters in (("for", vote.for_people), ("against", vote.against_people),
                                         ("abstained", vote.abstain_people)):
                    for person in voters:
                        person.votes.append(model.VoteRecord(item, vote, position))
        for declaration in meeting.declarations:  # meeting.md's and the items' own
            declaration.person.declarations.append(declaration)
    for area in site.scrutiny_areas.values():
        area.items.reverse()  # newest first
