"""Each meeting and item file, read and validated, kept between builds.

Reading a file (YAML with line numbers) and validating it (the schema, the
split into sections) depends on nothing but its bytes and its name, so a
build keeps the result in ``.minutebook-cache/<output name>/files.pickle``,
keyed by the file's name and the hash of its bytes, and the next build takes a
file whose bytes are unchanged from there instead of reading it again. Checks
across files (references, numbering, lifecycle) still run over everything.

Only files that were read and validated without a single mistake are kept:
a file with a mistake is always read and checked again, so its mistakes are
reported exactly as before, and a cache can never hide one. A cache that is
missing, damaged (``sealed``) or from other code is ignored: the build is then a cold
build, and its output is the same bytes either way.

The cache is written as soon as the check has passed (``write``), by a
copy of the build's process, and let go of; it is put in place only when
the whole build has succeeded (``put_in_place``): held to the end of a cold build, it was 220 of the
390 MiB the build held at 1,000 meetings. Each entry is pickled on its own
(pickled whole, the pickler's memo needed as much memory again), streamed into
the file, and unpickled only when its file is read again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from minutebook.content.source import SourceFile
from minutebook.engine import background, sealed

FILES = "files.pickle"
RECENT = "files-recent.pickle"  # the few files read since FILES was written: rewriting it all costs seconds


class FileCache:
    """Read from ``folder`` (if any) at the start; keeps for next time only
    what this build read, so deleted files drop out."""

    def __init__(self, folder: Path | None) -> None:
        from minutebook.engine.incremental import code_version

        self.folder = folder
        self.code = code_version()
        self.base: dict[str, tuple] = self._load(FILES) if folder is not None else {}
        self.recent: dict[str, tuple] = self._load(RECENT) if self.base else {}
        self.old: dict[str, tuple] = {**self.base, **self.recent}
        # rel -> (digest, (source, checked)), clean files only; pickled, as read from ``old``
        self.new: dict[str, tuple] = {}
        self.taken: dict[str, Any] = {}  # rel -> checked, for the files taken from ``old`` by this build
        self.digests: dict[str, bytes] = {}
        self.changed = False

    def _load(self, name: str) -> dict:
        with background.written(self.folder):
            value = sealed.load(self.folder / name)  # missing, damaged or from other code: a cold build
        if not isinstance(value, dict) or value.get("code") != self.code:
            return {}
        entries = value.get("entries")
        return entries if isinstance(entries, dict) else {}

    def source(self, path: Path, rel: str, data: bytes) -> SourceFile | None:
        """The file as read by an earlier build, when its bytes (``data``) are the same."""
        digest = hashlib.sha256(data).digest()
        self.digests[rel] = digest
        entry = self.old.get(rel)
        if entry is None or entry[0] != digest:
            return None
        try:
            source, checked = pickle.loads(entry[1])
            body = source.body.decode()  # as ``_as_kept`` keeps it
        except Exception:  # sealed, yet not what this code pickled: read the file
            return None
        self.new[rel] = entry
        self.taken[rel] = checked
        return dataclasses.replace(source, path=path, body=body)

    def checked(self, source: SourceFile) -> Any:
        """What validating this file gave before, or None to validate it."""
        return self.taken.get(source.rel)

    def keep(self, source: SourceFile, checked: Any) -> None:
        """A file read and validated without mistakes, for the next build."""
        digest = self.digests.get(source.rel)
        if digest is not None and source.rel not in self.new:
            self.new[source.rel] = (digest, (dataclasses.replace(source, path=Path()), checked))
            self.changed = True

    def prepare(self) -> dict[Path, dict | None]:
        """What this build read, to be written (``background.write_later``) once
        the check has passed (``write``), and put in place when the whole
        build has succeeded, so a failed build leaves the cache as it was: the cache, and None for a small file the
        whole one replaces."""
        if self.folder is None or (not self.changed and set(self.new) == set(self.old)):
            return {}
        # Entries are keyed by the hash of the file's bytes, so any mix of the two
        # files is correct; the small one is written while it stays small.
        recent = {rel: entry for rel, entry in self.new.items() if self.base.get(rel) is not entry}
        gone = len(set(self.base) - set(self.new))
        if self.base and len(recent) + gone <= max(50, len(self.new) // 20):
            name, entries = RECENT, recent
        else:
            name, entries = FILES, dict(self.new)
        return {self.folder / name: {"code": self.code, "entries": entries},
                **({self.folder / RECENT: None} if name == FILES else {})}


def places(files: dict[Path, dict | None], staging: Path) -> dict[Path, Path | None]:
    """Where ``write`` puts each of ``files`` meanwhile: in the build's staging
    folder, deleted with it if the build fails (None: a file to delete)."""
    return {path: staging / f".{path.name}.pending" if value is not None else None for path, value in files.items()}


def write(files: dict[Path, dict | None], where: dict[Path, Path | None]) -> None:
    """Write what ``FileCache.prepare`` gave where ``places`` says, each entry
    pickled on its own: in a copy of the build's process (``background.run_aside``),
    as soon as the check has passed, so that the build need not hold it."""
    for path, value in files.items():
        if value is None:
            continue
        sealed.dump_to(where[path], {**value, "entries": sealed.Streamed(_pickled(value["entries"]))}, memo=False)


def _pickled(entries: dict[str, tuple]) -> Iterator[tuple[str, tuple]]:
    """Each entry pickled as it is written, and let go of: all of them, pickled,
    were as much memory again as the build's at 1,000 meetings, in this copy of it."""
    for rel, (digest, kept) in entries.items():
        yield rel, (digest, kept if isinstance(kept, bytes) else pickle.dumps(_as_kept(*kept), pickle.HIGHEST_PROTOCOL))


def _as_kept(source: SourceFile, checked: Any) -> tuple[SourceFile, Any]:
    """A file as read and checked, as the cache keeps it: its text as UTF-8.
    Pickling a str that is not ASCII attaches its UTF-8 to it for as long as the
    str lives (CPython's cache): this copy of the build grew by every text."""
    return dataclasses.replace(source, body=source.body.encode()), checked


def put_in_place(where: dict[Path, Path | None], written: bool) -> None:
    """Once the whole build has succeeded, before its staging folder becomes
    the site: move what ``write`` wrote into the cache folder (or, if it could
    not write it, leave the cache as it was)."""
    for path, pending in where.items():
        if pending is None:
            if written:
                path.unlink(missing_ok=True)
        elif written:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(pending, path)
        else:
            pending.unlink(missing_ok=True)
