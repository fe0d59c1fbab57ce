"""Markdown to HTML for clerks' text (Python-Markdown, no typographic changes:
the minutes are a record and are published as written)."""

from __future__ import annotations

import markdown

EXTENSIONS = ["extra", "sane_lists"]  # crossrefs renders item text with these too
_md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")


def render_markdown(text: str) -> str:
    if not text.strip():
        return ""
    _md.reset()
    return _md.convert(text)
