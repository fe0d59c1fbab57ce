"""The built site has no broken links, loads nothing from other sites, works
from file:// and under a sub-path, and every page is reachable by plain links."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from minutebook.commands.linkcheck import check_links, report, unreachable_pages
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
            if rel.startswith("decisions/") and re.fullmatch(r"\d{4}-\d\d", part) and int(part[5:]) > 12:
                continue  # a municipal year of the register (2018-19), not a month
            if rel.startswith("forward-plan/"):
                continue  # its months are those of decisions expected (tests/test_forward_plan_pages.py)
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
    (site / "meetings.ics").write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"
                                       "URL:https://minutes.example.org/committees/executive/2024-04-09/\r\n"
                                       "END:VEVENT\r\nBEGIN:VEVENT\r\n"
                                       "URL:https://minutes.example.org/committees/executive/1999-01-01/\r\n"
                                       "END:VEVENT\r\nEND:VCALENDAR\r\n")
    problems = check_links(site, "https://minutes.example.org")
    assert [(p.file, p.line, p.link) for p in problems] == [
        ("meetings.ics", 6, "https://minutes.example.org/committees/executive/1999-01-01/"),
        ("sitemap.xml", 4, "https://minutes.example.org/committees/renamed/")]


def test_a_folded_calendar_address_is_read_whole(built_site, tmp_path):
    """iCalendar folds lines longer than 75 octets: a long site address goes on after a line break and a space."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / "meetings.ics").write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"
                                       "URL:https://council.example.github.io/minutes/committees/executive/2024-0\r\n"
                                       " 4-09/\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n"
                                       "URL:https://council.example.github.io/minutes/committees/executive/1999-0\r\n"
                                       " 1-01/\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    problems = check_links(site, "https://council.example.github.io/minutes")
    assert [(p.file, p.line, p.link) for p in problems] == [
        ("meetings.ics", 7, "https://council.example.github.io/minutes/committees/executive/1999-01-01/")]


UNSAFE = {
    '<a href="javascript:alert(1)">a</a>': "'javascript:' links are not allowed",
    '<a href=" JaVaScRiPt:alert(1)">a</a>': "'javascript:' links are not allowed",
    '<a href="data:text/html,&lt;script&gt;">a</a>': "'data:' links are not allowed",
    '<form action="vbscript:x"></form>': "'vbscript:' links are not allowed",
    '<a href="https://">a</a>': "names no host",
    '<a href="mailto:democratic.services">a</a>': "is not an email address",
    '<a href="tel:ring-us">a</a>': "is not a phone number",
    '<a href="https://example.org/a b">a</a>': "malformed",
}
SAFE = ['<a href="https://www.gov.uk/">a</a>', '<a href="mailto:clerk@example.org?subject=Minutes">a</a>',
        '<a href="tel:+441274434361">a</a>', '<a href="committees/index.html">a</a>',
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">']


def test_check_urls_names_every_link_that_is_not_http_mailto_or_tel(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    good = run_minutebook("check-urls", str(site))
    assert good.returncode == 0, good.stdout
    home = site / "index.html"
    html = home.read_text()
    home.write_text(html.replace("</main>", "\n".join([*UNSAFE, *SAFE]) + "\n</main>", 1))
    lines = {line.strip(): n for n, line in enumerate(home.read_text().splitlines(), start=1)}
    bad = run_minutebook("check-urls", str(site))
    assert bad.returncode == 1
    reported = bad.stdout.splitlines()
    for tag, reason in UNSAFE.items():
        assert any(line.startswith(f"index.html:{lines[tag]}: ") and reason in line for line in reported), tag
    assert len(reported) == len(UNSAFE) + 1  # and a last line saying how many
    assert "8 links" in reported[-1]


def test_a_build_for_publishing_has_no_broken_links(tmp_path):
    """With the site's address set, canonical links, sitemaps and feeds name full addresses: all must exist."""
    from minutebook.engine.build import build_site
    from tests.support import SETTINGS

    output = build_site(SETTINGS, CONTENT, tmp_path / "output", {"SITEURL": "https://minutes.example.org"})
    problems = check_links(output, "https://minutes.example.org")
    assert problems == [], report(problems, [])


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


# ---- addresses that never break: aliases and check-urls --------------------------

SEED_ITEM = "meetings/executive/2024-03-05/08-exploitation-annual-update.md"
SEED_PATH = "committees/executive/2024-03-05/exploitation-annual-update/"


def add_aliases(item: Path, *aliases: str) -> None:
    lines = "".join(f"  - {alias}\n" for alias in aliases)
    item.write_text(item.read_text().replace("---\n", f"---\naliases:\n{lines}", 1))


def run_minutebook(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "minutebook", *args], cwd=ROOT,
                          capture_output=True, text=True, check=False)


def test_a_renamed_item_keeps_its_old_address_with_a_redirect(built_site, content_copy, tmp_path):
    from minutebook.commands import archive
    from minutebook.engine.build import build_site
    from tests.support import SETTINGS

    before = tmp_path / "before"
    archive.create_snapshot(archive.Snapshot(built_site, "https://minutes.example.org", 0), before)
    renamed = content_copy / SEED_ITEM.replace("annual-update", "update")
    (content_copy / SEED_ITEM).rename(renamed)
    output = build_site(SETTINGS, content_copy, tmp_path / "output")
    lost = run_minutebook("check-urls", "--against", str(before / "manifest-sha256.txt"), str(output))
    assert lost.returncode == 1
    assert f"{SEED_PATH}index.html" in lost.stdout

    add_aliases(renamed, SEED_PATH)
    output = build_site(SETTINGS, content_copy, tmp_path / "output")
    kept = run_minutebook("check-urls", "--against", str(before), str(output))
    assert kept.returncode == 0, kept.stdout
    redirect = (output / SEED_PATH / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../exploitation-update/index.html">' in redirect
    assert '<link rel="canonical" href="../exploitation-update/index.html">' in redirect
    assert '<a href="../exploitation-update/index.html">Exploitation – annual update</a>' in redirect
    assert check_links(output) == []
    assert unreachable_pages(output) == []  # redirect pages need no links to them


def test_a_redirect_names_the_full_canonical_address_when_the_site_has_one(content_copy, tmp_path):
    from minutebook.engine.build import build_site
    from tests.support import SETTINGS

    add_aliases(content_copy / SEED_ITEM, "/committees/executive/2024-03-05/8-exploitation/index.html")
    output = build_site(SETTINGS, content_copy, tmp_path / "output",
                        {"SITEURL": "https://minutes.example.org"})
    redirect = (output / "committees/executive/2024-03-05/8-exploitation/index.html").read_text()
    assert f'<link rel="canonical" href="https://minutes.example.org/{SEED_PATH}">' in redirect


@pytest.mark.parametrize("alias, message", [
    ("committees/executive/", "is the address of a page that exists (Executive)"),
    (SEED_PATH, "is the address of a page that exists"),
    ("theme/old/", "holds the site's files"),
    ("https://minutes.example.org/old/", "write only the part after the site's address"),
    ("old page?id=4", "is not an address on this site"),
])
def test_the_check_refuses_an_alias_that_is_not_an_old_address(content_copy, alias, message):
    add_aliases(content_copy / SEED_ITEM, "committees/executive/2024-03-05/old-title/", alias)
    run = run_minutebook("check", str(content_copy))
    assert run.returncode == 1
    assert f"{SEED_ITEM}:4: aliases[1]: " in run.stderr  # the line of the second alias
    assert message in run.stderr


def test_the_check_refuses_an_alias_claimed_by_two_pages(content_copy):
    add_aliases(content_copy / SEED_ITEM, "old/exploitation/")
    add_aliases(content_copy / "meetings/executive/2024-04-09/meeting.md", "/old/exploitation/index.html")
    run = run_minutebook("check", str(content_copy))
    assert run.returncode == 1
    assert "aliases[0]: 'old/exploitation/' is also an alias in" in run.stderr


# ---- in a real browser: from disk and under a sub-path, nothing from other sites ----

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


def visit_every_page(browser, base: str, pages: list[str]) -> dict[str, tuple[list[str], list[str], list[str]]]:
    """Load each page at ``base``; return its requests, failed requests and link targets."""
    tab = browser.new_page()
    current: list[tuple[list[str], list[str]]] = []
    tab.on("request", lambda r: current[-1][0].append(r.url))
    tab.on("requestfailed", lambda r: current[-1][1].append(r.url))
    seen = {}
    for rel in pages:
        current.append(([], []))
        response = tab.goto(base + rel, wait_until="load")
        if response is not None:
            assert response.status == 200, rel
        links = tab.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        seen[rel] = (*current[-1], links)
    tab.close()
    return seen


def site_pages_of(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html"))]


def test_every_page_works_from_disk_without_requests_elsewhere(browser, built_site):
    base = built_site.as_uri() + "/"
    for rel, (requests, failed, links) in visit_every_page(browser, base, site_pages_of(built_site)).items():
        assert failed == [], f"{rel}: failed to load {failed}"
        assert all(url.startswith(base) for url in requests), f"{rel} requested {requests}"
        assert any(url.endswith("theme/css/main.css") for url in requests), f"{rel} has no stylesheet"
        for link in links:
            if link.startswith("file:"):
                target = link.split("#")[0]
                assert target.startswith(base) and Path(target[len("file://"):]).is_file(), f"{rel}: {link}"


def test_every_page_works_under_a_sub_path(browser, built_site, tmp_path):
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    shutil.copytree(built_site, tmp_path / "council" / "minutes")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}/council/minutes/"
        for rel, (requests, failed, links) in visit_every_page(browser, base, site_pages_of(built_site)).items():
            assert failed == [], f"{rel}: failed to load {failed}"
            assert all(url.startswith(base) for url in requests), f"{rel} requested {requests}"
            for link in links:
                if link.startswith(f"http://127.0.0.1:{server.server_port}/"):
                    assert link.startswith(base), f"{rel}: {link} leaves the sub-path"
                    assert (built_site / link[len(base):].split("#")[0]).is_file(), f"{rel}: {link}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_committee_without_decisions_links_to_no_decisions_page(content_copy, tmp_path):
    from minutebook.engine.build import build_site
    from tests.support import SETTINGS

    committees = content_copy / "committees.yaml"
    committees.write_text(committees.read_text(encoding="utf-8")
                          + "\nlicensing:\n  name: Licensing Committee\n  kind: regulatory\n", encoding="utf-8")
    output = build_site(SETTINGS, content_copy, tmp_path / "output")
    page = (output / "committees" / "licensing" / "index.html").read_text(encoding="utf-8")
    assert "Decisions of the Licensing Committee" not in page
    executive = (output / "committees" / "executive" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../decisions/executive/index.html"' in executive
    assert check_links(output) == []
