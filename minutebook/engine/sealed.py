"""Every file a build keeps in its cache folder, sealed with a digest.

A build takes what it reads back from ``.minutebook-cache/<output>/`` on
trust: rendered texts, files as read and validated, the model, the build
records, compiled templates. One flipped bit on disk once published a changed
word in the minutes, and a damaged compiled template stopped every build. So
each file is written as a header (a mark and the SHA-256 of the rest) ahead of
its bytes, and its bytes are used only when they match the digest: checked
before unpickling, so damaged bytes never reach ``pickle``.

A damaged file is deleted and treated as missing (that part of the build is
made from the content, as in a cold build), and the person building is told
in one line. A file written by Minute Book before files were sealed (a bare
pickle, or Jinja's own bytecode) is from other code: ignored without a word.

SHA-256, because hashlib uses the processor's SHA instructions where there
are any: about 1 GB/s here, as quick as BLAKE2 and no slower than reading.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path

from minutebook.engine.replace import replace_bytes

MARK = b"MBseal1\n"
HEADER = len(MARK) + hashlib.sha256().digest_size
UNSEALED = (b"\x80", b"j2")  # how a pickle and Jinja's bytecode start: files from before the seals


def seal(payload: bytes) -> bytes:
    return MARK + hashlib.sha256(payload).digest() + payload


def unseal(data: bytes) -> memoryview | None:
    """The payload of sealed ``data`` (no copy), or None unless it matches its digest."""
    view = memoryview(data)
    if len(data) < HEADER or not data.startswith(MARK):
        return None
    payload = view[HEADER:]
    return payload if hashlib.sha256(payload).digest() == view[len(MARK):HEADER] else None


def write(path: Path, payload: bytes) -> None:
    """Replace ``path`` whole with ``payload``, sealed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_bytes(path, seal(payload))


def read(path: Path) -> memoryview | None:
    """The payload of the sealed file ``path``; None when it is missing, from
    other code, or damaged (then deleted, and reported)."""
    payload, spoilt = take(path)
    if spoilt:
        damaged([path.name])
    return payload


def take(path: Path) -> tuple[memoryview | None, bool]:
    """``read`` without the report: the payload, and whether the file was damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None, False
    payload = unseal(data)
    if payload is not None:
        return payload, False
    with contextlib.suppress(OSError):  # read once, reported once: the build writes it again
        path.unlink()
    return None, not data.startswith(UNSEALED)


def damaged(labels: list[str]) -> None:
    print(f"The build cache was damaged ({', '.join(labels)}); this build made it again from the content.",
          file=sys.stderr, flush=True)


def dump(path: Path, value: object) -> None:
    """Pickle ``value`` into ``path``, sealed (``dump_to``: never whole in memory)."""
    dump_to(path, value)


def dump_to(path: Path, value: object, memo: bool = True) -> None:
    """``dump``, pickled straight into the file and hashed as it goes, never
    whole in memory (the file cache: 70 MB at 1,000 meetings, pickled, then
    copied to be sealed; the texts and the model, which were, took the build
    from 2.5 to 3.2 GiB at its end at 10,000 meetings). Replaced whole, as
    ``write`` does; a value that cannot be pickled leaves no file. ``memo=False``:
    for a value that holds nothing twice and no cycle (``Streamed``), the
    pickler keeps no reference to what it has written (its memo would keep
    every part of it to the end)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w+b") as file:
            file.write(MARK + bytes(hashlib.sha256().digest_size))  # the digest, once known
            hashing = _Hashing(file)
            pickler = pickle.Pickler(hashing, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.fast = not memo  # "fast mode": no memo
            pickler.dump(value)
            file.seek(len(MARK))
            file.write(hashing.digest.digest())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class Streamed:
    """A dict whose items are made one at a time as it is pickled (an iterable
    of key and value), so that they are never all in memory together; it is
    unpickled as a plain dict."""

    def __init__(self, items: Iterable[tuple[object, object]]) -> None:
        self.items = items

    def __reduce__(self) -> tuple:
        return dict, (), None, None, iter(self.items)


class _Hashing:
    """A file that hashes what is written to it."""

    def __init__(self, file) -> None:
        self.file, self.digest = file, hashlib.sha256()

    def write(self, data) -> int:
        self.digest.update(data)
        return self.file.write(data)


def load(path: Path) -> object | None:
    """Unpickle a sealed file, once its digest is checked; None as for ``read``."""
    payload = read(path)
    if payload is None:
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # sealed by other code that pickled other classes: not ours to use
        return None
