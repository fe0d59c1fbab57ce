"""Jinja filters: dates, times and links written the way GOV.UK writes them."""

from __future__ import annotations

import datetime as dt

from jinja2 import pass_context

from . import urls


def long_date(value: dt.date) -> str:
    """Tuesday 5 March 2024"""
    return f"{value:%A} {value.day} {value:%B %Y}"


def short_date(value: dt.date) -> str:
    """5 March 2024"""
    return f"{value.day} {value:%B %Y}"


def time12(value: dt.time) -> str:
    """10:30am, 2pm, midday"""
    if value.hour == 12 and value.minute == 0:
        return "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def iso(value: dt.date | dt.time) -> str:
    return value.isoformat(timespec="minutes") if isinstance(value, dt.time) else value.isoformat()


def current_path(ctx) -> str:
    """The site path of the page being rendered, ours or one of Pelican's."""
    path = ctx.get("page_path")
    if path is None:
        path = ctx.get("output_file", "")
        path = path.removesuffix("index.html")
    return path


@pass_context
def href(ctx, target: object) -> str:
    """A relative link from the current page to a model object or site path."""
    return urls.relative(current_path(ctx), urls.path_for(target))


def filters() -> dict:
    return {"href": href, "long_date": long_date, "short_date": short_date,
            "time12": time12, "iso": iso}
