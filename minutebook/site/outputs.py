"""Files other than HTML pages (feeds, calendars, data exports, sitemap.xml).

Producers yield ``(site-relative path, bytes)``; the generator writes them.
There are two kinds, so that a rebuild after editing one item's text makes
only the files that can show that text (see ``incremental``):

- site producers take the model and the settings, and must not use the text
  of any meeting or item (``notes_html``, ``agenda_html``, ``minutes_html``);
  ``tests/test_outputs.py`` holds them to that;
- meeting producers take one meeting, and may use its texts and its items'.

Add a producer by listing it here. The search index is not a producer:
Pagefind reads the finished HTML, so ``build`` runs it last (see ``search``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from minutebook.model.objects import Meeting, Site
from minutebook.site.opendata import data_files, meeting_data

Output = tuple[str, bytes]
SiteProducer = Callable[[Site, dict], Iterable[Output]]
MeetingProducer = Callable[[Meeting, Site, dict], Iterable[Output]]


def site_outputs() -> list[SiteProducer]:
    # imported here: a rebuild after a text edit makes none of these (icalendar alone took 0.1 s to import)
    from minutebook.site.calendars import calendars
    from minutebook.site.decisionrecords import decision_record_outputs
    from minutebook.site.feeds import feeds
    from minutebook.site.forwardplanfiles import forward_plan_files
    from minutebook.site.redirects import redirect_outputs
    from minutebook.site.sitemap import sitemaps

    return [redirect_outputs, feeds, calendars, data_files, forward_plan_files, decision_record_outputs, sitemaps]


def meeting_outputs() -> list[MeetingProducer]:
    return [meeting_data]


def text_sources(meeting: Meeting) -> list[str]:
    """The files whose texts a meeting producer may show: the meeting's and its items'."""
    return [meeting.source, *(item.source for item in meeting.items)]
