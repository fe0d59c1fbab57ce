"""A small valid content tree, written into a temporary folder by tests.

Line numbers matter: tests assert the exact line of each planted mistake, so
the line of every field is noted beside it. Keep these texts stable.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from minutebook.content.errors import ContentError, ContentErrors
from minutebook.engine.pipeline import check_content
from tests.pdfs import text_pdf

MEETING = "meetings/executive/2024-03-05"
ITEM_1 = f"{MEETING}/01-apologies.md"
ITEM_2 = f"{MEETING}/02-exploitation-update.md"

FILES: dict[str, str] = {
    "committees.yaml": """\
executive:
  name: Executive
  kind: executive
  members:
    - person: cllr-amina-rahman
      role: Chair
  contact:
    name: Democratic Services
    phone: 01274 000000
""",
    "people.yaml": """\
cllr-amina-rahman:
  name: Councillor Amina Rahman
  kind: councillor
  ward: Little Horton
cllr-peter-hollings:
  name: Councillor Peter Hollings
  kind: councillor
darren-minton:
  name: Darren Minton
  kind: officer
  phone: 01274 434361
""",
    "scrutiny-areas.yaml": """\
childrens-services:
  name: Children's Services
  committee: executive
""",
    "subjects.yaml": """\
exploitation:
  name: Exploitation of children and adults
""",
    # line:  1 ---   2 status   3 start   4 end   5 venue   6 attendance
    #        7 present   8 - person   9 role   10 - cllr-peter-hollings
    #       11 in_attendance   12 - darren-minton   13 documents   14 - title
    #       15 file   16 ---
    f"{MEETING}/meeting.md": """\
---
status: draft-minutes
start: 10:30
end: 12:15
venue: Committee Room 1, City Hall
attendance:
  present:
    - person: cllr-amina-rahman
      role: Chair
    - cllr-peter-hollings
  in_attendance:
    - darren-minton
documents:
  - title: Agenda
    file: agenda.pdf
---
Notes about the meeting.
""",
    # 1 ---  2 title  3 minute  4 ---  5 ## Minutes  6 blank  7 text
    ITEM_1: """\
---
title: Apologies for absence
minute: 70
---
## Minutes

No apologies were received.
""",
    # 1 ---  2 title  3 minute  4 scrutiny  5 subject  6 key_decision
    # 7 presented_by  8 documents  9 - title  10 file  11 contacts
    # 12 - people  13 phone  14 votes  15 - for  16 against  17 result
    # 18 declarations  19 - person  20 interest  21 ---  22 ## Agenda
    # 23 blank  24 text  25 blank  26 ## Minutes  27 blank  28 text
    ITEM_2: """\
---
title: Exploitation annual update
minute: 71
scrutiny: childrens-services
subject: exploitation
key_decision: false
presented_by: darren-minton
documents:
  - title: Report AM
    file: report-am.pdf
contacts:
  - people: [darren-minton]
    phone: 01274 434361
votes:
  - for: 5
    against: 1
    result: carried
declarations:
  - person: cllr-peter-hollings
    interest: Governor of a local school
---
## Agenda

The Chief Executive will submit a report.

## Minutes

The report was noted.
""",
}

BINARY: dict[str, bytes] = {  # real PDFs with text: a PDF with none is warned about (``pdftext``)
    f"{MEETING}/agenda.pdf": text_pdf("Executive agenda"),
    f"{MEETING}/report-am.pdf": text_pdf("Report AM on exploitation"),
}


def write_tree(root: Path) -> Path:
    """Write the minimal valid tree into ``root`` and return ``root``."""
    for rel, text in FILES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for rel, data in BINARY.items():
        (root / rel).write_bytes(data)
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace ``old`` (which must occur exactly once) in one file."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


# ---- planting mistakes in a tree, for the tests of the check ---------------------

Plant = Callable[[Path], None]  # changes a tree in one way


def replace(rel: str, old: str, new: str) -> Plant:
    return lambda root: edit(root, rel, old, new)


def all_of(*plants: Plant) -> Plant:
    def plant(root: Path) -> None:
        for p in plants:
            p(root)
    return plant


def mistakes(root: Path) -> list[ContentError]:
    """What the check reports for the tree at ``root`` (it must report something)."""
    with pytest.raises(ContentErrors) as caught:
        check_content(root)
    return caught.value.errors
