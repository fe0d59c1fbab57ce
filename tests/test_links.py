"""The built site has no broken links, loads nothing from other sites, works
from file:// and under a sub-path, and every page is reachable by plain links."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from minutebook.linkcheck import check_links, report, unreachable_pages
from tests.support import CONTENT, ROOT


def test_the_site_has_no_broken_or_non_portable_links(built_site):
    problems = check_links(built_site)
    assert problems == [], report(problems, [])


def test_every_page_is_reachable_from_the_home_page_by_plain_links(built_site):
    missed = unreachable_pages(built_site)
    assert missed == [], report([], missed)


def test_listings_only_emit_periods_that_have_meetings(built_site):
    """No empty year (or month) pages for a crawler to wander through."""
    meeting_dates = [p.parent.name for p in CONTENT.glob("meetings/*/*/meeting.md")]
    years = {d[:4] for d in meeting_dates}
    months = {d[:7] for d in meeting_dates}
    for file in built_site.rglob("*"):
        rel = file.relative_to(built_site).as_posix()
        for part in rel.split("/")[:-1]:
            if re.fullmatch(r"(19|20)\d\d", part):
                assert part in years, f"{rel} lists {part}, a year without meetings"
            elif re.fullmatch(r"(19|20)\d\d-\d\d", part):
                assert part in months, f"{rel} lists {part}, a month without meetings"


@pytest.fixture
def damaged_site(built_site, tmp_path) -> Path:
    """A copy of the site with one of each kind of mistake the check must find."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    home = site / "index.html"
    html = home.read_text()
    mistakes = "\n".join([
        '<a href="committees/no-such-committee/index.html">gone</a>',
        '<a href="committees/index.html#no-such-id">bad fragment</a>',
        '<a href="#main-content">fine fragment</a>',
        '<a href="committees/">a folder</a>',
        '<a href="/committees/index.html">absolute</a>',
        '<img src="theme/images/missing.png" alt="">',
        '<script src="https://cdn.example.com/tracker.js"></script>',
        '<a href="https://www.gov.uk/">a link to another site is fine</a>',
    ])
    home.write_text(html.replace("</main>", mistakes + "\n</main>", 1))
    css = site / "theme/css/main.css"
    css.write_text(css.read_text() + '\n.x { background: url("../img/missing.svg"); }\n'
                   "@import url('https://fonts.example.com/font.css');\n")
    (site / "orphan").mkdir()
    (site / "orphan/index.html").write_text("<!DOCTYPE html><title>Orphan</title><p>Nobody links here.</p>")
    return site


def test_the_check_names_every_mistake_with_its_file_and_line(damaged_site):
    problems = check_links(damaged_site)
    by_link = {p.link: p for p in problems}
    line_of = {line.strip(): n for n, line in
               enumerate((damaged_site / "index.html").read_text().splitlines(), start=1)}
    gone = by_link["committees/no-such-committee/index.html"]
    assert (gone.file, gone.line) == ("index.html",
                                      line_of['<a href="committees/no-such-committee/index.html">gone</a>'])
    assert "no such file" in gone.reason
    assert "no element with id 'no-such-id'" in by_link["committees/index.html#no-such-id"].reason
    assert "folder" in by_link["committees/"].reason
    assert "sub-path" in by_link["/committees/index.html"].reason
    assert "no such file" in by_link["theme/images/missing.png"].reason
    assert "another site" in by_link["https://cdn.example.com/tracker.js"].reason
    assert "no such file" in by_link["../img/missing.svg"].reason
    assert by_link["../img/missing.svg"].file == "theme/css/main.css"
    assert "another site" in by_link["https://fonts.example.com/font.css"].reason
    assert "#main-content" not in by_link and "https://www.gov.uk/" not in by_link
    assert len(problems) == 8
    assert unreachable_pages(damaged_site) == ["orphan/index.html"]


def test_the_check_resolves_site_addresses_in_sitemaps_and_feeds(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0"?>\n<urlset>\n<url><loc>https://minutes.example.org/committees/</loc></url>\n'
        "<url><loc>https://minutes.example.org/committees/renamed/</loc></url>\n</urlset>\n")
    problems = check_links(site, "https://minutes.example.org")
    assert [(p.file, p.line, p.link) for p in problems] == [
        ("sitemap.xml", 4, "https://minutes.example.org/committees/renamed/")]


def test_the_linkcheck_command_fails_naming_the_problems(damaged_site, built_site):
    bad = subprocess.run([sys.executable, "-m", "minutebook", "linkcheck", str(damaged_site)],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert "index.html:" in bad.stdout and "committees/no-such-committee/index.html" in bad.stdout
    assert "orphan/index.html" in bad.stdout
    good = subprocess.run([sys.executable, "-m", "minutebook", "linkcheck", str(built_site)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert good.returncode == 0, good.stdout
    assert "no broken links" in good.stdout
