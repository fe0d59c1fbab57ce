""""Today", for rules and listings that depend on it, without reading the clock.

Builds must be reproducible, so today comes from the MINUTEBOOK_TODAY setting,
else SOURCE_DATE_EPOCH, else the time of the content's last git commit, else
the newest meeting date in the content.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path


def source_date_epoch(path: Path) -> int | None:
    """SOURCE_DATE_EPOCH, or the last commit time of the git tree at ``path``."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value and value.strip().isdigit():
        return int(value)
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=path, capture_output=True,
                             text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return int(out) if out.isdigit() else None


def today(settings: dict, content: Path, fallback: dt.date | None = None) -> dt.date:
    configured = settings.get("MINUTEBOOK_TODAY")
    if configured:
        return configured if isinstance(configured, dt.date) else dt.date.fromisoformat(str(configured))
    epoch = source_date_epoch(content)
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.UTC).date()
    return fallback or dt.date(1970, 1, 1)
