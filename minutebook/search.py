"""Search: what Pagefind indexes, and running it.

Pagefind (a static search index, run from its PyPI wheel) reads the finished
HTML, so it is the last step of a build: ``build`` runs ``index_site`` on the
staging folder before the swap, and a failed index leaves the published site
as it was. Only meeting, item and person pages are indexed: their ``<main>``
carries ``data-pagefind-body`` and hidden filter and metadata elements
(``_search_facets.html``), from the ``SearchEntry`` made here. Exempt text is
never rendered, so it can never be indexed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import cbor2

from . import urls
from .formatting import short_date
from .model import AgendaItem, Document, Meeting, Person, Site

if TYPE_CHECKING:
    from .pages import Page

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


def _meeting_facets(meeting: Meeting, areas: list[str]) -> tuple[list, list]:
    filters = [(COMMITTEE, meeting.committee.name), (YEAR, str(meeting.date.year))]
    filters += [(AREA, name) for name in sorted(set(areas))]
    meta = [("date", short_date(meeting.date)), ("committee", meeting.committee.name)]
    return filters, meta


def entry_for(target: object) -> SearchEntry | None:
    """What the search index records about a page showing ``target``."""
    match target:
        case AgendaItem():
            filters, meta = _meeting_facets(target.meeting, [a.name for a in target.scrutiny_areas])
            return SearchEntry("Agenda item", [(TYPE, "Agenda item"), *filters], meta)
        case Meeting():
            areas = [a.name for i in target.items for a in i.scrutiny_areas]
            filters, meta = _meeting_facets(target, areas)
            return SearchEntry("Meeting", [(TYPE, "Meeting"), *filters], meta)
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
# meeting, its items one folder down, a person. Pagefind is told to read only
# these: it would parse every other page (listings, the decisions register,
# several MB each) only to drop it for having no data-pagefind-body: at 1,000
# meetings, 112 pages (26 of 166 MB) took about 4 s of its 40 s of CPU. The index
# is byte for byte the same.
SEARCHED = tuple(urls.output_file(path) for path in
                 (f"{urls.COMMITTEES}*/*/", f"{urls.COMMITTEES}*/*/*/", f"{urls.PEOPLE}*/"))

# Pagefind's allocator (jemalloc) keeps freed memory 10 s for reuse; giving it
# back after 1 s lowers the peak from 1.9 to 1.6 GB at 1,000 meetings for about
# 1 s more CPU (giving it back at once cost 3 s). Other Pagefind builds ignore it.
ALLOCATOR = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:1000,muzzy_decay_ms:0"}


def _glob(folder: Path) -> str:
    if any(next(folder.glob(pattern), None) for pattern in SEARCHED):
        return "{" + ",".join(SEARCHED) + "}"
    return "**/*.{html}"  # no such page: Pagefind's default, so it indexes what it did before


def index_site(folder: Path) -> None:
    """Run Pagefind over a built site, writing its index into ``folder/pagefind``."""
    finish_index(start_index(folder), folder / BUNDLE)


def start_index(folder: Path, bundle: Path | None = None) -> subprocess.Popen:
    """Start Pagefind over a built site; its index goes to ``bundle`` (default:
    ``folder/pagefind``). ``finish_index`` waits for it."""
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--glob", _glob(folder),
               "--keep-index-url",  # links name index.html, so the site works from disk
               "--silent", *(["--output-path", str(bundle)] if bundle else [])]
    try:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**ALLOCATOR, **os.environ})
    except OSError as exc:
        raise SearchIndexError(f"could not run Pagefind: {exc}") from None


def finish_index(process: subprocess.Popen, bundle: Path) -> None:
    """Wait for Pagefind; raise SearchIndexError, saying why, if it failed."""
    out, err = process.communicate()
    if process.returncode != 0:
        detail = (err or out).strip() or f"exit status {process.returncode}"
        raise SearchIndexError(f"Pagefind could not index the site: {detail}. "
                               "Install it with: pip install 'pagefind[bin]'")
    make_reproducible(bundle)


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
    return keys


def _document_keys(source: str, documents: list[Document]) -> Iterator[str]:
    return (f"document {source} {d.title} {d.file or d.url}" for d in documents if not d.exempt)


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


def _read(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise SearchIndexError(f"{path.name} is not a Pagefind index file this version understands")
    return cbor2.loads(data[len(SIGNATURE):])


def _write(folder: Path, language: str, digits: int, value: object, pattern: str) -> str:
    """Write ``value`` under a name made from its content; return the name."""
    data = SIGNATURE + cbor2.dumps(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / pattern.format(name)).write_bytes(gzip.compress(data, mtime=0))
    return name


def make_reproducible(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = sorted(meta[3])
        for position, (name, old) in enumerate(filters):
            old_path = bundle / "filter" / f"{old}.pf_filter"
            filter_name, values = _read(old_path)
            values = sorted([value, sorted(pages)] for value, pages in values)
            new = _write(bundle / "filter", language, len(old.split("_")[-1]), [filter_name, values], "{}.pf_filter")
            if new != old:
                old_path.unlink()
            filters[position] = [name, new]
        meta[3] = filters
        new_meta = _write(bundle, language, len(info["hash"].split("_")[-1]), meta, "pagefind.{}.pf_meta")
        if new_meta != info["hash"]:
            meta_path.unlink()
        info["hash"] = new_meta
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
