"""Browser helpers shared by the browser tests' fixtures and the `screenshots` task."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from minutebook.commands import preview

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTHS = {"desktop": 1280, "mobile": 320}


def find_chromium() -> str | None:
    """MINUTEBOOK_CHROMIUM if set, else the first Chromium on PATH."""
    explicit = os.environ.get("MINUTEBOOK_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class SiteServer:
    root: Path
    origin: str

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"


@contextmanager
def serve(root: Path) -> Iterator[SiteServer]:
    """Serve ``root`` from a thread on a free port of 127.0.0.1."""
    server = preview.serve(root, 0)
    try:
        yield SiteServer(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
