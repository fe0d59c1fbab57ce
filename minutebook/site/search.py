"""Search: what Pagefind indexes, and running it.

Pagefind (a static search index, run from its PyPI wheel) reads the finished
HTML, so it is the last step of a build: ``build`` runs ``index_site`` (of
``partitions``, which splits the index in parts and drives Pagefind through
this module) on the staging folder before the swap, and a failed index leaves the published site
as it was. Only meeting, item and person pages are indexed: their ``<main>``
carries ``data-pagefind-body`` and hidden filter and metadata elements
(``_search_facets.html``), from the ``SearchEntry`` made here. Exempt text is
never rendered, so it can never be indexed.
"""

from __future__ import annotations

import base64
import fnmatch
import glob
import gzip
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING

import cbor2

from minutebook.content import urls
from minutebook.content.dates import short_date
from minutebook.model.objects import AgendaItem, Document, Meeting, Person, Site

if TYPE_CHECKING:
    from minutebook.site.pages import Page

# Filter names as readers see them above the choices in the search page.
COMMITTEE, AREA, YEAR, TYPE = "Committee", "Scrutiny area", "Year", "Type"


BUNDLE = "pagefind"  # the index's folder in the site, as the search page loads it
PREVIOUS = "previous"  # MINUTEBOOK_SEARCH: keep the last build's index as it is (a preview)


class SearchIndexError(Exception):
    """Pagefind failed; the message says why, for the person building."""


@dataclass
class SearchEntry:
    kind: str  # "Meeting", "Agenda item", "Person"
    filters: list[tuple[str, str]] = field(default_factory=list)
    meta: list[tuple[str, str]] = field(default_factory=list)  # shown with each result
    sort: list[tuple[str, str]] = field(default_factory=list)  # what results can be put in order by


def _meeting_facets(meeting: Meeting, areas: list[str]) -> tuple[list, list]:
    filters = [(COMMITTEE, meeting.committee.name), (YEAR, str(meeting.date.year))]
    filters += [(AREA, name) for name in sorted(set(areas))]
    meta = [("date", short_date(meeting.date)), ("committee", meeting.committee.name)]
    return filters, meta


SORT_DATE = "date"  # the search page's date order (``data-pagefind-sort``, and the PDFs' records)


def sort_date(date: object) -> str:
    """A meeting's date as its results sort by: ``2024-03-05`` (a meeting known
    only to its month sorts as its first day)."""
    return f"{date.year:04d}-{date.month:02d}-{date.day:02d}"  # type: ignore[attr-defined]


def entry_for(target: object) -> SearchEntry | None:
    """What the search index records about a page showing ``target``."""
    match target:
        case AgendaItem():
            filters, meta = _meeting_facets(target.meeting, [a.name for a in target.scrutiny_areas])
            return SearchEntry("Agenda item", [(TYPE, "Agenda item"), *filters], meta,
                               [(SORT_DATE, sort_date(target.meeting.date))])
        case Meeting():
            areas = [a.name for i in target.items for a in i.scrutiny_areas]
            filters, meta = _meeting_facets(target, areas)
            return SearchEntry("Meeting", [(TYPE, "Meeting"), *filters], meta, [(SORT_DATE, sort_date(target.date))])
        case Person():
            committees = sorted({m.committee.name for m in target.memberships})
            return SearchEntry("Person", [(TYPE, "Person"), *((COMMITTEE, c) for c in committees)],
                               [("role", target.title or target.kind.capitalize())])
    return None


def annotate(page: Page) -> Page:
    """Give meeting, item and person pages their search entry."""
    context = page.context
    target = context.get("item") or (context.get("meeting") if page.template == "meeting.html"
                                     else context.get("person"))
    page.search = entry_for(target) if target is not None else None
    return page


# The pages ``annotate`` gives an entry, where ``urls.path_for`` puts them: a
# meeting, its items one folder down, a person. Pagefind is given only these: it
# would parse every other page (listings, the decisions register, several MB
# each) only to drop it for having no data-pagefind-body: at 1,000 meetings,
# 112 pages (26 of 166 MB) took about 4 s of its 40 s of CPU.
SEARCHED = tuple(urls.output_file(path) for path in
                 (f"{urls.COMMITTEES}*/*/", f"{urls.COMMITTEES}*/*/*/", f"{urls.PEOPLE}*/"))

# Pagefind's allocator (jemalloc) keeps freed memory 10 s for reuse; giving it
# back after 1 s lowers the peak from 1.9 to 1.6 GB at 1,000 meetings for about
# 1 s more CPU (giving it back at once cost 3 s). Other Pagefind builds ignore it.
ALLOCATOR = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:1000,muzzy_decay_ms:0"}

# ---- the pages in a fixed order, whatever the file system ----------------------
# Pagefind numbers pages in the order it meets them, and its command line meets
# them in the order the file system lists a folder (on ext4 an order of hashes,
# on tmpfs the order of creation): the same site gave a different index in 15
# files. Its service (``pagefind --service``, the protocol its Python and Node
# APIs speak: base64 JSON messages, each followed by a comma) is given the
# pages one at a time, sorted by path, and numbers them in that order. Its
# Python API is not used: it reads one answer every 0.1 s, 20 minutes for
# 12,600 pages.


class Pagefind(subprocess.Popen):
    """Pagefind's service, started for the site in ``folder``; ``finish_index``
    gives it the pages and waits for the index in ``bundle``."""

    def __init__(self, executable: str, folder: Path, bundle: Path) -> None:
        self.folder, self.bundle = folder, bundle
        self.records: list[dict] = []  # indexed after the pages (``AddRecord`` payloads, less their index)
        self.pages: list[tuple[str, str]] | None = None  # (path, HTML) to index; None: the folder's pages
        self.messages = tempfile.TemporaryFile()  # noqa: SIM115 (read when it fails, closed by finish_index)
        try:
            super().__init__([executable, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=self.messages, env={**ALLOCATOR, **os.environ})
        except OSError:
            self.messages.close()
            raise


def pages_to_index(folder: Path) -> list[str]:
    """The pages Pagefind reads, in the order it numbers them (their paths, sorted)."""
    # as strings: pathlib's objects took 0.7 s for the 12,600 pages of 1,000 meetings, most of an edit's index step
    found = {page for pattern in SEARCHED for page in glob.glob(pattern, root_dir=folder)}
    if not found:  # no such page: all of them, as Pagefind's default does
        return sorted(page.relative_to(folder).as_posix() for page in folder.rglob("*.html"))
    return sorted(page.replace(os.sep, "/") for page in found)


def index_site(folder: Path, records: list[dict] | None = None) -> None:
    """Run Pagefind over a built site, writing its index into ``folder/pagefind``
    as ONE index; ``records``: more to index than the pages (the words of PDFs,
    ``pdftext``). A build makes its index in parts instead
    (``partitions.index_site``); this single index is kept to compare with."""
    process = start_index(folder)
    process.records = records or []
    finish_index(process, folder / BUNDLE)


def start_index(folder: Path, bundle: Path | None = None) -> Pagefind:
    """Start Pagefind for a built site; its index goes to ``bundle`` (default:
    ``folder/pagefind``). ``finish_index`` gives it the pages and waits."""
    try:
        from pagefind.service import get_executable

        executable = get_executable()
        if executable is None:
            raise OSError("no Pagefind program found")
        return Pagefind(str(executable), folder, bundle or folder / BUNDLE)
    except (ImportError, OSError) as exc:
        raise SearchIndexError(f"could not run Pagefind: {exc}. Install it with: pip install 'pagefind[bin]'") \
            from None


def finish_index(process: Pagefind, bundle: Path, kept: tuple[str, ...] = ()) -> None:
    """Give Pagefind the pages, write its index; raise SearchIndexError,
    saying why, if it failed. ``kept``: patterns of the names at the top of
    the bundle to write (default: all), the rest of what Pagefind makes is
    never written."""
    answer: list[dict] = []
    try:
        problem = _index(process, answer)
        process.stdin.close()  # the service ends when its input does
        process.wait(timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:  # it ended early (or a preview's next build stopped it)
        problem = str(exc)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.messages.seek(0)
        said = process.messages.read().decode("utf-8", "replace").strip()
        process.messages.close()
    if problem or process.returncode != 0:
        detail = "; ".join(filter(None, [problem, said])) or f"exit status {process.returncode}"
        raise SearchIndexError(f"Pagefind could not index the site: {detail}")
    # rewritten in memory, then written once: writing Pagefind's files only to read,
    # rename or delete most of them again took a third of an edit's index step
    files = _bundle_files(answer)
    rewrite_index(files, sort_filters, cut_index, number_fragments)
    _write_bundle(bundle, files, kept)


def _index(process: Pagefind, files: list[dict]) -> str:
    """Send every page, then ask for the index's files (into ``files``);
    what went wrong, or ''. The service is asked for the files rather than to
    write them: it ends the moment its input does, and files it had been
    told to write were found empty."""
    if not process.folder.is_dir():
        return f"{process.folder} is not a folder"
    given = process.pages
    pages = [path for path, _ in given] if given is not None else pages_to_index(process.folder)
    last = len(pages) + len(process.records) + 1
    answers: list[dict] = []
    reader = threading.Thread(target=_read_answers, args=(process.stdout, answers, last), daemon=True)
    reader.start()
    _send(process, 0, {"type": "NewIndex", "config": {"keep_index_url": True}})  # links name index.html
    for number, page in enumerate(pages, 1):  # a fresh service's first index is index 0
        html = given[number - 1][1] if given is not None else \
            (process.folder / page).read_text(encoding="utf-8", errors="replace")
        _send(process, number, {"type": "AddFile", "index_id": 0, "file_path": page, "url": None,
                                "file_contents": html})
    for number, record in enumerate(process.records, len(pages) + 1):
        _send(process, number, {"type": "AddRecord", "index_id": 0, **record})
    _send(process, last, {"type": "GetFiles", "index_id": 0})
    reader.join()  # only then may the input end: the service stops when it does
    failed = [a["payload"].get("message", "") for a in answers if a.get("payload", {}).get("type") == "Error"]
    if failed:
        return failed[0]
    if not answers or answers[-1].get("message_id") != last:
        return "it stopped before making the index"
    files.extend(answers[-1]["payload"]["files"])
    return ""


def _send(process: Pagefind, number: int, payload: dict) -> None:
    message = json.dumps({"message_id": number, "payload": payload}, ensure_ascii=False).encode("utf-8")
    process.stdin.write(base64.b64encode(message) + b",")
    if payload["type"] == "GetFiles":
        process.stdin.flush()


def _read_answers(stream: IO[bytes], answers: list[dict], last: int) -> None:
    """Collect Pagefind's answers until the one to message ``last``, or its end.
    The last holds the whole index (60 MB at 1,000 meetings): kept in pieces
    until its comma comes."""
    pieces: list[bytes] = []
    while chunk := stream.read1(1 << 20):
        *whole, rest = chunk.split(b",")
        for end in whole:
            answers.append(json.loads(base64.b64decode(b"".join([*pieces, end]))))
            pieces = []
            if answers[-1].get("message_id") == last:
                return
        pieces.append(rest)


Files = dict[str, bytes]  # an index's files by their path in its folder (with ``/``), as Pagefind names them


def _bundle_files(answer: list[dict]) -> Files:
    files: Files = {}
    for file in answer:
        path = PurePosixPath(file["path"])
        if path.is_absolute() or ".." in path.parts or not path.parts:
            raise SearchIndexError(f"Pagefind named a file outside its folder: {path}")
        files[path.as_posix()] = base64.b64decode(file["content"])
    return files


def _write_bundle(bundle: Path, files: Files, kept: tuple[str, ...] = ()) -> None:
    made: set[Path] = set()
    for name, data in files.items():
        if kept and not any(fnmatch.fnmatchcase(name.split("/")[0], pattern) for pattern in kept):
            continue
        path = bundle / name
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)


def install_index(bundle: Path, folder: Path) -> None:
    """Put an index made elsewhere (``start_index(folder, bundle)``) in place of ``folder``'s."""
    old = bundle.with_name(bundle.name + "-replaced")
    shutil.rmtree(old, ignore_errors=True)
    if (folder / BUNDLE).exists():
        (folder / BUNDLE).rename(old)
    bundle.rename(folder / BUNDLE)
    shutil.rmtree(old, ignore_errors=True)


# ---- what an index may hold text of -----------------------------------------------
# A preview carries the last index into the next build (``build._carry_index``)
# and brings it up to date afterwards. That is safe only while everything the
# index may hold text of is still published: once a meeting, item, document or
# person is deleted or made exempt, the old index holds text that is not, and
# must be neither served nor kept. Each build records what its index may hold
# text of, as keys, in the output's cache folder.

INDEXED = "indexed-sources.json"


def indexed_sources(site: Site) -> set[str]:
    """Every meeting, open item, open document and person in ``site``, as stable keys."""
    keys = {f"person {pid}" for pid in site.people}
    for meeting in site.meetings:
        keys.add(f"meeting {meeting.source}")
        keys.update(_document_keys(meeting.source, meeting.documents))
        for item in meeting.items:
            if not item.exempt:
                keys.add(f"item {item.source}")
                keys.update(_document_keys(item.source, item.documents))
            elif item.open_summary_html or item.open_resolutions:  # gone when they are taken out
                keys.add(f"open parts {item.source}")
    return keys


def _document_keys(source: str, documents: list[Document]) -> Iterator[str]:
    return (f"document {source} {d.title} {d.file or d.url or ''}" for d in documents if not d.exempt)


def record_sources(record: Path, sources: set[str] | None) -> None:
    """Note what the index just put in place may hold text of (None: no index)."""
    if sources is None:
        record.unlink(missing_ok=True)
        return
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(sorted(sources)), encoding="utf-8")


def lost_sources(record: Path, sources: set[str]) -> bool:
    """Whether anything the last index may hold text of is not in ``sources``
    (True when that is not known: no record, or one that cannot be read)."""
    try:
        before = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return not sources.issuperset(before)


# ---- the same site gives the same index, byte for byte -------------------------
# Pagefind writes its filter indexes in hash-map order, which changes from run
# to run (a known Pagefind issue), and names files by their content. We sort
# the filter files, rename them by their new content, and rewrite the two
# files that name them. The formats: gzip of b"pagefind_dcd" + CBOR.

SIGNATURE = b"pagefind_dcd"


def _decode(data: bytes, name: str) -> object:
    data = gzip.decompress(data)
    if not data.startswith(SIGNATURE):
        raise SearchIndexError(f"{name} is not a Pagefind index file this version understands")
    return cbor2.loads(data[len(SIGNATURE):])


def _store(files: Files, language: str, digits: int, value: object, pattern: str,
           taken: set[str] | None = None) -> str:
    """Put ``value`` in ``files`` under a name made from its content; return the
    name. A name in ``taken`` (another file's, written before) is made longer
    until it is not, as Pagefind does; the name is then added to ``taken``."""
    data = SIGNATURE + cbor2.dumps(value)
    digest = hashlib.sha256(data).hexdigest()
    name = f"{language}_{digest[:digits]}"
    while taken is not None and name in taken:
        digits += 1
        name = f"{language}_{digest[:digits]}"
    if taken is not None:
        taken.add(name)
    # level 6, as Pagefind's own files: level 9 took a third of the time of cutting a part's
    # word index again (``rechunk``) for 1 % less
    files[pattern.format(name)] = gzip.compress(data, compresslevel=6, mtime=0)
    return name


ENTRY = "pagefind-entry.json"  # names each language's meta file


def rewrite_index(files: Files, *changes: Callable[[Files, str, list], None]) -> None:
    """Apply ``changes`` (each given an index's files, a language and its meta
    file's content, to change in place) to the Pagefind index in ``files``,
    then store the meta file under its new name and the entry file that names it."""
    entry = json.loads(files[ENTRY])
    for language, info in entry["languages"].items():
        meta_name = f"pagefind.{info['hash']}.pf_meta"
        meta = _decode(files[meta_name], meta_name)
        for change in changes:
            change(files, language, meta)  # type: ignore[arg-type]
        new_meta = _store(files, language, len(info["hash"].split("_")[-1]), meta, "pagefind.{}.pf_meta")
        if new_meta != info["hash"]:
            del files[meta_name]
        info["hash"] = new_meta
    files[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sort_filters(files: Files, language: str, meta: list) -> None:
    """Store each filter file with its values, and their pages, in order."""
    filters = sorted(meta[3])
    for position, (name, old) in enumerate(filters):
        old_name = f"filter/{old}.pf_filter"
        filter_name, values = _decode(files[old_name], old_name)  # type: ignore[misc]
        values = sorted([value, sorted(pages)] for value, pages in values)
        new = _store(files, language, len(old.split("_")[-1]), [filter_name, values], "filter/{}.pf_filter")
        if new != old:
            del files[old_name]
        filters[position] = [name, new]
    meta[3] = filters


# ---- a word's chunk of the index: a few KB, not 21 -------------------------------
# Pagefind cuts its word index into chunks of about 20,000 postings (21 KB
# gzipped), a size fixed in its code, and the search page fetches the chunk of
# every word of a query in every part it searches: 107 KB for a five-word
# query in one part, half of all a first search downloads. We cut the index
# again by Pagefind's own rule, with a smaller size: words in order, a new
# chunk once ``CHUNK`` postings (a page and its word positions) are reached
# (``chunk_bounds`` says how the meta file names them). A word that is on
# many pages still comes in one chunk of its own, as in Pagefind's.

CHUNK = 1000


def _postings(word: list) -> int:
    return sum(len(page[1]) + 1 for page in word[1])


def cut_words(words: list[list], size: int = CHUNK) -> list[list[list]]:
    """The word entries of an index (in order) cut into chunks of about ``size`` postings."""
    chunks: list[list[list]] = []
    chunk: list[list] = []
    count = 0
    for word in words:
        chunk.append(word)
        count += _postings(word)
        if count >= size:
            chunks.append(chunk)
            chunk, count = [], 0
    if chunk:
        chunks.append(chunk)
    return chunks


def chunk_bounds(chunks: list[list[list]]) -> list[tuple[str, str]]:
    """Each chunk's bounds as the search page looks a word up by them (the
    first chunk whose bounds hold it): its last word, and its first word cut
    to the shortest prefix that differs from the chunk before's last word
    (``apple`` | ``apricot`` gives ``apr``), so a prefix typed (``apr``)
    still finds the chunk. Pagefind also cuts the last word (``app``), which
    hides that word from a search of several words: we do not."""
    bounds = [[chunk[0][0], chunk[-1][0]] for chunk in chunks]
    for before, after in itertools.pairwise(bounds):
        after[0] = after[0][:len(os.path.commonprefix([before[1], after[0]])) + 1]
    return [(first, last) for first, last in bounds]


def cut_index(files: Files, language: str, meta: list, size: int = CHUNK) -> None:
    """Cut the word index into chunks of about ``size`` postings."""
    if not meta[2]:
        return
    old = [f"index/{name}.pf_index" for _, _, name in meta[2]]
    words = [word for name in old for word in _decode(files.pop(name), name)[0]]  # type: ignore[index]
    chunks = cut_words(words, size)
    digits = len(meta[2][0][2].split("_")[-1])
    names: set[str] = set()
    meta[2] = [[first, last, _store(files, language, digits, [chunk], "index/{}.pf_index", names)]
               for chunk, (first, last) in zip(chunks, chunk_bounds(chunks), strict=True)]


# ---- the list of pages: a quarter of the size --------------------------------------
# The meta file, which the search page loads for every index it searches, lists
# every page by the name of its fragment: 7 hex digits of its hash, which do
# not compress (37 KB of a part's 41 KB at 3,881 pages). Each fragment is
# named instead by its page's number, after a few hex digits of the hash of
# all the part's fragments, so an index made again (any page changed) names
# every fragment anew and no browser shows an excerpt it cached before.


def number_fragments(files: Files, language: str, meta: list) -> None:
    """Name each page's fragment by the page's number."""
    pages = meta[1]
    tag = hashlib.sha256("\0".join(name for name, _ in pages).encode()).hexdigest()[:6]
    renamed: dict[str, str] = {}
    for number, page in enumerate(pages):
        old = page[0]
        if old not in renamed:  # identical pages share one fragment
            renamed[old] = f"{language}_{tag}-{number:x}"
            files[f"fragment/{renamed[old]}.pf_fragment"] = files.pop(f"fragment/{old}.pf_fragment")
        page[0] = renamed[old]
