"""Content for the discovery tests: the sample content plus a few meetings
that exercise subjects across committees, cross-references, an exempt item
and document, a cancelled and a scheduled meeting.

Ids, dates and minute numbers are chosen so as not to collide with whatever
the sample content grows to hold.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support import CONTENT

SECRET = "Zanzibar-Quokka-Exempt"  # written only in exempt text: must never be published
SCRUTINY = "test-scrutiny-committee"
SCRUTINY_NAME = "Test Scrutiny Committee"
EMPTY_AREA = "test-area-without-items"
EXEC_2022 = "executive/2022-06-14"
SCRUTINY_2023 = f"{SCRUTINY}/2023-11-14"
CANCELLED = f"{SCRUTINY}/2024-06-11"
SCHEDULED = f"{SCRUTINY}/2031-01-14"
SEED_ITEM = "committees/executive/2024-03-05/exploitation-annual-update/"
APPROVING_ITEM = "committees/executive/2024-04-09/minutes-of-the-previous-meeting/"

FILES = {
    "committees.yaml+": f"""
{SCRUTINY}:
  name: {SCRUTINY_NAME}
  kind: scrutiny
  description: A committee that exists only in the tests.
""",
    "scrutiny-areas.yaml+": f"""
{EMPTY_AREA}:
  name: An area with no items
""",
    f"meetings/{EXEC_2022}/meeting.md": """---
status: draft-minutes
start: 10:00
end: 11:30
venue: Committee Room 1, City Hall, Bradford
---
""",
    f"meetings/{EXEC_2022}/06-exploitation-annual-update-2022.md": """---
title: Exploitation – annual update 2022
minute: 901
report: AB
scrutiny: childrens-services
subject: exploitation
documents:
  - title: Document “AB”
    url: https://example.org/document-ab.pdf
resolutions:
  - That the report be noted.
---
## Minutes

The Chief Executive submitted a report (Document “AB”) on exploitation.
""",
    f"meetings/{SCRUTINY_2023}/meeting.md": """---
status: draft-minutes
start: 18:00
venue: Council Chamber, City Hall, Bradford
attendance:
  present: [cllr-helen-marsden, cllr-daniel-okafor, cllr-sarah-whitaker]
---
""",
    f"meetings/{SCRUTINY_2023}/04-minutes-of-the-previous-meeting.md": """---
title: Minutes of the previous meeting
minute: 11
resolutions:
  - That the minutes be signed as a correct record.
---
## Minutes

Agreed.
""",
    f"meetings/{SCRUTINY_2023}/05-child-exploitation-review.md": """---
title: Child exploitation – scrutiny review
minute: 12
scrutiny: childrens-services
subject: exploitation
documents:
  - title: Not for publication Appendix E
    exempt: 7
votes:
  - on: the recommendation
    for: [cllr-helen-marsden, cllr-daniel-okafor]
    against: [cllr-sarah-whitaker]
    result: carried
resolutions:
  - That the review be sent to the Executive.
---
## Minutes

Further to Minute 11, members asked how reports of exploitation reached the partnership portal,
which the Executive had discussed on 5 March 2024 (Minute 75).
""",
    f"meetings/{SCRUTINY_2023}/06-case-review.md": f"""---
title: Case review
minute: 13
exempt: 1
---
## Minutes

{SECRET} was discussed in private.
""",
    f"meetings/{CANCELLED}/meeting.md": """---
status: cancelled
start: 18:00
venue: Council Chamber, City Hall, Bradford
---
The meeting was cancelled because it was not quorate.
""",
    f"meetings/{SCHEDULED}/meeting.md": """---
status: scheduled
start: 18:00
venue: Council Chamber, City Hall, Bradford
---
""",
    "meetings/executive/2024-04-09/01-minutes-of-the-previous-meeting.md+": """
Arising from Minute 75, the Leader asked for next year's update to come to the Executive.
""",
}


def write_sample(target: Path) -> Path:
    """Copy content/ to ``target`` and add the discovery meetings."""
    shutil.copytree(CONTENT, target)
    for name, text in FILES.items():
        path = target / name.rstrip("+")
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith("+"):
            path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")
        else:
            path.write_text(text, encoding="utf-8")
    return target
