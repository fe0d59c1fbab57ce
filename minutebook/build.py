"""Build the whole site atomically: render into a fresh folder beside the
output, and replace the output only when everything succeeded. A content
mistake, a crash or a killed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from .errors import ContentErrors
from .search import SearchIndexError, index_site

STAGING_PREFIX = ".building-"


def settings_for(settings_file: Path, content: Path | None = None, output: Path | None = None,
                 overrides: dict | None = None) -> dict:
    override = dict(overrides or {})
    if content is not None:
        override["PATH"] = str(Path(content).resolve())
    if output is not None:
        override["OUTPUT_PATH"] = str(Path(output).resolve())
    return read_settings(str(settings_file), override=override)


def build_site(settings_file: Path, content: Path | None = None, output: Path | None = None,
               overrides: dict | None = None) -> Path:
    """Build into ``output`` (default: the settings' OUTPUT_PATH). Raises
    ContentErrors for content mistakes; the output is then untouched."""
    settings = settings_for(settings_file, content, output, overrides)
    final = Path(settings["OUTPUT_PATH"])
    staging = final.parent / f"{STAGING_PREFIX}{final.name}-{os.getpid()}"
    _remove_stale_staging(final)
    staging.mkdir(parents=True)
    settings["OUTPUT_PATH"] = str(staging)
    settings["MINUTEBOOK_RAISE_ERRORS"] = True
    try:
        _quiet_pelican()
        Pelican(settings).run()
        if settings.get("MINUTEBOOK_SEARCH", True):
            index_site(staging)  # last: Pagefind reads the finished pages
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, final)
    return final


def _swap(staging: Path, final: Path) -> None:
    """Replace ``final`` with ``staging`` using renames only."""
    old = final.parent / f"{STAGING_PREFIX}{final.name}-old-{os.getpid()}"
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _remove_stale_staging(final: Path) -> None:
    """Remove folders left by a build that was killed."""
    if final.parent.exists():
        for leftover in final.parent.glob(f"{STAGING_PREFIX}{final.name}-*"):
            shutil.rmtree(leftover, ignore_errors=True)


def _quiet_pelican() -> None:
    logging.getLogger("pelican").setLevel(logging.WARNING)


__all__ = ["build_site", "settings_for", "ContentErrors", "SearchIndexError"]
