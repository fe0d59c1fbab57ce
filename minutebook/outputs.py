"""Files other than HTML pages (feeds, calendars, data exports, sitemap.xml).

Each producer takes the model and the settings and yields
``(site-relative path, bytes)``; the generator writes them. Add a producer by
listing it here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .model import Site
from .redirects import redirect_outputs

Producer = Callable[[Site, dict], Iterable[tuple[str, bytes]]]


def extra_outputs() -> list[Producer]:
    return [redirect_outputs]
