"""The command line of ``minutebook import moderngov``. Light to import: the
importer itself is loaded only when the command runs."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD") from exc


def add_import_commands(parser: argparse.ArgumentParser) -> None:
    """``import moderngov SOURCE`` under ``parser``."""
    systems = parser.add_subparsers(dest="system", required=True)
    p = systems.add_parser("moderngov", help="import from a Modern.gov site or a folder of its saved pages",
                           description="Import committees, councillors and meetings from Civica Modern.gov.")
    p.add_argument("source", help="the site's address (https://democracy.example.gov.uk) or a folder of saved "
                   "web-service answers (GetCommittees.xml, GetMeeting_7837.xml...)")
    p.add_argument("--content", type=Path, default=Path("content"), help="the content folder (default: content)")
    p.add_argument("--since", type=_date, help="only meetings on or after this date, YYYY-MM-DD")
    p.add_argument("--until", type=_date, help="only meetings on or before this date, YYYY-MM-DD")
    p.add_argument("--committee", action="append", default=[],
                   help="only this committee (its Modern.gov id or title); may be given more than once")
    p.add_argument("--delay", type=float, default=1.0, help="seconds between requests to the site (default: 1)")
    p.add_argument("--retries", type=int, default=3, help="tries again after a failure, waiting longer each time")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for an answer (default: 30)")
    p.add_argument("--cache", type=Path, default=None,
                   help="where answers are kept so a re-run asks nothing twice (default: .minutebook-cache/ "
                   "beside the content folder)")
    p.add_argument("--refresh", action="store_true",
                   help="ask the site again for committees, councillors and meetings (documents stay cached)")
    p.set_defaults(run_import=run)


def run(args: argparse.Namespace) -> int:
    from .fetch import Politeness
    from .run import ImportOptions, import_moderngov

    options = ImportOptions(args.source, args.content, args.since, args.until, tuple(args.committee),
                            Politeness(args.delay, args.retries, args.timeout), args.cache, args.refresh,
                            progress=sys.stderr)
    report = import_moderngov(options)
    print(report.text())
    if report.problems:
        print("Some pages could not be had: run the same command again to complete the import.", file=sys.stderr)
    return 0 if report.ok else 1
