"""Nothing confidential leaks. Unique canary strings are planted in every exempt
item's text, recommendations, resolutions, votes, actions, contacts,
declarations and documents, and in every exempt document's file name and
bytes; the site is built (search index included) and snapshotted (zip, WARC,
WACZ), and every output file, decompressed and unpacked, is searched for them.

An exempt item reaches the public only as its number, title and Schedule 12A
reason; an exempt document only as its title and reason, never its file."""

from __future__ import annotations

import gzip
import io
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from minutebook.commands import archive
from minutebook.engine.build import build_site
from tests.support import CONTENT, SETTINGS

MEETING = "meetings/executive/2026-10-13"  # draft minutes: resolutions and votes are published
NEW_ITEM = f"{MEETING}/08-acquisition-of-land-at-canary-wharf-road.md"
SECRET_FILE = "canaryfile-zq7-valuation.pdf"
EXEMPT_ITEMS = [f"{MEETING}/07-home-to-school-transport-contract.md",
                "meetings/regulatory-appeals/2026-10-15/05-planning-enforcement-action.md"]
OPEN_ITEM_WITH_EXEMPT_APPENDIX = f"{MEETING}/05-former-carlisle-road-depot.md"


def canary(where: str) -> str:
    return f"CANARY-{where.upper()}-ZQ7"  # ZQ7: never in real text, so a hit is a leak


FULL_EXEMPT_ITEM = f"""---
title: Acquisition of land at Wharf Road
minute: 35
exempt: 3
report: M
submitted_by: {canary("submitted-by")} Director
presented_by: richard-coates
scrutiny: regeneration-and-environment
key_decision: true
recommendations:
  - That {canary("recommendation")} be agreed.
  - text: That the purchase be approved
    items:
      - subject to {canary("nested-recommendation")}
resolutions:
  - That {canary("resolution")} be approved at £{canary("sum")}.
votes:
  - on: {canary("vote-motion")}
    for: [cllr-amina-rahman, cllr-peter-hollings]
    against: [cllr-sarah-whitaker]
    result: carried
actions: {canary("action-owner")}
contacts:
  - name: {canary("contact-name")}
    email: {canary("contact").lower()}@example.org
    phone: 01274 999777
declarations:
  - person: cllr-daniel-okafor
    interest: {canary("declaration")}
    kind: other registrable
documents:
  - title: Document “M” – land at Wharf Road (not for publication)
    file: {SECRET_FILE}
---
## Agenda

The Director will submit a report about {canary("agenda-text")}.

## Minutes

The Executive discussed {canary("minutes-text")} and the price offered by {canary("vendor")}.
"""


def plant_canaries(content: Path) -> list[str]:
    """Plant canaries everywhere confidential; return every one planted."""
    (content / NEW_ITEM).write_text(FULL_EXEMPT_ITEM, encoding="utf-8")
    (content / MEETING / SECRET_FILE).write_bytes(f"%PDF-1.4 {canary('file-bytes')}\n".encode())
    for n, rel in enumerate(EXEMPT_ITEMS):
        path = content / rel
        text = path.read_text(encoding="utf-8")
        text = text.replace("## Minutes\n\n", f"## Minutes\n\n{canary(f'minutes-{n}')} ")
        text = text.replace("## Agenda\n\n", f"## Agenda\n\n{canary(f'agenda-{n}')} ")
        text = text.replace("resolutions:\n", f"resolutions:\n  - That {canary(f'resolution-{n}')} be noted.\n")
        path.write_text(text, encoding="utf-8")
    appendix = content / MEETING / "appendix-2-valuation-and-bids.pdf"
    appendix.write_bytes(appendix.read_bytes() + f"\n{canary('appendix-bytes')}\n".encode())
    planted = re.findall(r"CANARY-[A-Z0-9-]+-ZQ7", "".join(
        (content / rel).read_text(encoding="utf-8") for rel in [NEW_ITEM, *EXEMPT_ITEMS]))
    return sorted(set(planted) | {canary("file-bytes"), canary("appendix-bytes"), canary("contact").lower()})


@pytest.fixture(scope="module")
def leaky(tmp_path_factory) -> tuple[Path, Path, list[str]]:
    """The sample content with canaries planted, built with its search index and snapshotted."""
    base = tmp_path_factory.mktemp("exempt")
    content = base / "content"
    shutil.copytree(CONTENT, content)
    planted = plant_canaries(content)
    site = build_site(SETTINGS, content, base / "output")
    snapshot = archive.create_snapshot(archive.Snapshot(site, "https://minutes.example.org", 1_790_000_000),
                                       base / "snapshot")
    return site, snapshot, planted


def unpacked(name: str, data: bytes, depth: int = 0) -> Iterator[tuple[str, bytes]]:
    """A file's bytes, and those of everything inside it: gzip (Pagefind's
    index, WARC records) and zip (the site zip, the WACZ) are opened."""
    yield name, data
    if depth > 3:
        return
    if data[:2] == b"\x1f\x8b":
        try:
            yield from unpacked(name + "!gunzip", gzip.decompress(data), depth + 1)
        except (OSError, EOFError):
            pass
    elif data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as zipped:
            for member in zipped.namelist():
                yield from unpacked(f"{name}!{member}", zipped.read(member), depth + 1)


def every_payload(*folders: Path) -> Iterator[tuple[str, bytes]]:
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                yield from unpacked(str(path.relative_to(folder.parent)), path.read_bytes())


def test_the_planted_item_builds_and_its_canaries_are_many(leaky) -> None:
    site, _, planted = leaky
    assert len(planted) >= 20
    page = site / "committees/executive/2026-10-13/acquisition-of-land-at-canary-wharf-road/index.html"
    text = BeautifulSoup(page.read_text(), "html.parser").get_text(" ", strip=True)
    assert "Acquisition of land at Wharf Road" in text
    assert "paragraph 3 of Part 1 of Schedule 12A" in text


def test_no_canary_in_any_output_file_decompressed_or_unpacked(leaky) -> None:
    site, snapshot, planted = leaky
    needles = [c.encode() for c in planted] + [c.lower().encode() for c in planted]
    scanned, kinds = 0, set()
    for name, data in every_payload(site, snapshot):
        scanned += 1
        kinds.add(Path(name.split("!")[0]).suffix)
        leaked = [n.decode() for n in needles if n in data]
        assert not leaked, f"{name} contains {leaked}"
        assert b"canaryfile" not in data.lower() or name.endswith(".md"), f"{name} names the exempt file"
    # the scan really covered pages, feeds, calendars, data, sitemaps, search index and snapshots
    assert {".html", ".xml", ".json", ".ics", ".csv", ".zip", ".gz", ".wacz", ".txt"} <= kinds, kinds
    assert scanned > 500


def test_exempt_document_files_are_never_copied(leaky) -> None:
    site, snapshot, _ = leaky
    names = [p.name for p in site.rglob("*")]
    assert SECRET_FILE not in names
    assert "appendix-2-valuation-and-bids.pdf" not in names
    # the open documents of the same item are published
    assert "document-k-carlisle-road-depot.pdf" in names
    with zipfile.ZipFile(snapshot / "site.zip") as zipped:
        assert not any(n.endswith((SECRET_FILE, "appendix-2-valuation-and-bids.pdf")) for n in zipped.namelist())


def test_an_exempt_document_of_an_open_item_shows_its_title_and_reason_only(leaky) -> None:
    site, _, _ = leaky
    page = site / "committees/executive/2026-10-13/former-carlisle-road-depot/index.html"
    soup = BeautifulSoup(page.read_text(), "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "Not for Publication Appendix 2 – Valuation and bids received" in text
    assert "paragraph 3" in text
    assert not soup.find("a", href=re.compile("appendix-2"))
