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
    first, rest = dump({key: value}).split("\n", 1)
    return f"{first}  # {note}\n{rest}" if note else f"{first}\n{rest}"


_NOTE = re.compile(r"^([a-z0-9][a-z0-9-]*):\s+#\s*(.+?)\s*$", re.MULTILINE)


def entry_notes(path: Path) -> dict[str, str]:
    """The comment on each entry's first line of a registry, by id."""
    return dict(_NOTE.findall(path.read_text(encoding="utf-8"))) if path.exists() else {}


def registry_ids(path: Path) -> set[str]:
    """The ids a registry declares (none if it is not there yet)."""
    return set(yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else set()
