"""Build the whole site atomically: render into a fresh folder beside the
output, and replace the output only when everything succeeded. A content
mistake, a crash or a killed build leaves the previous site exactly as it was.

The swap is one atomic ``renameat2(RENAME_EXCHANGE)`` on Linux, so there is no
moment at which ``output/`` is missing or half-written; elsewhere it is two
renames, and a build killed between them is repaired by the next build.
The replaced site is deleted in the background, after its folders have been
used to make the next build's staging folder (``spare``).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import logging
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

import jinja2
from pelican import Pelican
from pelican.settings import read_settings

from minutebook.content import clock
from minutebook.content.errors import ContentErrors
from minutebook.content.settingscheck import check_settings
from minutebook.engine import background, filecache, incremental, kept, progress, spare
from minutebook.engine.collector import paused_gc
from minutebook.engine.state import SETTING, BuildState
from minutebook.site.partitions import STATE, YEAR_START, index_site, limit_of, save_state
from minutebook.site.pdftext import RECORDS, TextCache, document_records, save_records
from minutebook.site.search import (
    BUNDLE,
    INDEXED,
    PREVIOUS,
    SearchIndexError,
    indexed_sources,
    lost_sources,
    record_sources,
)

STAGING_PREFIX = ".building-"
_LEFTOVER = re.compile(r"-(?P<old>old-)?(?P<pid>\d+)-[a-z0-9_]+")  # after the output's name


def settings_for(settings_file: Path, content: Path | None = None, output: Path | None = None,
                 overrides: dict | None = None) -> dict:
    override = dict(overrides or {})
    if content is not None:
        override["PATH"] = str(Path(content).resolve())
    if output is not None:
        override["OUTPUT_PATH"] = str(Path(output).resolve())
    return read_settings(str(settings_file), override=override)


def build_site(settings_file: Path, content: Path | None = None, output: Path | None = None,
               overrides: dict | None = None, held: kept.HeldModel | None = None) -> Path:
    """Build into ``output`` (default: the settings' OUTPUT_PATH). Raises
    ContentErrors for content mistakes, or whatever a template raised; the
    output is then untouched. ``held``: the model a preview keeps between builds."""
    return run_build(settings_file, content, output, overrides, held).output


def run_build(settings_file: Path, content: Path | None = None, output: Path | None = None,
              overrides: dict | None = None, held: kept.HeldModel | None = None) -> BuildState:
    """``build_site``, returning the build's state (what it reused and what it made)."""
    # The collector paused for the whole build, not only while the model is made:
    # after it, every few thousand objects (the index's files decoded, the records
    # saved) set it walking the whole model again (0.2 s of a 2.5 s edit)
    with paused_gc():
        return _run_build(settings_file, content, output, overrides, held)


def _run_build(settings_file: Path, content: Path | None, output: Path | None,
               overrides: dict | None, held: kept.HeldModel | None) -> BuildState:
    settings = settings_for(settings_file, content, output, overrides)
    check_settings(settings, settings_file)
    if not settings.get("MINUTEBOOK_TODAY"):  # ask git once a build, not at every use
        settings["MINUTEBOOK_TODAY"] = clock.known_today(settings, Path(settings["PATH"]))
    final = Path(settings["OUTPUT_PATH"])
    build = BuildState(final, held if held is not None else kept.HeldModel())
    final.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(final)
    taken, stats = time.time_ns(), incremental.content_stats(Path(settings["PATH"]))
    key = incremental.fingerprint(settings, stats)
    if incremental.up_to_date(final, key, Path(settings["PATH"])):
        return build  # nothing the site is made from has changed since it was built
    from minutebook.model.crossrefs import Texts  # only now: a rebuild with nothing to do stays quick to start

    staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(final), dir=final.parent))
    settings["OUTPUT_PATH"] = str(staging)
    settings["MINUTEBOOK_RAISE_ERRORS"] = True
    settings["MINUTEBOOK_CACHE"] = str(incremental.cache_folder(final))  # files read before (``filecache``)
    if final.is_dir():
        settings["MINUTEBOOK_PREVIOUS"] = str(final)  # unchanged pages are linked from it, never changed in it
    # the content as found before reading it: the generator may patch the last build's model (``kept``)
    build.observed = kept.observe(settings, stats, taken)
    # the last build's pages, linked, when they are still the ones published
    build.spare = spare.take(final, staging, build.last_pages)
    # the last build's texts, read when first needed (a build on the kept model needs none)
    build.texts = Texts(functools.partial(incremental.load_texts, final))
    settings[SETTING] = build  # for the generator, which Pelican makes
    try:
        _quiet_pelican()
        with _source_date_epoch(Path(settings["PATH"])), without_pelicans_summary():
            Pelican(settings).run()
        staging.chmod(0o755)  # mkdtemp makes it private; a published site is readable
        search = settings.get("MINUTEBOOK_SEARCH", True)
        searched = None
        pdfs = TextCache(incremental.cache_folder(final))  # kept only once the whole build has succeeded
        records = _pdf_records(build, staging, pdfs, settings.get("DEFAULT_LANG") or "en-GB") if search else []
        if not search or search == PREVIOUS:  # the spare's copy of the last index: only a new index takes from it
            shutil.rmtree(staging / BUNDLE, ignore_errors=True)
        if search and search != PREVIOUS:
            progress.note("Indexing the pages for search (Pagefind)")
            started = time.perf_counter()
            searched = index_site(staging, records, **_partitioning(settings, final))  # last: the finished pages
            build.search_partitions = searched
            build.search_seconds = time.perf_counter() - started
    except BaseException as exc:
        background.succeeded(build.file_writer)  # it writes into the staging folder: done first
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, Exception) and final.is_dir():
            # the spare went into the staging folder: make the next one from the site still
            # published, so that the build after a mistake is put right starts from it too
            spare.start(final, None)
        raise
    finally:
        del settings[SETTING]  # the model keeps the settings (a preview, the model): not the build's state
        build.texts.forget_last()
    made = build.kept
    sources = indexed_sources(made.site) if search and made is not None else None
    if search == PREVIOUS:
        _carry_index(final, staging, sources)
    if build.files:  # out of the staging folder before it becomes the site
        filecache.put_in_place(build.files, background.succeeded(build.file_writer))
    replaced = _swap(staging, final)
    record_sources(incremental.cache_folder(final) / INDEXED, sources)
    save_records(incremental.cache_folder(final) / RECORDS, records if search == PREVIOUS else None)
    pdfs.save()
    if searched is not None:  # the partitions' digests, now that their files are the ones published
        save_state(incremental.cache_folder(final) / STATE, searched.state)
    later: dict = {}  # pickled and written in the background (``background``)
    if build.templates is not None:
        build.templates.write()
    if made is None or made.full:  # a build on the kept model rendered only the changed texts
        incremental.save_texts(final, build.texts.used)
    if build.pages is not None:
        incremental.save_pages(final, build.pages)
    if made is not None:
        later.update(kept.save(final, made, build.held))
    background.write_later(incremental.cache_folder(final), later)
    digests = {**made.observed.digests, **made.site.digests} if made is not None else {}  # as read
    incremental.record(final, key, {rel: digests.get(rel) for rel in incremental.racy(stats, taken)})
    spare.start(final, replaced)  # in the background: delete the replaced site, make the next spare
    return build


def _partitioning(settings: dict, final: Path) -> dict:
    """How ``index_site`` splits the index, and where the last one is, to reuse
    the partitions that have not changed."""
    return {"cache": incremental.cache_folder(final), "previous": final / BUNDLE, "limit": limit_of(settings),
            "start_month": int(settings.get(YEAR_START, 5))}


def _pdf_records(build: BuildState, staging: Path, cache: TextCache, language: str) -> list[dict]:
    """The words of the open PDFs published in ``staging``, read from ``cache`` or the files."""
    if build.kept is None:
        return []
    records = document_records(build.kept.site, staging, cache, language)
    build.pdf_extractions = cache.extractions
    return records


@contextlib.contextmanager
def _source_date_epoch(content: Path) -> Iterator[None]:
    """Give tools run during the build (a search indexer, say) the content's
    time as SOURCE_DATE_EPOCH, so none of them stamps the output with the clock."""
    if os.environ.get("SOURCE_DATE_EPOCH") or (epoch := clock.source_date_epoch(content)) is None:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def _carry_index(final: Path, staging: Path, sources: set[str] | None) -> None:
    """A preview's build (``MINUTEBOOK_SEARCH = PREVIOUS``) takes the last
    build's search index as it is, moved at the last moment before the swap;
    the preview brings it up to date afterwards (``preview.SearchCatchUp``).
    Unless a meeting, item, document or person it may hold text of has been
    deleted or made exempt since (or that is not known): then the old index is
    deleted here, and the site has no index until the catch-up's is in place
    (the search page says so), rather than serve text no longer published."""
    if sources is None or lost_sources(incremental.cache_folder(final) / INDEXED, sources):
        shutil.rmtree(final / BUNDLE, ignore_errors=True)
        return
    with contextlib.suppress(OSError):  # no index yet: the catch-up makes one
        (final / BUNDLE).rename(staging / BUNDLE)


def _staging_prefix(final: Path, old: bool = False) -> str:
    """``.building-output-1234-`` (or ``-old-1234-``): the pid says whose it is."""
    return f"{STAGING_PREFIX}{final.name}-{'old-' if old else ''}{os.getpid()}-"


def _swap(staging: Path, final: Path) -> Path | None:
    """Put ``staging`` in place of ``final``; return the previous site, moved
    into the cache folder to be deleted (or None when it is gone already)."""
    if not final.exists():
        staging.rename(final)
        return None
    if _exchange(staging, final):
        return _to_trash(staging, final)  # it now holds the previous site
    old = Path(tempfile.mkdtemp(prefix=_staging_prefix(final, old=True), dir=final.parent))
    old.rmdir()
    final.rename(old)
    staging.rename(final)
    return _to_trash(old, final)


def _to_trash(folder: Path, final: Path) -> Path | None:
    """Deleting 13,000 folders took 2.5 s: they are deleted in the background
    (``spare.start``), and a deletion cut short is taken up by the next build."""
    trash = incremental.cache_folder(final) / spare.trash_name(os.getpid(), folder.name)
    try:
        trash.parent.mkdir(parents=True, exist_ok=True)
        folder.rename(trash)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return trash


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0


def _clear_leftovers(final: Path) -> None:
    """Tidy up after builds that were killed: delete their half-built folders,
    and put back a previous site that was moved aside but not replaced.
    Folders of builds still running (their process is alive) are left alone."""
    spare.tidy(final)
    for leftover in sorted(final.parent.glob(f"{STAGING_PREFIX}{final.name}-*")):
        found = _LEFTOVER.fullmatch(leftover.name[len(STAGING_PREFIX) + len(final.name):])
        if found is None:
            continue
        pid = int(found["pid"])
        if pid != os.getpid() and spare.running(pid):
            continue
        if found["old"] and not final.exists():
            leftover.rename(final)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _quiet_pelican() -> None:
    logging.getLogger("pelican").setLevel(logging.WARNING)


# Pelican ends its run with a count of blog articles ("Done: Processed 0 articles,
# 0 drafts, ... in 0.32 seconds."), which says nothing of a Minute Book site; the
# command line ends with ``closing_line`` instead.
PELICANS_SUMMARY = re.compile(r"Done: Processed .*? seconds\.\n?", re.DOTALL)


@contextlib.contextmanager
def without_pelicans_summary() -> Iterator[None]:
    """Run Pelican with its console captured, then pass on all it said (its
    warnings) except its closing count of articles."""
    from pelican.log import console

    console.begin_capture()
    try:
        yield
    finally:
        said = PELICANS_SUMMARY.sub("", console.end_capture())
        if said.strip():
            sys.stdout.write(said)


def closing_line(build: BuildState, seconds: float) -> str:
    """What the command line says when a build has finished: "Built 128 pages:
    40 meetings, 210 items in 2.1 s." (for a rebuild, how many pages were
    rendered again), or that nothing had changed."""
    if build.kept is None and build.written is None:
        return f"The site in {build.output} is up to date: nothing it is made from has changed."
    pages = _pages_made(build)
    again = ""
    if build.kept is not None and not build.kept.full and build.written is not None:
        again = f" ({build.written} rendered again, the rest unchanged)"
    counts = ""
    if build.kept is not None:
        site = build.kept.site
        meetings = len(site.meetings)
        items = sum(len(meeting.items) for meeting in site.meetings)
        counts = f": {_plural(meetings, 'meeting')}, {_plural(items, 'item')}"
    return f"Built {_plural(pages, 'page')}{again}{counts} in {seconds:.1f} s, into {build.output}."


def _pages_made(build: BuildState) -> int:
    """The site's HTML pages: ours, as this build's record lists them, and
    Pelican's own; counted on the disk when there is no record (0.25 s at
    1,000 meetings, a tenth of a rebuild after an edit)."""
    if build.pages is None:
        return sum(1 for _ in build.output.rglob("*.html"))
    ours = sum(1 for path in incremental.recorded_files(build.pages) if path.endswith(".html"))
    return ours + build.pelican_pages


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


__all__ = ["build_site", "run_build", "BuildState", "settings_for", "ContentErrors", "SearchIndexError"]


def describe_failure(exc: Exception) -> str:
    """One line naming what failed and, for a template, which file and line."""
    message = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return f"{exc.filename}:{exc.lineno}: {message}"
    templates = [frame for frame in traceback.extract_tb(exc.__traceback__)
                 if frame.filename.endswith((".html", ".xml", ".txt", ".j2"))]
    if templates:
        return f"{templates[-1].filename}:{templates[-1].lineno}: {message}"
    return message
