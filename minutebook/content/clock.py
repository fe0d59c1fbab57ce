""""Today", for rules and listings that depend on it, without reading the clock.

Builds must be reproducible, so today comes from the MINUTEBOOK_TODAY setting,
else SOURCE_DATE_EPOCH, else the time of the content's last git commit (or,
while a clerk has changes not yet committed, the newest of those files'
modification times), else the newest meeting date in the content.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")  # the date as the council gives it, like the change history's


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


def known_today(settings: dict, content: Path) -> dt.date | None:
    """Today as the settings, SOURCE_DATE_EPOCH or git tell it; None when
    none of them can (the content is not a git checkout)."""
    configured = settings.get("MINUTEBOOK_TODAY")
    if configured:
        return configured if isinstance(configured, dt.date) else dt.date.fromisoformat(str(configured))
    explicit = os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit()
    epoch = source_date_epoch(content)
    if epoch is None:
        return None
    if not explicit:
        # A clerk checking minutes they have not yet committed: the last
        # commit may predate the meeting they are writing up.
        epoch = max(epoch, _newest_uncommitted(content))
    return dt.datetime.fromtimestamp(epoch, LONDON).date()


def _newest_uncommitted(content: Path) -> int:
    """The newest modification time of content files changed since the last commit."""
    try:
        found = subprocess.run(["git", "status", "--porcelain", "-z", "--untracked-files=all", "--", "."],
                               cwd=content, capture_output=True, timeout=30, check=False)
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=content, capture_output=True,
                             text=True, timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return 0
    newest = 0
    for entry in found.stdout.decode("utf-8", "replace").split("\0"):
        path = Path(top, entry[3:]) if len(entry) > 3 and top else None
        if path is not None and path.is_file():
            newest = max(newest, int(path.stat().st_mtime))
    return newest
