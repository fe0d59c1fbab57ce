"""The one sanitiser: every piece of HTML made from what a clerk wrote (or an
importer brought in) passes through ``clean`` before it reaches the model.

The guarantee is nh3 (Rust's ammonia) with an allow-list: the tags and
attributes Python-Markdown's "extra" makes, links only to http(s), mailto, tel
and relative addresses, no event handlers, no ``style`` beyond a table cell's
alignment. Before it, a tag the allow-list does not have (``<Band C>``,
``<script>``) is turned into text, so the record keeps every word a clerk
wrote and shows a would-be script as the characters typed, never runs it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import nh3

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul", "var", "wbr",
})
ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start", "type"},
    "li": {"id", "value"},
    "sup": {"id"},
    "th": {"style", "scope", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
}
CLASSES = {"a": {"footnote-ref", "footnote-backref"}, "div": {"footnote"}}  # Python-Markdown's footnotes
# Tags that do something in a browser: a clerk is warned that they are shown as
# text. Any other unknown "tag" (``<Band C>``) is text the clerk meant, shown as written.
ACTIVE_TAGS = frozenset({
    "applet", "audio", "base", "body", "button", "canvas", "details", "dialog", "embed", "form", "frame",
    "frameset", "head", "html", "iframe", "input", "link", "marquee", "math", "meta", "noscript", "object",
    "option", "script", "select", "source", "style", "svg", "template", "textarea", "title", "track", "video",
})
SCHEMES = frozenset({"http", "https", "mailto", "tel"})
WEB_SCHEMES = frozenset({"http", "https"})

# A start or end tag, as the HTML parser would begin to read one.
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/<>]*)([^>]*)>?")
_FOOTNOTE_ID = re.compile(r"^fn(?:ref)?:[\w.-]+$")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":  # only the footnotes' own anchors: never an id the page itself uses
        return value if _FOOTNOTE_ID.match(value) else None
    if tag == "img" and attribute == "src" and _elsewhere(value):
        return None  # a picture from another site is a request a reader never chose, and a gap in a snapshot
    return value


def _elsewhere(url: str) -> bool:
    return url.strip().startswith("//") or bool(urlsplit(url.strip()).scheme)


_CLEANER = nh3.Cleaner(
    tags=set(TAGS), attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute_filter, url_schemes=set(SCHEMES),
    allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
    filter_style_properties={"text-align"}, link_rel=None, strip_comments=True)


def text_for_unknown_tags(markup: str) -> tuple[str, list[str]]:
    """``markup`` with each tag that is not allowed written as text
    (``<Band C>`` -> ``&lt;Band C&gt;``), and the tags so changed."""
    shown: list[str] = []

    def as_text(tag: re.Match) -> str:
        if tag.group(2).lower() in TAGS:
            return tag.group(0)
        shown.append(tag.group(0))
        return html.escape(tag.group(0), quote=False)

    return _TAG.sub(as_text, markup), shown


def clean(markup: str) -> str:
    """Safe HTML for the page: see the module's docstring."""
    if not markup:
        return ""
    shown, _ = text_for_unknown_tags(markup)
    return _CLEANER.clean(shown)


class _Attributes(HTMLParser):
    """Each element's attributes, in order, as (tag, name, value)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag


def _attributes(markup: str) -> list[tuple[str, str, str]]:
    parser = _Attributes()
    parser.feed(markup)
    parser.close()
    return parser.found


def removed(markup: str) -> list[tuple[str, str]]:
    """What ``clean`` takes out of ``markup`` or shows as text, for the check
    to warn about before anything is published: (what to look for in the
    clerk's text, what happens to it in plain English)."""
    as_text, shown = text_for_unknown_tags(markup)
    said = [(tag, f"{_short(tag)} is HTML the site does not allow, so it is shown as text, not run")
            for tag in shown if _TAG.match(tag).group(2).lower() in ACTIVE_TAGS]
    kept = _attributes(_CLEANER.clean(as_text))  # what ``clean`` gives, without turning tags to text again
    for tag, name, value in _attributes(as_text):
        if tag not in TAGS or (name == "style" and name in ATTRIBUTES.get(tag, ())):  # shown as text; rewritten
            continue
        if (tag, name, value) in kept:
            kept.remove((tag, name, value))
        elif tag == "img" and name == "src" and _elsewhere(value):
            said.append((value, f"the picture {_short(value)} is removed: a picture must be a file published "
                         "with the site (an address within the site), never one loaded from another site"))
        elif name in ("href", "src"):
            said.append((value, f"the link {_short(value)} is removed: a link may only be a web address "
                         "(https://...), an email (mailto:) or phone (tel:) link, or an address within the site"))
        else:
            said.append((name, f"the attribute '{name}' of <{tag}> is removed: the site allows no scripts, "
                         "styles or other attributes in the text"))
    return said


def _short(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:57] + "...")


def web_address_problem(value: str, schemes: frozenset[str] = WEB_SCHEMES) -> str | None:
    """Why ``value``, written in a field or setting, is not a whole address
    with one of ``schemes`` (None when it is), with what to write instead."""
    example = "for example https://www.example.gov.uk/page"
    try:
        scheme = urlsplit(value).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme not in schemes:
        wanted = " or ".join(f"'{scheme}:'" for scheme in sorted(schemes))
        return f"must start with {wanted}, {example}"
    problem = address_problem(value)
    return f"{problem}: write the address alone, {example}" if problem else None


_TEL = re.compile(r"\+?[0-9][0-9 ().-]*")
_EMAIL = re.compile(r"[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+")


def address_problem(url: str, image: bool = False) -> str | None:
    """What makes ``url`` unsafe or malformed as a link anywhere on the site,
    if anything: the same rule as ``clean`` keeps links to, checked again on
    the built site (``linkcheck.unsafe_links``). ``image``: an <img> address,
    which may also be ``data:image/``."""
    if any(ord(c) < 32 or c.isspace() for c in url):
        return "holds a space or control character: a malformed address"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it checks the port is a number
    except ValueError as exc:
        return f"is not a well-formed address ({exc})"
    scheme = parts.scheme.lower()
    if not scheme:
        return None if not url.startswith("//") or parts.hostname else "names no host"
    if scheme == "data" and image and url.lower().startswith("data:image/"):
        return None
    if scheme not in SCHEMES:
        return f"'{scheme}:' links are not allowed: only http(s), mailto and tel"
    if scheme in WEB_SCHEMES and not parts.hostname:
        return "names no host: a web address is https://host/path"
    if scheme == "mailto" and not _EMAIL.fullmatch(unquote(parts.path)):
        return "is not an email address: write mailto:name@example.org"
    if scheme == "tel" and not _TEL.fullmatch(unquote(parts.path)):
        return "is not a phone number: write tel:+441274000000"
    return None
