"""The generated archive (``minutebook gen-archive``) is valid content and the
same for the same number of meetings and seed."""

from __future__ import annotations

from pathlib import Path

from minutebook.commands.genarchive import MARK, generate
from minutebook.engine.pipeline import check_content


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_generated_archive_passes_the_check(tmp_path):
    out = generate(tmp_path / "archive", 30, seed=3)
    checked = check_content(out)
    assert len(checked.meetings) == 30
    held = [m for m in checked.meetings if m.items]
    assert all(8 <= len(m.items) <= 15 for m in held)
    items = [i for m in checked.meetings for i in m.items]
    assert any(i.front.exempt for i in items), "some items are exempt"
    assert any(i.front.votes for i in items), "some items have votes"
    assert checked.warnings == []


def test_the_same_meetings_and_seed_give_the_same_bytes(tmp_path):
    first = tree(generate(tmp_path / "one", 12, seed=7))
    assert first == tree(generate(tmp_path / "two", 12, seed=7))
    assert first != tree(generate(tmp_path / "three", 12, seed=8))


def test_every_generated_file_says_it_is_demonstration_data(tmp_path):
    files = tree(generate(tmp_path / "archive", 12))
    for name, data in files.items():
        assert MARK.encode() in data or b"generated demonstration data" in data, name
