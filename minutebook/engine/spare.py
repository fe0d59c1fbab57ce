"""A spare folder tree for the next build's staging folder.

A build writes into a staging folder and swaps it in whole (``build``). At
archive scale, giving the staging folder the previous site's unchanged pages
meant 12,700 ``mkdir`` and 13,700 ``link`` calls on every rebuild: 1.5 to 4.5
seconds, most of a one-item rebuild. So, once a build has been swapped in, a
detached process deletes the site it replaced and makes the spare: the pages
and files Minute Book wrote (as its record lists them), hard-linked from the
site now published, in ``.minutebook-cache/<output>/spare``. A build that
fails has taken the spare into its staging folder: the process makes the next
one from the site still published. The next build starts from the spare when
it mirrors the site still published, and only replaces, adds or deletes what
changed (``generator``).

Nothing in a spare is ever written through: pages are replaced by writing a
new file and renaming it. Pelican's own files (the theme, the pages in
``pages/``) are never in a spare, because Pelican writes its files in place.
The search index's files are (as its saved state lists them): every part is
written by Pagefind into a new folder, so the build takes an unchanged part's
folder from the spare whole, where it would otherwise link its 1,250 files
one by one (``partitions.index_site``). A spare that is missing, half-made or
from another site is not used: the build then starts from an empty folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not a POSIX system: no spares, every build starts empty
    fcntl = None

from minutebook.engine import background, incremental
from minutebook.engine.replace import make_folder
from minutebook.site.partitions import STATE, index_files, load_state
from minutebook.site.search import BUNDLE

SPARE, MADE = "spare", "spare.pickle"  # the tree, and which published site it mirrors


def take(final: Path, staging: Path, last_pages: incremental.LastPages) -> bool:
    """Move a spare that mirrors ``final`` to ``staging``; False when there is none."""
    cache = incremental.cache_folder(final)
    if not cache.is_dir():  # no build has kept anything (and a failed build must not make the folder)
        return False
    with _locked(cache) as locked:  # a spare-maker may be putting a new spare in place
        mirrored = incremental.read(cache / MADE).get("output")
        (cache / MADE).unlink(missing_ok=True)
        if (not locked or mirrored != incremental.identity(final) or not (cache / SPARE).is_dir()
                or not last_pages.load(final)):  # the generator removes what the record lists
            return False
        staging.rmdir()
        (cache / SPARE).rename(staging)
        return True


@contextlib.contextmanager
def _locked(cache: Path) -> Iterator[bool]:
    """One process at a time takes or installs the spare (a build and the
    spare-maker of the build before it may overlap)."""
    if fcntl is None:
        yield False
        return
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / ".spare.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield True


def start(final: Path, trash: Path | None, make_spare: bool = True) -> None:
    """Delete ``trash`` (a replaced site) and make a spare from ``final``, in a
    detached process, so that the build that swapped it in need not wait."""
    subprocess.Popen([sys.executable, "-m", "minutebook.engine.spare", str(final), str(trash or ""),
                      "make" if make_spare else "delete"],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)


def settle(final: Path, limit: float = 120) -> float:
    """Wait for what a build of ``final`` left to background processes
    (deleting the site it replaced, making the next spare, writing its
    caches); the seconds waited. For the benchmark and tests."""
    cache = incremental.cache_folder(final)
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        busy = [*cache.glob(f"{TRASH}*"), *cache.glob(f".{SPARE}-*")]
        # a spare is made after every build of a site that exists, failed or not
        made = (cache / MADE).is_file() or not final.is_dir()
        if not busy and made and not background.busy(cache):
            break
        time.sleep(0.1)
    return time.perf_counter() - start


TRASH = "deleting-"  # + the pid of the process deleting it


def trash_name(pid: int, name: str) -> str:
    return f"{TRASH}{pid}-{name}"


def forget_index(final: Path) -> None:
    """Delete the spare's links to the search index, once the spare-maker at
    work (if any) has finished: a preview stopped before its index caught up
    with its pages deletes that index, which may hold text the pages no longer
    show, and no copy of it may stay. The next build indexes afresh."""
    settle(final)
    cache = incremental.cache_folder(final)
    with _locked(cache):
        shutil.rmtree(cache / SPARE / BUNDLE, ignore_errors=True)


def tidy(final: Path) -> None:
    """Take up deletions and spares cut short: their process is gone."""
    cache = incremental.cache_folder(final)
    for folder in [*cache.glob(f"{TRASH}*"), *cache.glob(f".{SPARE}-*")]:
        pid = folder.name.removeprefix(TRASH).removeprefix(f".{SPARE}-").split("-")[0]
        if not (pid.isdigit() and running(int(pid))):
            start(final, folder, make_spare=False)


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def make(final: Path) -> None:
    """Link the files the last build's record lists from ``final`` into a new spare."""
    cache = incremental.cache_folder(final)
    published = incremental.identity(final)
    record = incremental.load_pages(final)
    if fcntl is None or published is None or not record:
        return
    cache.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{SPARE}-{os.getpid()}-", dir=cache))  # a new path each time
    if not _link_all(final, building, incremental.recorded_files(record)):
        shutil.rmtree(building, ignore_errors=True)  # no hard links here, or the site changed under us: no spare
        return
    # the search index's files too; none of them if any is missing (a preview's catch-up may be
    # putting a new index in place): the build checks each part against its record before taking it
    if not _link_all(final / BUNDLE, building / BUNDLE, index_files(load_state(cache / STATE))):
        shutil.rmtree(building / BUNDLE, ignore_errors=True)
    with _locked(cache) as locked:
        if not locked or incremental.identity(final) != published:  # another build swapped a site in
            shutil.rmtree(building, ignore_errors=True)
            return
        (cache / MADE).unlink(missing_ok=True)
        shutil.rmtree(cache / SPARE, ignore_errors=True)
        building.rename(cache / SPARE)
        incremental.write(cache / MADE, {"output": published})


def _link_all(source: Path, target: Path, files: list[str]) -> bool:
    """Hard-link ``files`` (paths in ``source``) into ``target``; False at the first that cannot be."""
    try:
        for file in files:
            make_folder((target / file).parent)
            os.link(source / file, target / file)
    except OSError:
        return False
    return True


def main(argv: list[str]) -> None:
    final, trash, task = Path(argv[0]), Path(argv[1]) if argv[1] else None, argv[2]
    if trash is not None and trash.name.startswith(TRASH):  # claim it: ours to delete now
        claimed = trash.with_name(trash_name(os.getpid(), trash.name.split("-", 2)[-1]))
        with contextlib.suppress(OSError):
            trash = trash.rename(claimed)
    if task == "make":
        make(final)  # first: the next build wants the spare; nobody waits for the deletion
    if trash is not None:
        shutil.rmtree(trash, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
