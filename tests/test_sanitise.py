"""The sanitiser: whatever a clerk writes, the HTML published from it runs
nothing, and every word written is still there to read."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutebook.content import markup
from minutebook.content.sanitise import clean, removed, web_address_problem
from minutebook.model import crossrefs
from tests.safety import executable_parts, visible_text

WORDS = ["council", "budget", "Keighley", "exploitation", "minutes", "Band", "tender", "ward"]
# Classic vectors, each wrapped around a {word} that must stay readable.
VECTORS = [
    "<script>{word}</script>", "<SCRIPT>{word}</SCRIPT>", "<img src=x onerror=alert(1)>{word}",
    "<svg onload=alert(1)>{word}</svg>", "<iframe srcdoc='<script>alert(1)</script>'>{word}</iframe>",
    "[{word}](javascript:alert(1))", "[{word}](JaVaScRiPt:alert(1))", "[{word}](java&#x09;script:alert(1))",
    "[{word}](jav&#x0A;ascript:alert(1))", "[{word}](data:text/html;base64,PHNjcmlwdD4=)",
    "[{word}](vbscript:msgbox(1))", '<a href="  javascript:alert(1)">{word}</a>',
    '<a href="&#106;avascript:alert(1)">{word}</a>', "![picture](javascript:alert(1)){word}",
    '[{word}](https://x.org "t\\" onmouseover=\\"alert(1)")', '<p style="background:url(x)">{word}</p>',
    "<b onclick=alert(1)>{word}</b>", "<math><mi xlink:href='javascript:alert(1)'>{word}</mi></math>",
    "<form action=javascript:alert(1)><button>{word}</button></form>", "</title><script>alert(1)</script>{word}",
    "</script><script>alert(1)</script>{word}", "<style>body{{display:none}}</style>{word}",
    "<object data=javascript:alert(1)>{word}</object>", "<embed src=javascript:alert(1)>{word}",
    "{word}\n{{: onclick=\"alert(1)\" }}", "<div markdown=\"1\" onmouseover=\"alert(1)\">{word}</div>",
    "<{word} C>", "<Band {word}>", "<scr<script>ipt>alert(1)</script>{word}", "<a href=\"/x\">{word}</a>",
    "<base href=javascript:/>{word}", "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>{word}",
    "<input autofocus onfocus=alert(1) value={word}>{word}", "<details open ontoggle=alert(1)>{word}</details>",
]
JOINS = ["", " ", "\n", "\n\n", " and "]

corpus = st.lists(st.tuples(st.sampled_from(VECTORS), st.sampled_from(WORDS), st.sampled_from(JOINS)),
                  min_size=1, max_size=6)


def as_text(parts: list[tuple[str, str, str]]) -> str:
    return "".join(vector.format(word=word) + join for vector, word, join in parts)


def both_renderers(text: str) -> list[str]:
    return [markup.render_markdown(text), crossrefs.render_with_links(text, lambda m, d: None, look_up=False)]


@settings(max_examples=300, deadline=None)
@given(corpus)
def test_nothing_a_clerk_writes_runs_and_every_word_stays(parts):
    text = as_text(parts)
    for html in both_renderers(text):
        assert executable_parts(html) == [], text
        shown = visible_text(html)
        for _, word, _ in parts:
            assert word in shown, (text, html)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("<>/=\"' \n&#;:[]()!{}*_`abcjsvgrptxonel1") + [
    "javascript:", "script", "onerror", "<img ", "<svg", "<a href=", "data:", "&#x09;", "<iframe", "](", "srcdoc"]),
    max_size=40).map("".join))
def test_no_markup_at_all_gets_through(text):
    for html in both_renderers(text):
        assert executable_parts(html) == [], text


@pytest.mark.parametrize("text", ["spend on <Band C> contracts", "A < B and C > D", "<Band C>"])
def test_text_that_looks_like_a_tag_is_published_as_written(text):
    html = markup.render_markdown(text)
    assert visible_text(html).strip() == text
    assert removed(markup.render_unsanitised(text)) == []  # nothing to warn about: it is text


def test_what_markdown_makes_is_kept():
    text = ("A [link](https://example.org \"title\") and [one within](../x/), **bold**, *em*, `code`, AM[^1].\n\n"
            "| a | b |\n|:--|--:|\n| 1 | 2 |\n\nTerm\n: Definition\n\n*[AM]: Appendix M\n\n[^1]: A note.\n")
    html = markup.render_markdown(text)
    for kept in ['href="https://example.org"', 'title="title"', 'href="../x/"', "<strong>", "<em>", "<code>",
                 '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">', "<table>", 'style="text-align:right"',
                 "<dl>", '<abbr title="Appendix M">', '<li id="fn:1">', '<div class="footnote">']:
        assert kept in html


def test_the_check_names_what_is_removed():
    said = [what for _, what in removed(markup.render_unsanitised(
        "<script>x</script> <img src=a onerror=b> [c](javascript:d) <b style=\"color:red\">e</b> <Band C>"))]
    assert any("'<script>' is HTML the site does not allow" in what for what in said)
    assert any("'onerror' of <img> is removed" in what for what in said)
    assert any("'javascript:d' is removed" in what for what in said)
    assert any("'style' of <b> is removed" in what for what in said)
    assert not any("Band" in what for what in said)


def test_pictures_come_only_from_the_site():
    html = markup.render_markdown("![Map](../map.png) ![Tracker](https://elsewhere.example/t.gif) "
                                  "![x](//e.example/x.gif)")
    assert 'src="../map.png"' in html and "elsewhere" not in html and "e.example" not in html
    said = [what for _, what in removed(markup.render_unsanitised("![Tracker](https://elsewhere.example/t.gif)"))]
    assert said == ["the picture 'https://elsewhere.example/t.gif' is removed: a picture must be a file published "
                    "with the site (an address within the site), never one loaded from another site"]


def test_ids_that_are_not_footnotes_are_removed():
    html = clean('<p><sup id="main-content">1</sup><li id="fn:2">x</li></p>')
    assert 'id="main-content"' not in html and 'id="fn:2"' in html


@pytest.mark.parametrize("address, ok", [
    ("https://www.example.gov.uk/webcast/1", True), ("http://example.org", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), ("data:text/html,x", False),
    ("java\tscript:alert(1)", False), ("//example.org/x", False), ("https://", False), ("www.example.org", False),
    ("vbscript:x", False), ("mailto:a@b.org", False),
])
def test_web_addresses(address, ok):
    assert (web_address_problem(address) is None) is ok


def test_a_word_in_a_script_is_shown_not_run():
    html = markup.render_markdown("<script>alert('budget')</script>")
    assert re.search(r"&lt;script&gt;alert\('budget'\)&lt;/script&gt;", html), html


def test_the_check_warns_at_the_line_of_each_removal(content_copy, capsys):
    from minutebook.commands.cli import check

    item = content_copy / "meetings" / "executive" / "2024-03-05" / "08-exploitation-annual-update.md"
    lines = item.read_text(encoding="utf-8").splitlines()
    at = lines.index("## Minutes") + 2
    lines.insert(at, 'The Leader <img src="x" onerror="alert(1)"> spoke. [More](javascript:alert(1))')
    item.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subjects = content_copy / "subjects.yaml"
    text = subjects.read_text(encoding="utf-8").replace("reported every year.", "reported every year. <iframe>", 1)
    subjects.write_text(text, encoding="utf-8")
    assert check(content_copy) == 0  # warnings, not mistakes: the text is published safely
    said = capsys.readouterr().err
    where = "meetings/executive/2024-03-05/08-exploitation-annual-update.md"
    assert f"{where}:{at + 1}: warning: text: the attribute 'onerror' of <img> is removed" in said
    assert f"{where}:{at + 1}: warning: text: the link 'javascript:alert(1)' is removed" in said
    line = text[:text.index("<iframe>")].count("\n") + 1
    assert (f"subjects.yaml:{line}: warning: exploitation.description: '<iframe>' is HTML the site "
            "does not allow") in said
