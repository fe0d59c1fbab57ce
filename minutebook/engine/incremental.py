"""What a rebuild can reuse, kept in ``.minutebook-cache/<output name>/``
beside the output folder (never inside it, so the site's bytes do not depend
on whether a cache existed).

Two things are kept:

- the fingerprint of everything the last build read (every content file,
  the theme, Minute Book's code, the settings, the content's git commit and
  "today"), and which output folder it built: a rebuild with the same
  fingerprint has nothing to do, and leaves the output as it is;
- the Markdown of each text, rendered, with the answers its references were
  given (see ``crossrefs.render_with_links``): text whose references still
  resolve the same way is not rendered again.

A cache that is missing, damaged (``sealed``) or from other code is ignored:
the build is then a cold build, and its output is the same bytes either way.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import subprocess
from importlib.metadata import version
from pathlib import Path
from stat import S_IRUSR, S_ISREG

from minutebook.content import clock, urls
from minutebook.content.nofollow import read_regular
from minutebook.engine import sealed

PACKAGE = Path(__file__).resolve().parent.parent  # the whole package: a change to any of its code
CACHE_DIR = ".minutebook-cache"
STATE, TEXTS = "state.pickle", "texts.pickle"


def _hash_tree(digest: hashlib._Hash, folder: Path, pattern: str = "*") -> None:
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


Stat = tuple[int, int]  # size, modification time in nanoseconds


def content_stats(folder: Path) -> dict[str, Stat]:
    """Each file's size and modification time (to the nanosecond), as make
    does: far quicker than reading an archive's every file, and any save changes them.
    Whatever is not a plain file is listed too, as ``rel/`` with its kind and
    no time: the check reads folders and refuses what it cannot read, so a
    build must not call the site up to date when only they have changed
    (an empty meeting folder, a symbolic link)."""
    stats: dict[str, Stat] = {}
    todo = [(str(folder), "")]
    while todo:  # a stack, not recursion: folders may nest deeper than Python's limit
        path, prefix = todo.pop()
        try:
            with os.scandir(path) as found:
                listed = sorted(found, key=lambda e: e.name)
        except OSError:  # a folder that may not be read: the check says so, not this
            stats[prefix or "./"] = (UNREADABLE, 0)
            continue
        for entry in listed:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                stats[rel + "/"] = (FOLDER, 0)
                todo.append((entry.path, rel + "/"))
            elif entry.is_file(follow_symlinks=False):
                stat = entry.stat()
                stats[rel] = (stat.st_size, stat.st_mtime_ns)
                if not stat.st_mode & S_IRUSR:  # made unreadable, which changes neither size nor time
                    stats[rel + "/"] = (UNREADABLE, 0)
            else:
                stats[rel + "/"] = (LINK if entry.is_symlink() else OTHER, 0)
                _stat_target(entry, rel, stats)
    return stats


def _stat_target(entry: os.DirEntry, rel: str, stats: dict[str, Stat]) -> None:
    """A link to a file is also listed as that file, by its size and time,
    so that an edit to it is seen wherever the loader reads links."""
    try:
        stat = entry.stat()  # follows the link
    except OSError:
        return  # a link to nothing: the check says where
    if S_ISREG(stat.st_mode):
        stats[rel] = (stat.st_size, stat.st_mtime_ns)


FOLDER, LINK, OTHER, UNREADABLE = 0, 1, 2, 3  # the kinds of what is not a plain file, never followed


def is_entry(rel: str) -> bool:
    """A folder, link or other non-file of ``content_stats``: there are no bytes to read."""
    return rel.endswith("/")


@functools.lru_cache(maxsize=1)  # the code running cannot change while it runs
def code_version() -> str:
    """Minute Book's own code and the renderers it uses: a change invalidates every cache."""
    digest = hashlib.sha256(f"{version('pelican')} {version('markdown')} {version('jinja2')}".encode())
    _hash_tree(digest, PACKAGE, "*.py")
    return digest.hexdigest()


def fingerprint(settings: dict, stats: dict[str, Stat]) -> str:
    """Everything a build's output depends on, as one hash (content files by
    their ``content_stats``)."""
    digest = _inputs_digest(settings)
    digest.update(repr(settings.get(SEARCH, True)).encode())  # an index to make, keep or leave out
    for rel, (size, mtime) in stats.items():
        digest.update(f"{rel}\0{size}\0{mtime}\0".encode())
    return digest.hexdigest()


SEARCH = "MINUTEBOOK_SEARCH"  # the search index: no page depends on it (the search page finds out in the browser)
# where, not what, a build writes (and the build's state, ``state.SETTING``)
BUILD_ONLY = ("OUTPUT_PATH", "MINUTEBOOK_CACHE", "MINUTEBOOK_PREVIOUS", "MINUTEBOOK_BUILD", SEARCH)


def _inputs_digest(settings: dict) -> hashlib._Hash:
    """What every page depends on besides the content files: the code, the
    settings, the theme, "today" and the git commit (the change histories)."""
    content = Path(settings["PATH"])
    digest = hashlib.sha256(code_version().encode())
    shown = {k: v for k, v in settings.items() if not k.startswith(BUILD_ONLY)}
    digest.update(repr(sorted((k, repr(v)) for k, v in shown.items())).encode())
    for theme in [settings.get("THEME", ""), *settings.get("THEME_TEMPLATES_OVERRIDES", [])]:
        _hash_tree(digest, Path(theme))
    digest.update(repr((clock.known_today(settings, content), os.environ.get("SOURCE_DATE_EPOCH"),
                        _git_head(content))).encode())
    return digest


def _git_head(content: Path) -> str:
    """The commit the content is at: the pages' change history comes from git."""
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=content, capture_output=True, text=True,
                              timeout=10, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def cache_folder(final: Path) -> Path:
    return final.parent / CACHE_DIR / final.name


def identity(folder: Path) -> list[int] | None:
    """Which folder this is: the swap puts a new folder (a new inode) in place."""
    try:
        stat = folder.stat()
    except OSError:
        return None
    return [stat.st_dev, stat.st_ino]


# Pickle, not JSON: at 1,000 meetings the records hold every rendered text and
# every page's sources, and JSON took seconds each way. Only this program reads
# them, and only once their digest is checked (``sealed``).

def read(path: Path) -> dict:
    value = sealed.load(path)  # missing, damaged or from other code: a cold build
    return value if isinstance(value, dict) else {}


def write(path: Path, value: dict) -> None:
    sealed.dump(path, value)


# A file saved twice within one tick of the file system's clock (or within
# its granularity: a second on some) can keep its size and time: files whose
# time is this close to when the build looked at them are compared by the
# hash of their bytes as the build read them, as git does with "racy" files.
RACY_NS = 2_000_000_000


def is_racy(mtime: int, taken: int) -> bool:
    """True when a file's time is too close to ``taken`` to tell a later save from it."""
    return mtime >= taken - RACY_NS


def racy(stats: dict[str, Stat], taken: int) -> list[str]:
    return [rel for rel, (_, mtime) in stats.items() if is_racy(mtime, taken)]


def up_to_date(final: Path, key: str, content: Path) -> bool:
    """True when ``final`` is the very folder the last build with this
    fingerprint wrote, from files with the bytes it read."""
    state = read(cache_folder(final) / STATE)
    current = identity(final)
    if current is None or state.get("fingerprint") != key or state.get("output") != current:
        return False
    for rel, digest in state.get("racy", {}).items():
        try:
            if digest is None or hashlib.sha256((content / rel).read_bytes()).digest() != digest:
                return False
        except OSError:
            return False
    return True


def record(final: Path, key: str, racy_digests: dict[str, bytes | None]) -> None:
    """``racy_digests``: the bytes' hash, as read, of each ``racy`` file (None: not known)."""
    write(cache_folder(final) / STATE, {"fingerprint": key, "output": identity(final), "racy": racy_digests})


def load_texts(final: Path) -> dict:
    stored = read(cache_folder(final) / TEXTS)
    return stored.get("entries", {}) if stored.get("code") == code_version() else {}


def save_texts(final: Path, entries: dict) -> None:
    write(cache_folder(final) / TEXTS, {"code": code_version(), "entries": entries})


# ---- pages: render again only those that show a changed text ------------------
# A page's HTML depends on the model it is given. When the only change since the
# last build is the Markdown text of some items or meetings (the front matter,
# the registries, the set of files, the theme, the code and the settings all as
# they were), the only pages that can change are those whose templates read one
# of those texts: ``Tracker`` records which, while pages render. A text that
# went from empty to written (or back) can change listings built in Python (an
# item's "has minutes"), so that counts as a wider change and renders every page.

PAGES = "pages.pickle"
TEXT_FIELDS = frozenset({"agenda_html", "minutes_html", "notes_html"})


def is_text_file(rel: str) -> bool:
    """A meeting or item file: its text (below the front matter) can change alone."""
    return rel.startswith("meetings/") and rel.endswith(".md")


def structure_key(settings: dict, stats: dict[str, Stat]) -> tuple[str, dict[str, bytes]]:
    """Everything but the text of meetings and items (the files are those
    ``content_stats`` found); and the hash of the bytes of each other file."""
    content = Path(settings["PATH"])
    digest, hashes = _inputs_digest(settings), {}
    for rel in stats:
        digest.update(rel.encode() + b"\0")
        if is_entry(rel):
            digest.update(repr(stats[rel]).encode())
        elif not is_text_file(rel):
            hashes[rel] = hashlib.sha256(_bytes_or_link(content / rel)).digest()
            digest.update(hashes[rel])
    return digest.hexdigest(), hashes


def _bytes_or_link(path: Path) -> bytes:
    """A file's bytes; for a link (which the checks refuse) or anything else
    that is not a file, what it is instead: never the bytes of what a link
    points to, nor a wait on a pipe."""
    try:
        return read_regular(path)
    except OSError:
        with contextlib.suppress(OSError):
            return b"link\0" + os.fsencode(os.readlink(path))
        return b"not a file\0"


def split_hashes(data: bytes) -> list[str]:
    """[front matter, text] hashes of a meeting or item file's bytes."""
    close = data.find(b"\n---", 3)
    end = data.find(b"\n", close + 1) if close != -1 else -1
    front, body = (data, b"") if end == -1 else (data[:end], data[end:])
    return [hashlib.sha256(front).hexdigest(), hashlib.sha256(body).hexdigest()]


class Tracker:
    """Which content files' texts each page's templates read, via Jinja's getattr."""

    def __init__(self, env) -> None:
        self.read: set[str] = set()
        original = env.getattr

        def getattr_tracked(obj, attribute):
            if attribute in TEXT_FIELDS:
                source = getattr(obj, "source", None)
                if isinstance(source, str):
                    self.read.add(source)
            return original(obj, attribute)

        env.getattr = getattr_tracked


def recorded_files(record: dict) -> list[str]:
    """The files of a build's record: its pages' and its other files' paths."""
    return [*map(urls.output_file, record.get("deps", {})), *record.get("outputs", {})]


class LastPages:
    """The last build's record, read once for a build: the spare, the kept
    model and the plan all ask (read only: shared)."""

    def __init__(self) -> None:
        self._read: tuple[tuple, dict] = ((), {})  # (which file, as found) and what it held

    def load(self, final: Path) -> dict:
        """The last build's record, if it belongs to ``final``."""
        path = cache_folder(final) / PAGES
        try:
            stat = path.stat()
        except OSError:
            return {}
        key = (str(path), stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if self._read[0] != key:
            self._read = (key, read(path))
        record = self._read[1]
        return record if record.get("output") == identity(final) and record.get("code") == code_version() else {}


def load_pages(final: Path) -> dict:
    """The last build's record, if it belongs to ``final``, read afresh."""
    return LastPages().load(final)


def save_pages(final: Path, record: dict) -> None:
    write(cache_folder(final) / PAGES, {**record, "output": identity(final), "code": code_version()})
