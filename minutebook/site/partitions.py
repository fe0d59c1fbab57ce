"""Search: the index split into partitions, each its own Pagefind index.

Pagefind holds a whole index in memory while it builds it (1.6 GB at 1,000
meetings, 15 GB at 10,000), and cannot add or replace one page. So the
search records (meeting, item and person pages, and the words of PDFs) are
split into partitions by the municipal year of their meeting; people's pages,
and anything without a meeting, make the partition ``other``. Neighbouring
years are put together in one partition while it stays within ``LIMIT``
records (``MINUTEBOOK_SEARCH_PARTITION_SIZE`` in the settings changes it); a
single year larger than that is cut into pieces (``2023.1``, ``2023.2``) in
the order of its pages' paths. Partitions are named by their years
(``2019-2021``; one year: ``2024``).

Each partition is written into ``pagefind/<name>/`` by its own Pagefind
process, two at a time (``WORKERS``), so the memory a build needs is that of
two partitions, not of the whole archive. ``pagefind/partitions.json``
lists them, newest first (``other`` last); the search page merges the ones a
search needs (``mergeIndex``).

Pagefind is given only what it indexes of each page: its ``<main
data-pagefind-body>`` (inside ``<html lang>``), so it parses no page's header,
navigation or footer. A partition's inputs (those texts, its PDF records, the
Pagefind version) have a digest, kept with the index files' own digests in
the build's cache folder (``index-partitions.json``): when the digest is
unchanged and the last index's files are still exactly those recorded, they
are reused as they are (linked), and Pagefind runs only for the partitions
that changed. A partition whose pages are the very files read last time
(``_stamp``) is not read again. Re-indexing a partition gives the same bytes as indexing it
afresh: its pages are given to Pagefind in the order of their dates and paths
and its filter files are sorted (``search.sort_filters``).

The search page loads no part until a search needs it. ``pagefind/words/``
is a small Pagefind index with one record for each part, holding every word
the part may hold: the page asks it which parts have each word of the query
(with Pagefind's own stemming) and loads only those. ``partitions.json``
also lists each filter's values and the parts that hold them, so the page
draws its filters without loading any part, and loads only the parts that
hold a value chosen.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import hashlib
import html
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from minutebook.site.search import (
    BUNDLE,
    CHUNK,
    Pagefind,
    SearchIndexError,
    finish_index,
    pages_to_index,
    start_index,
)

# The most records (pages and pages of PDFs) one partition holds. An edit
# indexes its whole part again: at 1,000 meetings that took 7.8 s for a part
# of 5,000 records, and about 2 s for one of 1,500. Pagefind's memory grows
# with the records it holds (about 130 KB each), so a part of 1,500 keeps it
# near 0.2 GB. More parts cost the search page little: it loads only those
# that can hold a result (the words index), each with a meta file of about
# 5 bytes a record.
LIMIT = 1500
SETTING = "MINUTEBOOK_SEARCH_PARTITION_SIZE"
# Parts indexed at once: each Pagefind keeps about one core busy and holds one
# part (about 0.2 GB at 1,500 records), and our work on one part's files
# overlaps another's Pagefind.
WORKERS = max(1, min(2, os.cpu_count() or 1))
YEAR_START = "MINUTEBOOK_MUNICIPAL_YEAR_START"
MANIFEST = "partitions.json"  # in pagefind/: the partitions, for the search page
STATE = "index-partitions.json"  # in the cache folder: each partition's digest and files
OTHER = "other"  # people, and anything not of a meeting
SCHEME = "minutebook-partitions-6"  # part of every digest: change it when what Pagefind is given changes
WORDS = "words"  # in pagefind/ and in the state: the index of which parts hold which words
SPARE = ".pagefind-spare"  # in a staging folder, while the new index is made: the last index's spare copy
PART = "Part"  # the filter naming each record of the words index

_MEETING = re.compile(r"/?committees/[^/]+/(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?")
_MAIN = re.compile(r"<main\b[^>]*\bdata-pagefind-body\b[^>]*>", re.IGNORECASE)
_LANG = re.compile(r"<html\b[^>]*\blang=\"(?P<lang>[^\"]*)\"", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_SPOKEN = re.compile(r" (?:alt|title|aria-label)=\"([^\"]*)\"")
_FILTER = re.compile(r"data-pagefind-filter=\"([^\"]*)\"")
# White space as HTML has it: a no-break space (&nbsp;) joins, so a word with one
# is given to the words index whole, as Pagefind meets it in the page.
_SPACE = re.compile(r"[ \t\n\r\f]+")
_GLUED_RUN = re.compile(r"[^ \t\n\r\f]*\0[^ \t\n\r\f]*")  # letters parted by a tag (a NUL) and no space
_ENDS = ".,;:!?()[]{}\"“”"
GLUED = 16  # pieces of a run of letters parted only by tags, joined as one word at most


@dataclass
class Partition:
    name: str
    pages: list[str] = field(default_factory=list)  # paths in the site, sorted
    records: list[dict] = field(default_factory=list)  # ``AddRecord`` payloads (the words of PDFs)

    @property
    def size(self) -> int:
        return len(self.pages) + len(self.records)


def limit_of(settings: dict) -> int:
    """The partition size the settings ask for (``LIMIT`` unless they say)."""
    try:
        return max(1, int(settings.get(SETTING) or LIMIT))
    except (TypeError, ValueError):
        return LIMIT


def year_of(path: str, start_month: int = 5) -> int | None:
    """The first calendar year of the municipal year of the meeting a page
    or document belongs to (by its path), or None (not a meeting's)."""
    found = _MEETING.match(path)
    if found is None:
        return None
    year, month = int(found["year"]), int(found["month"])
    return year if month >= start_month else year - 1


def _record_path(record: dict) -> str:
    return str((record.get("meta") or {}).get("meeting") or record.get("url") or "")


def plan(pages: list[str], records: list[dict], limit: int = LIMIT, start_month: int = 5) -> list[Partition]:
    """The partitions of these pages and records, newest first, ``other`` last."""
    years: dict[int | None, Partition] = {}
    for page in sorted(pages):
        years.setdefault(year_of(page, start_month), Partition("")).pages.append(page)
    for record in sorted(records, key=_record_key):
        years.setdefault(year_of(_record_path(record), start_month), Partition("")).records.append(record)
    made: list[Partition] = []
    block: list[tuple[int, Partition]] = []

    def close() -> None:
        if block:
            name = str(block[0][0]) if len(block) == 1 else f"{block[0][0]}-{block[-1][0]}"
            made.append(Partition(name, [p for _, b in block for p in b.pages],
                                  [r for _, b in block for r in b.records]))
            block.clear()

    for year in sorted(y for y in years if y is not None):  # oldest first: old blocks stay as they are
        group = years[year]
        if group.size > limit:
            close()
            made.extend(_pieces(str(year), group, limit))
        else:
            if sum(b.size for _, b in block) + group.size > limit:
                close()
            block.append((year, group))
    close()
    made.reverse()
    if None in years:
        made.extend(_pieces(OTHER, years[None], limit) if years[None].size > limit
                    else [Partition(OTHER, years[None].pages, years[None].records)])
    return made


def _when(path: str) -> str:
    """The date of the meeting in a path (``2024-03-05``; ``2024-03`` for a month), or ''."""
    found = _MEETING.match(path)
    if found is None:
        return ""
    return "-".join(filter(None, (found["year"], found["month"], found["day"])))


def _pieces(name: str, group: Partition, limit: int) -> list[Partition]:
    """A group too large for one partition, cut in date order (so the search
    page can put the pieces one after another by date): whole months while a
    piece stays within ``limit``, a month too large for one cut into equal
    pieces. A meeting added at the end of the year changes the last piece only."""
    everything: list[tuple[str, object]] = [("page", p) for p in group.pages] + [("record", r) for r in group.records]
    everything.sort(key=lambda entry: (_month(entry), entry[0], _key(entry)))
    months: list[list[tuple[str, object]]] = []
    for entry in everything:
        if months and _month(months[-1][0]) == _month(entry):
            months[-1].append(entry)
        else:
            months.append([entry])
    cuts: list[list[tuple[str, object]]] = []
    for month in months:
        if len(month) > limit:
            count = -(-len(month) // limit)
            size = -(-len(month) // count)
            cuts.extend(month[n * size:(n + 1) * size] for n in range(count))
        elif cuts and len(cuts[-1]) + len(month) <= limit and _month(cuts[-1][-1]) != "":
            cuts[-1].extend(month)
        else:
            cuts.append(list(month))
    return [Partition(f"{name}.{number}", [p for k, p in cut if k == "page"],  # type: ignore[misc]
                      [r for k, r in cut if k == "record"])  # type: ignore[misc]
            for number, cut in enumerate(cuts, 1)]


def _month(entry: tuple[str, object]) -> str:
    kind, what = entry
    return _when(what if kind == "page" else _record_path(what))[:7]  # type: ignore[arg-type]


def _key(kind_and_what: tuple[str, object]) -> str:
    kind, what = kind_and_what
    return what if kind == "page" else _record_key(what)  # type: ignore[return-value,arg-type]


def _record_key(record: dict) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def searchable(html: str) -> str:
    """What Pagefind needs of a page: its ``<main data-pagefind-body>`` inside
    ``<html lang>`` (the page as it is when it has no such part)."""
    found = _MAIN.search(html)
    end = html.rfind("</main>")
    if found is None or end < found.start():
        return html
    lang = _LANG.search(html, 0, found.start())
    opening = f'<html lang="{lang["lang"]}">' if lang else "<html>"
    return f"{opening}<body>{html[found.start():end]}</main></body></html>"


def vocabulary(texts: list[str], records: list[dict]) -> dict[str, set[str]]:
    """Every word Pagefind may index in these pages and records, by language.

    A superset. Where a tag parts two runs of letters with no space between
    (``<dt>Email</dt><dd>a@b.org``), Pagefind joins them into one word after
    some tags and not after others; so each such run gives every stretch of
    its pieces, joined, as a word (up to ``GLUED`` pieces). The alt, title and
    aria-label texts are words too, and each word is also taken without the
    punctuation at its ends. A part that may hold a word must be found by it
    (``_index_words``); a word too many only costs a part loaded for nothing."""
    found: dict[str, set[str]] = {}
    for text in texts:
        lang = _LANG.search(text)
        words = found.setdefault((lang["lang"] if lang else "").lower(), set())
        plain = html.unescape(_TAG.sub("\0", text))  # a tag is a NUL: an entity may stand for "<"
        words.update(_SPACE.split(plain.replace("\0", " ")))
        for run in _GLUED_RUN.findall(plain):
            pieces = [piece for piece in run.split("\0") if piece]
            for start in range(len(pieces) - 1):
                for end in range(start + 2, min(len(pieces), start + GLUED) + 1):
                    words.add("".join(pieces[start:end]))
        words.update(_SPACE.split(html.unescape(" ".join(_SPOKEN.findall(text)))))
        words.discard("")
    for record in records:
        words = found.setdefault(str(record.get("language") or "").lower(), set())
        words.update(str(record.get("content") or "").split())
    for words in found.values():
        words.update([stripped for word in words if (stripped := word.strip(_ENDS)) and stripped != word])
    return found


def filters_of(texts: list[str], records: list[dict]) -> dict[str, set[str]]:
    """The filter values (``Committee``: its names...) of these pages and records."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for pair in _FILTER.findall(text):
            name, _, value = html.unescape(pair).partition(":")
            found.setdefault(name, set()).add(value)
    for record in records:
        for name, values in (record.get("filters") or {}).items():
            found.setdefault(name, set()).update(values)
    return found


@functools.cache
def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    for name in ("pagefind_bin", "pagefind-bin-extended", "pagefind"):
        try:
            return f"{name} {version(name)}"
        except PackageNotFoundError:
            continue
    return "unknown"


def _digest(part: Partition, texts: list[str]) -> str:
    digest = hashlib.sha256(f"{SCHEME}\0{CHUNK}\0{_pagefind_version()}\0".encode())
    for page, text in zip(part.pages, texts, strict=True):
        digest.update(f"page\0{page}\0{len(text)}\0".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
    for record in part.records:
        digest.update(f"record\0{_record_key(record)}\0".encode())
    return digest.hexdigest()


def _texts(folder: Path, part: Partition) -> list[str]:
    return [searchable((folder / page).read_text(encoding="utf-8", errors="replace")) for page in part.pages]


def _stamp(folder: Path, part: Partition) -> str:
    """Which files a part's pages are: path, inode, size and time of each (and
    its records). The stamp recorded means the very files indexed last time,
    so they need not be read: a page rendered again is a new file (a build
    links the pages it did not render from the site it replaces)."""
    digest = hashlib.sha256(f"{SCHEME}\0".encode())
    root = str(folder)  # paths as strings: pathlib's objects cost more than the stat, 12,600 times
    for page in part.pages:
        found = os.stat(os.path.join(root, page))
        digest.update(f"{page}\0{found.st_ino}\0{found.st_size}\0{found.st_mtime_ns}\0".encode())
    for record in part.records:
        digest.update(f"record\0{_record_key(record)}\0".encode())
    return digest.hexdigest()


def _words_digest(words: dict[str, list[str]]) -> str:
    return hashlib.sha256(json.dumps(words, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def _file_stamps(folder: Path) -> dict[str, list]:
    """Each file of an index: its SHA-256, and its inode, size and time (to
    tell, without reading it, that it is still the file whose hash it is)."""
    stamps = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found = path.stat()
            stamps[path.relative_to(folder).as_posix()] = [hashlib.sha256(path.read_bytes()).hexdigest(),
                                                           found.st_ino, found.st_size, found.st_mtime_ns]
    return stamps


def _unchanged(path: str, stamp: object) -> bool:
    """Whether ``path`` is the file recorded by ``_file_stamps``: the same inode,
    size and time (as git's index tells a file unchanged), else the same hash."""
    if not isinstance(stamp, list) or len(stamp) != 4:
        return False
    found = os.stat(path)
    if [found.st_ino, found.st_size, found.st_mtime_ns] == stamp[1:]:
        return True
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest() == stamp[0]


def load_state(path: Path | None) -> dict[str, dict]:
    """What the last index's partitions were made from (``{}`` when not known)."""
    if path is None:
        return {}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def save_state(path: Path, state: dict[str, dict] | None) -> None:
    if state is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")


class Stop(Exception):
    """The index was stopped (a preview's next build is about to start)."""


@dataclass
class Indexing:
    """One partitioned index being made; ``processes``, the Pagefinds running
    now, so a preview can stop them (``stop``)."""

    processes: set[Pagefind] = field(default_factory=set)
    stopped: bool = False
    indexed: list[str] = field(default_factory=list)  # partitions Pagefind ran for
    reused: list[str] = field(default_factory=list)  # partitions whose last index was kept
    moved: list[str] = field(default_factory=list)  # of those, the ones taken whole from the spare copy
    state: dict[str, dict] = field(default_factory=dict)  # to save once the index is in place

    def stop(self) -> None:
        self.stopped = True  # first: a Pagefind started after this kills itself (``_index_one``)
        for process in list(self.processes):
            if process.poll() is None:
                process.kill()


def index_partitions(folder: Path, bundle: Path, records: list[dict] | None = None, *,
                     previous: Path | None = None, state: dict[str, dict] | None = None,
                     limit: int = LIMIT, start_month: int = 5, job: Indexing | None = None,
                     spare: Path | None = None) -> Indexing:
    """Index the built site ``folder`` into ``bundle`` (a fresh folder), one
    partition at a time; a partition whose inputs are those recorded in
    ``state`` is moved from ``spare`` (a copy of the last index, ours to take
    apart), or else linked from ``previous`` (the last index's bundle), when
    its files there are exactly the ones recorded. Returns what was done and
    the state to save once ``bundle`` is in place."""
    job = job or Indexing()
    if not folder.is_dir():
        raise SearchIndexError(f"Pagefind could not index the site: {folder} is not a folder")
    state = state or {}
    parts = plan(pages_to_index(folder), records or [], limit, start_month)
    bundle.mkdir(parents=True, exist_ok=True)

    # each part's words, known before Pagefind runs for it: the words index is made
    # while the last parts are (an edit that adds a word: 0.5 s less at 1,000 meetings)
    words: dict[str, concurrent.futures.Future[dict]] = {part.name: concurrent.futures.Future() for part in parts}

    def one(part: Partition) -> tuple[str, dict]:
        try:
            if job.stopped:
                raise Stop
            return _index_or_reuse(folder, bundle / part.name, part, state.get(part.name) or {},
                                   (spare, previous), job, words[part.name])
        except BaseException as exc:
            if not words[part.name].done():
                words[part.name].set_exception(exc)
            raise

    with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
        running = [pool.submit(one, part) for part in parts]
        _index_words(folder, bundle, parts, {name: found.result() for name, found in words.items()}, state,
                     (spare, previous), job)
        done = [result.result() for result in running]
    for part, (how, recorded) in zip(parts, done, strict=True):
        (job.indexed if how == INDEXED else job.reused).append(part.name)
        if how == MOVED:
            job.moved.append(part.name)
        job.state[part.name] = recorded
    if job.stopped:
        raise Stop
    manifest = {"partitions": [p.name for p in parts], "words": WORDS, "filters": _filter_parts(parts, job.state)}
    (bundle / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return job


Last = tuple[Path | None, Path | None]  # the last index: a spare copy to move from, the published one to link from
INDEXED, MOVED, LINKED = "indexed", "moved", "linked"  # how a part came to be in the new index


def _index_or_reuse(folder: Path, target: Path, part: Partition, before: dict, last: Last,
                    job: Indexing, words: concurrent.futures.Future[dict]) -> tuple[str, dict]:
    """Put a part's last index in ``target`` if its inputs and files are
    those recorded in ``before``, else index it: (how it came, its state).
    ``words`` is given the part's words as soon as they are known."""
    stamp = _stamp(folder, part)
    texts = None if before.get("stamp") == stamp else _texts(folder, part)  # the same files: not read again
    digest = before.get("digest") if texts is None else _digest(part, texts)
    if before.get("digest") == digest and (how := _reuse(last, part.name, target, before.get("files"))):
        words.set_result(before)
        return how, {**before, "stamp": stamp}
    texts = texts if texts is not None else _texts(folder, part)
    held = {lang: sorted(found) for lang, found in sorted(vocabulary(texts, part.records).items())}
    recorded = {"stamp": stamp, "digest": digest or _digest(part, texts), "words": held,
                "words_digest": _words_digest(held),
                "filters": {name: sorted(values) for name, values in sorted(filters_of(texts, part.records).items())}}
    words.set_result(recorded)
    _index_one(folder, target, part, texts, job, PART_FILES)
    return INDEXED, {**recorded, "files": _file_stamps(target)}


def _index_words(folder: Path, bundle: Path, parts: list[Partition], found: dict[str, dict],
                 state: dict[str, dict], last: Last, job: Indexing) -> None:
    """The words index (``pagefind/words/``): one record for each part (and
    language), holding every word the part may hold (``found``: each part's
    state, its words), so the search page can ask Pagefind, with its own
    stemming, which parts have a word, before it loads any of them."""
    digest = hashlib.sha256(f"{SCHEME}\0{CHUNK}\0{_pagefind_version()}\0".encode())
    for part in parts:  # remade only when a part's words changed, not at every edit
        digest.update(f"{part.name}\0{found[part.name]['words_digest']}\0".encode())
    before = state.get(WORDS) or {}
    target = bundle / WORDS
    if before.get("digest") == digest.hexdigest() and _reuse(last, WORDS, target, before.get("files")):
        job.state[WORDS] = before
        return
    records = [{"url": f"/{part.name}/", "content": " ".join(words), "language": language or "unknown",
                "filters": {PART: [part.name]}}
               for part in parts for language, words in sorted(found[part.name]["words"].items())]
    _index_one(folder, target, Partition(WORDS, records=records), [], job, WORDS_FILES)
    job.state[WORDS] = {"digest": digest.hexdigest(), "files": _file_stamps(target)}


# What the search page loads of each index, and all that is written of it.
# Pagefind makes its scripts, its WebAssembly and its ready-made interfaces for
# every index: the page loads them from the words index alone (a part is
# merged into it), and never a record of the words index itself (each holds
# all the words of a part).
PART_FILES = ("pagefind-entry.json", "pagefind.*.pf_meta", "index", "filter", "fragment")
WORDS_FILES = ("pagefind-entry.json", "pagefind.*.pf_meta", "index", "filter", "pagefind.js", "pagefind-worker.js",
               "wasm.*.pagefind")


def _filter_parts(parts: list[Partition], state: dict[str, dict]) -> dict[str, dict[str, list[int]]]:
    """Each filter's values, and the parts (by their place in the list) that
    hold them: the search page draws its filters from this, and loads only
    the parts that hold a value chosen."""
    table: dict[str, dict[str, list[int]]] = {}
    for number, part in enumerate(parts):
        for name, values in state[part.name]["filters"].items():
            for value in values:
                table.setdefault(name, {}).setdefault(value, []).append(number)
    return {name: dict(sorted(values.items())) for name, values in sorted(table.items())}


def _index_one(folder: Path, target: Path, part: Partition, texts: list[str], job: Indexing,
               kept: tuple[str, ...]) -> None:
    shutil.rmtree(target, ignore_errors=True)
    process = start_index(folder, target)
    process.records = part.records
    # in date order (then by path): Pagefind lists the pages in date order for the date
    # sort, and that list in the meta file compresses to almost nothing (8 KB of a
    # part's 31 at 3,881 pages, in order of path)
    process.pages = sorted(zip(part.pages, texts, strict=True), key=lambda page: (_when(page[0]), page[0]))
    job.processes.add(process)
    if job.stopped:  # stopped while it started: it ends at once, and finish_index below fails
        process.kill()
    try:
        finish_index(process, target, kept)
    except SearchIndexError:
        if job.stopped:
            raise Stop from None
        raise
    finally:
        job.processes.discard(process)


def _reuse(last: Last, name: str, target: Path, files: object) -> str | None:
    """Put the last index's files of partition ``name`` in ``target``, if they
    are exactly the ``files`` recorded (names and content): the spare copy's
    folder moved whole, or else the published files linked one by one."""
    spare, previous = last
    if not isinstance(files, dict) or not files:
        return None
    if spare is not None and _move(spare / name, target, files):
        return MOVED
    return LINKED if previous is not None and _link(previous / name, target, files) else None


def _move(old: Path, target: Path, files: dict) -> bool:
    """One rename, rather than 1,250 links a part: only a folder holding the
    recorded files and nothing else, so no file outside the record is published."""
    source = str(old)
    try:
        if _files_in(source) != files.keys() or not _recorded(source, files):
            return False
        old.rename(target)
    except OSError:
        return False
    return True


def _files_in(source: str) -> set[str]:
    """Every file under ``source``, by its path there (with ``/``)."""
    found: set[str] = set()
    for root, _, names in os.walk(source):
        within = root[len(source) + 1:].replace(os.sep, "/")
        found.update(f"{within}/{name}" if within else name for name in names)
    return found


def _link(old: Path, target: Path, files: dict) -> bool:
    source, made = str(old), str(target)  # strings, not pathlib's objects: 15,000 files at 1,000 meetings
    try:
        if not old.is_dir() or not _recorded(source, files):
            return False
        for folder in sorted({os.path.dirname(name) for name in files}):
            os.makedirs(os.path.join(made, folder), exist_ok=True)
        for name in files:
            _link_or_copy(os.path.join(source, name), os.path.join(made, name))
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        return False
    return True


def _recorded(source: str, files: dict) -> bool:
    return all(_unchanged(os.path.join(source, name), stamp) for name, stamp in files.items())


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def index_files(state: dict[str, dict]) -> list[str]:
    """The files of the index a saved ``state`` records, as paths in its bundle
    (the spare copy links these)."""
    return [f"{name}/{file}" for name, part in state.items() if isinstance(part, dict)
            for file in part.get("files") or {}]


def partition_names(bundle: Path) -> list[str]:
    """The partitions a bundle's manifest lists ([] when it has none)."""
    try:
        return list(json.loads((bundle / MANIFEST).read_text(encoding="utf-8"))["partitions"])
    except (OSError, ValueError, KeyError, TypeError):
        return []


def index_site(folder: Path, records: list[dict] | None = None, *, cache: Path | None = None,
                           previous: Path | None = None, limit: int = LIMIT, start_month: int = 5,
                           on_done: Callable[[Indexing], None] | None = None) -> Indexing:
    """A build's index: into ``folder/pagefind``, reusing partitions of
    ``previous`` (the published site's bundle) recorded in ``cache``. An
    index already in ``folder`` is the spare copy of the last one that the
    build started from (``engine.spare``): its unchanged parts are moved into
    the new index, and the rest of it deleted."""
    target, spare = folder / BUNDLE, folder / SPARE
    shutil.rmtree(spare, ignore_errors=True)
    with contextlib.suppress(FileNotFoundError):
        target.rename(spare)
    try:
        job = index_partitions(folder, target, records, previous=previous,
                               state=load_state(cache / STATE if cache else None), limit=limit,
                               start_month=start_month, spare=spare if spare.is_dir() else None)
    finally:
        shutil.rmtree(spare, ignore_errors=True)
    if on_done is not None:
        on_done(job)
    return job
