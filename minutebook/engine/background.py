"""What a build keeps for the next one, written after it has returned.

Pickling the file cache and the model of a full build took 2 s at 1,000
meetings. A forked copy of the build's process writes them while the build
ends (and the clerk looks at the site); it holds a lock on the cache folder
meanwhile, and a build that reads those files first waits for it
(``written``). Each file is replaced whole, so a copy killed half-way leaves
the old file (or none): the next build then reads less, never anything wrong.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from minutebook.engine import sealed
from minutebook.engine.collector import give_back_memory

try:
    import fcntl
except ImportError:  # not a POSIX system: the files are written in the build's own process
    fcntl = None

LOCK = ".writing.lock"
_writers: list[int] = []  # forked copies not yet waited for (a preview forks one per build)


def write_later(cache: Path, files: dict[Path, object | None]) -> None:
    """Pickle each value into its file (None: delete the file), in the background."""
    if files:
        run_later(cache, functools.partial(_write, files))


def run_later(cache: Path, job: Callable[[], None]) -> None:
    """``job``, which writes into ``cache``, in a forked copy of this process
    that holds the cache's lock meanwhile (here, where there is no fork)."""
    if fcntl is None or not hasattr(os, "fork"):
        job()
        return
    cache.mkdir(parents=True, exist_ok=True)
    lock = open(cache / LOCK, "w")  # noqa: SIM115 (handed to the child, which holds the lock)
    fcntl.flock(lock, fcntl.LOCK_EX)
    _reap()
    pid = _fork(job)
    lock.close()  # the child's copy keeps the lock until it has written everything
    _writers.append(pid)


def run_aside(job: Callable[[], None]) -> int | None:
    """``job`` in a forked copy of this process, not waited for here: its pid,
    for ``succeeded`` (None: there is no fork, and the job ran here)."""
    if not hasattr(os, "fork"):
        job()
        return None
    return _fork(job)


def _fork(job: Callable[[], None]) -> int:
    """Run ``job`` in a forked copy of this process, which then ends (with
    status 0 if the job succeeded); here, the copy's pid."""
    sys.stdout.flush()
    sys.stderr.flush()
    give_back_memory()  # what was freed before, so that the copy does not start with it
    if (pid := os.fork()) != 0:
        return pid
    gc.disable()  # this copy only pickles and ends
    code = 1
    try:
        job()
        code = 0
    finally:
        os._exit(code)


def succeeded(pid: int | None) -> bool:
    """Wait for the copy ``run_aside`` started: whether its job succeeded."""
    if pid is None:
        return True
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return False
    return os.waitstatus_to_exitcode(status) == 0


def _reap() -> None:
    """Wait for the copies that have ended, so none is left as a zombie."""
    for pid in list(_writers):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            _writers.remove(pid)


def _write(files: dict[Path, object | None]) -> None:
    for path, value in files.items():
        if value is None:
            path.unlink(missing_ok=True)
        else:
            _deep_dump(path, value)  # sealed: read back only if its digest matches


def _deep_dump(path: Path, value: object) -> None:
    """Pickle a model whose links run deep (each meeting links to the one
    that approved its minutes, and so on through a committee's history) into
    ``path``: in a thread with room for that many nested calls."""
    failed: list[BaseException] = []

    def dump() -> None:
        try:
            sealed.dump(path, value)
        except BaseException as exc:  # noqa: BLE001 (raised again in the calling thread)
            failed.append(exc)

    limit, size = sys.getrecursionlimit(), threading.stack_size()
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 30)  # address space; only what is used is memory
    try:
        worker = threading.Thread(target=dump)
        worker.start()
        worker.join()
    finally:
        threading.stack_size(size)
        sys.setrecursionlimit(limit)
    if failed:
        raise RuntimeError("could not be pickled") from failed[0]


@contextlib.contextmanager
def written(cache: Path) -> Iterator[None]:
    """Wait until nothing is being written into ``cache``; while inside, nothing starts."""
    if fcntl is None or not cache.is_dir():
        yield
        return
    with open(cache / LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_SH)
        yield


def busy(cache: Path) -> bool:
    """True while files are being written (for the benchmark, which waits)."""
    if fcntl is None or not (cache / LOCK).is_file():
        return False
    with open(cache / LOCK, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
    return False
