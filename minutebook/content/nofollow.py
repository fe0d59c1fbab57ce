"""Reading content files without following symbolic links.

One content change (a document that is a link to ``/etc/passwd``, a meeting
folder that is a link to a home folder) must never publish a file from
outside the content folder. The checks report every link as a mistake
(``load``, ``documents``); these readers are the second line: they open
each part of a path with ``O_NOFOLLOW``, so a link made after the checks
ran, or by a race, is refused rather than read. They also refuse anything
that is not a regular file, so a pipe or a device can neither hang a build
nor fill it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

# O_NOFOLLOW and dir_fd are POSIX; where missing, each part is looked at first
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a pipe opens at once, then is refused as not a file
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_AT = _NOFOLLOW and os.open in os.supports_dir_fd


def is_link(path: Path) -> bool:
    """True when ``path`` itself is a symbolic link (whatever it points to, or nothing)."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def read_regular(path: Path) -> bytes:
    """The bytes of ``path``, which must be a regular file and not a link
    (its folders are trusted: see ``read_inside``). Raises OSError."""
    if not _NOFOLLOW and is_link(path):
        raise OSError(errno.ELOOP, "it is a symbolic link", str(path))
    return _read_open(os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK), path)


def read_inside(root: Path, rel: str) -> bytes:
    """The bytes of the regular file ``rel`` (a '/'-separated path) under
    ``root``, following no link on the way. Raises OSError."""
    parts = rel.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise OSError(errno.EINVAL, "not a plain path inside the content folder", rel)
    if not _AT:
        for depth in range(1, len(parts) + 1):
            if is_link(Path(root, *parts[:depth])):
                raise OSError(errno.ELOOP, "it is a symbolic link", "/".join(parts[:depth]))
        return read_regular(Path(root, *parts))
    folder = os.open(root, os.O_RDONLY | _DIRECTORY)
    try:
        for part in parts[:-1]:
            inner = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=folder)
            os.close(folder)
            folder = inner
        fd = os.open(parts[-1], os.O_RDONLY | _NOFOLLOW | _NONBLOCK, dir_fd=folder)
    finally:
        os.close(folder)
    return _read_open(fd, Path(root, rel))


def _read_open(fd: int, path: Path) -> bytes:
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "it is not a file", str(path))
        chunks = []  # os.read, not a file object: a third quicker for thousands of small files
        while chunk := os.read(fd, max(info.st_size, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
