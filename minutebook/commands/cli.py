"""``minutebook check``, ``build``, ``init``, ``new-meeting``, ``linkcheck``, ``archive``,
``verify-archive``, ``check-urls`` and ``import moderngov``: the commands invoke runs."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from minutebook.commands import init as init_command
from minutebook.commands.moderngov.command import add_import_commands
from minutebook.content.errors import ContentErrors
from minutebook.content.settingscheck import check_settings
from minutebook.engine.build import (
    SearchIndexError,
    build_site,
    closing_line,
    describe_failure,
    run_build,
    settings_for,
)


def check(content: Path, settings_file: Path | None = None) -> int:
    from minutebook.engine.pipeline import check_content  # here: `build` on the kept model needs none of the checks

    settings = settings_for(settings_file, content) if settings_file else {}
    try:
        if settings_file:
            check_settings(settings, settings_file)
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
    started = time.perf_counter()
    state = _build_or_report(settings_file, content, output, run_build)
    if state is None:
        return 1
    print(closing_line(state, time.perf_counter() - started))
    return 0


def exit_at_once(code: int) -> None:
    """End the process without freeing the model object by object: at 1,000
    meetings that took Python 2 s after the build had finished. Everything
    the build writes is closed by then; output streams are flushed here."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _build_or_report(settings_file: Path, content: Path | None, output: Path | None,
                     builder: Callable = build_site) -> Any:
    """Build atomically (with ``builder``: ``build_site`` or ``run_build``); on
    failure say why (no traceback) and return None."""
    try:
        return builder(settings_file, content, output)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
    except SearchIndexError as exc:
        print(exc, file=sys.stderr)
    except Exception as exc:  # a theme or plugin failed: say where, not a traceback
        print(f"The build stopped: {describe_failure(exc)}", file=sys.stderr)
    print("The previous site in the output folder was left as it was.", file=sys.stderr)
    return None


def linkcheck(output: Path, siteurl: str = "") -> int:
    """Check every link in a built site; every page must be reachable from the home page."""
    from minutebook.commands import linkcheck as checker

    problems = checker.check_links(output, siteurl)
    unreachable = checker.unreachable_pages(output)
    if problems or unreachable:
        print(checker.report(problems, unreachable))
        print(f"{len(problems)} broken or non-portable links and {len(unreachable)} unreachable pages "
              f"in {output}.")
        return 1
    print(f"Checked every link in {output}: no broken links, every page reachable from the home page.")
    return 0


def archive(settings_file: Path, content: Path | None, site: Path | None, dest: Path,
            folder: Path | None, siteurl: str | None) -> int:
    """Build (unless ``site`` is given) and write a dated snapshot."""
    import tempfile

    from minutebook.commands import archive as snapshots

    if site is not None and not (site / "index.html").is_file():
        print(f"{site} is not a built site (it has no index.html): build it first with 'invoke build'.",
              file=sys.stderr)
        return 1
    settings = settings_for(settings_file, content)
    content = Path(settings["PATH"])
    siteurl = siteurl or settings.get("SITEURL") or "https://minutes.example.org"
    with tempfile.TemporaryDirectory(prefix="minutebook-archive-") as scratch:
        if site is None:
            site = Path(scratch) / "site"
            if _build_or_report(settings_file, content, site) is None:
                return 1
        snapshot = snapshots.Snapshot(Path(site), siteurl, snapshots.source_epoch(content),
                                      snapshots.commit_of(content))
        folder = folder or dest / snapshot.date.isoformat()
        if folder.exists():
            return _existing_snapshot(folder, snapshots.manifest_of(Path(site)))
        snapshots.create_snapshot(snapshot, folder)
    print(f"Wrote the snapshot of {siteurl} as of {snapshot.date.isoformat()} to {folder}: "
          f"{snapshots.ZIP}, {snapshots.WARC}, {snapshots.WACZ}, {snapshots.MANIFEST}.")
    return 0


def _existing_snapshot(folder: Path, manifest: dict[str, str]) -> int:
    from minutebook.commands import archive as snapshots

    if snapshots.read_manifest(folder / snapshots.MANIFEST) == manifest:
        print(f"{folder} already holds a snapshot of exactly these files: nothing to do.")
        return 0
    print(f"{folder} already holds a different snapshot, and a snapshot is never overwritten: "
          "move it away, or write this one elsewhere with --folder.", file=sys.stderr)
    return 1


def verify_archive(folder: Path) -> int:
    from minutebook.commands import archive as snapshots

    problems = snapshots.verify_snapshot(folder)
    if problems:
        print("\n".join(problems))
        print(f"The snapshot in {folder} does not match its manifest: {len(problems)} problems.")
        return 1
    files = len(snapshots.read_manifest(folder / snapshots.MANIFEST))
    print(f"The snapshot in {folder} is intact: all {files} files match its manifest in "
          f"{snapshots.ZIP} and {snapshots.WARC}.")
    return 0


def check_urls(against: Path | None, output: Path) -> int:
    """Every address the site links to is safe and well-formed; with ``against``
    (a snapshot), every address of that snapshot still works too."""
    from minutebook.commands import archive as snapshots
    from minutebook.commands.linkcheck import unsafe_links

    unsafe = unsafe_links(output)
    lost = snapshots.lost_urls(against, output) if against is not None else []
    if unsafe:
        print("\n".join(str(problem) for problem in unsafe))
        print(f"{len(unsafe)} links in {output} are not relative, http(s), mailto or tel addresses, "
              "or are malformed: correct them in the content (or the theme) and build again.")
    if lost:
        print("\n".join(f"{rel}: was in the snapshot, has gone from {output} without a redirect" for rel in lost))
        print(f"{len(lost)} addresses disappeared. Citations of them will break: add the old address "
              "under 'aliases:' in the front matter of the page that replaced it.")
    if unsafe or lost:
        return 1
    still = f" Every address in {against} still works." if against is not None else ""
    print(f"Every link in {output} is a relative, http(s), mailto or tel address.{still}")
    return 0


def new_meeting(content: Path, committee: str, date: str, start: str, venue: str, suffix: str) -> int:
    """Scaffold a meeting folder; never overwrite one."""
    from minutebook.commands.scaffold import ScaffoldRefused
    from minutebook.commands.scaffold import new_meeting as scaffold

    try:
        folder = scaffold(content, committee, date, start, venue, suffix)
    except ScaffoldRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Wrote {folder}/:")
    for path in sorted(folder.iterdir()):
        print(f"  {path.name}")
    print("Fill in each file (the comments say how), then run 'invoke check'.")
    return 0


def gen_archive(out: Path, meetings: int, seed: int) -> int:
    from minutebook.commands.genarchive import generate

    generate(out, meetings, seed)
    print(f"Wrote {meetings} generated demonstration meetings to {out}.")
    return 0


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
    p_archive = sub.add_parser("archive", help="write a dated snapshot: zip, WARC, WACZ and manifest")
    p_archive.add_argument("--settings", type=Path, default=Path("publishconf.py"))
    p_archive.add_argument("--content", type=Path, default=None)
    p_archive.add_argument("--site", type=Path, default=None,
                           help="snapshot this built site instead of building one")
    p_archive.add_argument("--dest", type=Path, default=Path("archive"),
                           help="the folder of snapshots (default: archive)")
    p_archive.add_argument("--folder", type=Path, default=None, help="write to this folder exactly")
    p_archive.add_argument("--siteurl", default=None, help="the site's address (default: SITEURL)")
    p_verify = sub.add_parser("verify-archive", help="check a snapshot against its manifest")
    p_verify.add_argument("folder", type=Path)
    p_urls = sub.add_parser("check-urls", help="fail on a link that is not http(s), mailto or tel, "
                            "or on addresses of a snapshot that have gone")
    p_urls.add_argument("--against", type=Path, default=None,
                        help="the previous snapshot's folder or manifest-sha256.txt")
    p_urls.add_argument("output", nargs="?", default="output", type=Path)
    p_preview = sub.add_parser("preview", help="build, serve and rebuild on every save")
    p_preview.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    p_preview.add_argument("--content", type=Path, default=Path("content"))
    p_preview.add_argument("--output", type=Path, default=Path("output"))
    p_preview.add_argument("--port", type=int, default=8000)
    p_preview.add_argument("--no-search", action="store_true",
                           help="no search index (by default it follows each save, in the background)")
    p_preview.add_argument("--no-serve", action="store_true", help="rebuild on every save without serving")
    p_new = sub.add_parser("new-meeting", help="write a new meeting's folder with its standing items")
    p_new.add_argument("--content", type=Path, default=Path("content"))
    p_new.add_argument("--committee", required=True, help="the committee's id, from committees.yaml")
    p_new.add_argument("--date", required=True, help="the meeting's date, YYYY-MM-DD")
    p_new.add_argument("--start", default="", help="start time, 24-hour (default: as the last meeting)")
    p_new.add_argument("--venue", default="", help="venue (default: as the last meeting)")
    p_new.add_argument("--suffix", default="", help="for a second meeting on one day, e.g. reconvened")
    init_command.add_arguments(sub.add_parser("init", help="write a new site repository for one council"))
    p_gen = sub.add_parser("gen-archive", help="write a generated demonstration archive of N meetings")
    p_gen.add_argument("--meetings", type=int, default=1000)
    p_gen.add_argument("--out", type=Path, required=True)
    p_gen.add_argument("--seed", type=int, default=1)
    add_import_commands(sub.add_parser("import", help="bring meetings in from another system (Modern.gov)"))
    args = parser.parse_args(argv)
    if args.command == "init":
        return init_command.run(args)
    if args.command == "import":
        return args.run_import(args)
    if args.command == "gen-archive":
        return gen_archive(args.out, args.meetings, args.seed)
    if args.command == "preview":
        from minutebook.commands.preview import run as preview

        port = None if args.no_serve else args.port
        return preview(args.settings, args.content, args.output, port, not args.no_search)
    if args.command == "new-meeting":
        return new_meeting(args.content, args.committee, args.date, args.start, args.venue, args.suffix)
    if args.command == "archive":
        return archive(args.settings, args.content, args.site, args.dest, args.folder, args.siteurl)
    if args.command == "verify-archive":
        return verify_archive(args.folder)
    if args.command == "check-urls":
        return check_urls(args.against, args.output)
    if args.command == "check":
        return check(args.content, args.settings)
    if args.command == "linkcheck":
        return linkcheck(args.output, args.siteurl)
    return build(args.settings, args.content, args.output)


if __name__ == "__main__":
    sys.exit(main())
