"""Texts in the front matter, rendered like the minutes: Markdown through the
one sanitiser, with their references ("see Minute 22", Document “N”) linked,
last, so that references reach items anywhere in the site. An exempt item's
open summary (only ``open_summary`` is read: nothing else of an exempt item is
ever rendered), and the texts of motions and amendments."""

from __future__ import annotations

from minutebook.content.validate import CheckedTree
from minutebook.model.crossrefs import Targets, render_with_links
from minutebook.model.objects import Site


def render_open_summaries(site: Site, checked: CheckedTree) -> None:
    """Give each exempt item with an ``open_summary`` its HTML; last, so that
    references reach items anywhere in the site."""
    written = {item.raw.source.rel: item.front.open_summary for meeting in checked.meetings
               for item in meeting.items if item.front.exempt and item.front.open_summary}
    if not written:
        return
    targets = Targets.of(site)
    for item in site.items:
        text = written.get(item.source)
        if text is not None:
            item.open_summary_html = render_with_links(text, targets.resolver(item.meeting, item), look_up=False)


def render_motion_texts(site: Site) -> None:
    """Give each motion and amendment of an open item its HTML, references
    linked from the item's page, where it is shown."""
    targets: Targets | None = None
    for item in site.items:
        for motion in item.motions:
            targets = targets or Targets.of(site)
            resolve = targets.resolver(item.meeting, item)
            for moved in (motion, *motion.amendments):
                moved.text_html = render_with_links(moved.text, resolve, look_up=False)
