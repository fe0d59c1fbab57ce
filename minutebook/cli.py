"""``minutebook check`` and ``minutebook build``: the commands invoke runs."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

import jinja2

from .build import build_site, settings_for
from .errors import ContentErrors
from .pipeline import check_content


def check(content: Path, settings_file: Path | None = None) -> int:
    settings = settings_for(settings_file, content) if settings_file else {}
    try:
        checked = check_content(content, settings)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    items = sum(len(m.items) for m in checked.meetings)
    for warning in checked.warnings:
        print(warning, file=sys.stderr)
    print(f"Checked {len(checked.meetings)} meetings and {items} agenda items in {content}: "
          "no mistakes found.")
    return 0


def build(settings_file: Path, content: Path | None, output: Path | None) -> int:
    try:
        final = build_site(settings_file, content, output)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        print("The previous site in the output folder was left as it was.", file=sys.stderr)
        return 1
    except Exception as exc:  # a theme or plugin failed: say where, not a traceback
        print(f"The build stopped: {describe_failure(exc)}", file=sys.stderr)
        print("The previous site in the output folder was left as it was.", file=sys.stderr)
        return 1
    print(f"Built the site into {final}.")
    return 0


def describe_failure(exc: Exception) -> str:
    """One line naming what failed and, for a template, which file and line."""
    message = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return f"{exc.filename}:{exc.lineno}: {message}"
    templates = [frame for frame in traceback.extract_tb(exc.__traceback__)
                 if frame.filename.endswith((".html", ".xml", ".txt", ".j2"))]
    if templates:
        return f"{templates[-1].filename}:{templates[-1].lineno}: {message}"
    return message


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="minutebook", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="check the content for mistakes without building")
    p_check.add_argument("content", nargs="?", default="content", type=Path)
    p_check.add_argument("--settings", type=Path, default=None)
    p_build = sub.add_parser("build", help="build the site")
    p_build.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    p_build.add_argument("--content", type=Path, default=None)
    p_build.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.content, args.settings)
    return build(args.settings, args.content, args.output)


if __name__ == "__main__":
    sys.exit(main())
