"""What a page costs to load: its HTML plus the stylesheets, scripts and fonts it links to."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

LIMIT = 40 * 1024  # bytes, uncompressed, for a meeting or item page


@dataclass(frozen=True)
class Weight:
    html: int
    css: int
    js: int
    external: tuple[str, ...]  # resources from another origin (there should be none)

    @property
    def total(self) -> int:
        return self.html + self.css + self.js


def _local(output: Path, page: str, href: str) -> Path | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    return output / posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))


def page_weight(output: Path, page: str) -> Weight:
    """The weight of ``page`` (a path inside ``output``) as a browser would fetch it."""
    html = (output / page).read_bytes()
    soup = BeautifulSoup(html, "html.parser")
    css = js = 0
    external = []
    for tag, attr in [(t, "href") for t in soup.select('link[rel~="stylesheet"], link[rel~="preload"]')] + \
                     [(t, "src") for t in soup.select("script[src]")]:
        target = _local(output, page, tag[attr])
        if target is None:
            external.append(tag[attr])
        elif tag.name == "script":
            js += target.stat().st_size
        else:
            imported, foreign = _css_imports(target)
            css += target.stat().st_size + imported
            external.extend(foreign)
    js += sum(len(s.get_text()) for s in soup.select("script:not([src])"))
    return Weight(len(html), css, js, tuple(external))


def _css_imports(stylesheet: Path) -> tuple[int, list[str]]:
    """Fonts and images a stylesheet pulls in with url(): their size, and any from elsewhere."""
    size, foreign = 0, []
    for ref in re.findall(r"url\(['\"]?([^'\")]+)", stylesheet.read_text(encoding="utf-8")):
        if ref.startswith("data:") or ref.startswith("#"):
            continue
        if "//" in ref:
            foreign.append(ref)
            continue
        target = (stylesheet.parent / ref).resolve()
        if target.exists():
            size += target.stat().st_size
    return size, foreign
