"""Atom feeds, read back with feedparser as a feed reader would."""

from __future__ import annotations

import posixpath

import feedparser
import pytest
from bs4 import BeautifulSoup

from minutebook.content import urls
from minutebook.engine.pipeline import load_site
from minutebook.site import feeds, redirects
from tests.discovery.conftest import SETTINGS_OVERRIDES
from tests.discovery.sample import EMPTY_AREA, SCRUTINY, SCRUTINY_NAME, SECRET
from tests.support import SETTINGS, html_files


def parse(site, path: str):
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed


def entry(feed, title: str):
    found = [e for e in feed.entries if e.title == title]
    assert found, [e.title for e in feed.entries]
    return found[0]


def test_site_feed_has_agendas_and_minutes_newest_first(discovery_site):
    feed = parse(discovery_site, "feeds/all.atom.xml")
    assert feed.feed.title.startswith("Agendas and minutes")
    titles = [e.title for e in feed.entries]
    assert "Approved minutes: Executive, 5 March 2024" in titles
    assert "Agenda: Executive, 5 March 2024" in titles
    assert f"Cancelled: {SCRUTINY_NAME}, 11 June 2024" in titles
    dates = [e.updated_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_approved_minutes_are_dated_by_the_meeting_that_approved_them(discovery_site):
    feed = parse(discovery_site, "feeds/all.atom.xml")
    minutes = entry(feed, "Approved minutes: Executive, 5 March 2024")
    # approved at the Executive on 9 April 2024, 10:30am British Summer Time
    assert minutes.updated == "2024-04-09T09:30:00+00:00"
    assert minutes.id.startswith("urn:uuid:")
    assert minutes.link.endswith("/committees/executive/2024-03-05/")


def test_entry_lists_items_with_links_and_outcomes_but_not_exempt_text(discovery_site):
    feed = parse(discovery_site, f"feeds/committees/{SCRUTINY}.atom.xml")
    minutes = entry(feed, f"Draft minutes: {SCRUTINY_NAME}, 14 November 2023")
    html = minutes.content[0].value
    assert "Child exploitation – scrutiny review" in html
    assert "child-exploitation-review/" in html
    assert "6. Case review: not for publication" in html
    assert SECRET not in html


def test_committee_feed_holds_only_that_committee(discovery_site):
    feed = parse(discovery_site, f"feeds/committees/{SCRUTINY}.atom.xml")
    assert feed.entries
    assert all(SCRUTINY_NAME in e.title for e in feed.entries)
    assert {t.term for e in feed.entries for t in e.tags} == {SCRUTINY_NAME}


def test_scrutiny_area_feed_holds_meetings_with_items_in_the_area(discovery_site):
    feed = parse(discovery_site, "feeds/scrutiny-areas/childrens-services.atom.xml")
    titles = {e.title for e in feed.entries}
    assert "Approved minutes: Executive, 5 March 2024" in titles
    assert f"Draft minutes: {SCRUTINY_NAME}, 14 November 2023" in titles
    assert not any("9 April 2024" in t for t in titles)  # no item in the area


def test_every_page_advertises_the_site_feed(discovery_site, sample_model):
    # by design only a redirect page (an old address, redirects.redirect_page) has no feed link:
    # it is not a page to read, it sends the reader on at once
    moved = {urls.output_file(alias) for alias, _ in redirects.aliased(sample_model)}
    pages = [p.relative_to(discovery_site).as_posix() for p in html_files(discovery_site)]
    missing = []
    for page in (p for p in pages if p not in moved):
        html = BeautifulSoup((discovery_site / page).read_text(encoding="utf-8"), "html.parser")
        feeds_linked = {posixpath.normpath(posixpath.join(posixpath.dirname(page), link["href"]))
                        for link in html.head.find_all("link", rel="alternate", type="application/atom+xml")}
        if urls.FEED_ALL not in feeds_linked:
            missing.append(page)
    assert len(pages) - len(moved) > 100
    assert {"index.html", "404.html", "search/index.html", "committees/executive/2024-03-05/index.html"} <= set(pages)
    assert missing == []


@pytest.fixture
def grown_content(sample_content, tmp_path):
    """The sample with one more meeting, to see that old entries keep their ids."""
    import shutil
    target = tmp_path / "content"
    shutil.copytree(sample_content, target)
    meeting = target / "meetings" / SCRUTINY / "2024-09-10"
    meeting.mkdir(parents=True)
    (meeting / "meeting.md").write_text("---\nstatus: scheduled\nstart: 18:00\nvenue: City Hall\n---\n",
                                        encoding="utf-8")
    return target


def test_ids_and_dates_do_not_change_when_meetings_are_added(sample_content, grown_content):
    from minutebook.engine.build import settings_for

    def entries(content):
        settings = settings_for(SETTINGS, content, overrides=SETTINGS_OVERRIDES)
        out = dict(feeds.feeds(load_site(content, settings), settings))
        return {(e.id, e.title, e.updated) for e in feedparser.parse(out["feeds/all.atom.xml"]).entries}

    before, after = entries(sample_content), entries(grown_content)
    assert before <= after


def test_empty_feed_is_dated_from_content_not_the_clock(discovery_site):
    feed = parse(discovery_site, f"feeds/scrutiny-areas/{EMPTY_AREA}.atom.xml")
    assert feed.entries == []
    assert feed.feed.updated == "1970-01-01T00:00:00+00:00"
