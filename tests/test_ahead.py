"""Markdown rendered ahead of the model (``ahead``) gives the very HTML the
build would have rendered itself, and never an exempt text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutebook.commands.genarchive import generate
from minutebook.content.errors import ContentErrors
from minutebook.engine import ahead, pipeline
from minutebook.engine.pipeline import load_site
from minutebook.model import crossrefs

# Pieces of text that make references, stop them, or change how they render.
PIECES = ["Minute 12", "minute no. 3", "Minute 7", "Document “AM”", 'Document "B"', "on 5 March 2024 (Minute 7)",
          "on 31 February 2024 (Minute 3)", "[see Minute 4](https://example.org)", "`Minute 5`", "*Minute 6*",
          "**Document “B”**", "\n\n*[AM]: Assistant Manager\n\n", "\n\n| a | b |\n|---|---|\n| Minute 9 | x |\n\n",
          "A note.[^1]\n\n[^1]: As Minute 12 says.\n\n", "\n\n- Minute 3\n- two\n\n", "\n\n    Minute 8 in code\n\n",
          "&", "<b>Minute 2</b>", "\\*", " ", "\n", "words ", "x\0y", "  \n"]


def resolver(unresolved: frozenset[str], ampersand: bool):
    """Resolve every reference but those named, to a link with an & if asked."""

    def resolve(m: re.Match, date) -> str | None:
        if m.group(0) in unresolved:
            return None
        target = m.group("minute") or m.group("report")
        return f"../{target}/index.html" + ("?a&b" if ampersand else "#documents")

    return resolve


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
       st.frozensets(st.sampled_from(["Minute 12", "Minute 7", "Document “AM”", "minute no. 3"])),
       st.booleans())
def test_a_text_rendered_ahead_and_completed_is_the_text_rendered_with_its_links(text, unresolved, ampersand):
    resolve = resolver(unresolved, ampersand)
    texts = crossrefs.Texts()
    direct = crossrefs.html_of(text, resolve, texts, look_up=False)
    early = crossrefs.render_ahead(text)
    done = crossrefs.completed(early, resolve) if early is not None else None
    if done is not None:
        assert done[0] == direct
        assert done == texts.used[crossrefs.text_key(text)]  # the answers, as the cache keeps them
        return
    # rendered afresh only where ahead cannot give the same bytes
    if not text.strip():
        assert direct == b""
        return
    answers = texts.used[crossrefs.text_key(text)][1]
    assert "\0" in text or any(href is None or "&" in href for _, _, href in answers)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_worker_finds_the_texts_the_checks_find_and_no_exempt_text(tmp_path):
    item = write(tmp_path / "01-budget.md", "---\ntitle: Budget\n---\n## Agenda\n\nThe report.\n\n"
                                            "## Minutes\n\nAgreed.\n")
    notes = write(tmp_path / "meeting.md", "---\nstatus: cancelled\n---\n\nCancelled for snow.\n")
    exempt = write(tmp_path / "02-land.md", "---\ntitle: Land\nexempt: 3\n---\n## Minutes\n\nSecret price.\n")
    broken = write(tmp_path / "03-x.md", "no front matter\n## Minutes\n\nText.\n")
    # Looks inside: pages are the same whichever texts the worker renders (tested below), so only its list shows them
    assert ahead._texts(item) == ["The report.", "Agreed."]
    assert ahead._texts(notes) == ["Cancelled for snow."]
    assert ahead._texts(exempt) == []
    assert ahead._texts(broken) == []


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("ahead") / "content", 6, seed=11)


@pytest.fixture
def forced(monkeypatch):
    """Render ahead on any site, in a worker, every text before the model
    takes them (not as many as it has time for); remember what it handed over."""
    monkeypatch.setattr(ahead, "FEWEST", 0)
    monkeypatch.setenv("MINUTEBOOK_WORKERS", "2")
    handed: list[dict] = []
    finish = ahead.Ahead.finish
    monkeypatch.setattr(ahead.Ahead, "finish", lambda self: handed.append(finish(self, stop=False)) or handed[-1])
    return handed


def texts(site) -> list[tuple[str, str]]:
    found = []
    for meeting in site.meetings:
        found.append((meeting.source, meeting.notes_html))
        for item in meeting.items:
            found += [(item.source, item.agenda_html), (item.source, item.minutes_html)]
    return found


def test_a_model_built_with_texts_rendered_ahead_is_the_same(archive, forced, monkeypatch):
    with_ahead = texts(load_site(archive, {}))
    assert len(forced) == 1 and len(forced[0]) > 50, "the worker rendered nothing ahead"
    linked = [html for html, _ in forced[0].values() if b'href="#minutebook-ahead-' in html]
    assert linked, "no text rendered ahead had a reference to complete"
    monkeypatch.setattr(pipeline, "start_ahead", lambda content: None)
    without = texts(load_site(archive, {}))
    assert len(forced) == 1
    assert [source for (source, html), (_, other) in zip(with_ahead, without, strict=True) if html != other] == []


def test_a_build_that_fails_its_checks_ends_the_worker(archive, forced, monkeypatch, tmp_path):
    started: list[ahead.Ahead] = []
    start = pipeline.start_ahead
    monkeypatch.setattr(pipeline, "start_ahead", lambda content: started.append(start(content)) or started[-1])
    item = sorted((archive / "meetings").glob("*/*/0[1-9]*.md"))[3]
    original = item.read_text(encoding="utf-8")
    write(item, original.replace("---\n", "---\nnot a field\n", 1))
    try:
        with pytest.raises(ContentErrors):
            load_site(archive, {})
    finally:
        write(item, original)
    assert started and started[0].pid is None, "the worker was not waited for"
