"""Replace a file whole: write the new bytes beside it, then rename over it.

A reader never sees half a file, and a file that is a hard link to the
published site (see ``generator`` and ``spare``) is never written through.
"""

from __future__ import annotations

import os
from pathlib import Path


def replace_bytes(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
