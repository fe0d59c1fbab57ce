"""The model of the last build, kept for the next one.

Loading, checking and assembling the whole archive takes most of a rebuild
(at 1,000 meetings, 6 of the 7 seconds after editing one item), although an
edit to the text of an item changes one object of the model. So after a build
the assembled model (``model.Site``) is pickled into the cache folder, and
when the next build finds that the only changes since are to the text of
some meetings and items (below the front matter: same fields, same sections
written or empty), it reads and checks just those files, renders their texts
into the kept model and goes on to render pages (``generator``).

Anything else makes an ordinary build, which reports every mistake exactly
as ever: a change to any front matter, a file added, renamed or deleted, a
registry, page, document, the theme, a setting, Minute Book's code, "today" or
the git commit (``incremental.structure_key``), and a changed file that has
any mistake, or whose meeting has not yet had minutes but now has a
'## Minutes' section.

Files are compared by size and modification time, as ``make`` and git do,
and by the hash of their bytes when the time is too close to when the build
looked at them to tell (a file saved twice in the same instant).

Two files in ``.minutebook-cache/<output>/``: ``model.pickle``, the model of
the last full build, written in the background (``background``: pickling it
took 0.7 s at 1,000 meetings); and ``model-patches.pickle``, the texts
changed by the builds since, with which published site they belong to.
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from minutebook.content.markers import marker_mistakes
from minutebook.content.nofollow import read_inside
from minutebook.content.sections import HAS_MINUTES, split_sections
from minutebook.content.source import SourceMistake, read_source
from minutebook.engine import background, incremental
from minutebook.engine.incremental import Stat
from minutebook.model.crossrefs import Targets, Texts, html_of, texts_of
from minutebook.model.objects import AgendaItem, Meeting, Site

MODEL, PATCHES = "model.pickle", "model-patches.pickle"


@dataclass
class Observed:
    """The content as a build found it, before reading any of it."""

    structure: str  # everything but the texts of meetings and items
    digests: dict[str, bytes]  # the hash of each other file's bytes
    stats: dict[str, Stat]  # each meeting and item file
    taken: int  # when the stats were taken (ns since the epoch)


@dataclass
class Kept:
    """What a build leaves for the next: its model, and how it was made."""

    site: Site
    observed: Observed
    patches: dict | None = None  # None: a full build; else the texts changed since the last full one
    patched: list[str] = field(default_factory=list)  # the files this build took again
    snapshot: dict | None = None  # the kept model as read, for the next build in this process

    @property
    def full(self) -> bool:
        return self.patches is None


def observe(settings: dict, stats: dict[str, Stat], taken: int) -> Observed:
    """``stats``: ``incremental.content_stats``, taken at ``taken``."""
    texts = {rel: stat for rel, stat in stats.items() if incremental.is_text_file(rel)}
    return Observed(*incremental.structure_key(settings, stats), texts, taken)


def reuse(settings: dict, observed: Observed, held: HeldModel, texts: Texts,
          last_pages: incremental.LastPages) -> Kept | None:
    """The last build's model with the changed texts put in (rendered into
    ``texts``' record), or None when this build must load everything."""
    previous = settings.get("MINUTEBOOK_PREVIOUS")
    cache = settings.get("MINUTEBOOK_CACHE")
    if not previous or not cache:
        return None
    stored = _read(Path(cache), Path(previous), held)
    if stored is None:
        return None
    snapshot, patches = stored
    if snapshot.get("structure") != observed.structure or set(snapshot["stats"]) != set(observed.stats):
        return None
    site: Site = snapshot["site"]
    site.settings = settings
    pages = {page.source: page for page in _pages(site)}
    if not set(patches["files"]) <= set(pages):
        return None  # patches that do not fit this model: not ours to trust
    for rel, patch in patches["files"].items():
        _apply(site, pages[rel], rel, patch)
    fronts = last_pages.load(Path(previous)).get("files", {})  # front matter hashes, as built
    known = {rel: (stat, snapshot["taken"]) for rel, stat in snapshot["stats"].items()}
    known.update((rel, (patch["stat"], patch["taken"])) for rel, patch in patches["files"].items())
    targets = Targets.of(site)
    patched = []
    for rel, stat in observed.stats.items():
        before, taken = known[rel]
        if stat == before and not incremental.is_racy(before[1], taken):
            continue
        try:
            data = read_inside(Path(settings["PATH"]), rel)  # a link: a full build, which reports it
        except OSError:
            return None
        digest = hashlib.sha256(data).digest()
        patch = patches["files"].get(rel) or {"digest": digest, "html": {}}
        if digest != site.digests.get(rel):  # not only saved again: a new text
            html = _new_texts(Path(settings["PATH"]) / rel, rel, data, pages.get(rel), targets, fronts.get(rel), texts)
            if html is None:
                return None
            patch = {"digest": digest, "html": html}
            _apply(site, pages[rel], rel, patch)
            patched.append(rel)
        patches["files"][rel] = {**patch, "stat": stat, "taken": observed.taken}
    return Kept(site, observed, patches, patched, snapshot)


def _pages(site: Site) -> Iterator[Meeting | AgendaItem]:
    for meeting in site.meetings:
        yield meeting
        yield from meeting.items


def _new_texts(path: Path, rel: str, data: bytes, page: Meeting | AgendaItem | None, targets: Targets,
               built: list | None, rendered: Texts) -> dict[str, bytes] | None:
    """The changed file's texts, rendered; None if more than a text changed,
    or if the file has a mistake (the full build reports it)."""
    if page is None or built is None:
        return None
    front, _ = incremental.split_hashes(data)
    if front != built[1]:
        return None
    try:
        source = read_source(path, rel, data)
    except SourceMistake:
        return None
    if isinstance(page, Meeting):
        texts = texts_of(page, notes=source.body.strip())
    else:
        errors: list = []
        sections = split_sections(source.body, source.body_line, rel, errors)
        if errors or ("Minutes" in sections and page.meeting.status not in HAS_MINUTES):
            return None
        if marker_mistakes(source.body, source.body_line, page.placeable):
            return None  # a marker naming nothing, or placed twice: the full build reports it
        texts = texts_of(page, sections=sections)
    meeting = page if isinstance(page, Meeting) else page.meeting
    resolve = targets.resolver(meeting, page)
    html = {attribute: html_of(text, resolve, rendered, look_up=False) for attribute, text in texts}
    if [bool(value) for value in html.values()] != [bool(getattr(page, a)) for a in html]:
        return None  # a text written or emptied changes listings ("has minutes"): a full build
    return html


def _apply(site: Site, page: Meeting | AgendaItem, rel: str, patch: dict) -> None:
    for attribute, html in patch["html"].items():
        setattr(page, attribute, html)
    site.digests[rel] = patch["digest"]


# ---- the files -------------------------------------------------------------------


class HeldModel:
    """The last build's model, in this process: a preview (``invoke livereload``)
    builds again and again in one process, and need not unpickle what it has
    just pickled (0.4 s at 1,000 meetings). The preview owns one and hands it to
    each build. A build takes the model from it, so a build that fails, with
    the model half patched, leaves none behind."""

    def __init__(self) -> None:
        self.snapshot: dict | None = None

    def hold(self, final: Path) -> None:
        """Read the kept model of the site published in ``final`` now, so that
        the next build need not: a preview does this while the clerk is still writing."""
        if self.snapshot is None and (stored := _read(incremental.cache_folder(final), final, self)) is not None:
            self.snapshot = stored[0]

    def take(self) -> dict | None:
        snapshot, self.snapshot = self.snapshot, None
        return snapshot


def _read(cache: Path, previous: Path, holder: HeldModel) -> tuple[dict, dict] | None:
    """The kept model and its patches, when they belong to ``previous`` and to this code."""
    held = holder.take()
    patches = incremental.read(cache / PATCHES)  # written whole, before the build returned
    if not patches or patches.get("output") != incremental.identity(previous):
        return None
    if held is not None and held.get("id") == patches.get("id"):
        snapshot = held
    else:
        with background.written(cache):  # wait for a model still being written
            snapshot = incremental.read(cache / MODEL)
    if snapshot.get("id") != patches.get("id") or snapshot.get("code") != incremental.code_version():
        return None
    return snapshot, patches


def save(final: Path, kept: Kept, held: HeldModel) -> dict[Path, object]:
    """Keep the model of the build just swapped in as ``final`` (and in
    ``held``): the patches are written now; returned, what
    ``background.write_later`` is to write."""
    cache = incremental.cache_folder(final)
    if not kept.full:  # the model on disk stays; only the patches grow
        incremental.write(cache / PATCHES, {**kept.patches, "output": incremental.identity(final)})
        held.snapshot = kept.snapshot
        return {}
    made = secrets.token_hex(8)
    # this build's settings are not kept: the next build has its own
    site = dataclasses.replace(kept.site, settings=None)
    snapshot = {"id": made, "code": incremental.code_version(), "structure": kept.observed.structure,
                "stats": kept.observed.stats, "taken": kept.observed.taken, "site": site}
    # The patches name the model they apply to: until the new one is in place,
    # a build finds the old one, sees it is not that one, and loads everything.
    incremental.write(cache / PATCHES, {"id": made, "output": incremental.identity(final), "files": {}})
    held.snapshot = snapshot
    return {cache / MODEL: snapshot}
