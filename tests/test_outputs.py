"""A rebuild after editing one item's text makes again only the files that can
show that text. That rests on a promise in ``outputs``: site producers (feeds,
calendars, the data index, the sitemap, redirects) never use a meeting's or an
item's text; only meeting producers do. These tests hold the producers to it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from minutebook.commands.genarchive import generate
from minutebook.engine.build import settings_for
from minutebook.engine.pipeline import load_site
from minutebook.site.outputs import meeting_outputs, site_outputs
from tests.support import CONTENT, SETTINGS

TEXTS = ("notes_html", "agenda_html", "minutes_html")


@dataclass(repr=False)  # the model is a web of references: pytest must not print it
class Marked:
    site: object
    settings: dict

    def __iter__(self):
        return iter((self.site, self.settings))


@pytest.fixture(scope="module")
def marked_site(tmp_path_factory) -> Marked:
    """A generated archive's model with every text replaced by a marker naming
    its file, and an old address for one meeting, so that every producer makes something."""
    content = generate(tmp_path_factory.mktemp("outputs") / "content", 6, seed=11)
    settings = settings_for(SETTINGS, content)
    site = load_site(content, settings)
    for meeting in site.meetings:
        meeting.notes_utf8 = f"<p>TEXT-MARKER {meeting.source}</p>".encode()
        for item in meeting.items:
            item.agenda_utf8 = f"<p>TEXT-MARKER {item.source} agenda</p>".encode()
            item.minutes_utf8 = f"<p>TEXT-MARKER {item.source} minutes</p>".encode()
    site.meetings[0].aliases.append("minutes/old-meeting-42.html")
    # the generated archive has no forward plan, whose producer then makes nothing: the sample's
    site.forward_plan = load_site(CONTENT, {"MINUTEBOOK_TODAY": "2026-11-30"}).forward_plan
    return Marked(site, settings)


@pytest.mark.parametrize("producer", site_outputs(), ids=lambda p: p.__name__)
def test_site_producers_show_no_meeting_or_item_text(marked_site, producer):
    site, settings = marked_site
    files = list(producer(site, settings))
    assert files, "the producer made nothing, so the test would prove nothing"
    assert [path for path, data in files if b"TEXT-MARKER" in data] == []


@pytest.mark.parametrize("producer", meeting_outputs(), ids=lambda p: p.__name__)
def test_meeting_producers_show_only_their_own_meetings_texts(marked_site, producer):
    site, settings = marked_site
    shown = 0
    for meeting in site.meetings:
        own = {meeting.source, *(item.source for item in meeting.items)}
        for _, data in producer(meeting, site, settings):
            text = data.decode("utf-8")
            marked = {part.split(" ")[0].split("\\")[0] for part in text.split("TEXT-MARKER ")[1:]}
            assert marked <= own
            shown += len(marked)
    assert shown > 0, "no text was found at all: the marker would not catch a leak"
