"""Skipping runs of text no inline pattern can match (``markup.PlainTextSkipped``)
gives the very HTML Python-Markdown gives without it (both then sanitised)."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutebook.content import markup
from minutebook.content.sanitise import clean
from minutebook.content.source import split_front_matter
from minutebook.model import crossrefs
from tests.support import CONTENT

PIECES = ["plain words", " ", "\n", "\n\n", "  \n", "`code`", "``a ` b``", "\\*", "\\", "[a link](https://x.org)",
          "![a picture](p.png)", "[ref][1]\n\n[1]: https://x.org\n", "[ref]", "<https://x.org>", "<a@b.org>",
          "<b>bold</b>", "<!-- note -->", "&amp;", "&copy;", "&", "<", ">", "*em*", "**strong**", "_em_",
          "__strong__", "snake_case_name", "2 * 3", "Minute 5", "minute no. 7", "Document “A”", 'Document "B"',
          "on 5 March 2024 (Minute 7)", "A note.[^1]\n\n[^1]: The note.\n", "\n\n*[HTML]: Hyper Text\n\n", "HTML",
          "{: .lead }", "\n\n- one\n- two\n\n", "\n\n1. one\n2. two\n\n", "\n\n| a | b |\n|---|---|\n| c | d |\n\n",
          "\n\n```\nMinute 4 *x*\n```\n\n", "\n\nTerm\n: Definition\n\n", '\n\n<div markdown="1">*x*</div>\n\n',
          "!", "[", "]", "(", ")", "é", "“", "”", "#"]
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def same_as_python_markdown(text: str) -> None:
    stock = markdown.Markdown(extensions=markup.EXTENSIONS, output_format="html")
    assert markup.render_markdown(text) == (clean(stock.convert(text)) if text.strip() else "")


def same_with_references(text: str) -> None:
    def resolve(m, date):
        return None if m.group("minute") == "7" else f"../{m.group('minute') or m.group('report')}/"

    references = crossrefs.ReferenceExtension()
    references.resolve = resolve
    stock = markdown.Markdown(extensions=[*markup.EXTENSIONS, references], output_format="html")
    expected = clean(stock.convert(text)) if text.strip() else ""
    assert crossrefs.render_with_links(text, resolve, look_up=False) == expected


def markdown_of(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[split_front_matter(text, "")[1]:]


WRITTEN = [path for path in sorted((CONTENT / "meetings").rglob("*.md")) if markdown_of(path).strip()]


@pytest.mark.parametrize("path", WRITTEN, ids=lambda path: path.relative_to(CONTENT).as_posix())
def test_the_sample_minutes_render_the_same_with_the_skipping_as_without(path):
    same_as_python_markdown(markdown_of(path))
    same_with_references(markdown_of(path))


def test_the_skipping_is_on_for_both_renderers():
    # Looks inside: no output can show that the skip is on, only speed, which the benchmark measures.
    for md in (markup._md, crossrefs._md):
        md.reset()
        md.convert("Some text.")
        assert md.treeprocessors["inline"].needs is not None  # every inline pattern is known


@pytest.mark.parametrize("piece", PIECES)
def test_each_piece_among_plain_words_is_the_same(piece):
    # alone in a run of plain text: nothing else there would make the run be searched
    for text in (f"Some words{piece}more words", f"Some words\n{piece}\nmore words"):
        same_as_python_markdown(text)
        same_with_references(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_plain_markdown_is_the_same(text):
    same_as_python_markdown(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_text_with_references_is_the_same(text):
    same_with_references(text)
