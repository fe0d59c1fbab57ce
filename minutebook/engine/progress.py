"""Progress of a long build on one updating line of the terminal; silent in CI
and when the output goes to a file or a pipe, so logs stay clean."""

from __future__ import annotations

import os
import sys
import time


def wanted() -> bool:
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("true", "1")


class Counter:
    """``Rendering pages: 1,234 of 12,736`` rewritten in place, a few times a second."""

    def __init__(self, label: str, total: int):
        self.label, self.total, self.done = label, total, 0
        self.show = wanted() and total > 0
        self.last = 0.0

    def step(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.show and (now - self.last > 0.2 or self.done == self.total):
            self.last = now
            sys.stderr.write(f"\r{self.label}: {self.done:,} of {self.total:,}")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.show:
            sys.stderr.write(f"\r{self.label}: {self.done:,} of {self.total:,}. Done.\n")
            sys.stderr.flush()


def note(message: str) -> None:
    """One line saying what a long step is doing."""
    if wanted():
        print(f"{message}...", file=sys.stderr, flush=True)
