"""Change history of the content files, read from git once per build.

Every meeting and item page shows when its source file last changed and a
short history: the commits that touched the file (committer date) merged with
the clerk's own ``corrections:`` notes. A commit's subject is written by
whoever committed, for colleagues, and may name what is confidential, so it is
published only when the council turns on ``MINUTEBOOK_COMMIT_SUBJECTS``, and
even then never the subject of a commit that touched an exempt item, an
exempt document or a file deleted since: such a commit shows as "Changed".

The whole content tree's history is read with ONE ``git log`` process and
parsed once into {content-relative path: [Change]}, because an archive can hold
100,000 files and a process per file would cost minutes. Everything comes from
the commits, never the clock, so two builds of one commit are identical.

- Merge commits are skipped (``--no-merges``): the commits they bring in are
  listed themselves, and a merge's own subject ("Merge branch ...") says
  nothing about the file.
- Renames are followed within the same process (``-M`` with
  ``--name-status``): a file's history continues under its old name. A file
  deleted and later added again starts a new history at the addition.
- A file git does not know (not yet committed) has no commits; a change
  not yet committed to a known file is not shown until it is committed.
- A shallow clone holds only part of the history, and its pages show only
  that part: publish from a full clone (``fetch-depth: 0`` in CI).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from minutebook.content.clock import LONDON  # a commit's date as a clerk in the UK would give it
from minutebook.model.objects import Change, History

SHOWN = 5  # newest changes listed on a page; older ones are counted
NOT_A_CHECKOUT = ("Change history is not available: this copy of the minutes is not a git "
                  "checkout, so the dates and descriptions of changes are not known.")
NOT_COMMITTED = "This file has not yet been committed to git, so no changes are recorded for it yet."

_RECORD, _FIELD = "\x1e", "\x1f"  # separate commits, and fields in a commit's header
_FORMAT = f"{_RECORD}%H{_FIELD}%ct{_FIELD}%s"
SUBJECTS = "MINUTEBOOK_COMMIT_SUBJECTS"  # the setting that publishes commit subjects


@dataclass(frozen=True)
class Commit:
    """One commit to a file: its id, committer date (a London date) and subject."""

    sha: str
    date: dt.date
    text: str


@dataclass
class ContentHistory:
    """Every committed change to the content tree, by content-relative path."""

    available: bool
    files: dict[str, list[Commit]] = field(default_factory=dict)  # newest first
    deleted: set[str] = field(default_factory=set)  # files whose last commit deleted them

    def of(self, rel: str) -> list[Commit] | None:
        """The commits that changed ``rel``, newest first; None if git never saw it."""
        return self.files.get(rel)


UNAVAILABLE = ContentHistory(available=False)


def git_log_command() -> list[str]:
    """The single git command that reads the history (run inside the content folder)."""
    return ["git", "-c", "log.showSignature=false", "-c", "i18n.logOutputEncoding=UTF-8",
            "log", "--no-merges", "--no-color", "-M", "--name-status", "-z", "--relative",
            f"--format={_FORMAT}", "--", "."]


def read_history(content: Path) -> ContentHistory:
    """The history of every file under ``content``, from one ``git log``."""
    env = {**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}  # plain messages; no index writes
    try:
        run = subprocess.run(git_log_command(), cwd=content, capture_output=True, env=env,
                             timeout=600, check=False)
    except (OSError, subprocess.SubprocessError):
        return UNAVAILABLE  # git missing, or the folder is gone
    if run.returncode != 0:
        # a repository without commits yet is a checkout in which nothing is committed
        empty = b"does not have any commits yet" in run.stderr
        return ContentHistory(available=True) if empty else UNAVAILABLE
    return parse_log(run.stdout)


def parse_log(output: bytes) -> ContentHistory:
    """Parse ``git log --name-status -z`` output (newest commit first)."""
    files: dict[str, list[Commit]] = {}
    deleted: set[str] = set()
    current: dict[str, str] = {}  # a path as named in older commits -> its name today
    ended: set[str] = set()  # names today whose earlier life (before a re-adding) is not theirs
    for record in output.decode("utf-8", errors="replace").split(_RECORD)[1:]:
        header, _, body = record.partition("\0")
        sha, stamp, subject = header.split(_FIELD, 2)
        change = Commit(sha, _london_date(int(stamp)), subject.strip())
        for status, paths in _entries(body.lstrip("\n").split("\0")):
            name = current.get(paths[-1], paths[-1])
            if name in ended:
                continue
            if status == "D" and name not in files:  # its newest change: gone today
                deleted.add(name)
            files.setdefault(name, []).append(change)
            if status == "R":  # older commits know it by its old name
                current[paths[0]] = name
            elif status == "A":
                ended.add(name)
    return ContentHistory(available=True, files=files, deleted=deleted)


def _entries(tokens: Sequence[str]):
    """(status letter, paths) pairs: one path, or old and new for a rename or copy."""
    i = 0
    while i < len(tokens):
        status = tokens[i]
        if not status:
            i += 1
            continue
        count = 2 if status[0] in "RC" else 1
        paths = tokens[i + 1:i + 1 + count]
        i += 1 + count
        if len(paths) == count:
            yield ("R" if status[0] == "R" else status[0]), paths


def _london_date(epoch: int) -> dt.date:
    return dt.datetime.fromtimestamp(epoch, LONDON).date()


def withheld_commits(history: ContentHistory, exempt_files: Iterable[str]) -> frozenset[str]:
    """The commits that touched any of ``exempt_files`` (under any earlier
    name), or a file deleted since, whose content can no longer be checked:
    their subjects are never published, whichever page lists them."""
    return frozenset(c.sha for rel in [*exempt_files, *history.deleted] for c in history.of(rel) or ())


def page_history(history: ContentHistory, rel: str, corrections: Sequence[tuple[dt.date, str]],
                 exempt: bool = False, subjects: bool = False,
                 withheld: Collection[str] = frozenset()) -> History:
    """What a page shows of ``rel``'s history: corrections and commits merged,
    newest first. A commit shows as "Changed" unless ``subjects`` is on and
    it is not ``withheld`` (see ``withheld_commits``); an exempt item shows
    dates only, as a correction note could name what is confidential."""
    commits = history.of(rel)
    notes = [Change(date, note, correction=True) for date, note in corrections]
    shown = [Change(c.date, c.text if subjects and c.sha not in withheld else "Changed") for c in commits or ()]
    # newest first (a stable sort): on one day, a clerk's correction notes before the commits
    merged = sorted(notes + shown, key=lambda c: c.date, reverse=True)
    if exempt:
        merged = [Change(c.date, "Corrected" if c.correction else "Changed", c.correction)
                  for c in merged]
    if not history.available:
        missing = NOT_A_CHECKOUT
    elif commits is None:
        missing = NOT_COMMITTED
    else:
        missing = None
    return History(changes=merged[:SHOWN], older=max(0, len(merged) - SHOWN),
                   last_changed=merged[0].date if merged else None, missing=missing)
