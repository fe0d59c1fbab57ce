"""Content mistakes, reported to clerks as ``path:line: field: message``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path


@dataclass(frozen=True, order=True)
class ContentError:
    """One mistake in one file. ``field`` is a dotted path such as
    ``attendance.present[2].person``; ``line`` is 1-based."""

    path: str
    line: int
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        field = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}: {kind}{field}{self.message}"


class ContentErrors(Exception):
    """Raised once, with every mistake found, when content cannot be built."""

    exitcode = 1

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors)
        super().__init__(self.report())

    root: Path | None = None  # the content folder the paths are relative to

    def report(self) -> str:
        """One line per mistake, paths as the clerk would open them from here."""
        count = len(self.errors)
        noun = "mistake" if count == 1 else "mistakes"
        lines = [str(replace(e, path=self.display_path(e.path))) for e in self.errors]
        lines.append(f"Found {count} {noun} in the content. Nothing was published.")
        return "\n".join(lines)


    def display_path(self, path: str) -> str:
        if self.root is None:
            return path
        full = Path(self.root, path).resolve()
        try:
            return full.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return full.as_posix()


def field_name(loc: tuple) -> str:
    """``('attendance', 'present', 2, 'person')`` -> ``attendance.present[2].person``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
