"""An attacker's corpus planted in every text, name and title of the sample
content: the site builds, and no page, feed or data file runs any of it, in
the files as written and in a real Chromium. Unsafe addresses in URL fields
are refused by the check, naming file, line and field."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup

from minutebook.engine.build import build_site
from tests.browser.support import serve
from tests.safety import executable_parts
from tests.support import CONTENT, ROOT, SETTINGS, html_files

# Each sets window.xss (or calls alert, which the browser test also catches) if it ever runs.
NAME_PAYLOAD = ("<script>window.xss=1</script><img src=x onerror=window.xss=2><svg onload=window.xss=3>"
                "</title></script>\"'><iframe srcdoc=\"<script>parent.xss=4</script>\"></iframe><!--")
BODY_PAYLOAD = "\n\n".join([
    NAME_PAYLOAD + "-->",
    "[a](javascript:window.xss=5) [b](JaVaScRiPt:window.xss=6) [c](java&#x09;script:window.xss=7)",
    "[d](data:text/html,%3Cscript%3Ewindow.xss=8%3C/script%3E) [e](vbscript:msgbox(1))",
    '<a href="jav&#x0A;ascript:window.xss=9">f</a> <a href="  javascript:window.xss=10">g</a>',
    '![h](x" onerror="window.xss=11) [i](https://x.org "t\\" onmouseover=\\"window.xss=12")',
    'j\n{: onclick="window.xss=13" }',
    '<div markdown="1" onmouseover="window.xss=14">k</div>',
    "<math><mi xlink:href=\"javascript:window.xss=15\">l</mi></math> <form action=javascript:window.xss=16>"
    "<button>m</button></form> <object data=javascript:window.xss=17></object>",
    "<style>body{display:none}</style> spend on <Band C> contracts",
])
# Free-text fields of the content format; ids, dates, times and statuses are left as they are.
TEXT_KEYS = {"name", "description", "title", "venue", "interest", "on", "role", "portfolio", "organisation",
             "party", "ward", "submitted_by", "address", "text", "reason", "open_summary"}
LIST_KEYS = {"recommendations", "resolutions", "actions", "open_resolutions", "presented_by"}


def _plant(value, key: str | None = None):
    if isinstance(value, dict):
        return {k: _plant(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_plant(v, key) for v in value]
    if isinstance(value, str) and (key in TEXT_KEYS or key in LIST_KEYS):
        return value + " " + NAME_PAYLOAD
    return value


def plant_corpus(content: Path) -> None:
    for registry in content.glob("*.yaml"):
        planted = _plant(yaml.load(registry.read_text(encoding="utf-8"), Loader=yaml.BaseLoader))
        registry.write_text(yaml.safe_dump(planted, allow_unicode=True), encoding="utf-8")
    for source in content.glob("meetings/*/*/*.md"):
        _, front, body = source.read_text(encoding="utf-8").split("---\n", 2)
        planted = _plant(yaml.load(front, Loader=yaml.BaseLoader) or {})
        if source.name != "meeting.md" and "title" not in planted:
            planted["title"] = NAME_PAYLOAD
        if source.name != "meeting.md" and "## " not in body:
            body += "\n## Minutes\n"  # an item with no text yet: its payload goes in its minutes
        body = body + "\n\n" + BODY_PAYLOAD + "\n" if not planted.get("exempt") else body
        source.write_text("---\n" + yaml.safe_dump(planted, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    about = content / "pages" / "about.md"
    text = about.read_text(encoding="utf-8").replace("Title: About this site", "Title: About " + NAME_PAYLOAD, 1)
    about.write_text(text + "\n\n" + BODY_PAYLOAD + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("xss")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    plant_corpus(content)
    checked = subprocess.run([sys.executable, "-m", "minutebook", "check", str(content)], cwd=ROOT,
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr  # text is published safely, not refused
    assert "is HTML the site does not allow" in checked.stderr and "warning: text:" in checked.stderr
    return build_site(SETTINGS, content, root / "output", {"MINUTEBOOK_TODAY": "2026-11-24"})


def test_no_output_file_carries_anything_that_runs(planted_site):
    own = {"script", "style", "meta", "link", "noscript", "form", "svg"}  # the site's own, checked below
    for page in html_files(planted_site):
        html = page.read_text(encoding="utf-8")
        assert executable_parts(html, own) == [], page
        for svg in BeautifulSoup(html, "html.parser").find_all("svg"):  # the attendance bars, and only they
            assert svg.parent["class"] == ["attendance-bar"] and svg["aria-hidden"] == "true", page
            assert {child.name for child in svg.find_all(True)} <= {"rect"}, page
        for form in BeautifulSoup(html, "html.parser").find_all("form"):  # the search forms, and only they
            assert form["method"] == "get" and form["class"] in (["header-search"], ["search-form"]), page
            assert form["class"] == ["search-form"] or form["action"].endswith("search/index.html"), page
        for kind, script in _scripts(html):
            if kind == "application/ld+json":
                json.loads(script)  # the planted text is data inside it: the element was not broken out of
            else:
                assert "xss" not in script, page  # the site's own scripts only
    for feed in planted_site.rglob("*.atom.xml"):
        for entry in feedparser.parse(feed.read_bytes()).entries:
            for part in [entry.title_detail, *entry.get("content", [])]:
                if "html" in part.type:  # a text/plain title is shown as text by a feed reader
                    assert executable_parts(part.value) == [], feed
    for data in planted_site.rglob("*.json"):
        for key, text in _strings(json.loads(data.read_bytes())):
            if key.endswith("_html"):  # the other fields are text, for a program to escape as it shows them
                assert executable_parts(text) == [], data


def _scripts(html: str) -> list[tuple[str | None, str]]:
    from bs4 import BeautifulSoup

    return [(s.get("type"), s.string or "") for s in BeautifulSoup(html, "html.parser").find_all("script")]


def _strings(value, key: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, key)]
    return [(key, value)] if isinstance(value, str) else []


def test_no_page_runs_any_of_it_in_chromium(planted_site, browser):
    pages = [p.relative_to(planted_site).as_posix() for p in html_files(planted_site)]
    assert len(pages) > 100
    with serve(planted_site) as server:
        context = browser.new_context(service_workers="block")
        dialogs: list[str] = []
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        try:
            for path in pages:
                page.goto(server.url(path), wait_until="load")
                page.mouse.move(200, 300)  # hovering is one of the planted triggers
                assert page.evaluate("window.xss === undefined"), path
            assert dialogs == []
        finally:
            context.close()


def test_text_that_looks_like_a_tag_keeps_its_words(planted_site):
    item = planted_site / "committees" / "executive" / "2024-03-05" / "exploitation-annual-update" / "index.html"
    assert "spend on &lt;Band C&gt; contracts" in item.read_text(encoding="utf-8")


@pytest.mark.parametrize("field, value", [
    ("webcast", "javascript:alert(1)"), ("webcast", "JaVaScRiPt:alert(1)"), ("webcast", "java\\tscript:alert(1)"),
    ("webcast", "data:text/html,<script>alert(1)</script>"), ("webcast", "vbscript:msgbox(1)"),
    ("document", "javascript:alert(1)"), ("document", "//evil.example/x"),
])
def test_unsafe_addresses_are_refused_by_the_check(tmp_path, field, value):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    meeting = content / "meetings" / "executive" / "2026-10-13" / "meeting.md"
    text = meeting.read_text(encoding="utf-8")
    if field == "webcast":
        text = text.replace("webcast: https://example.org/webcasts/executive-2026-10-13", f'webcast: "{value}"')
    else:
        text = text.replace("    file: agenda-pack.pdf", f'    url: "{value}"')
    meeting.write_text(text, encoding="utf-8")
    line = text[:text.index(value)].count("\n") + 1
    checked = subprocess.run([sys.executable, "-m", "minutebook", "check", str(content)], cwd=ROOT,
                             capture_output=True, text=True)
    assert checked.returncode == 1
    wanted = "webcast" if field == "webcast" else "documents[0].url"
    assert f"2026-10-13/meeting.md:{line}: {wanted}: " in checked.stderr, checked.stderr
    assert "https://" in checked.stderr  # says what to write instead


def test_unsafe_footer_links_are_refused(tmp_path):
    settings = tmp_path / "settings.py"
    settings.write_text(SETTINGS.read_text(encoding="utf-8").replace(
        "MINUTEBOOK_FOOTER_LINKS: list[tuple[str, str]] = []",
        "MINUTEBOOK_FOOTER_LINKS = [('Council', 'https://example.org/'), ('Bad', 'javascript:alert(1)')]"),
        encoding="utf-8")
    built = subprocess.run([sys.executable, "-m", "minutebook", "build", "--settings", str(settings),
                            "--content", str(CONTENT), "--output", str(tmp_path / "out")],
                           cwd=ROOT, capture_output=True, text=True)
    assert built.returncode == 1 and "MINUTEBOOK_FOOTER_LINKS[1]: 'javascript:alert(1)' must start with" in built.stderr
    assert not (tmp_path / "out").exists()
