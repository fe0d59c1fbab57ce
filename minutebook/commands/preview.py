"""Live preview for clerks: ``invoke livereload``.

Serves the built site and rebuilds it whenever a content file, the theme or
the settings change. A content mistake is printed as ``file:line: field:
message`` and the last good site goes on being served (the build is atomic, so
a failed build never touches it); nothing a clerk saves can stop the preview.

The search index is not part of a preview's build: Pagefind reads every page
again whenever one changes (about 28 s at 1,000 meetings), and a clerk should
see a saved change at once. Each build keeps the last index as it is, and
``SearchCatchUp`` then brings it up to date in the background; a save stops
it and it starts again after that build. A save that deletes a meeting, item,
document or person, or makes one exempt, is served with no index at all until
the new one is in place (``build._carry_index``), and stopping the preview
deletes an index that was not yet brought up to date: the last index's text
is never served, nor left in the output, once it is no longer published.
"""

from __future__ import annotations

import functools
import gc
import http.server
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import watchfiles

from minutebook.content.errors import ContentErrors
from minutebook.engine import incremental, kept, spare
from minutebook.engine.build import build_site, settings_for
from minutebook.engine.collector import paused_gc
from minutebook.site.partitions import (
    LIMIT,
    STATE,
    YEAR_START,
    Indexing,
    Stop,
    index_partitions,
    limit_of,
    load_state,
    save_state,
)
from minutebook.site.pdftext import RECORDS, load_records
from minutebook.site.search import BUNDLE, PREVIOUS, SearchIndexError, install_index

IGNORED_PARTS = {".git", "__pycache__", ".pytest_cache", ".hypothesis"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # one line per request would bury the build messages


def serve(output: Path, port: int, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """Serve ``output`` in a background thread. The folder is looked up on every
    request, so each atomic swap of the site is served at once."""
    handler = functools.partial(_QuietHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class SearchCatchUp:
    """Pagefind over the served site, in the background, its index put in
    place when it is done; ``stop`` before the next build. Only the
    partitions whose pages changed are indexed again (``site.partitions``)."""

    def __init__(self, output: Path, say: Callable[[str], None] = print, limit: int = LIMIT,
                 start_month: int = 5) -> None:
        self.output, self.say = output, say
        self.limit, self.start_month = limit, start_month
        self._job: Indexing | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()  # between putting an index in place and ``stop``
        # whether the index in the output is the served site's own; False from
        # the moment a build may swap in new pages (``run`` says so)
        self.current = False
        self.last: Indexing | None = None  # the last index put in place (tests ask what it did)

    def start(self) -> None:
        if not self.output.is_dir():
            return  # no site yet (the first build failed)
        bundle = incremental.cache_folder(self.output) / f"search-{os.getpid()}"
        shutil.rmtree(bundle, ignore_errors=True)
        bundle.parent.mkdir(parents=True, exist_ok=True)
        job = Indexing()
        self._job = job
        self._thread = threading.Thread(target=self._finish, args=(job, bundle, time.monotonic()), daemon=True)
        self._thread.start()

    def _finish(self, job: Indexing, bundle: Path, started: float) -> None:
        cache = incremental.cache_folder(self.output)
        try:
            records = load_records(cache / RECORDS)  # the words of PDFs
            with paused_gc():  # as a build's index step (``build.run_build``); the next build waits for this thread
                index_partitions(self.output, bundle, records, previous=self.output / BUNDLE,
                                 state=load_state(cache / STATE), limit=self.limit, start_month=self.start_month,
                                 job=job)
            with self._lock:
                if self._job is not job:
                    return  # stopped: a build is about to replace the site
                install_index(bundle, self.output)
                save_state(cache / STATE, job.state)
                self._job, self.current, self.last = None, True, job
            again = f"{len(job.indexed)} of {len(job.indexed) + len(job.reused)} parts indexed again"
            self.say(f"Search index up to date ({again}, {time.monotonic() - started:.1f} s).")
        except Stop:
            pass
        except (SearchIndexError, OSError) as exc:
            if not job.stopped:
                self.say(f"The search index was not brought up to date: {exc}")
        finally:
            shutil.rmtree(bundle, ignore_errors=True)

    def wait(self) -> None:
        """Until the index is in place or has failed (the benchmark and tests wait)."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def stop(self) -> None:
        with self._lock:
            job, self._job = self._job, None
        if job is not None:
            job.stop()
        self.wait()

    def close(self) -> None:
        """Stop for good: an index not yet brought up to date is deleted, as it
        may hold text the pages no longer show (the search page copes without)."""
        self.stop()
        if not self.current:
            shutil.rmtree(self.output / BUNDLE, ignore_errors=True)
            spare.forget_index(self.output)  # and the spare's links to it


def rebuild(settings_file: Path, content: Path, output: Path, search: bool | str = True,
            say: Callable[[str], None] = print, held: kept.HeldModel | None = None) -> bool:
    """Build once; report any failure in words and return whether it worked.
    ``search``: True, False or ``PREVIOUS`` (see ``MINUTEBOOK_SEARCH``);
    ``held``: the model kept between builds."""
    from minutebook.engine.build import describe_failure

    started = time.monotonic()
    built = False
    try:
        build_site(settings_file, content, output, {"MINUTEBOOK_SEARCH": search}, held)
        built = True
    except ContentErrors as exc:
        say(exc.report())
    except SearchIndexError as exc:
        say(str(exc))
    except Exception as exc:  # a theme mistake must not end the preview either
        say(f"The build stopped: {describe_failure(exc)}")
    if built:
        say(f"Rebuilt in {time.monotonic() - started:.1f} s.")
    else:
        say("The preview still shows the last good version. Save a correction to try again.")
    # A replaced model is cyclic garbage, left by a build that paused the
    # collector: free it now, while the clerk looks at the page, or it piles
    # up build after build (and slowed each one down).
    gc.collect()
    return built


def watched_paths(settings_file: Path, content: Path) -> list[Path]:
    settings = settings_for(settings_file, content)
    return [p for p in (content, Path(settings["THEME"]), settings_file) if p.exists()]


def _interesting(change: watchfiles.Change, path: str) -> bool:
    parts = set(Path(path).parts)
    return not parts & IGNORED_PARTS and not Path(path).name.endswith(("~", ".swp", ".tmp"))


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(settings_file: Path, content: Path, output: Path, port: int | None = 8000, search: bool = True) -> int:
    """Build, serve (unless ``port`` is None), and rebuild on every save until interrupted."""
    say = functools.partial(print, flush=True)
    server = None
    if port is not None:
        try:
            server = serve(output, port)
        except OSError as exc:
            say(f"Cannot serve on port {port} ({exc.strerror}): is another preview running? "
                "Stop it, or choose another port with --port.")
            return 1
    catch_up = None
    if search:
        settings = settings_for(settings_file, content)
        catch_up = SearchCatchUp(output, say, limit_of(settings), int(settings.get(YEAR_START, 5)))
    build_search = PREVIOUS if catch_up else False
    held = kept.HeldModel()  # the model, between one save's build and the next

    def build() -> None:
        if catch_up is not None:
            catch_up.stop()
            catch_up.current = False
        rebuild(settings_file, content, output, build_search, say, held)
        if catch_up is not None:
            catch_up.start()

    # `kill` (SIGTERM) stops the preview as Ctrl+C does, tidying up after it
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        build()
        held.hold(output)  # for the first save's rebuild, as later ones have it
        if server is not None:
            say(f"Serving {output} at http://localhost:{server.server_address[1]}/ - press Ctrl+C to stop.")
        paths = watched_paths(settings_file, content)
        watching = False
        # yield_on_timeout: an empty batch tells us the watcher is running, so
        # "Watching" is printed only once a save would really be noticed
        for batch in watchfiles.watch(*paths, watch_filter=_interesting, debounce=300, raise_interrupt=False,
                                      yield_on_timeout=True, rust_timeout=500):
            if not batch:
                if not watching:
                    say("Watching " + ", ".join(str(p) for p in paths) + " for changes.")
                    watching = True
                continue
            names = sorted({Path(p).name for _, p in batch})
            say(f"Changed: {', '.join(names[:5])}{' and more' if len(names) > 5 else ''}")
            build()
    except KeyboardInterrupt:
        pass
    finally:
        if catch_up is not None:
            catch_up.close()
        if server is not None:
            server.shutdown()
        say("Preview stopped.")
    return 0


