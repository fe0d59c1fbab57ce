"""The words inside open PDF documents, for the site's search.

Each page of an open PDF published with the site that has text becomes one
search record (Pagefind's ``AddRecord``), whose link opens the document at
that page (``#page=N``) and whose details name its meeting and item. Only
files already copied into the built site are opened, so an exempt document,
which is never published, is never read. Text is kept in the build's cache
folder by the SHA-256 of the file's bytes (``pdf-text.json``): a rebuild
reads no PDF it has read before.

A PDF that cannot be read (broken, encrypted, or scanned with no text) is
left out of the search; ``pdf_warnings`` reports it once, as a warning of the
check, at its ``documents:`` entry.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from minutebook.content import urls
from minutebook.content.dates import short_date
from minutebook.content.documents import listed_files
from minutebook.content.errors import ContentError
from minutebook.model.objects import AgendaItem, Document, Meeting, Site
from minutebook.site.search import sort_date

if TYPE_CHECKING:
    from minutebook.content.validate import CheckedTree

CACHE = "pdf-text.json"
RECORDS = "pdf-records.json"  # a preview's records, for its search catch-up (``commands/preview``)
UNREADABLE = ("it cannot be opened: it may be damaged, or locked with a password; save it again as "
              "a PDF without a password so its words can be found by the site's search")
NO_TEXT = ("it has no text in it (a scanned page is a picture of words): its words cannot be found "
           "by the site's search; publish a PDF made from the original document, or run text "
           "recognition (OCR) on the scan")


@dataclass
class PdfPages:
    pages: list[str]  # the text of each page ("" for a page with none)
    problem: str = ""  # why no words can be found in it ("" when they can)


def extract(data: bytes) -> PdfPages:
    """The text of each page of a PDF, or why there is none."""
    import pypdf  # only when a PDF is read: a build reading none starts no quicker for it
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its own warnings would repeat ours
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return PdfPages([], UNREADABLE)
        pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, OSError,
            RecursionError, AssertionError, ZeroDivisionError):  # a broken file fails in many ways
        return PdfPages([], UNREADABLE)
    if not any(pages):
        return PdfPages(pages, NO_TEXT)
    return PdfPages(pages)


class TextCache:
    """Extracted text by the SHA-256 of the file's bytes, kept in ``folder``
    (None: kept for this run only). ``extractions`` counts the files read."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.extractions = 0
        self.old: dict[str, dict] = {}
        if folder is not None:
            try:
                loaded = json.loads((folder / CACHE).read_text(encoding="utf-8"))
                self.old = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self.old = {}  # missing or damaged: read the files again
        self.new: dict[str, dict] = {}

    def text(self, data: bytes) -> PdfPages:
        key = hashlib.sha256(data).hexdigest()
        entry = self.new.get(key) or self.old.get(key)
        if isinstance(entry, dict) and isinstance(entry.get("pages"), list):
            self.new[key] = entry
            return PdfPages([str(p) for p in entry["pages"]], str(entry.get("problem", "")))
        self.extractions += 1
        found = extract(data)
        self.new[key] = {"pages": found.pages, "problem": found.problem}
        return found

    def save(self) -> None:
        """Keep what this run read (files no longer published drop out)."""
        if self.folder is None or self.new == self.old:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / CACHE).write_text(json.dumps(self.new, ensure_ascii=False), encoding="utf-8")


def _is_pdf(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() == ".pdf"


def _open_documents(site: Site) -> list[tuple[Document, Meeting, AgendaItem | None]]:
    found: list[tuple[Document, Meeting, AgendaItem | None]] = []
    for meeting in site.meetings:
        found += [(d, meeting, None) for d in meeting.documents]
        for item in meeting.items:
            if not item.exempt:
                found += [(d, meeting, item) for d in item.documents]
    return [(d, m, i) for d, m, i in found
            if d.file and not d.exempt and d.meeting is not None and _is_pdf(d.file)]


def document_records(site: Site, folder: Path, cache: TextCache, language: str = "en-GB") -> list[dict]:
    """Pagefind records (``AddRecord`` payloads, without the index) of each
    page with text of each open PDF published in the built site ``folder``,
    in the pages' ``language`` (the search page looks in that language's index only)."""
    records: list[dict] = []
    seen: set[str] = set()
    for document, meeting, item in _open_documents(site):
        path = urls.path_for(document)
        published = folder / path
        if path in seen or not published.is_file():
            continue
        seen.add(path)
        found = cache.text(published.read_bytes())
        where = f"{meeting.committee.name}, {short_date(meeting.date)}"
        if item is not None:
            where += f", item {item.number}: {item.title}"
        for number, words in enumerate(found.pages, 1):
            if not words:
                continue
            meta = {"title": f"{document.title} (page {number})", "date": short_date(meeting.date),
                    "committee": meeting.committee.name, "meeting": "/" + urls.path_for(meeting), "where": where}
            if item is not None:
                meta["item"] = "/" + urls.path_for(item)
            records.append({"url": f"/{path}#page={number}", "content": words, "language": language.lower(),
                            "meta": meta, "sort": {"date": sort_date(meeting.date)},
                            "filters": {"Type": ["Document"], "Committee": [meeting.committee.name],
                                        "Year": [str(meeting.date.year)]}})
    return records


def pdf_warnings(checked: CheckedTree, cache: TextCache) -> list[ContentError]:
    """One warning for each open PDF whose words cannot be found, at its
    first ``documents:`` entry. Exempt files are never opened."""
    warnings: list[ContentError] = []
    seen: set[Path] = set()
    for meeting in checked.meetings:
        listed = list(listed_files(meeting))
        exempt = {entry.file.casefold() for entry in listed if entry.exempt}
        for entry in listed:
            path = meeting.raw.path / entry.file
            if entry.exempt or entry.file.casefold() in exempt or not _is_pdf(entry.file) or path in seen:
                continue
            seen.add(path)
            try:
                data = path.read_bytes()
            except OSError:
                continue  # the check reports a missing file
            problem = cache.text(data).problem
            if problem:
                warnings.append(ContentError(entry.rel, entry.line, entry.field,
                                             f"'{entry.file}' is published, but {problem}", warning=True))
    return warnings


def save_records(path: Path, records: list[dict] | None) -> None:
    """Keep the records of the site just put in place, for a preview's search
    catch-up, which has no model to make them from (None: none to keep)."""
    if records is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")


def load_records(path: Path) -> list[dict]:
    """The records ``save_records`` kept ([] when there are none, or they cannot be read)."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [r for r in records if isinstance(r, dict)] if isinstance(records, list) else []
