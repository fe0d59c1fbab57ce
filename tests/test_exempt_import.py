"""The Modern.gov importer writes what a restricted item's or document's
restriction says after ``exempt:``: one paragraph, several ("Paragraphs 1 and
2"), or ``not stated`` when it names none, so the imported item is exempt
either way and the paragraph is never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from minutebook.commands.moderngov import mapping, service
from minutebook.commands.moderngov.write import front_matter
from minutebook.content import schema
from minutebook.content.source import read_source


@pytest.mark.parametrize(("restriction", "written"), [
    ("Paragraph 3", 3),
    ("Para. 7 of Schedule 12A", 7),
    ("Paragraphs 1 and 2 of Part 1 of Schedule 12A", [1, 2]),
    ("paragraph 1 or 3", [1, 3]),
    ("Paragraphs 1, 2 & 7", [1, 2, 7]),
    ("Restricted", "not stated"),
    ("Paragraph 9", "not stated"),  # not a paragraph of Part 1: never guessed
    ("", "not stated"),
])
def test_a_restricted_item_is_imported_exempt_with_the_paragraphs_it_names(tmp_path: Path, restriction: str,
                                                                           written: int | list[int] | str) -> None:
    item = service.Item("7001", "Licence review", "6", "", "24", "<p>secret agenda</p>", "<p>secret minutes</p>",
                        "<p>secret decision</p>", True, restriction, 0, (), ())
    told: list[str] = []
    front, text = mapping.map_item(item, "approved-minutes", told, mapping.People())
    assert front["exempt"] == written and text == ""
    assert "secret" not in repr(front)
    assert bool(told) == (written == "not stated")
    # the file the importer writes is read by the check as an exemption
    path = tmp_path / "06-licence-review.md"
    path.write_text(front_matter(front, text), encoding="utf-8")
    source = read_source(path, "06-licence-review.md")
    checked = schema.ItemFront.model_validate(source.front.data)
    assert checked.exempt and list(checked.exempt.paragraphs) == (
        [] if written == "not stated" else written if isinstance(written, list) else [written])
