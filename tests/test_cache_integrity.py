"""A damaged build cache never reaches the site: each file the build reads
back from ``.minutebook-cache/<output>/``, with one bit flipped, is found
out (``sealed``), reported in one line and made again from the content; the
site is a cold build's, byte for byte, and so is the next one's."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from minutebook.engine import background, filecache, kept, sealed, spare
from minutebook.engine.build import build_site
from minutebook.engine.incremental import PAGES, STATE, TEXTS, cache_folder
from tests.support import SETTINGS
from tests.test_incremental import NO_SEARCH, archive, items, rebuild_matches_cold  # noqa: F401 (a fixture)

WARNING = "The build cache was damaged ({}); this build made it again from the content."
TEMPLATES = "templates"
_edits = itertools.count()


def flip_a_bit(path: Path, near: bytes | None = None) -> None:
    """Flip one bit of the stored bytes: in the first ``near`` after the
    header (a rendered text's ``</p>`` becomes ``</r>``), or halfway."""
    data = bytearray(path.read_bytes())
    assert data.startswith(sealed.MARK), f"{path.name} is not sealed"
    at = data.index(near, sealed.HEADER) + 2 if near else (sealed.HEADER + len(data)) // 2
    data[at] ^= 0x02
    path.write_bytes(bytes(data))


def edit_text(item: Path) -> None:
    """A change below the front matter: the build patches the kept model."""
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("## Minutes\n", f"## Minutes\n\nEdit {next(_edits)}.\n", 1), encoding="utf-8")


def edit_front_matter(item: Path) -> None:
    """A change to the front matter: the build reads and renders everything."""
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("title: ", f"title: Revised {next(_edits)} ", 1), encoding="utf-8")


# cache file: the edit after which a build reads it (None: none, a rebuild
# with nothing changed reads the build record), and where to flip a bit
CASES = {
    STATE: (None, None),
    TEXTS: (edit_front_matter, b"</p>"),
    filecache.FILES: (edit_front_matter, None),
    filecache.RECENT: (edit_front_matter, None),
    kept.MODEL: (edit_text, None),
    kept.PATCHES: (edit_text, None),
    PAGES: (edit_text, None),
    spare.MADE: (edit_text, None),
}
NO_SPARE = {PAGES, spare.MADE}  # the spare is taken only with its marker and the record it was made from


@pytest.mark.parametrize("name", [*CASES, TEMPLATES])
def test_a_flipped_bit_in_the_cache_gives_a_cold_builds_site(archive, tmp_path, capfd, name):  # noqa: F811
    content, output = archive
    number = [*CASES, TEMPLATES].index(name)
    item, other = items(content)[number], items(content)[number + 20]
    edit_front_matter(item)  # a full build, which writes every cache file
    build_site(SETTINGS, content, output, NO_SEARCH)
    edit_text(item)  # then a build on the kept model, which writes the patches
    build_site(SETTINGS, content, output, NO_SEARCH)
    spare.settle(output)
    cache = cache_folder(output)
    with background.written(cache):
        if name == TEMPLATES:
            compiled = sorted((cache / TEMPLATES).iterdir())
            for path in compiled:
                flip_a_bit(path)
            label, edit = f"{len(compiled)} compiled templates", edit_front_matter
        else:
            edit, near = CASES[name]
            flip_a_bit(cache / name, near)
            label = name
    if edit is not None:
        edit(other)
    # holding no model (``kept.HeldModel``), the rebuild reads it from the cache, as a new process would
    capfd.readouterr()
    rebuild_matches_cold(content, output, tmp_path / "damaged", from_spare=name not in NO_SPARE)
    assert capfd.readouterr().err.count(WARNING.format(label)) == 1
    edit_text(other)  # the next build finds the cache whole again
    rebuild_matches_cold(content, output, tmp_path / "next")
    assert "damaged" not in capfd.readouterr().err


def test_a_cache_file_from_before_the_seals_is_ignored_without_a_word(tmp_path, capfd):
    stored = tmp_path / TEXTS
    stored.write_bytes(b"\x80\x05N.")  # a bare pickle of None, as written before files were sealed
    assert sealed.load(stored) is None
    assert capfd.readouterr().err == ""
    sealed.dump(stored, {"a": 1})
    assert sealed.load(stored) == {"a": 1}
