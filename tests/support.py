"""Paths and helpers shared by the tests (fixtures are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SETTINGS = ROOT / "pelicanconf.py"
SEED = ROOT.parent / "shared" / "seeds" / "bradford-executive-exploitation-update.txt"


def html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))
