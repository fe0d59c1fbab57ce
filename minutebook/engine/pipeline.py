"""The whole flow in one place: load content -> validate -> model.

Rendering and writing follow in ``pages`` and ``generator``; ``check`` stops
after validation.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from minutebook.content import clock
from minutebook.content.decisionrecords import decision_records_check, decision_texts
from minutebook.content.errors import ContentErrors
from minutebook.content.forwardplan import published_texts
from minutebook.content.load import RawTree, read_tree
from minutebook.content.markup import sanitiser_warnings
from minutebook.content.motions import motion_texts
from minutebook.content.settingscheck import REMOTE_COUNTS_AS_PRESENT
from minutebook.content.validate import CheckedTree, Dropped, aliases_of, check
from minutebook.content.workingdays import rules_from_settings
from minutebook.engine import background, filecache
from minutebook.engine.ahead import start as start_ahead
from minutebook.engine.collector import give_back_memory, paused_gc
from minutebook.engine.filecache import FileCache
from minutebook.engine.incremental import TEXTS
from minutebook.engine.parallel import in_workers
from minutebook.engine.state import BuildState
from minutebook.model.assemble import assemble, render_site_texts
from minutebook.model.crossrefs import Markdown, broken_references, open_texts
from minutebook.model.history import read_history
from minutebook.model.objects import Site
from minutebook.site.pdftext import TextCache, pdf_warnings


def check_content(content: Path, settings: dict | None = None, warnings: bool = True,
                  build: BuildState | None = None) -> CheckedTree:
    """Load and validate; raises ContentErrors listing every mistake.
    ``warnings``: also look for references to nothing (``check`` shows them;
    a build publishes them as plain text, and need not spend the time).
    ``build``: the build's state, which takes the file cache to write."""
    with paused_gc():
        return _check_content(content, settings or {}, warnings, build)


def _check_content(content: Path, settings: dict, warnings: bool, build: BuildState | None) -> CheckedTree:
    kept = settings.get("MINUTEBOOK_CACHE")  # where a build keeps what it read (see ``filecache``)
    cache = FileCache(Path(kept)) if kept else None
    tree = read_tree(Path(content), cache)
    start_month = int(settings.get("MINUTEBOOK_MUNICIPAL_YEAR_START", 5))
    try:
        checked = check(tree, start_month, clock.known_today(settings, Path(content)), cache,
                        remote_counts_as_present=settings.get(REMOTE_COUNTS_AS_PRESENT) is True,
                        more_checks=[decision_records_check(rules_from_settings(settings))])
        if next(aliases_of(checked), None):  # the last step, which needs the model and the site's pages
            from minutebook.site.redirects import alias_mistakes

            mistakes = alias_mistakes(checked)
            if mistakes:
                raise ContentErrors(mistakes)
    except ContentErrors as exc:
        exc.root = Path(content)  # so the report names files as the clerk opens them
        raise
    if cache is not None:
        checked.digests = cache.digests  # so the render plan need not read every file again
        if build is not None:
            # written now, by a copy of this process, not held to the end of the build
            files = cache.prepare()
            build.files = filecache.places(files, Path(settings["OUTPUT_PATH"]))
            build.file_writer = background.run_aside(functools.partial(filecache.write, files, build.files))
    if warnings:
        checked.warnings.extend(broken_references(checked, start_month))
        texts = [(source.rel, source.body_line, source.body) for source in open_texts(checked)]
        motions = motion_texts([(ci.front, ci.raw.source) for cm in checked.meetings for ci in cm.items
                                if not ci.front.exempt])
        checked.warnings.extend(sanitiser_warnings(texts + registry_descriptions(tree) + open_summaries(checked)
                                                   + motions + published_texts(checked.forward_plan)
                                                   + decision_texts(checked)))
        checked.warnings.extend(pdf_warnings(checked, TextCache(Path(kept) if kept else None)))
    return checked


def registry_descriptions(tree: RawTree) -> list[tuple[str, int, str, str]]:
    """(file, line, Markdown, field) of each description in the registries (a
    block scalar, "description: |", starts on the line below its field)."""
    found = []
    for registry in tree.registries.values():
        entries = registry.data.data if isinstance(registry.data.data, dict) else {}
        for entry_id, entry in entries.items():
            if isinstance(entry, dict) and isinstance(entry.get("description"), str):
                line = registry.data.text_line((entry_id, "description"))
                found.append((registry.rel, line, entry["description"], f"{entry_id}.description"))
    return found


def open_summaries(checked: CheckedTree) -> list[tuple[str, int, str, str]]:
    """(file, line, Markdown, field) of each exempt item's ``open_summary``:
    published, so warned about like any published text."""
    found = []
    for meeting in checked.meetings:
        for item in meeting.items:
            if item.front.exempt and item.front.open_summary:
                source = item.raw.source
                found.append((source.rel, source.front.text_line(("open_summary",)), item.front.open_summary,
                              "open_summary"))
    return found


def load_site(content: Path, settings: dict | None = None, build: BuildState | None = None) -> Site:
    """Load, validate and model the content tree; ``build``: the state of
    the build this is for (the texts it reuses, the file cache it keeps)."""
    settings = settings or {}
    ahead = start_ahead(Path(content)) if _renders_every_text(settings) else None
    try:
        with paused_gc():
            checked = check_content(content, settings, warnings=False, build=build)
            shed_sources(checked)
            # the today the date rules used; when unknown (not a git checkout), the newest meeting's date
            newest = checked.meetings[-1].date if checked.meetings else dt.date(1970, 1, 1)
            site = assemble(checked, checked.today or newest, settings, read_history(Path(content)))
            markdown = Markdown.taken_from(checked)
            # The checked files, let go of before the texts come back from the workers
            del checked
            give_back_memory()
            render_site_texts(site, markdown, ahead.finish() if ahead else None, in_workers,
                              build.texts if build else None)
            del markdown
            give_back_memory()  # the Markdown, rendered
            return site
    finally:
        if ahead is not None:
            ahead.cancel()  # finished by then, unless the checks failed


def shed_sources(checked: CheckedTree) -> None:
    """Let go of what a build no longer reads once the check has passed (the
    file cache, written aside already, has its own copy): each meeting and item
    file's front matter as read (YAML, and its text to find lines in) and a
    meeting file's text (the model is made from the validated front matter,
    the notes taken from a meeting's text, and the sections cut from an item's
    text, which is kept for them). At 200 meetings they were 18 of the 49 MiB
    the checked files held when the model's assembly began."""
    front, body = Dropped("The front matter as read"), Dropped("The text as read")
    for meeting in checked.meetings:
        if meeting.raw.source is not None:
            meeting.raw.source.front, meeting.raw.source.body = front, body
        for item in meeting.items:
            item.raw.source.front = front


def _renders_every_text(settings: dict) -> bool:
    """No texts kept from the last build: a cold build, which renders them all."""
    kept = settings.get("MINUTEBOOK_CACHE")
    return not kept or not (Path(kept) / TEXTS).exists()

