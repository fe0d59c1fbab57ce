"""The theme's stylesheets are published minified, with every rule kept."""

from __future__ import annotations

import re
from pathlib import Path

import minutebook

THEME_CSS = Path(minutebook.theme_path()) / "static" / "css"


def _rules(css: str) -> set[str]:
    """Each selector and at-rule of ``css``, spaces taken out (a minifier may drop them)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return {re.sub(r"\s+", "", head) for head in re.findall(r"([^{};]+)\{", css)}


def test_published_stylesheets_are_smaller_and_keep_every_rule(built_site):
    sheets = sorted(THEME_CSS.glob("*.css"))
    assert sheets
    for sheet in sheets:
        source = sheet.read_text(encoding="utf-8")
        published = (built_site / "theme" / "css" / sheet.name).read_text(encoding="utf-8")
        assert "/*" not in published, f"{sheet.name}: comments are not published"
        assert len(published) < len(source), sheet.name
        assert _rules(published) == _rules(source), f"{sheet.name}: a rule was lost"
