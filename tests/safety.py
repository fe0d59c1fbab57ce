"""What "nothing runs" means for a built file, shared by the sanitiser's and
the XSS corpus's tests: no element that runs script, no event handler, no
link with a scheme other than http(s), mailto, tel or a relative address."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

ACTIVE = {"script", "iframe", "frame", "object", "embed", "applet", "svg", "math", "form", "base", "meta",
          "link", "style", "template", "noscript"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcdoc", "data", "poster", "xlink:href", "background"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


def scheme_of(url: str) -> str | None:
    """The scheme a browser would see: it ignores ASCII whitespace and control
    characters inside it and any case."""
    squeezed = re.sub(r"[\x00-\x20\x7f]", "", url).lower()
    found = _SCHEME.match(squeezed)
    return found.group(1) if found else None


def executable_parts(html: str, allowed_active: set[str] = frozenset()) -> list[str]:
    """Everything in ``html`` that could run script. ``allowed_active``: tags
    a page may have of its own (the site's scripts and stylesheets), checked
    by the caller."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if tag.name in ACTIVE and tag.name not in allowed_active:
            found.append(f"<{tag.name}>")
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on"):
                found.append(f"{tag.name} {name}={value!r}")
            elif name.lower() in URL_ATTRIBUTES and scheme_of(value) not in (None, *SAFE_SCHEMES):
                found.append(f"{tag.name} {name}={value!r}")
            elif name.lower() == "style" and not re.fullmatch(r"text-align:\s*(left|right|center)\s*;?", value):
                found.append(f"{tag.name} style={value!r}")
    return found


def visible_text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text()
