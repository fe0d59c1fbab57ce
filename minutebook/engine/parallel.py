"""Use every core for the parts of a build that are many independent pieces
(Markdown texts, pages): the work is split into shares, and forked worker
processes, which see the whole model as it was at the fork, do one share each.

Results come back in order, so the output does not depend on how the work was
split or which worker finished first. Where fork is not available, or the work
is small, everything runs in this process.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from minutebook.engine.collector import give_back_memory

SMALL = 400  # below this many pieces, starting workers costs more than it saves
# The one module-level state in Minute Book (tests/test_architecture.py allows
# it here alone): the job and its shares are set just before the workers fork,
# so that each inherits them in its memory, and cleared once they have forked.
# A pool sends its workers only what pickles, by name (``_run``, an index), and
# a job is a closure over the model, which must not be pickled: that is the point.
_job: Callable[[Sequence], Any] | None = None
_shares: list[Sequence] = []


def workers() -> int:
    configured = os.environ.get("MINUTEBOOK_WORKERS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def shares_of(pieces: Sequence, size: int) -> list[Sequence]:
    """Consecutive shares of ``size`` pieces; all in one share when there are
    too few for workers to be worth starting."""
    if len(pieces) < SMALL:
        return [pieces] if pieces else []
    return [pieces[start:start + size] for start in range(0, len(pieces), size)]


def die_with_parent(parent: int) -> None:
    """A killed build must not leave workers writing into its staging folder,
    where the next build would find them: on Linux, die with the parent."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _start_worker(parent: int) -> None:
    die_with_parent(parent)
    collect_own_garbage()


def collect_own_garbage() -> None:
    """In a forked worker: collect the cycles the worker makes, never the model.

    A build pauses the collector (``collector.paused_gc``), so every cycle
    made while rendering (Jinja makes several for each page) stayed until the
    worker ended: a worker rendering half the pages of 1,000 meetings grew
    from 0.5 to 1.1 GiB. What the worker inherited lives as long as it does:
    frozen here, the collector never walks it (nor copies its pages by
    touching them); after each share, it looks at what that share made
    (``_run``), and no more often: left running as usual, the collector cost
    about 1 s of a 15 s cold build at 1,000 meetings."""
    gc.freeze()
    gc.disable()


def _run(index: int) -> Any:
    assert _job is not None
    result = _job(_shares[index])
    gc.collect(0)  # what this share made and left in cycles (``collect_own_garbage``)
    return result


def fork_map(job: Callable[[Any], Any], shares: Sequence, parallel: bool = True) -> Iterator[Any]:
    """``job(share)`` for each share, results in order, in worker processes when that helps.

    A worker's exception is raised again here as the same exception, but
    without the worker's traceback: callers that report where a template
    failed run the work again in this process to find out."""
    global _job, _shares
    count = workers()
    if not parallel or count < 2 or len(shares) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for share in shares:
            yield job(share)
        return
    _job, _shares = job, list(shares)
    del shares
    give_back_memory()  # what was freed before, so that no worker starts with it
    try:
        with multiprocessing.get_context("fork").Pool(count, _start_worker, (os.getpid(),)) as pool:
            # Each worker has the work in its own memory now: here, it is let go of
            # (the Markdown of every text, when nothing else holds it)
            indices, _job, _shares = range(len(_shares)), None, []
            give_back_memory()
            yield from pool.imap(_run, indices)
    finally:
        _job, _shares = None, []


def in_workers(work: Callable[[Sequence], Any], todo: list) -> Iterator[Any]:
    """``work`` done on shares of ``todo`` in the workers, results in order
    (``crossrefs.render_texts``' ``map_shares``)."""
    return fork_map(work, shares_of(todo, 200))
