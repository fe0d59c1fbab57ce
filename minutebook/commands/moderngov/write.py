"""Writing what the importer makes: every file whole (written beside, then
renamed), each Markdown file marked with what the importer wrote, so that a
re-run updates its own files and never a clerk's edit."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

MARK = "# minutebook import moderngov:"
_MARKER = re.compile(rf"^{re.escape(MARK)} (?P<source>.+?); sha256 (?P<digest>[0-9a-f]{{64}})\n", re.MULTILINE)


def write_whole(path: Path, data: bytes) -> None:
    """``path`` holds either its old bytes or all the new ones, never part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)


def _digest(unmarked: str) -> str:
    return hashlib.sha256(unmarked.encode("utf-8")).hexdigest()


def marked(unmarked: str, source: str) -> str:
    """``unmarked`` (``---`` front matter ``---`` text) with the marker as the
    first line of its front matter."""
    head, rest = unmarked.split("\n", 1)
    return f"{head}\n{MARK} {source}; sha256 {_digest(unmarked)}\n{rest}"


def marker(written: str) -> tuple[str, str, str] | None:
    """(source, digest recorded, digest of the text now) of a marked file."""
    found = _MARKER.search(written)
    if found is None:
        return None
    unmarked = written[:found.start()] + written[found.end():]
    return found.group("source"), found.group("digest"), _digest(unmarked)


@dataclass(frozen=True)
class Outcome:
    path: Path
    what: str  # "new", "updated", "unchanged", "kept-edit", "not-ours"


def write_marked(path: Path, unmarked: str, source: str) -> Outcome:
    """Write ``unmarked`` marked as from ``source``, unless a clerk wrote or
    changed the file there since the importer last wrote it."""
    if not path.exists():
        write_whole(path, marked(unmarked, source).encode("utf-8"))
        return Outcome(path, "new")
    existing = path.read_text(encoding="utf-8")
    found = marker(existing)
    if found is None:
        return Outcome(path, "not-ours")
    _, recorded, now = found
    if recorded != now:
        return Outcome(path, "kept-edit")
    if recorded == _digest(unmarked):
        return Outcome(path, "unchanged")
    write_whole(path, marked(unmarked, source).encode("utf-8"))
    return Outcome(path, "updated")


def marked_files(folder: Path) -> dict[str, Path]:
    """The importer's files in ``folder``, by the source named in their marker."""
    found = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        head = path.read_text(encoding="utf-8", errors="replace")[:600]
        mark = _MARKER.search(head)
        if mark:
            found[mark.group("source")] = path
    return found


def front_matter(fields: dict, text: str) -> str:
    """A content file: YAML front matter, then Markdown."""
    body = dump(fields) if fields else ""
    return f"---\n{body}---\n{text.strip()}\n" if text.strip() else f"---\n{body}---\n"


def dump(value: object) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)


def add_entries(path: Path, entries: dict[str, dict], heading: str, notes: dict[str, str] | None = None) -> list[str]:
    """Add to a registry the entries whose ids it lacks, after what is there
    (a clerk's entries and edits stay byte for byte); the ids added.
    ``notes``: a comment for an entry's first line (its Modern.gov member id)."""
    existing = path.read_text(encoding="utf-8") if path.exists() else f"# {heading}\n"
    known = yaml.safe_load(existing) or {}
    new = {key: value for key, value in entries.items() if key not in known}
    if new or not path.exists():
        joiner = "" if existing.endswith("\n") else "\n"
        added = "".join(_entry(key, value, (notes or {}).get(key)) for key, value in new.items())
        write_whole(path, (existing + joiner + added).encode("utf-8"))
    return list(new)


def _entry(key: str, value: dict, note: str | None) -> str:
    """The entry as YAML; with a note, its first line's comment names the
    source and a digest of the entry as written (so that a later run can
    tell whether a clerk changed it)."""
    text = dump({key: value})
    first, rest = text.split("\n", 1)
    return f"{first}  # {note}; sha256 {_short(text)}\n{rest}" if note else text


def _short(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_NOTE = re.compile(r"^([a-z0-9][a-z0-9-]*):\s+#\s*(.+?)(?:;\s*sha256 [0-9a-f]+)?\s*$", re.MULTILINE)
_FIRST = re.compile(r"^(?P<key>[a-z0-9][a-z0-9-]*):\s+#\s*(?P<note>.+?);\s*sha256 (?P<digest>[0-9a-f]+)\s*$")


def entry_notes(path: Path) -> dict[str, str]:
    """The comment on each entry's first line of a registry, by id (without
    the digest)."""
    return dict(_NOTE.findall(path.read_text(encoding="utf-8"))) if path.exists() else {}


def _spans(lines: list[str]) -> dict[str, tuple[int, int]]:
    """Each top-level entry's lines: its ``id:`` line and the indented lines
    after it (a blank or unindented line ends it)."""
    found: dict[str, tuple[int, int]] = {}
    start = key = None
    for number, line in enumerate([*lines, "\n"]):
        if start is not None and not (line.startswith((" ", "\t")) and line.strip()):
            found.setdefault(key, (start, number))
            start = key = None
        head = re.match(r"^([a-z0-9][a-z0-9-]*):", line)
        if head:
            start, key = number, head.group(1)
    return found


@dataclass(frozen=True)
class Updated:
    updated: list[str]  # entries the importer wrote, no clerk changed, and the source now says otherwise
    kept: list[str]  # entries a clerk changed since: left as they are, though the source now says otherwise


def update_entries(path: Path, entries: dict[str, dict], notes: dict[str, str]) -> Updated:
    """Bring up to date each of ``entries`` already in the registry that
    the importer wrote (its first line's comment carries a digest) and no
    clerk has changed since (the digest still matches); an entry a clerk
    wrote or changed is never touched. The file is written whole, and only
    when something changed."""
    if not path.exists() or not entries:
        return Updated([], [])
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    spans, updated, kept = _spans(lines), [], []
    for key in sorted(entries, key=lambda k: -spans.get(k, (-1, 0))[0]):  # from the end: spans stay true
        if key not in spans:
            continue
        start, end = spans[key]
        first = _FIRST.match(lines[start].rstrip("\n"))
        if first is None:
            continue  # a clerk's entry, or one written before entries carried a digest
        fresh = _entry(key, entries[key], notes.get(key) or first.group("note"))
        written = "".join([f"{key}:\n", *lines[start + 1:end]])
        if _short(written) != first.group("digest"):
            if _short(dump({key: entries[key]})) != first.group("digest"):
                kept.append(key)
            continue
        if "".join(lines[start:end]) != fresh:
            lines[start:end] = fresh.splitlines(keepends=True)
            updated.append(key)
    if updated:
        write_whole(path, "".join(lines).encode("utf-8"))
    return Updated(sorted(updated), sorted(kept))


def registry_ids(path: Path) -> set[str]:
    """The ids a registry declares (none if it is not there yet)."""
    return set(yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else set()
