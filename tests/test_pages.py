"""The built sample site, read back as a visitor's browser would parse it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.support import ROOT, SEED, html_files

SEED_COPY = ROOT / "tests" / "fixtures" / "seed.txt"
SEED_ITEM = "committees/executive/2024-03-05/exploitation-annual-update/index.html"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def normalise(text: str) -> str:
    """Compare text as a reader would: quotes unified, whitespace ignored."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return re.sub(r"\s+", "", text)


def seed_paragraphs() -> list[str]:
    text = SEED_COPY.read_text(encoding="utf-8")
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def test_fixture_is_the_shared_seed():
    if not SEED.exists():
        pytest.skip("shared/seeds is not beside this checkout")
    assert SEED_COPY.read_bytes() == SEED.read_bytes()


@pytest.mark.parametrize("paragraph", seed_paragraphs())
def test_seed_item_page_carries_every_sentence_of_the_seed(built_site, paragraph):
    page = normalise(soup(built_site / SEED_ITEM).get_text(" "))
    # labels in the seed end in ':' or ' –'; the page shows them as headings
    expected = normalise(paragraph).rstrip(":–")
    assert expected in page


def test_seed_item_keeps_agenda_and_minutes_apart(built_site):
    page = soup(built_site / SEED_ITEM)
    agenda = page.find(id="agenda")
    minutes = page.find(id="minutes")
    assert agenda and minutes
    between = []
    for element in agenda.find_all_next():
        if element is minutes:
            break
        between.append(element.get_text(" "))
    agenda_text = normalise(" ".join(between))
    assert normalise("The Chief Executive will submit a report") in agenda_text
    assert normalise("The Chief Executive submitted a report") not in agenda_text


@pytest.mark.parametrize("page", [
    "committees/executive/2024-03-05/index.html",
    "committees/executive/index.html",
    "scrutiny-areas/childrens-services/index.html",
    "subjects/exploitation/index.html",
])
def test_pages_link_to_the_seed_item(built_site, page):
    path = built_site / page
    targets = {(path.parent / a["href"]).resolve() for a in soup(path).find_all("a", href=True)
               if "://" not in a["href"]}
    seed_dir = (built_site / SEED_ITEM).parent
    assert (built_site / SEED_ITEM).resolve() in targets or any(
        seed_dir in t.parents for t in targets) or _reaches(built_site, path, SEED_ITEM)


def _reaches(root: Path, page: Path, target: str) -> bool:
    """The committee page links to the meeting, which links to the item."""
    for a in soup(page).find_all("a", href=True):
        linked = (page.parent / a["href"]).resolve()
        if linked.name == "index.html" and linked.exists() and linked != page.resolve():
            for b in soup(linked).find_all("a", href=True):
                if (linked.parent / b["href"]).resolve() == (root / target).resolve():
                    return True
    return False


def test_every_page_has_one_h1_and_a_language(built_site):
    for path in html_files(built_site):
        page = soup(path)
        assert len(page.find_all("h1")) == 1, path
        assert page.html.get("lang") == "en-GB", path


def test_every_page_but_home_has_breadcrumbs_starting_at_home(built_site):
    for path in html_files(built_site):
        if path == built_site / "index.html":
            continue
        crumbs = soup(path).select('nav[aria-label="Breadcrumb"] li')
        assert crumbs, path
        assert crumbs[0].get_text(strip=True) == "Home", path
        assert crumbs[-1].get("aria-current") == "page", path


def test_every_internal_link_resolves_to_a_file(built_site):
    broken = []
    for path in html_files(built_site):
        for tag in soup(path).find_all(["a", "link", "script", "img"]):
            ref = tag.get("href") or tag.get("src")
            if not ref or ref.startswith(("mailto:", "tel:", "#")) or urlsplit(ref).scheme:
                continue
            target = (path.parent / unquote(urlsplit(ref).path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(built_site)} -> {ref}")
    assert broken == []


def test_urls_are_lowercase_and_readable(built_site):
    for path in built_site.rglob("*"):
        rel = path.relative_to(built_site).as_posix()
        if path.is_file() and rel.endswith(".html"):
            assert rel == rel.lower(), rel
            assert re.fullmatch(r"[a-z0-9/._-]+", rel), rel


def test_meeting_page_shows_status_time_venue_and_attendance(built_site):
    page = soup(built_site / "committees/executive/2024-03-05/index.html")
    text = page.get_text(" ")
    assert "Approved minutes" in text
    assert "10:30am" in text and "12:15pm" in text
    assert "Committee Room 1, City Hall, Bradford" in text
    present = [c for c in page.find_all("caption") if c.get_text(strip=True) == "Present"]
    assert present, "the attendance table of those present"
    rows = present[0].find_parent("table").select("tbody tr")
    assert any("Councillor Amina Rahman" in r.get_text() and "Chair" in r.get_text() for r in rows)


def test_draft_minutes_say_so(built_site):
    text = soup(built_site / "committees/executive/2024-04-09/index.html").get_text(" ")
    assert "Draft minutes: not yet approved" in text


def test_decisions_register_lists_the_seed_resolutions(built_site):
    # the register is one page for each municipal year: the seed's is 2023 to 2024
    text = normalise(soup(built_site / "decisions/2023-to-2024/index.html").get_text(" "))
    assert normalise("That the Executive commits to working closely with partners") in text
    assert (built_site / "decisions/executive/index.html").exists()
    assert (built_site / "decisions/2024/index.html").exists()


def test_person_page_lists_attendance_and_contact_items(built_site):
    text = soup(built_site / "people/darren-minton/index.html").get_text(" ")
    assert "Exploitation – annual update" in text
    chair = soup(built_site / "people/cllr-amina-rahman/index.html").get_text(" ")
    assert "Executive" in chair and "Present" in chair
