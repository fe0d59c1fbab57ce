"""Check a built site the way a reader and a web archive will use it.

``check_links`` finds every broken internal link (``href`` and ``src``,
fragments included), every missing asset, every link that would break from
``file://`` or under a sub-path (absolute paths, links to a folder rather than
its ``index.html``) and every third-party request (an asset loaded from
another site). ``unreachable_pages`` crawls plain ``<a href>`` links from the
home page and returns the HTML pages it never reaches.

``unsafe_links`` finds every address a page, feed or calendar links to that
is not a relative link or a well-formed ``http(s)``, ``mailto`` or ``tel``
address (``javascript:`` and the like run as script when followed).

All read only the output folder, so they cover pages, feeds and assets that
any later producer adds.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from minutebook.content.sanitise import address_problem

# Attributes whose URL the browser fetches by itself: these must never point
# at another site. ``<a href>`` and ``<link rel=canonical/alternate>`` are
# links a reader may follow, not requests.
ASSET_ATTRIBUTES = {("img", "src"), ("script", "src"), ("iframe", "src"), ("source", "src"),
                    ("video", "src"), ("audio", "src"), ("track", "src"), ("embed", "src"),
                    ("object", "data"), ("input", "src"), ("video", "poster")}
LINK_ATTRIBUTES = {("a", "href"), ("area", "href"), ("link", "href"), ("form", "action")}
NOT_REQUESTED_LINK_RELS = {"canonical", "alternate", "author", "license", "help", "search", "next",
                           "prev", "me"}
# Pages a reader never navigates to: the server shows 404.html for a wrong address.
NOT_LINKED_PAGES = {"404.html"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_REFRESH_URL = re.compile(r"url\s*=\s*(.+)$", re.IGNORECASE)
# a calendar's URL line may be folded (RFC 5545: a line break and a space every 75 octets)
_XML_LINK = re.compile(r"""<loc>\s*([^<\s]+)\s*</loc>|\shref="([^"]+)"|^URL[^:\n]*:((?:\S|\r?\n[ \t])+)""",
                       re.MULTILINE)
_FOLD = re.compile(r"\r?\n[ \t]")


@dataclass(frozen=True, order=True)
class Problem:
    """One broken or non-portable link: where it is and what is wrong."""

    file: str  # site-relative path of the file holding the link
    line: int
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.link}: {self.reason}"


@dataclass
class Link:
    tag: str
    attribute: str
    url: str
    line: int
    rel: str = ""


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    redirect: bool = False  # a meta refresh page (an alias for a moved page)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.page.redirect = True
            target = _REFRESH_URL.search(values.get("content", ""))
            if target:
                self.page.links.append(Link(tag, "content", target.group(1).strip(" '\""), line))
        for attribute in ("href", "src", "data", "action", "poster"):
            if attribute in values and ((tag, attribute) in ASSET_ATTRIBUTES | LINK_ATTRIBUTES):
                self.page.links.append(Link(tag, attribute, values[attribute].strip(), line,
                                            values.get("rel", "").lower()))
        if "srcset" in values:
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    self.page.links.append(Link(tag, "src", candidate.split()[0], line))


def parse_page(path: Path) -> ParsedPage:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.page


class Site:
    """The output folder, with each HTML page parsed once."""

    def __init__(self, output: Path, siteurl: str = "") -> None:
        self.root = Path(output)
        self.siteurl = siteurl.rstrip("/")
        self.files = {p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file()}
        self._pages: dict[str, ParsedPage] = {}

    def page(self, rel: str) -> ParsedPage:
        if rel not in self._pages:
            self._pages[rel] = parse_page(self.root / rel)
        return self._pages[rel]

    @property
    def html_files(self) -> list[str]:
        return sorted(f for f in self.files if f.endswith(".html"))

    def local_path(self, url: str) -> str | None:
        """The site URL ``https://site/x/`` as the site-relative ``x/``, else None."""
        if self.siteurl and (url == self.siteurl or url.startswith(self.siteurl + "/")):
            return url[len(self.siteurl):].lstrip("/")
        return None


def check_links(output: Path, siteurl: str = "") -> list[Problem]:
    """Every broken, non-portable or third-party link in the built site.
    ``siteurl`` (for example https://minutes.example.org) marks absolute
    links to the site itself, as in sitemaps and feeds, as internal."""
    site = Site(output, siteurl)
    problems: list[Problem] = []
    for rel in sorted(site.files):
        if rel.endswith(".html"):
            problems += _check_html(site, rel)
        elif rel.endswith(".css"):
            problems += _check_css(site, rel)
        elif rel.endswith((".xml", ".atom", ".rss", ".ics")):
            problems += _check_xml(site, rel)
    return sorted(problems)


def _check_html(site: Site, rel: str) -> Iterator[Problem]:
    for link in site.page(rel).links:
        url = link.url
        requested = (link.tag, link.attribute) in ASSET_ATTRIBUTES or (
            link.tag == "link" and not set(link.rel.split()) & NOT_REQUESTED_LINK_RELS)
        scheme = urlsplit(url).scheme
        local = site.local_path(url)
        if local is not None:
            reason = _address_problem(site, local)
            if reason:
                yield Problem(rel, link.line, url, reason)
            continue
        if scheme or url.startswith("//"):
            if requested and scheme != "data":
                yield Problem(rel, link.line, url, "loads an asset from another site: "
                              "copy it into the theme so the site makes no third-party requests")
            continue
        reason = _internal_problem(site, rel, url)
        if reason:
            yield Problem(rel, link.line, url, reason)


def _internal_problem(site: Site, rel: str, url: str) -> str | None:
    """What is wrong with the relative link ``url`` in the file ``rel``, if anything."""
    parts = urlsplit(url)
    if url.startswith("/"):
        return "starts with '/', so it breaks under a sub-path and from file://: make it relative"
    path = unquote(parts.path)
    if not path:
        target = rel
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
        if target.startswith("../") or target == "..":
            return "points outside the site"
        if path.endswith("/") or target in {"."} or (target + "/index.html" in site.files and
                                                     target not in site.files):
            return "links to a folder, which breaks from file://: link to its index.html"
        if target not in site.files:
            return f"no such file: {target}"
    if parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in site.page(target).ids:
        return f"no element with id '{unquote(parts.fragment)}' in {target}"
    return None


def _check_css(site: Site, rel: str) -> Iterator[Problem]:
    text = (site.root / rel).read_text(encoding="utf-8", errors="replace")
    for match in _CSS_URL.finditer(text):
        url = match.group(2) or match.group(4)
        line = text.count("\n", 0, match.start()) + 1
        if url.startswith("data:") or url.startswith("#"):
            continue
        if urlsplit(url).scheme or url.startswith("//"):
            yield Problem(rel, line, url, "loads an asset from another site: copy it into the theme")
            continue
        reason = _internal_problem(site, rel, url)
        if reason:
            yield Problem(rel, line, url, reason)


def _check_xml(site: Site, rel: str) -> Iterator[Problem]:
    """Feeds, sitemaps and calendars name pages by their full address: each must exist."""
    text = (site.root / rel).read_text(encoding="utf-8", errors="replace")
    for match in _XML_LINK.finditer(text):
        url = _xml_url(match)
        local = site.local_path(url)
        reason = _address_problem(site, local) if local is not None else None
        if reason:
            yield Problem(rel, text.count("\n", 0, match.start()) + 1, url, reason)


def _xml_url(match: re.Match) -> str:
    return match.group(1) or match.group(2) or _FOLD.sub("", match.group(3))


def _address_problem(site: Site, local: str) -> str | None:
    """A full address of the site (``x/`` for ``https://site/x/``) must name a file or a folder's index.html."""
    path = unquote(urlsplit(local).path)
    if path in site.files or posixpath.join(path, "index.html") in site.files:
        return None
    return f"no such page in the site: {path or 'the home page'}"


def unsafe_links(output: Path) -> list[Problem]:
    """Every link or asset address in the built site's pages, feeds and
    calendars that is neither relative nor a well-formed http(s), mailto or
    tel address. Images may also be ``data:image/`` (they cannot run script)."""
    site = Site(output)
    problems: list[Problem] = []
    for rel in sorted(site.files):
        if rel.endswith(".html"):
            found = [(link.line, link.url, (link.tag, link.attribute) in ASSET_ATTRIBUTES and link.tag == "img")
                     for link in site.page(rel).links]
        elif rel.endswith((".xml", ".atom", ".rss", ".ics")):
            text = (site.root / rel).read_text(encoding="utf-8", errors="replace")
            found = [(text.count("\n", 0, m.start()) + 1, _xml_url(m), False) for m in _XML_LINK.finditer(text)]
        else:
            continue
        problems += [Problem(rel, line, url, reason) for line, url, image in found
                     if (reason := address_problem(url, image))]
    return sorted(problems)


def unreachable_pages(output: Path, start: str = "index.html") -> list[str]:
    """HTML pages that plain ``<a href>`` links from ``start`` never reach
    (redirect pages for old addresses and NOT_LINKED_PAGES are not expected to be linked)."""
    site = Site(output)
    reached = set(crawl(site, start))
    return [rel for rel in site.html_files
            if rel not in reached and rel not in NOT_LINKED_PAGES and not site.page(rel).redirect]


def crawl(site: Site, start: str) -> Iterable[str]:
    """Every HTML page reached from ``start`` by following ``<a href>`` links."""
    seen = {start}
    queue = [start]
    while queue:
        rel = queue.pop()
        yield rel
        for link in site.page(rel).links:
            if link.tag != "a" or urlsplit(link.url).scheme or link.url.startswith("/"):
                continue
            path = unquote(urlsplit(link.url).path)
            if not path:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
            if target.endswith(".html") and target in site.files and target not in seen:
                seen.add(target)
                queue.append(target)


def report(problems: list[Problem], unreachable: list[str]) -> str:
    lines = [str(p) for p in problems]
    lines += [f"{rel}: no plain link reaches this page from the home page: link to it from a "
              "listing or the sitemap page" for rel in unreachable]
    return "\n".join(lines)
