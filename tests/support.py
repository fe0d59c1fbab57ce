"""Paths and helpers shared by the tests (fixtures are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SETTINGS = ROOT / "pelicanconf.py"
SEED = ROOT.parent / "shared" / "seeds" / "bradford-executive-exploitation-update.txt"


def html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def postings(index: Path) -> dict[str, set[int]]:
    """The word index of the Pagefind index in ``index`` (a folder of ``pagefind/``):
    the pages (by number) of each word (stem) it holds."""
    from minutebook.site.search import _decode

    words: dict[str, set[int]] = {}
    for chunk in (index / "index").glob("*.pf_index"):
        for word, pages, *_ in _decode(chunk.read_bytes(), chunk.name)[0]:  # type: ignore[index]
            number, found = 0, set()
            for page in pages:  # each page number is given as a step from the one before
                number += page[0]
                found.add(number)
            words[word] = found
    return words
