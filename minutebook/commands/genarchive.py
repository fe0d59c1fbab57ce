"""Generate a realistic archive of invented meetings, for benchmarks and tests.

``minutebook gen-archive --meetings N --out DIR`` writes a complete content
tree in Minute Book's format: the four registries and N meetings spread over a
dozen committees, each with 8 to 15 agenda items the size and shape of the
seed item (``content/meetings/executive/2024-03-05/08-...``), with votes,
exempt items, declarations and attendance. Everything is invented and every
file says so. The same N and seed always give the same bytes.
"""

# ruff: noqa: E501  (the word lists below read best one entry a line)
from __future__ import annotations

import datetime as dt
import random
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

# A subject follows one matter for a few years, as an issue history does: about
# one substantive item in ten joins one, so histories stay tens of items long
# however large the archive, as they are in real councils.
SUBJECT_YEARS = 2
SUBJECT_SHARE = 0.1
MARK = "# Generated demonstration data (minutebook gen-archive): invented, not real minutes."

FIRST = ["Amina", "Peter", "Sarah", "Daniel", "Helen", "Farah", "Graham", "Lucy", "Owen", "Bilal",
         "Margaret", "Colin", "Martin", "Tom", "Ruth", "Philip", "Karen", "Joanne", "David", "Imran",
         "Claire", "Gareth", "Nadia", "Simon", "Rachel", "Kamran", "Julie", "Andrew", "Shabana", "Mark"]
LAST = ["Rahman", "Hollings", "Whitaker", "Okafor", "Marsden", "Qureshi", "Stead", "Fenwick",
        "Castleton", "Aziz", "Illingworth", "Brearley", "Dyson", "Whiteley", "Sowden", "Greenwood",
        "Ambler", "Pickersgill", "Ackroyd", "Hussain", "Firth", "Sutcliffe", "Lister", "Holroyd",
        "Crabtree", "Barraclough", "Mahmood", "Thornton", "Hirst", "Normington"]
PARTIES = ["Labour", "Conservative", "Liberal Democrat", "Green", "Independent"]
WARDS = ["Little Horton", "Heaton", "Bowling and Barkerend", "Keighley Central", "Ilkley", "Shipley",
         "Wibsey", "Thornton and Allerton", "Bingley", "Idle and Thackley", "Manningham", "Tong",
         "Queensbury", "Wharfedale", "Windhill and Wrose", "Royds", "Eccleshill", "Clayton and Fairweather Green"]
OFFICES = ["Chief Executive", "Strategic Director, Place", "Strategic Director, Children’s Services",
           "Strategic Director, Health and Wellbeing", "Director of Finance", "City Solicitor",
           "Director of Public Health", "Assistant Director, Planning"]
PLACES = ["City Hall, Bradford", "Keighley Town Hall", "Shipley Town Hall", "Ilkley Town Hall"]

# (id, name, kind, rooms, member count)
COMMITTEES = [
    ("executive", "Executive", "executive", 6),
    ("council", "Council", "council", 30),
    ("childrens-scrutiny", "Children’s Services Overview and Scrutiny Committee", "scrutiny", 8),
    ("health-scrutiny", "Health and Social Care Overview and Scrutiny Committee", "scrutiny", 8),
    ("corporate-scrutiny", "Corporate Overview and Scrutiny Committee", "scrutiny", 8),
    ("regulatory-appeals", "Regulatory and Appeals Committee", "regulatory", 7),
    ("licensing", "Licensing Committee", "regulatory", 7),
    ("keighley-area", "Keighley Area Committee", "area", 6),
    ("shipley-area", "Shipley Area Committee", "area", 6),
    ("bradford-east-area", "Bradford East Area Committee", "area", 6),
    ("governance-audit", "Governance and Audit Committee", "committee", 6),
    ("corporate-parenting", "Corporate Parenting Panel", "panel", 6),
]
AREAS = {
    "childrens-services": ("Children’s Services", "childrens-scrutiny"),
    "health-and-social-care": ("Health and Social Care", "health-scrutiny"),
    "corporate": ("Corporate", "corporate-scrutiny"),
    "regeneration-and-environment": ("Regeneration and Environment", None),
    "community-safety": ("Community Safety", None),
    "housing": ("Housing", None),
}
# (subject id, title of its items, the report's theme, scrutiny area)
TOPICS = [
    ("exploitation", "Exploitation – annual update", "the partnership response to child and adult exploitation", "childrens-services"),
    ("revenue-budget", "Revenue budget monitoring", "the council's revenue budget and the forecast outturn", "corporate"),
    ("capital-programme", "Capital programme", "the capital programme and its financing", "corporate"),
    ("school-places", "Sufficiency of school places", "the supply of school places across the district", "childrens-services"),
    ("adult-social-care", "Adult social care reform", "the reform of adult social care and the care market", "health-and-social-care"),
    ("public-health", "Public health annual report", "the health of the district's population", "health-and-social-care"),
    ("local-plan", "Local plan progress", "the preparation of the district's local plan", "regeneration-and-environment"),
    ("clean-air", "Clean air zone", "air quality and the clean air zone", "regeneration-and-environment"),
    ("homelessness", "Homelessness and rough sleeping", "homelessness prevention and rough sleeping", "housing"),
    ("housing-standards", "Private rented housing standards", "standards in the private rented sector", "housing"),
    ("community-safety-plan", "Community safety partnership plan", "crime, disorder and anti-social behaviour", "community-safety"),
    ("youth-justice", "Youth justice plan", "the youth justice service and its plan", "childrens-services"),
    ("treasury", "Treasury management", "the council's borrowing and investments", "corporate"),
    ("workforce", "Workforce strategy", "the council's workforce, recruitment and retention", "corporate"),
    ("highways", "Highways maintenance programme", "the condition and maintenance of roads and footways", "regeneration-and-environment"),
    ("libraries", "Library service review", "the future of the library service", "community-safety"),
    ("waste", "Waste collection and recycling", "household waste collection and recycling rates", "regeneration-and-environment"),
    ("send", "Special educational needs and disabilities", "support for children with special educational needs", "childrens-services"),
    ("mental-health", "Mental health and wellbeing", "mental health services for adults", "health-and-social-care"),
    ("ward-fund", "Ward investment fund", "grants from the ward investment fund", "community-safety"),
]
PARTNERS = [("Chair of the Safeguarding Board", "Bradford District Safeguarding Children Partnership"),
            ("Representative of the Police", "West Yorkshire Police"),
            ("Representative of the Integrated Care Board", "NHS West Yorkshire Integrated Care Board"),
            ("Representative of the Fire Service", "West Yorkshire Fire and Rescue Service")]
REMARKS = [
    "{member} welcomed the report and the work that was being undertaken by officers and partners across the district.",
    "{member} asked what was being done to reach families who did not currently engage with the service, and was told that a programme of outreach through schools, community centres and places of worship was being developed.",
    "{member} expressed concern about the level of demand on the service and asked whether the resources set aside in the budget would be sufficient; officers explained that the position was monitored monthly and would be reported to the Executive.",
    "{member} requested clarification on the terminology used in the report relating to significant, moderate and emerging risk, and it was agreed that a glossary would be included in future reports.",
    "{member} highlighted the importance of continuing to work closely with partners and asked that the Committee receive a further report in twelve months' time.",
    "{member} reported that residents in their ward had raised the matter at recent surgeries and asked how members could best direct residents to the help that was available.",
    "{member} praised the commitment of the staff involved and asked that the Committee's thanks be passed on to them.",
    "{member} asked how the council's performance compared with that of similar authorities, and was told that the district was in the middle of its group of statistical neighbours on most measures.",
]
OFFICER_REMARKS = [
    "In response, the {office} explained that the service had been redesigned over the previous year so that referrals were reviewed on the same day as they were received, and that the new arrangements had reduced waiting times considerably.",
    "The {office} reported that a package of training was being developed which would be rolled out through the partnership and would target people who worked directly with children and families.",
    "The {office} said that regular meetings were held with partners to share intelligence and to identify levels of threat, risk and harm, so that early help could be offered before problems became acute.",
    "The {office} confirmed that the figures in the report would be published on the council's website and that ward-level information would be sent to every member.",
]

# A local detail in the debate on a report, as real minutes have (a street, a
# place, a figure): the words a reader remembers an item by, and what the
# known-item search benchmark (``ranking``) searches for. Drawn from a random
# source of each item's own, so the rest of the archive is as it was before.
PLACES_OF_CONCERN = ["bus shelter", "play area", "community centre", "footbridge", "allotments", "branch library",
                     "health centre", "youth club", "car park", "recycling point", "cycle lane", "school crossing",
                     "market hall", "sports pitch", "bowling green", "food bank", "family hub", "skate park",
                     "bridleway", "canal towpath", "pedestrian crossing", "swimming pool", "day centre",
                     "church hall", "war memorial", "pumping station", "bus station", "nature reserve",
                     "cemetery gates", "lorry park"]
STREETS = ["Toller", "Cemetery", "Manor", "Mill", "Beck", "Moor", "Church", "Station", "Valley", "Canal", "Holme",
           "Carr", "Ings", "Fold", "Brow", "Hollin", "Lidget", "Birks", "Owlet", "Harden", "Gaisby", "Sandholme",
           "Legrams", "Tyersal", "Cutler", "Marsh", "Bolton", "Rooley", "Haworth", "Scholemoor", "Buttershaw",
           "Idlethorpe", "Greengates", "Woodhall", "Undercliffe", "Frizinghall", "Heights", "Nab", "Cragg", "Wrose"]
STREET_KINDS = ["Road", "Lane", "Street", "Avenue", "Terrace", "Close", "Drive", "Grove", "Crescent", "Walk"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DETAILS = [
    "{member} raised the condition of the {place} on {street}, {ward}, where {n} residents had signed a petition.",
    "{member} asked about the {place} at {street} in {ward}, and was told that {n} households had been contacted since {month}.",
    "{member} reported complaints about the {place} off {street}, {ward}; officers undertook to visit before {month} and to write to the {n} people affected.",
    "{member} welcomed the reopening of the {place} on {street} in {ward}, used by {n} people a week since {month}.",
]


def _detail(key: str, speakers: list[Person]) -> str:
    """One item's local detail: the same for the same item, whatever else is drawn."""
    rng = random.Random(f"detail-{key}")
    return rng.choice(DETAILS).format(
        member=rng.choice(speakers).name, place=rng.choice(PLACES_OF_CONCERN), ward=rng.choice(WARDS),
        street=f"{rng.choice(STREETS)} {rng.choice(STREET_KINDS)}", n=rng.randint(12, 960), month=rng.choice(MONTHS))


@dataclass
class Person:
    id: str
    name: str
    kind: str
    extra: dict = field(default_factory=dict)


@dataclass
class Meeting:
    committee: str
    date: dt.date
    status: str = "approved-minutes"
    minutes: list[int] = field(default_factory=list)  # minute number of each item, in order
    items: int = 0


def _people(rng: random.Random) -> tuple[list[Person], list[Person]]:
    councillors, seen = [], set()
    for first in FIRST:
        for last in LAST:
            if len(councillors) == 90:
                break
            if rng.random() < 0.12 and (first, last) not in seen:
                seen.add((first, last))
                councillors.append(Person(f"cllr-{first}-{last}".lower(), f"Councillor {first} {last}", "councillor",
                                          {"party": rng.choice(PARTIES), "ward": rng.choice(WARDS)}))
    officers = [Person(office.lower().replace(",", "").replace("’", "").replace(" ", "-"), office, "officer",
                       {"title": office}) for office in OFFICES]
    for n in range(24):
        first, last = FIRST[(n * 7) % len(FIRST)], LAST[(n * 11 + 3) % len(LAST)]
        officers.append(Person(f"{first}-{last}-{n + 1}".lower(), f"{first} {last}", "officer",
                               {"phone": f"01274 4{n:05d}", "email": f"{first}.{last}@example.org".lower()}))
    return councillors, officers


def _yaml_text(value: str) -> str:
    """Quote text that YAML would otherwise misread (': ' inside, a leading special character)."""
    if ": " in value or value.endswith(":") or value[:1] in "[{&*!|>%@`#\"'":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def _schedule(count: int, spacing: int = 14) -> list[Meeting]:
    """``count`` meetings over the committees, each committee's ``spacing`` days apart
    (fortnightly), ending in 2026."""
    per = -(-count // len(COMMITTEES))
    end = dt.date(2026, 7, 1)
    start = end - dt.timedelta(days=spacing * per)
    meetings = []
    for n in range(count):
        index, round_ = n % len(COMMITTEES), n // len(COMMITTEES)
        date = start + dt.timedelta(days=spacing * round_ + index)
        meetings.append(Meeting(COMMITTEES[index][0], date))
    return meetings


def _municipal_year(date: dt.date) -> int:
    return date.year if date.month >= 5 else date.year - 1


def generate(out: Path, meetings: int, seed: int = 1, spacing: int = 14) -> Path:
    """Write an archive of ``meetings`` meetings into ``out`` (replacing it);
    ``spacing``: days between one committee's meetings (a few meetings spread
    over several years, for tests of what differs between years)."""
    rng = random.Random(f"minutebook-{meetings}-{seed}")
    if out.exists():
        shutil.rmtree(out)
    (out / "meetings").mkdir(parents=True)
    (out / "pages").mkdir()
    councillors, officers = _people(rng)
    schedule = _schedule(meetings, spacing)
    members = _write_registries(out, rng, councillors, officers, schedule)
    by_committee: dict[str, list[Meeting]] = defaultdict(list)
    for meeting in schedule:
        by_committee[meeting.committee].append(meeting)
    for series in by_committee.values():
        counter, year = 0, None
        for meeting in series:
            if _municipal_year(meeting.date) != year:
                counter, year = 0, _municipal_year(meeting.date)
            meeting.items = rng.randint(8, 15)
            if rng.random() < 0.01:
                meeting.status = "cancelled"
                continue
            meeting.minutes = list(range(counter + 1, counter + meeting.items + 1))
            counter += meeting.items
        held = [m for m in series if m.status != "cancelled"]
        if held:
            held[-1].status = "draft-minutes"
    for committee, series in by_committee.items():
        held = [m for m in series if m.status != "cancelled"]
        for position, meeting in enumerate(held):
            following = held[position + 1] if position + 1 < len(held) else None
            _write_meeting(out, rng, meeting, following, members[committee], officers, councillors)
    (out / "pages" / "about.md").write_text(
        "Title: About this site\nSlug: about\n\nThis site was built from **generated demonstration data** "
        "(`minutebook gen-archive`). Every committee, person, meeting and minute on it is invented, "
        "to measure how Minute Book copes with an archive of realistic size.\n", encoding="utf-8")
    for meeting in schedule:
        if meeting.status == "cancelled":
            _write_cancelled(out, meeting)
    return out


def _first_year(schedule: list[Meeting]) -> int:
    return schedule[0].date.year - schedule[0].date.year % SUBJECT_YEARS


def _subject(topic: str, first_year: int) -> str:
    return f"{topic}-{first_year}"


def _write_registries(out: Path, rng: random.Random, councillors: list[Person],
                      officers: list[Person], schedule: list[Meeting]) -> dict[str, list[Person]]:
    lines = [MARK]
    for person in councillors + officers:
        lines += [f"{person.id}:", f"  name: {person.name}", f"  kind: {person.kind}"]
        lines += [f"  {key}: {value}" for key, value in person.extra.items()]
    (out / "people.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    members: dict[str, list[Person]] = {}
    lines = [MARK]
    for cid, name, kind, size in COMMITTEES:
        chosen = rng.sample(councillors, size)
        members[cid] = chosen
        lines += [f"{cid}:", f"  name: {name}", f"  kind: {kind}", "  description: |",
                  f"    The {name} is part of the generated demonstration archive.", "  members:"]
        for position, person in enumerate(chosen):
            lines.append(f"    - person: {person.id}")
            if position < 2:
                lines.append(f"      role: {'Chair' if position == 0 else 'Deputy Chair'}")
        lines += ["  contact:", "    name: Democratic Services", "    email: democratic.services@example.org"]
    (out / "committees.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = [MARK]
    for aid, (name, committee) in AREAS.items():
        lines += [f"{aid}:", f"  name: {name}", f"  description: Items about {name.lower()}."]
        if committee:
            lines.append(f"  committee: {committee}")
    (out / "scrutiny-areas.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lines = [MARK]
    for first in range(_first_year(schedule), schedule[-1].date.year + 1, SUBJECT_YEARS):
        for sid, title, theme, _area in TOPICS:
            lines += [f"{_subject(sid, first)}:", f"  name: {title} ({first} to {first + SUBJECT_YEARS - 1})",
                      f"  description: Reports on {theme} from {first} to {first + SUBJECT_YEARS - 1}."]
    (out / "subjects.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return members


def _folder(out: Path, meeting: Meeting) -> Path:
    return out / "meetings" / meeting.committee / meeting.date.isoformat()


def _write_cancelled(out: Path, meeting: Meeting) -> None:
    folder = _folder(out, meeting)
    folder.mkdir(parents=True)
    (folder / "meeting.md").write_text(
        f"---\n{MARK}\nstatus: cancelled\nstart: 16:00\nvenue: Committee Room 2, City Hall, Bradford\n---\n"
        "This meeting was cancelled by the Chair because there was no business to transact.\n", encoding="utf-8")


def _write_meeting(out: Path, rng: random.Random, meeting: Meeting, following: Meeting | None,
                   members: list[Person], officers: list[Person], councillors: list[Person]) -> None:
    folder = _folder(out, meeting)
    folder.mkdir(parents=True)
    absent = set(rng.sample(range(len(members)), rng.randint(0, min(2, len(members) - 3))))
    absent.discard(0)
    present = [p for n, p in enumerate(members) if n not in absent]
    apologies = [p for n, p in enumerate(members) if n in absent]
    supporting = rng.sample(officers, 2)
    start = rng.choice(["10:00", "10:30", "14:00", "16:00", "17:30"])
    lines = ["---", MARK, f"status: {meeting.status}", f"start: {start}",
             f"venue: Committee Room {rng.randint(1, 4)}, {rng.choice(PLACES)}"]
    if meeting.status == "approved-minutes" and following is not None:
        lines += ["approved_at:", f"  meeting: {following.committee}/{following.date.isoformat()}",
                  f"  minute: {following.minutes[1]}"]
    lines += ["attendance:", "  present:", f"    - person: {present[0].id}", "      role: Chair"]
    lines += [f"    - {p.id}" for p in present[1:]]
    if apologies:
        lines += ["  apologies:"] + [f"    - {p.id}" for p in apologies]
    partner = rng.choice(PARTNERS)
    lines += ["  also_present:", f"    - name: {partner[0]}", f"      organisation: {partner[1]}"]
    lines += ["  in_attendance:"] + [f"    - {p.id}" for p in supporting]
    lines += [f"webcast: https://example.org/webcasts/{meeting.committee}-{meeting.date.isoformat()}", "---", ""]
    (folder / "meeting.md").write_text("\n".join(lines), encoding="utf-8")
    previous = "the previous meeting"
    _write_item(folder / "01-disclosures-of-interest.md", [
        "title: Disclosures of interest", f"minute: {meeting.minutes[0]}"],
        "To receive disclosures of interest from members on matters to be considered at the meeting.",
        "No disclosures of interest in matters under consideration were received.")
    _write_item(folder / "02-minutes-of-the-previous-meeting.md", [
        "title: Minutes of the previous meeting", f"minute: {meeting.minutes[1]}", "resolutions:",
        f"  - That the minutes of {previous} be signed as a correct record."],
        f"To approve the minutes of {previous}.", f"The minutes of {previous} were agreed.")
    exempt_at = rng.randint(4, meeting.items) if rng.random() < 0.15 and meeting.items >= 4 else None
    topics = rng.sample(TOPICS, meeting.items - 2)
    for number in range(3, meeting.items + 1):
        topic = topics[number - 3]
        minute = meeting.minutes[number - 1]
        if exempt_at is not None and number == exempt_at - 1:
            _write_exclusion(folder, number, minute, exempt_at)
        elif exempt_at is not None and number == exempt_at:
            _write_exempt(folder, rng, number, minute, topic)
        else:
            subject = (_subject(topic[0], meeting.date.year - meeting.date.year % SUBJECT_YEARS)
                       if rng.random() < SUBJECT_SHARE else None)
            _write_report(folder, rng, number, minute, topic, subject, present, supporting, councillors, officers)


def _write_item(path: Path, fields: list[str], agenda: str, minutes: str) -> None:
    path.write_text("\n".join(["---", MARK, *fields, "---", "## Agenda", "", agenda, "", "## Minutes", "",
                               minutes, ""]), encoding="utf-8")


def _write_exclusion(folder: Path, number: int, minute: int, exempt_at: int) -> None:
    _write_item(folder / f"{number:02d}-exclusion-of-the-public.md", [
        "title: Exclusion of the public", f"minute: {minute}", "resolutions:",
        f"  - That the public be excluded from the meeting during the consideration of the item numbered "
        f"{exempt_at} on the grounds that exempt information within paragraph 3 of Part 1 of Schedule 12A "
        "to the Local Government Act 1972 would be disclosed."],
        "The meeting will be asked to decide whether to exclude the public during the next item.",
        "Resolved as set out below. The webcast was paused.")


def _write_exempt(folder: Path, rng: random.Random, number: int, minute: int, topic: tuple) -> None:
    paragraph = rng.choice([1, 3, 5])
    _write_item(folder / f"{number:02d}-{topic[0]}-contract.md", [
        f"title: {topic[1]} – contract award", f"minute: {minute}", f"exempt: {paragraph}",
        "recommendations:", "  - That the contract be awarded to the preferred bidder.",
        "resolutions:", "  - That the contract be awarded to the preferred bidder for three years."],
        "A report on the tenders received. GENERATED CONFIDENTIAL TEXT.",
        "The report on the tenders received was considered. GENERATED CONFIDENTIAL TEXT.")


def _write_report(folder: Path, rng: random.Random, number: int, minute: int, topic: tuple,
                  subject: str | None, present: list[Person], supporting: list[Person], councillors: list[Person],
                  officers: list[Person]) -> None:
    sid, title, theme, area = topic
    office = rng.choice(OFFICES)
    letter = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(rng.randint(1, 2)))
    fields = [f"title: {title}", f"minute: {minute}", f"report: {letter}", f"submitted_by: {office}",
              f"scrutiny: {area}" if rng.random() < 0.8 else f"scrutiny: [{area}, corporate]",
              *([f"subject: {subject}"] if subject else []), "recommendations:", "  - That the report be noted.",
              f"  - That the {office} be asked to report back in twelve months' time.", "resolutions:",
              "  - That the report be noted."]
    if rng.random() < 0.5:
        fields += ["  - text: \"That the following be referred to the Executive:\"", "    items:",
                   f"      - the findings of the report on {theme};",
                   "      - the Committee's request for quarterly monitoring."]
    if rng.random() < 0.25 and len(present) >= 4:
        voters = rng.sample(present, len(present))
        cut = len(voters) // 2 + 1
        against = voters[cut:cut + max(1, (len(voters) - cut) // 2)]
        fields += ["votes:", f"  - on: the recommendations on {theme}",
                   f"    for: [{', '.join(p.id for p in voters[:cut])}]",
                   f"    against: [{', '.join(p.id for p in against)}]", "    result: carried"]
    elif rng.random() < 0.2:
        fields += ["votes:", "  - on: the recommendations", f"    for: {len(present)}", "    against: 0",
                   "    result: carried"]
    fields.append(f"actions: {office}")
    contact = rng.choice(officers[len(OFFICES):])
    fields += ["contacts:", f"  - people: {contact.id}", f"    phone: {contact.extra['phone']}"]
    if rng.random() < 0.3:
        fields += ["documents:", f"  - title: Document “{letter}” – {title}",
                   f"    url: https://example.org/documents/{sid}-{letter.lower()}.pdf"]
        if rng.random() < 0.3:
            fields += ["  - title: Not for Publication Appendix 1 – commercial information", "    exempt: 3"]
    if rng.random() < 0.1:
        fields += ["declarations:", f"  - person: {rng.choice(present).id}",
                   "    interest: A close relative is employed by one of the partner organisations named in the report.",
                   "    kind: non-registrable"]
    agenda = (f"The {office} will submit a report (Document “{letter}”) which provides an update regarding "
              f"{theme}. It focuses on the work of the council and its partners over the past year, the "
              "improvements made across the district and the priorities for the coming year, and how partners "
              "hold one another to account for their work in this area.")
    paragraphs = [agenda.replace("will submit", "submitted").replace("provides", "provided")
                  .replace("It focuses", "It focused")]
    speakers = present + rng.sample(councillors, 2)
    for _ in range(rng.randint(5, 8)):
        if rng.random() < 0.6:
            member = rng.choice(speakers).name
            paragraphs.append(rng.choice(REMARKS).format(member=member))
        else:
            paragraphs.append(rng.choice(OFFICER_REMARKS).format(office=rng.choice(supporting).name))
    paragraphs.append(_detail(f"{folder.parent.name}/{folder.name}/{number}", speakers))
    paragraphs.append(f"The Chair thanked officers for the report and welcomed the progress made on {theme}.")
    slug = f"{number:02d}-{sid}"
    _write_item(folder / f"{slug}.md", [_yaml_line(f) for f in fields], agenda, "\n\n".join(paragraphs))


def _yaml_line(line: str) -> str:
    """Quote the value of a simple ``key: value`` or ``- value`` line when YAML needs it."""
    stripped = line.lstrip()
    indent = line[:len(line) - len(stripped)]
    if stripped.startswith("- ") and ":" not in stripped[2:].split(" ")[0]:
        return f"{indent}- {_yaml_text(stripped[2:])}"
    key, sep, value = stripped.partition(": ")
    if sep and value and value[0] not in "[\"" and " " not in key:
        return f"{indent}{key}: {_yaml_text(value)}"
    return line
