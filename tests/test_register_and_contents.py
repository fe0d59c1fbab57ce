"""Long pages made shorter: the decisions register one municipal year to a page,
procedural decisions left out with one link to include them, and an "On this page"
list on item pages with long minutes or several votes."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from minutebook.content.urls import decisions_in_municipal_year
from minutebook.model.objects import AgendaItem
from minutebook.site.register import is_procedural


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def item(title: str, declarations: list | None = None) -> AgendaItem:
    """An agenda item with only what ``is_procedural`` reads: its title, and the
    declarations made at its meeting."""
    found = AgendaItem.__new__(AgendaItem)
    object.__setattr__(found, "title", title)
    object.__setattr__(found, "meeting", SimpleNamespace(declarations=declarations or []))
    return found


@pytest.mark.parametrize("title", [
    "Minutes of the previous meeting", "Minutes of the last meeting held on 5 March 2024", "MINUTES",
    "Confirmation of minutes", "Apologies for absence", "Apologies", "Apologies and substitutions",
    "Disclosures of interest", "Declarations of Interest", "Inspection of reports and background papers",
    "Exclusion of the public", "Exclusion of the press and public"])
def test_procedural_items_are_known_by_their_title(title):
    assert is_procedural(item(title))


@pytest.mark.parametrize("title", [
    "Exploitation – annual update", "Minutes of the Health and Wellbeing Board", "Declarations register review",
    "Apologies from the Leader for the delay in the budget", "Questions to the Leader"])
def test_other_items_are_not_procedural(title):
    assert not is_procedural(item(title))


def test_disclosures_at_which_an_interest_was_declared_are_not_procedural():
    declared = ["Councillor Dyson: a member of the town council"]
    assert not is_procedural(item("Disclosures of interest", declarations=declared))


@given(st.text(alphabet=st.characters(categories=["L", "N", "Zs"]), max_size=40))
def test_the_minutes_of_the_previous_meeting_whatever_follows(rest):
    assert is_procedural(item(f"Minutes of the previous meeting {rest}"))


@given(st.integers(min_value=1900, max_value=2998))
def test_each_municipal_year_has_two_distinct_addresses(first):
    base, full = decisions_in_municipal_year(first), decisions_in_municipal_year(first, procedural=True)
    assert re.fullmatch(rf"decisions/{first}-to-{first + 1}/", base) and full == f"{base}with-procedural/"
    assert base != decisions_in_municipal_year(first + 1)


def years_linked(built: Path) -> list[Path]:
    index = soup(built / "decisions/index.html")
    links = [a["href"] for a in index.select("main a") if re.fullmatch(r"\d{4}-to-\d{4}/index\.html", a["href"])]
    return [(built / "decisions" / href).resolve() for href in links]


def decision_titles(page: Path) -> list[str]:
    return [h.get_text(" ", strip=True) for h in soup(page).select("main .decision h3")]


def test_the_register_index_links_to_a_page_for_each_municipal_year(built_site):
    years = years_linked(built_site)
    from minutebook.engine.build import settings_for
    from minutebook.engine.pipeline import load_site
    from tests.support import CONTENT, SETTINGS

    site = load_site(CONTENT, settings_for(SETTINGS, CONTENT))
    expected = sorted({d.meeting.municipal_year.replace(" ", "-") for d in site.decisions}, reverse=True)
    assert [p.parent.name for p in years] == expected, "every year with a decision, newest first"
    assert all(p.exists() for p in years)
    assert soup(built_site / "decisions/index.html").select("main .decision") == [], "the index lists no decisions"


def test_a_year_leaves_out_procedural_decisions_with_one_link_to_include_them(built_site):
    year = built_site / "decisions/2026-to-2027/index.html"
    titles = decision_titles(year)
    assert titles and "Minutes of the previous meeting" not in titles and "Disclosures of interest" not in titles
    links = [a for a in soup(year).select("main a") if "with-procedural" in a["href"]]
    assert [a.get_text(strip=True) for a in links] == ["Show this year’s decisions with the procedural ones"]
    full = (year.parent / links[0]["href"]).resolve()
    everything = decision_titles(full)
    assert "Minutes of the previous meeting" in everything
    assert [t for t in everything if t in titles] == titles, "the same decisions in the same order, and more"
    back = [a for a in soup(full).select("main a") if a.get_text(strip=True) == "Leave out the procedural decisions"]
    assert len(back) == 1 and (full.parent / back[0]["href"]).resolve() == year.resolve()


def test_every_decision_is_in_one_year_with_its_procedural_ones(built_site):
    from minutebook.engine.build import settings_for
    from minutebook.engine.pipeline import load_site
    from tests.support import CONTENT, SETTINGS

    site = load_site(CONTENT, settings_for(SETTINGS, CONTENT))
    listed = sum(len(decision_titles(p.parent / "with-procedural/index.html")) for p in years_linked(built_site))
    assert listed == len(site.decisions)


def test_an_item_with_several_votes_has_an_on_this_page_list(built_site):
    pages = [p for p in built_site.glob("committees/*/*/*/index.html") if 'class="contents"' in p.read_text("utf-8")]
    assert pages, "the sample's motion with an amendment has the list"
    for page in pages:
        html = soup(page)
        contents = html.select_one("nav.contents")
        assert contents.find("h2").get_text(strip=True) == "On this page"
        targets = [a["href"] for a in contents.select("a")]
        assert "#minutes" in targets and "#vote-1" in targets and "#vote-2" in targets
        for target in targets:
            assert html.find(id=target[1:]) is not None, f"{page}: {target} leads nowhere"


def test_a_short_item_has_no_on_this_page_list(built_site):
    seed = built_site / "committees/executive/2024-03-05/exploitation-annual-update/index.html"
    assert 'class="contents"' not in seed.read_text(encoding="utf-8")
