"""Files other than HTML pages (feeds, calendars, data exports, sitemap.xml).

Each producer takes the model and the settings and yields
``(site-relative path, bytes)``; the generator writes them. Add a producer by
listing it here. The search index is not a producer: Pagefind reads the
finished HTML, so ``build`` runs it last (see ``search``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .calendars import calendars
from .feeds import feeds
from .model import Site
from .opendata import data_files
from .redirects import redirect_outputs
from .sitemap import sitemaps

Producer = Callable[[Site, dict], Iterable[tuple[str, bytes]]]


def extra_outputs() -> list[Producer]:
    return [redirect_outputs, feeds, calendars, data_files, sitemaps]
