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


def linkcheck(output: Path, siteurl: str = "") -> int:
    """Check every link in a built site; every page must be reachable from the home page."""
    from . import linkcheck as checker

    problems = checker.check_links(output, siteurl)
    unreachable = checker.unreachable_pages(output)
    if problems or unreachable:
        print(checker.report(problems, unreachable))
        print(f"{len(problems)} broken or non-portable links and {len(unreachable)} unreachable pages "
              f"in {output}.")
        return 1
    print(f"Checked every link in {output}: no broken links, every page reachable from the home page.")
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
    p_links = sub.add_parser("linkcheck", help="check every link in a built site")
    p_links.add_argument("output", nargs="?", default="output", type=Path)
    p_links.add_argument("--siteurl", default="", help="the site's address, to check sitemaps and feeds")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.content, args.settings)
    if args.command == "linkcheck":
        return linkcheck(args.output, args.siteurl)
    return build(args.settings, args.content, args.output)


if __name__ == "__main__":
    sys.exit(main())
