"""Jinja filters: dates, times and links written the way GOV.UK writes them."""

from __future__ import annotations

import datetime as dt
import re

from jinja2 import pass_context

from minutebook.content import urls
from minutebook.content.dates import long_date, short_date


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


@pass_context
def section(ctx, _value: object = None) -> str:
    """The site section of the page being rendered ("committees/" for a meeting), for the
    navigation's current-section marker."""
    first = current_path(ctx).split("/", 1)[0]
    return f"{first}/" if first and not first.endswith(".html") else ""


SAFE_COLOUR = re.compile(r"^[#a-zA-Z0-9(),.% -]+$")


BRAND_COLOURS = {"brand", "brand-text", "accent"}  # the header: the same in light and dark mode


def colour_style(colours: dict[str, str] | None) -> str:
    """CSS custom properties from MINUTEBOOK_COLOURS.

    Header colours apply in both modes; other colours apply in light mode only,
    and keys starting "dark-" in dark mode, so a light link colour never lands on
    the dark background.
    """
    groups: dict[str, list[str]] = {"always": [], "light": [], "dark": []}
    for name, value in (colours or {}).items():
        if not SAFE_COLOUR.match(str(value)) or not re.match(r"^[a-z-]+$", name):
            raise ValueError(f"MINUTEBOOK_COLOURS: {name}: {value!r} is not a CSS colour")
        if name.startswith("dark-"):
            groups["dark"].append(f"--{name.removeprefix('dark-')}:{value};")
        else:
            groups["always" if name in BRAND_COLOURS else "light"].append(f"--{name}:{value};")
    css = f":root{{{''.join(groups['always'])}}}" if groups["always"] else ""
    for mode in ("light", "dark"):
        if groups[mode]:
            css += f"@media (prefers-color-scheme:{mode}){{:root{{{''.join(groups[mode])}}}}}"
    return css


def filters() -> dict:
    return {"href": href, "long_date": long_date, "short_date": short_date,
            "time12": time12, "iso": iso, "section": section, "colour_style": colour_style}
