"""The site's icons (a favicon and a touch icon, the council's or the theme's) and the
build's closing line, which is Minute Book's own and not Pelican's count of articles."""

from __future__ import annotations

import os
import re

import pytest

from minutebook.commands import cli
from minutebook.content.errors import ContentErrors
from minutebook.engine.build import build_site
from tests.support import SETTINGS, html_files

ICO = b"\x00\x00\x01\x00"
PNG = b"\x89PNG\r\n\x1a\n"


def test_the_theme_gives_every_site_a_favicon_and_a_touch_icon(built_site):
    assert (built_site / "favicon.ico").read_bytes().startswith(ICO)
    assert (built_site / "apple-touch-icon.png").read_bytes().startswith(PNG)
    for page in html_files(built_site):
        html = page.read_text(encoding="utf-8")
        if "<head>" not in html or 'http-equiv="refresh"' in html:
            continue  # a redirect left for an old address
        depth = len(page.relative_to(built_site).parts) - 1
        assert f'<link rel="icon" href="{"../" * depth}favicon.ico"' in html, page
        assert f'<link rel="apple-touch-icon" href="{"../" * depth}apple-touch-icon.png"' in html, page


def test_a_council_gives_its_own_icons(content_copy, tmp_path):
    icon, touch = ICO + b"council's own icon", PNG + b"council's own touch icon"
    (content_copy / "images").mkdir()
    (content_copy / "images" / "crest.ico").write_bytes(icon)
    (content_copy / "images" / "crest.png").write_bytes(touch)
    output = build_site(SETTINGS, content_copy, tmp_path / "output",
                        {"MINUTEBOOK_FAVICON": "images/crest.ico", "MINUTEBOOK_TOUCH_ICON": "images/crest.png",
                         "MINUTEBOOK_SEARCH": False})
    assert (output / "favicon.ico").read_bytes() == icon
    assert (output / "apple-touch-icon.png").read_bytes() == touch


@pytest.mark.parametrize(("setting", "value", "says"), [
    ("MINUTEBOOK_FAVICON", "images/missing.ico", "is not a file in the content folder"),
    ("MINUTEBOOK_FAVICON", "images/crest.png", "is not an .ico file"),
    ("MINUTEBOOK_FAVICON", "../pelicanconf.ico", "is not a file in the content folder"),
    ("MINUTEBOOK_FAVICON", "images/fake.ico", "is not an .ico file inside"),
    ("MINUTEBOOK_FAVICON", "images/linked.ico", "is not a file in the content folder"),
    ("MINUTEBOOK_TOUCH_ICON", "images/crest.ico", "is not a .png image"),
    ("MINUTEBOOK_TOUCH_ICON", 180, "is not a .png image"),
])
def test_the_check_reports_an_icon_it_cannot_publish(content_copy, tmp_path, setting, value, says):
    images = content_copy / "images"
    images.mkdir()
    (images / "crest.png").write_bytes(PNG)
    (images / "crest.ico").write_bytes(ICO)
    (images / "fake.ico").write_text("not an icon", encoding="utf-8")
    (tmp_path / "outside.ico").write_bytes(ICO)
    os.symlink(tmp_path / "outside.ico", images / "linked.ico")
    (content_copy.parent / "pelicanconf.ico").write_bytes(ICO)
    with pytest.raises(ContentErrors) as raised:
        build_site(SETTINGS, content_copy, tmp_path / "output", {setting: value, "MINUTEBOOK_SEARCH": False})
    report = raised.value.report()
    assert setting in report and says in report and str(SETTINGS) in report
    assert not (tmp_path / "output").exists(), "nothing was published"


def test_the_build_ends_with_minute_books_own_line(content_copy, tmp_path, capsys):
    output = tmp_path / "output"
    assert cli.build(SETTINGS, content_copy, output) == 0
    said = capsys.readouterr().out
    assert "Processed" not in said and "articles" not in said
    pages = len(list(output.rglob("*.html")))
    meetings = len(list(content_copy.glob("meetings/*/*/meeting.md")))
    items = len([p for p in content_copy.glob("meetings/*/*/*.md") if p.name != "meeting.md"])
    last = said.strip().splitlines()[-1]
    assert re.fullmatch(rf"Built {pages} pages: {meetings} meetings, {items} items in \d+\.\d s, into {output}\.",
                        last), last
    assert cli.build(SETTINGS, content_copy, output) == 0
    up_to_date = f"The site in {output} is up to date: nothing it is made from has changed."
    assert capsys.readouterr().out.strip() == up_to_date
    item = sorted(content_copy.glob("meetings/*/*/[0-9]*.md"))[0]
    item.write_text(item.read_text(encoding="utf-8") + "\nA correction was noted.\n", encoding="utf-8")
    assert cli.build(SETTINGS, content_copy, output) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(rf"Built {pages} pages \(\d+ rendered again, the rest unchanged\): {meetings} meetings, "
                        rf"{items} items in \d+\.\d s, into {output}\.", last), last


def test_pelicans_warnings_are_still_passed_on(capsys):
    """Only Pelican's closing count is left out: what else its console says still reaches the person building."""
    from pelican.log import console

    from minutebook.engine.build import without_pelicans_summary

    with without_pelicans_summary():
        console.print("Unable to find '/missing.md', skipping url replacement.")
        console.print("Done: Processed 0 articles, 0 drafts, 0 hidden articles, 1 page, 0 hidden pages and "
                      "0 draft pages in 0.32 seconds.")
    said = capsys.readouterr().out
    assert "missing.md" in said and "Processed" not in said and "seconds" not in said
