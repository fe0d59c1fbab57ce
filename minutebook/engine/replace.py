"""Files written into a site: replaced whole, in folders made once.

A file is replaced by writing the new bytes beside it, then renaming over it:
a reader never sees half a file, and a file that is a hard link to the
published site (see ``generator`` and ``spare``) is never written through.
"""

from __future__ import annotations

import os
from pathlib import Path

_made: set[Path] = set()  # folders this process has made: at archive scale, mkdir calls added up


def make_folder(folder: Path) -> None:
    if folder not in _made:
        folder.mkdir(parents=True, exist_ok=True)
        _made.add(folder)


def forget_folder(folder: Path) -> None:
    """The folder went since it was made (a test, a clean-up): make it again next time."""
    _made.discard(folder)


def replace_bytes(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
