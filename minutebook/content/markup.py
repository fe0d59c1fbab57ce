"""Markdown to HTML for clerks' text (Python-Markdown, no typographic changes:
the minutes are a record and are published as written), sanitised (``sanitise``)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

from minutebook.content.errors import ContentError
from minutebook.content.markers import MarkerLines
from minutebook.content.sanitise import clean, removed

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
    one search of the whole run each (16 with "extra"), though most runs of
    minutes hold none of the characters any of them starts with. Here one
    search for all those characters comes first, and a run without any is
    left as it is; in a run with some, a pattern is tried only where the
    character it starts with is still to come. The same HTML, in a third less
    time. An inline pattern this does not know (no ``NEEDED`` entry nor a
    ``needs`` attribute) turns it off: Python-Markdown's own loop runs."""

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        self.patterns = list(self.inlinePatterns)  # in the order they are tried
        names = [item.name for item in self.inlinePatterns._priority]  # no public listing of names
        needs = [getattr(pattern, "needs", None) or NEEDED.get(name)
                 for name, pattern in zip(names, self.patterns, strict=True)]
        self.needs = None if None in needs else [re.compile(need) for need in needs]
        self.special = None if None in needs else re.compile("|".join(sorted(set(needs))))
        return super().run(tree, ancestors)

    # Python-Markdown's loop over the patterns (``InlineProcessor.__handleInline``), with the skips
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if self.needs is None or isinstance(data, AtomicString):
            return super()._InlineProcessor__handleInline(data, patternIndex)
        if not self.special.search(data):
            return data  # no pattern can match anywhere in it
        start, count = 0, len(self.patterns)
        while patternIndex < count:
            if not self.needs[patternIndex].search(data, start):
                patternIndex, start = patternIndex + 1, 0
                continue
            data, matched, start = self._InlineProcessor__applyPattern(self.patterns[patternIndex], data,
                                                                        patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class PlainTextSkipped(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_PlainTextSkipped(md), "inline", 20)  # in place of Python-Markdown's own


EXTENSIONS = ["extra", "sane_lists", MarkerLines()]  # crossrefs renders item text with these too
_md = markdown.Markdown(extensions=[*EXTENSIONS, PlainTextSkipped()], output_format="html")


def render_markdown(text: str) -> str:
    """Safe HTML for a clerk's Markdown (a description, say; minutes texts go
    through ``crossrefs``, which links references too)."""
    return clean(render_unsanitised(text))


def render_unsanitised(text: str) -> str:
    """Python-Markdown's HTML, before the sanitiser: for the check, which
    warns about what the sanitiser would take out. Never for a page."""
    if not text.strip():
        return ""
    _md.reset()
    return _md.convert(text)


# Only a text with one of these can give HTML the sanitiser changes: raw HTML,
# a link or image (inline, by reference, automatic) or an attribute list.
_MAY_NEED_CLEANING = re.compile(r"<|\]\(|\]:|\{")


def sanitiser_warnings(texts: list[tuple[str, int, str] | tuple[str, int, str, str]]) -> list[ContentError]:
    """A warning, at its line, for everything in these texts (file, first
    line, Markdown and, for a text in the front matter, its field) that the
    sanitiser would take out or show as text."""
    warnings = []
    for rel, first_line, text, *field in texts:
        if not _MAY_NEED_CLEANING.search(text):
            continue
        for found, what in removed(render_unsanitised(text)):
            warnings.append(ContentError(rel, first_line + _lines_before(text, found), field[0] if field else "text",
                                         what, warning=True))
    return warnings


def _lines_before(text: str, found: str) -> int:
    """How many lines of ``text`` come before the one where ``found`` is first
    written (none when it is not there as written: an entity, say)."""
    at = text.lower().find(found.lower())
    return text.count("\n", 0, at) if at >= 0 else 0
