"""Markdown to HTML for clerks' text (Python-Markdown, no typographic changes:
the minutes are a record and are published as written)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

# What each of Python-Markdown's inline patterns (with "extra") needs in a run
# of text before it can match there: the character its expression starts with.
NEEDED = {
    "backtick": "`", "escape": r"\\", "footnote": r"\[", "reference": r"\[", "link": r"\[",
    "image_link": r"\[", "image_reference": r"\[", "short_reference": r"\[", "short_image_ref": r"\[",
    "autolink": "<", "automail": "<", "html": "<", "entity": "&", "linebreak": "  \n",
    "em_strong": r"[*_]", "em_strong2": r"[*_]", "not_strong": r"[*_]",
}


class _PlainTextSkipped(InlineProcessor):
    """Python-Markdown tries each inline pattern on each run of text in turn,
    one search of the whole run each (16 with "extra"); most runs of minutes
    have none of the characters any of them starts with. One search for all
    of those characters comes first, and a run without any is left as it is:
    the same HTML, found in about a quarter less time. An inline pattern this
    does not know (no ``NEEDED`` entry nor a ``needs`` attribute) turns it off."""

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        self.special = _needed(self.inlinePatterns)
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if self.special is not None and not isinstance(data, AtomicString) and not self.special.search(data):
            return data  # no pattern can match anywhere in it
        return super()._InlineProcessor__handleInline(data, patternIndex)


def _needed(patterns: markdown.util.Registry) -> re.Pattern | None:
    needs = set()
    for name, pattern in patterns._data.items():  # the registry's names have no public listing
        need = getattr(pattern, "needs", None) or NEEDED.get(name)
        if need is None:
            return None
        needs.add(need)
    return re.compile("|".join(sorted(needs)))


class PlainTextSkipped(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_PlainTextSkipped(md), "inline", 20)  # in place of Python-Markdown's own


EXTENSIONS = ["extra", "sane_lists"]  # crossrefs renders item text with these too
_md = markdown.Markdown(extensions=[*EXTENSIONS, PlainTextSkipped()], output_format="html")


def render_markdown(text: str) -> str:
    if not text.strip():
        return ""
    _md.reset()
    return _md.convert(text)
