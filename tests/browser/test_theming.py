"""A council restyles the site from settings and overrides single blocks, without forking the theme."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from minutebook.engine.build import build_site
from tests.support import CONTENT, SETTINGS

ITEM_OVERRIDE = """{% extends "!theme/item.html" %}
{% block item_history %}<h2 id="history">History of this item</h2><p>Told by the council's override.</p>{% endblock %}
"""
BORSETSHIRE = {
    "SITENAME": "Committee papers",
    "MINUTEBOOK_COUNCIL": "Borsetshire County Council",
    "MINUTEBOOK_DEMONSTRATION": False,
    "MINUTEBOOK_LOGO": "images/borsetshire.svg",
    "MINUTEBOOK_COLOURS": {"brand": "#6f1d46", "link": "#0b5394", "dark-link": "#a9cdf5"},
    "MINUTEBOOK_FOOTER_LINKS": [("Council website", "https://www.example.org/")],
    "MINUTEBOOK_CONTACT": {"name": "Committee Services", "email": "committees@example.org", "phone": "01632 960000"},
    "MINUTEBOOK_ACCESSIBILITY": {
        "compliance": "partial",
        "last_tested": "2026-10-01",
        "tested_by": "Borsetshire Digital",
        "known_issues": [{"issue": "Some older agenda packs are scanned PDFs.",
                          "criterion": "WCAG 2.2 success criterion 1.1.1 (non-text content)",
                          "fix_by": "We plan to replace them by March 2027."}],
    },
}


@pytest.fixture(scope="module")
def restyled_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("restyled")
    overrides = root / "templates"
    overrides.mkdir()
    (overrides / "item.html").write_text(ITEM_OVERRIDE, encoding="utf-8")
    output = root / "output"
    build_site(SETTINGS, CONTENT, output, {**BORSETSHIRE, "THEME_TEMPLATES_OVERRIDES": [str(overrides)]})
    return output


def read(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_header_footer_and_colours_come_from_settings(restyled_site):
    home = read(restyled_site, "index.html")
    assert home.select_one(".site-header__council").get_text() == "Borsetshire County Council"
    assert home.select_one(".site-header__service").get_text() == "Committee papers"
    assert "--brand:#6f1d46" in home.style.get_text()
    assert "@media (prefers-color-scheme:dark){:root{--link:#a9cdf5;}}" in home.style.get_text()
    footer_links = {a.get_text(): a["href"] for a in home.select(".footer-links a")}
    assert footer_links["Council website"] == "https://www.example.org/"
    assert "Accessibility statement" in footer_links
    assert "committees@example.org" in home.footer.get_text()
    logo = read(restyled_site, "committees/index.html").select_one(".site-header__logo")
    assert logo["src"] == "../images/borsetshire.svg" and logo["alt"] == "", "decorative: the name follows it"
    assert home.select_one(".phase-banner") is None, "no demonstration banner on a council's own site"


def test_one_block_of_a_template_is_overridden(restyled_site, built_site):
    items = [p for p in restyled_site.rglob("index.html") if "exploitation-annual-update" in str(p)]
    page = BeautifulSoup(items[0].read_text(encoding="utf-8"), "html.parser")
    assert page.find("h2", id="history").find_next("p").get_text() == "Told by the council's override."
    assert page.find("h2", id="minutes"), "the rest of the item page is the theme's"
    assert page.select_one(".site-header__council").get_text() == "Borsetshire County Council"


def test_accessibility_statement_states_the_councils_facts(restyled_site):
    statement = read(restyled_site, "accessibility/index.html")
    text = " ".join(statement.main.get_text(" ").split())
    headings = [h.get_text() for h in statement.main.find_all("h2")]
    assert headings[:4] == ["How accessible this website is", "Feedback and contact information",
                            "Reporting accessibility problems with this website", "Enforcement procedure"]
    assert "Preparation of this accessibility statement" in headings
    assert "This website is run by Borsetshire County Council." in text
    assert "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2" in text
    assert "Some older agenda packs are scanned PDFs." in text
    assert "This fails WCAG 2.2 success criterion 1.1.1 (non-text content)." in text
    assert "This website was last tested on 1 October 2026 against the WCAG 2.2 AA standard." in text
    assert statement.find("time", datetime="2026-10-01")
    assert statement.find("a", href="mailto:committees@example.org")
    assert "call 01632 960000" in text


def test_sample_statement_says_fully_compliant_and_when_tested(built_site):
    text = " ".join(read(built_site, "accessibility/index.html").main.get_text(" ").split())
    assert "This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA" in text
    assert "This website was last tested on 24 November 2026" in text


def test_a_colour_that_is_not_a_colour_is_refused():
    from minutebook.site.formatting import colour_style

    with pytest.raises(ValueError, match="MINUTEBOOK_COLOURS: brand"):
        colour_style({"brand": "red;}</style><script>alert(1)</script>"})
    assert colour_style({"accent": "rgb(46, 138, 160)"}) == ":root{--accent:rgb(46, 138, 160);}"
