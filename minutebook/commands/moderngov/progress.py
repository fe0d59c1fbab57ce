"""A progress bar by meetings, on the terminal the import runs in: redrawn
in place on a terminal; in a log (CI, a file) a line now and then."""

from __future__ import annotations

from typing import TextIO

WIDTH = 30


class Progress:
    """``total`` meetings to go; ``stream`` None: silent (as in tests)."""

    def __init__(self, stream: TextIO | None, total: int):
        self.stream, self.total, self.done = stream, total, 0
        self.terminal = bool(stream is not None and getattr(stream, "isatty", lambda: False)())
        self.every = max(1, total // 10)  # in a log: about ten lines in all

    def line(self, label: str) -> str:
        filled = WIDTH * self.done // self.total if self.total else WIDTH
        return f"Meetings {self.done}/{self.total} [{'#' * filled}{'.' * (WIDTH - filled)}] {label}"

    def step(self, label: str) -> None:
        """One meeting more done (imported, or left for the next run)."""
        self.done += 1
        if self.stream is None:
            return
        if self.terminal:
            self.stream.write(f"\r{self.line(label[:40]):<{WIDTH + 70}}")
        elif self.done % self.every == 0 or self.done == self.total:
            self.stream.write(self.line(label) + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None and self.terminal and self.total:
            self.stream.write("\n")
            self.stream.flush()
