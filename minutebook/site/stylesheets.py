"""The theme's stylesheets, minified as they are published.

The theme keeps its CSS readable, with comments that say why each rule is
there; the reader's browser needs none of that. Minifying the copies Pelican
puts in the output (rcssmin: comments and spaces out, nothing else changed)
takes about a fifth off main.css, and so off every page's weight
(docs/theming.md: a meeting or item page weighs at most 40 KB).
"""

from __future__ import annotations

from pathlib import Path

import rcssmin


def minify_stylesheets(folder: Path) -> None:
    """Minify every stylesheet in ``folder`` (the theme's ``css`` folder in the output), in place."""
    for sheet in sorted(folder.glob("*.css")) if folder.is_dir() else ():
        text = sheet.read_text(encoding="utf-8")
        small = rcssmin.cssmin(text)
        if small != text:  # already minified (a kept output): left untouched
            sheet.write_text(small, encoding="utf-8")
