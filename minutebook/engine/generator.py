"""Render and write: the Pelican generator that publishes the minutes.

Pelican runs ``generate_context`` on every generator before any writes, so a
content mistake stops the build before a single file is written.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache
from pelican.generators import Generator

from minutebook.content import urls
from minutebook.content.errors import ContentErrors
from minutebook.content.nofollow import read_inside
from minutebook.engine import incremental, kept, parallel, progress, sealed, state
from minutebook.engine.parallel import fork_map, shares_of
from minutebook.engine.replace import forget_folder, make_folder, replace_bytes
from minutebook.model.objects import Meeting, Site
from minutebook.site.outputs import meeting_outputs, site_outputs, text_sources
from minutebook.site.pages import Page, site_pages

log = logging.getLogger(__name__)
Share = tuple[str, object]  # ("site", producer), ("meetings", [Meeting]) or ("pages", [Page])


@dataclass
class Plan:
    """Which files a build makes, and where the others come from."""

    changed: set[str] | None  # content files whose text alone changed; None: make everything
    previous: Path  # the site being replaced, whose unchanged files are linked
    record: dict  # for the next build: structure, file hashes, what each page and file showed
    old: dict  # the same, from the last build
    from_spare: bool = False  # the output folder holds the last build's files already (``spare``)

    def pages_to_render(self) -> set[str] | None:
        """The paths of the pages that showed a changed text, or whose file has
        gone from the previous site (None: every page)."""
        if self.changed is None:
            return None
        return {path for path, shown in self.old["deps"].items() if self._shows_a_change(shown)
                or not (self.from_spare or (self.previous / urls.output_file(path)).is_file())}

    def meetings_to_produce(self, meetings: list[Meeting]) -> list[Meeting]:
        if self.changed is None:
            return meetings
        return [meeting for meeting in meetings if self._shows_a_change(text_sources(meeting))]

    def _shows_a_change(self, shown: list[str] | None) -> bool:
        return shown is None or bool(self.changed.intersection(shown))

    def remove_stale(self, output: Path) -> None:
        """A staging folder that started from a spare (``spare``) holds the last
        build's files: delete those this build did not make."""
        for file in set(incremental.recorded_files(self.old)) - set(incremental.recorded_files(self.record)):
            path = output / file
            path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # up to the first folder that is not empty
                for folder in path.relative_to(output).parents[:-1]:
                    (output / folder).rmdir()

    def link_the_rest(self, output: Path, rendered: list[Page]) -> None:
        """Link the previous site's unchanged pages and files into ``output``,
        and carry over what they showed."""
        if self.changed is None:
            return
        again = {page.path for page in rendered}
        for path, shown in self.old["deps"].items():
            if path not in again:
                if not self.from_spare:
                    _link(self.previous / urls.output_file(path), output / urls.output_file(path))
                self.record["deps"][path] = shown
        for path, shown in self.old["outputs"].items():
            if not self._shows_a_change(shown):
                if not self.from_spare:
                    _link(self.previous / path, output / path)
                self.record["outputs"][path] = shown


class MinuteBookGenerator(Generator):
    """Loads the minutes into the model, then writes every page and document."""

    site: Site

    @functools.cached_property
    def build(self) -> state.BuildState:
        return state.of(self.settings)

    def generate_context(self) -> None:
        build = self.build
        observed = build.observed or kept.observe(
            self.settings, incremental.content_stats(Path(self.path)), time.time_ns())  # run as plain `pelican`
        try:
            reused = kept.reuse(self.settings, observed, build.held, build.texts, build.last_pages)
            if reused:
                self.site = reused.site
            else:
                from minutebook.engine.pipeline import load_site  # only now: a build on the kept model needs no checks
                self.site = load_site(Path(self.path), self.settings, build)
        except ContentErrors as exc:
            if self.settings.get("MINUTEBOOK_RAISE_ERRORS"):
                raise
            # run as plain `pelican`: report like `invoke check`, no traceback
            print(exc.report(), file=sys.stderr)
            raise SystemExit(1) from None
        self.context["minutebook"] = self.site
        build.kept = reused or kept.Kept(self.site, observed)

    def generate_output(self, writer) -> None:
        # Templates do not change during a build: without this, Jinja looked at
        # every template file's time again each time a page used it (6% of rendering).
        self.env.auto_reload = False
        templates = None
        if self.settings.get("MINUTEBOOK_CACHE"):
            self.env.bytecode_cache = templates = self.build.templates = TemplateCache(
                Path(self.settings["MINUTEBOOK_CACHE"]) / "templates")
        output = Path(self.output_path)
        plan = self.plan()
        todo = list(site_pages(self.site, plan.pages_to_render()))
        meetings = plan.meetings_to_produce(self.site.meetings)
        plan.link_the_rest(output, todo)
        counter = progress.Counter("Rendering pages", len(todo))
        tracker = incremental.Tracker(self.env)

        def work(share: Share) -> tuple[int, dict, dict, dict]:
            # templates compiled in a worker come back, to be kept for the next build
            return *make(share), templates.taken() if templates is not None else {}

        def make(share: Share) -> tuple[int, dict, dict]:
            kind, what = share
            if kind == "site":  # feeds, calendars, data: beside the pages, not after them
                return 0, {}, {path: [] for path in self.write_outputs(output, what(self.site, self.settings))}
            if kind == "meetings":
                made = {}
                for meeting in what:
                    for producer in meeting_outputs():
                        written = self.write_outputs(output, producer(meeting, self.site, self.settings))
                        made.update(dict.fromkeys(written, text_sources(meeting)))
                return 0, {}, made
            read = {}
            for page in what:
                tracker.read = set(page.sources)
                write_if_changed(output / urls.output_file(page.path), self.render(page))
                read[page.path] = sorted(tracker.read)
            return len(what), read, {}

        shares: list[Share] = [("site", producer) for producer in (site_outputs() if plan.changed is None else [])]
        shares += [("meetings", share) for share in shares_of(meetings, 50)]
        # the listings and registers at the end of the pages are the largest:
        # started last, they kept one worker busy for a second after the other ended
        shares += [("pages", share) for share in reversed(shares_of(todo, 100))]
        many = len(todo) + len(meetings)
        try:
            for done, read, made, compiled in fork_map(work, shares, parallel=many >= parallel.SMALL):
                if templates is not None:
                    templates.new.update(compiled)
                counter.step(done)
                plan.record["deps"].update(read)
                plan.record["outputs"].update(made)
        except Exception:
            # A template failed in a worker: render here, so that the error
            # carries the template's file and line for the report.
            make(("pages", todo))
            raise
        counter.finish()
        plan.remove_stale(output)
        self.copy_documents(output)
        self.copy_icons(output)
        self.build.written, self.build.pages = len(todo), plan.record

    @staticmethod
    def write_outputs(output: Path, produced: Iterable[tuple[str, bytes]]) -> list[str]:
        written = []
        for path, data in produced:
            write_if_changed(output / path, data)
            written.append(path)
        return written

    def plan(self) -> Plan:
        """What changed since the last build, and the record for the next one.

        Everything is made again unless the last build's record belongs to the
        output being replaced and the only changes are to texts (see
        ``incremental``); then only the pages and files that showed a changed
        text are."""
        previous = Path(self.settings.get("MINUTEBOOK_PREVIOUS") or self.output_path)
        old = self.build.last_pages.load(previous) if self.settings.get("MINUTEBOOK_PREVIOUS") else {}
        files = self.file_hashes(old.get("files", {}))
        structure = self.build.kept.observed.structure  # as the model was loaded
        record = {"structure": structure, "files": files, "deps": {}, "outputs": {}}
        if old.get("structure") != structure or set(old.get("files", ())) != set(files):
            return Plan(None, previous, record, old)
        changed = {rel for rel, hashes in files.items() if hashes != old["files"][rel]}
        if any(files[rel][1] != old["files"][rel][1] or files[rel][3] != old["files"][rel][3] for rel in changed):
            return Plan(None, previous, record, old)  # front matter changed, or a text appeared or went
        if not all((previous / path).is_file() for path in old["outputs"]):
            return Plan(None, previous, record, old)  # a file of the last build has gone
        return Plan(changed, previous, record, old, from_spare=self.build.spare)

    def file_hashes(self, known: dict[str, list]) -> dict[str, list]:
        """[bytes, front matter, text] hashes and which texts are written, for
        each meeting and item file; files whose bytes the load found unchanged
        are not read again."""
        root, digests = Path(self.path), self.site.digests
        files: dict[str, list] = {}
        for meeting in self.site.meetings:
            written = [(meeting.source, [bool(meeting.notes_utf8)])]
            written += [(item.source, [bool(item.agenda_utf8), bool(item.minutes_utf8)]) for item in meeting.items]
            for source, flags in written:
                digest = digests[source].hex() if source in digests else ""
                before = known.get(source)
                if digest and before and before[0] == digest:
                    files[source] = [*before[:3], flags]
                else:
                    files[source] = [digest, *incremental.split_hashes(read_inside(root, source)), flags]
        return files

    def render(self, page: Page) -> bytes:
        template = self.env.get_template(page.template)
        html = template.render({**self.context, "site": self.site, "page": page,
                                "page_path": page.path, **page.full_context()})
        return html.encode("utf-8")

    def copy_icons(self, output: Path) -> None:
        """Publish the council's favicon and touch icon at the site's root, where
        browsers ask for them (MINUTEBOOK_FAVICON, MINUTEBOOK_TOUCH_ICON: files in
        the content folder, checked by ``settingscheck``), else the theme's own."""
        root, theme = Path(self.path), Path(self.settings.get("THEME", "")) / "static" / "icons"
        previous = self.settings.get("MINUTEBOOK_PREVIOUS")
        for setting, name in (("MINUTEBOOK_FAVICON", urls.FAVICON), ("MINUTEBOOK_TOUCH_ICON", urls.TOUCH_ICON)):
            chosen = self.settings.get(setting)
            if chosen:
                data = read_inside(root, chosen)
            elif (theme / name).is_file():
                data = (theme / name).read_bytes()
            else:
                continue
            last = Path(previous, name) if previous else None
            if last is not None and last.is_file() and last.read_bytes() == data:
                _link(last, output / name)  # unchanged: the published file itself, as for pages
            else:
                write_if_changed(output / name, data)

    def copy_documents(self, output: Path) -> None:
        """Publish each open document's file beside its meeting's page. The
        checks refused links; reading follows none, in case one appeared since."""
        root = Path(self.path)
        for meeting in self.site.meetings:
            folder = Path(meeting.source).parent.as_posix()
            for document in meeting.documents + [d for i in meeting.items for d in i.documents]:
                if document.file and not document.exempt:
                    target = output / urls.path_for(document)
                    write_if_changed(target, read_inside(root, f"{folder}/{document.file}"))


class TemplateCache(BytecodeCache):
    """The templates, compiled, kept between builds (compiling them took 0.3 s
    of every build). Each file is sealed (``sealed``), and all are checked
    here, before any worker starts, so that damaged ones are reported once;
    Jinja checks each against its template's source. A compiled template that
    is damaged or does not load is compiled again, never fatal. New ones are
    written by ``write`` once the whole build has succeeded."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.new: dict[str, bytes] = {}
        self.stored: dict[str, bytes] = {}
        spoilt = 0
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            if path.name.startswith("."):
                continue  # a file half-written by a build that was killed (``replace_bytes``)
            payload, bad = sealed.take(path)
            spoilt += bad
            if payload is not None:
                self.stored[path.name] = bytes(payload)
        if spoilt:
            sealed.damaged([f"{spoilt} compiled template{'s' if spoilt > 1 else ''}"])

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        # The compiled code depends on the environment (autoescape) and our
        # filters as well as on the source, which is all Jinja checks.
        return super().get_cache_key(f"{incremental.code_version()}:{name}", filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        if (data := self.stored.get(bucket.key)) is None:
            return
        try:
            bucket.load_bytecode(io.BytesIO(data))
        except Exception:  # sealed as written, yet not loadable here: compile it again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        compiled = io.BytesIO()
        bucket.write_bytecode(compiled)
        self.new[bucket.key] = compiled.getvalue()

    def taken(self) -> dict[str, bytes]:
        """The templates compiled since last asked (in a worker: to send back)."""
        new, self.new = self.new, {}
        return new

    def write(self) -> None:
        for key, data in self.new.items():  # the cache folder may have been deleted since this process made it
            sealed.write(self.folder / key, data)


def write_if_changed(path: Path, data: bytes) -> None:
    """Write only changed bytes, so unchanged files keep their timestamps.

    A build writes into a fresh staging folder, so most files are new: try
    creating the file first, and read the old one only when there is one."""
    make_folder(path.parent)
    try:
        with open(path, "xb") as new:
            new.write(data)
        return
    except FileExistsError:
        pass
    except FileNotFoundError:  # the folder went since we made it: make it again
        forget_folder(path.parent)
        write_if_changed(path, data)
        return
    if path.read_bytes() != data:
        replace_bytes(path, data)  # never written through: it may be a hard link to the live site


def _link(source: Path, target: Path) -> None:
    """Put the previous build's unchanged page into the staging folder without
    copying it; the previous site itself is never written to."""
    make_folder(target.parent)
    try:
        os.link(source, target)
        return
    except FileExistsError:  # the staging folder started from a spare (``spare``)
        if os.path.samefile(source, target):
            return
    except OSError:  # another file system, or no hard links: copy
        pass
    replace_bytes(target, source.read_bytes())
