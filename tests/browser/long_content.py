"""A content tree of long real-world content, for the reflow tests (tests/browser/test_reflow.py).

Every table of the site gets its longest plausible content: a 60-member named
vote, 300-character item titles, a long committee name, long role and
organisation names and a long unbroken URL.
"""

from __future__ import annotations

from pathlib import Path

MEMBERS = 60
COMMITTEE = "long-committee"
COMMITTEE_NAME = ("Health and Social Care Overview and Scrutiny Committee (Joint Committee with "
                  "Calderdale, Kirklees and Wakefield Councils)")
MEETING = f"meetings/{COMMITTEE}/2025-02-11"
URL = "https://www.example.gov.uk/" + "council-and-democracy/" * 4 + "a-very-long-report-address-without-breaks.pdf"
# 300 characters of ordinary words, the way some councils title a budget debate
TITLE = ("Revenue Estimates for 2025-26 and the Medium Term Financial Strategy, including the Capital "
         "Investment Plan, the Treasury Management Strategy, the Council Tax Resolution and the proposals "
         "of the Opposition Groups for amendments to the Budget as circulated at the meeting and "
         "published with the supplementary agenda pack")[:300]
ITEM = "01-revenue-estimates"
# a declaration of interest as long as minutes write them (the register's tables)
DECLARED = ("She is a non-executive director of the Bradford District Care and Health Partnership "
            "Community Interest Company, which receives grant funding from the Council, and her husband "
            "is employed by Ackroyd-Sutcliffe Featherstonehaugh Solicitors LLP, which advises the Council")
FIRST_NAMES = ("Alexandra", "Bartholomew", "Christopher", "Dominique", "Evangeline", "Frederick")
SURNAMES = ("Wolstenholme", "Featherstonehaugh", "Hetherington", "Ackroyd-Sutcliffe", "Butterworth",
            "Greenwood", "Shackleton", "Illingworth", "Mitchell", "Atkinson")


def person_id(n: int) -> str:
    return f"cllr-{n:02d}"


def person_name(n: int) -> str:
    return f"Councillor {FIRST_NAMES[n % len(FIRST_NAMES)]} {SURNAMES[n % len(SURNAMES)]}-{n}"


def files() -> dict[str, str]:
    people = "".join(f"{person_id(n)}:\n  name: {person_name(n)}\n  kind: councillor\n"
                     for n in range(MEMBERS))
    members = "".join(f"    - person: {person_id(n)}\n"
                      f"      role: Portfolio Holder for Regeneration, Planning and Transport\n"
                      for n in range(3))
    present = "".join(f"    - {person_id(n)}\n" for n in range(MEMBERS))
    ids = [person_id(n) for n in range(MEMBERS)]
    side = lambda part: "[" + ", ".join(part) + "]"  # noqa: E731
    return {
        "committees.yaml": f"{COMMITTEE}:\n  name: {COMMITTEE_NAME}\n  kind: scrutiny\n  members:\n{members}",
        "people.yaml": people,
        f"{MEETING}/meeting.md": (
            "---\nstatus: draft-minutes\nstart: 10:30\n"
            "venue: Council Chamber, City Hall, Centenary Square, Bradford\n"
            f"attendance:\n  present:\n{present}"
            "  also_present:\n    - name: Superintendent of the Neighbourhood Policing Team\n"
            "      organisation: West Yorkshire Police and Crime Commissioner's Office for Safeguarding\n"
            "---\n"),
        f"{MEETING}/{ITEM}.md": (
            f"---\ntitle: {TITLE}\nminute: 1\n"
            f"declarations:\n  - person: {person_id(3)}\n    interest: {DECLARED}\n"
            "    kind: other registrable\n    action: remained in the room but took no part in the debate or the vote\n"
            "votes:\n"
            f"  - on: the amendment moved by {person_name(0)} and seconded by {person_name(1)}\n"
            f"    for: {side(ids[:40])}\n    against: {side(ids[40:55])}\n    abstain: {side(ids[55:])}\n"
            "    result: carried\n"
            "---\n## Minutes\n\n"
            f"The report is published at {URL} and was circulated.\n"),
        f"{MEETING}/02-second-item.md": (
            f"---\ntitle: {TITLE[:250]} {URL}\nminute: 2\n---\n## Minutes\n\nNoted.\n"),
    }


def write(root: Path) -> Path:
    for relative, text in files().items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (root / "pages").mkdir(exist_ok=True)
    (root / "scrutiny-areas.yaml").write_text("{}\n", encoding="utf-8")
    (root / "subjects.yaml").write_text("{}\n", encoding="utf-8")
    return root
