"""``invoke bench``: build a generated archive with Minute Book and, in the same
run, the same Markdown with plain Pelican, and print the figures side by side.

Every build runs in its own process, so its wall time and peak memory (the
largest resident set of the build or of any process it started, such as
Pagefind) are measured the same way for both. This prints figures; nothing in
the test suite times anything.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import datetime as dt
import gc
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from minutebook.commands import ranking
from minutebook.commands.cli import exit_at_once
from minutebook.commands.genarchive import generate
from minutebook.content.source import read_source
from minutebook.engine import incremental, spare

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "pelicanconf.py"
PLAIN_SETTINGS = """\
# Plain Pelican for the benchmark: default theme, no plugins.
SITENAME = "Benchmark"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
PLUGINS = []
"""


@dataclass
class Run:
    label: str
    seconds: float
    peak_kib: int
    written: int | None = None  # HTML pages rendered and written, if known
    search_seconds: float | None = None
    background_seconds: float | None = None  # after it: deleting the old site, making the spare
    others: list[float] = field(default_factory=list)  # every time taken, when repeated


def _measure(command: list[str], label: str, env: dict | None = None) -> tuple[Run, str]:
    # Each build starts with nothing left for the disk to write: writing out
    # the archive just generated (or the site just built) would otherwise land
    # in whichever build came next.
    if hasattr(os, "sync"):
        os.sync()
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                   env={**os.environ, "CI": "true", **(env or {})})
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{label} failed:\n{text}")
    return Run(label, seconds, usage.ru_maxrss), text


def build_once(content: Path, output: Path, label: str, search: bool = True, preview: bool = False,
               overrides: dict | None = None) -> Run:
    """One Minute Book build in a child process (``_child`` below); ``overrides``: settings."""
    run, text = _measure([sys.executable, "-m", "minutebook.commands.bench", "--child", str(content), str(output),
                          "--search" if search else "--no-search", *(["--preview"] if preview else []),
                          *(["--settings-json", json.dumps(overrides)] if overrides else [])], label)
    stats = json.loads(text.strip().splitlines()[-1])
    run.written, run.search_seconds = stats["written"], stats["search_seconds"]
    if preview:  # the build alone: the preview process was running before the save
        run.seconds = stats["seconds"]
    return run


def _child(content: Path, output: Path, search: bool, preview: bool = False, overrides: dict | None = None) -> None:
    from minutebook.commands.preview import SearchCatchUp
    from minutebook.engine import build, kept
    from minutebook.site.search import PREVIOUS

    if not preview:
        gc.disable()  # as `minutebook build` runs (``__main__``)

    held = kept.HeldModel()
    if preview:  # as `invoke livereload` is, between a clerk's saves
        held.hold(output)
        _edit_one_item(content, "A second correction was noted.")
    start = time.perf_counter()
    made = build.run_build(SETTINGS, content, output, {**(overrides or {}),
                           "MINUTEBOOK_SEARCH": PREVIOUS if preview and search else search}, held)
    timed = {"seconds": time.perf_counter() - start, "search_seconds": made.search_seconds}
    if preview and search:  # the preview's index follows in the background: how long until it has the edit
        catch_up = SearchCatchUp(output, lambda said: None)
        start = time.perf_counter()
        catch_up.start()
        catch_up.wait()
        timed["search_seconds"] = time.perf_counter() - start
    print(json.dumps({"written": made.written, **timed}))
    exit_at_once(0)  # as `minutebook build` ends


def plain_pelican_tree(content: Path, folder: Path) -> int:
    """The same Markdown bodies as one Pelican article per agenda item."""
    articles = folder / "content"
    articles.mkdir(parents=True)
    count = 0
    for item_file in sorted((content / "meetings").glob("*/*/[0-9]*.md")):
        committee, meeting = item_file.parent.parent.name, item_file.parent.name
        source = read_source(item_file, item_file.name)
        title = str(source.front.data.get("title", item_file.stem))
        slug = f"{committee}-{meeting}-{item_file.stem}"
        (articles / f"{slug}.md").write_text(
            f"Title: {title}\nDate: {meeting[:10]} 10:00\nCategory: {committee}\nSlug: {slug}\n\n{source.body}",
            encoding="utf-8")
        count += 1
    (folder / "settings.py").write_text(PLAIN_SETTINGS, encoding="utf-8")
    return count


def _edit_one_item(content: Path, sentence: str = "A correction was noted by the Chair.", year: str = "") -> None:
    """A clerk corrects the minutes of one item in the middle of the archive
    (or of the meetings of ``year``, a calendar year)."""
    items = sorted((content / "meetings").glob(f"*/{year}*/[0-9]*.md"))
    item = items[len(items) // 2]
    item.write_text(item.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


def _oldest_full_year(content: Path) -> str:
    """The second calendar year of the archive: a year whose index parts are full."""
    years = sorted({folder.name[:4] for folder in (content / "meetings").glob("*/*") if folder.is_dir()})
    return years[1] if len(years) > 1 else years[0]


@contextlib.contextmanager
def _today_after(content: Path) -> Iterator[None]:
    """Builds see today as the day after the archive's last meeting, as the
    clerk who published it would (a generated archive is no git checkout,
    which is where a build learns today)."""
    last = max(dt.date.fromisoformat(folder.name[:10]) for folder in (content / "meetings").glob("*/*")
               if folder.is_dir() and folder.name[:10].count("-") == 2)
    noon = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(12), dt.UTC)
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(noon.timestamp()))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _add_meeting(content: Path) -> None:
    """A clerk publishes the agenda of a new meeting."""
    folder = content / "meetings" / "executive" / "2099-01-06"
    folder.mkdir(parents=True)
    (folder / "meeting.md").write_text("---\nstatus: agenda-published\nstart: 10:30\n"
                                       "venue: Committee Room 1, City Hall, Bradford\n---\n", encoding="utf-8")
    (folder / "01-disclosures-of-interest.md").write_text(
        "---\ntitle: Disclosures of interest\n---\n## Agenda\n\nTo receive disclosures of interest.\n",
        encoding="utf-8")


def benchmark(meetings: int, work: Path, seed: int = 1, search: bool = True, repeat: int = 1) -> list[Run]:
    content, output = work / "content", work / "output"
    for path in (content, output, work / "plain"):
        shutil.rmtree(path, ignore_errors=True)
    shutil.rmtree(work / ".minutebook-cache", ignore_errors=True)
    generate(content, meetings, seed)
    articles = plain_pelican_tree(content, work / "plain")
    # Minute Book's modules compiled, as pip compiles a package it installs (a
    # checkout run with PYTHONDONTWRITEBYTECODE, as this machine is, would
    # compile them again in every command: 0.1 s)
    compileall.compile_dir(str(ROOT / "minutebook"), quiet=1)
    with _today_after(content):
        return _benchmark(content, output, work, articles, search, repeat)


def _benchmark(content: Path, output: Path, work: Path, articles: int, search: bool, repeat: int) -> list[Run]:
    # The two cold builds, taken in turns: this machine's speed drifts, so
    # with ``repeat`` the table gives the median of each (all are listed).
    colds, plains = [], []
    for _ in range(repeat):
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(incremental.cache_folder(output), ignore_errors=True)
        colds.append(build_once(content, output, "Minute Book: cold full build", search))
        _settle(output, colds[-1])
        plains.append(_plain_pelican(work, articles))
    runs = [_median(colds)]
    runs.append(build_once(content, output, "Minute Book: no-op rebuild", search))
    _edit_one_item(content)
    runs.append(build_once(content, output, "Minute Book: rebuild after editing one item", search))
    _settle(output, runs[-1])
    runs.append(build_once(content, output, "Minute Book: the same in the live preview"
                           + (" (search index after it)" if search else ""), search, preview=True))
    _settle(output, runs[-1])
    _add_meeting(content)
    runs.append(build_once(content, output, "Minute Book: rebuild after adding one meeting", search))
    _settle(output, runs[-1])
    if search:  # as a clerk runs it, with pelicanconf.py's search index
        runs.append(_command_line_edits(content, output, "Minute Book: `minutebook build` after editing one item",
                                        repeat))
        year = _oldest_full_year(content)
        runs.append(_command_line_edits(content, output, f"Minute Book: `minutebook build` after editing an item "
                                        f"of {year}", repeat, year))
    runs.append(_median(plains))
    runs[0].others = [run.seconds for run in colds]
    runs[-1].others = [run.seconds for run in plains]
    return runs


ORDINALS = ("third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def _command_line_edits(content: Path, output: Path, label: str, repeat: int, year: str = "") -> Run:
    """``repeat`` corrections, each rebuilt as a clerk runs it (the median; all
    are listed). Each adds a word no page had, as a correction often does."""
    runs = []
    for number in range(repeat):
        ordinal = ORDINALS[number % len(ORDINALS)]
        _edit_one_item(content, f"A {ordinal} correction{' to old minutes' if year else ''} was noted.", year)
        runs.append(command_line_build(content, output, label))
        _settle(output, runs[-1])
    median = _median(runs)
    median.others = [run.seconds for run in runs] if repeat > 1 else []
    return median


def command_line_build(content: Path, output: Path, label: str) -> Run:
    """A build as a clerk runs it: ``python -m minutebook build``, with the search index
    (or without, as pelicanconf.py says), its whole process timed."""
    run, text = _measure([sys.executable, "-m", "minutebook", "build", "--settings", str(SETTINGS),
                          "--content", str(content), "--output", str(output)], label)
    found = re.search(r"\(([\d,]+) rendered again", text) or re.search(r"Built ([\d,]+) pages", text)
    run.written = int(found.group(1).replace(",", "")) if found else None
    return run


def _plain_pelican(work: Path, articles: int) -> Run:
    shutil.rmtree(work / "plain" / "output", ignore_errors=True)
    plain, _ = _measure([sys.executable, "-m", "pelican", str(work / "plain" / "content"), "-o",
                         str(work / "plain" / "output"), "-s", str(work / "plain" / "settings.py"), "-q"],
                        f"Plain Pelican: cold build of {articles} articles")
    plain.written = sum(1 for _ in (work / "plain" / "output").rglob("*.html"))
    return plain


def _median(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda run: run.seconds)[(len(runs) - 1) // 2]


def _settle(output: Path, run: Run) -> None:
    """Wait for the work a build leaves to background processes, as a
    clerk's next save comes some seconds later; the wait is reported."""
    run.background_seconds = spare.settle(output)


@dataclass
class SearchFigures:
    rankings: list[ranking.Ranking]
    transfers: dict[str, ranking.Transfer]  # the first search's download, by index
    query: str  # the first search's words
    builds: list[Run] = field(default_factory=list)  # the sites built for the other indexes compared


def search_figures(work: Path, content: Path, output: Path, queries: int, seed: int = 1) -> SearchFigures:
    """The known-item benchmark (``ranking``) on the site just built and on the other
    indexes of ``ranking.indexes()``, each built cold from the same content."""
    sites, builds = [], []
    for label, overrides in ranking.indexes():
        if overrides is None:
            sites.append((label, output))
            continue
        folder = work / ("output-" + re.sub(r"[^a-z0-9]+", "-", label.lower()))
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(incremental.cache_folder(folder), ignore_errors=True)
        builds.append(build_once(content, folder, f"Minute Book: cold full build, {label}", overrides=overrides))
        _settle(folder, builds[-1])
        sites.append((label, folder))
    chosen = ranking.choose_queries(content, queries, seed)
    query = chosen[0].phrase
    rankings, transfers = ranking.measure(sites, chosen, query)
    return SearchFigures(rankings, transfers, query, builds)


def large_build(work: Path, meetings: int, seed: int, query: str | None) -> tuple[Run, ranking.Transfer | None]:
    """A cold build with search of a generated archive of ``meetings``, and its first search's download."""
    content, output = work / "large" / "content", work / "large" / "output"
    shutil.rmtree(work / "large", ignore_errors=True)
    shutil.rmtree(incremental.cache_folder(output), ignore_errors=True)
    generate(content, meetings, seed)
    with _today_after(content):
        run = build_once(content, output, f"Minute Book: cold full build of {meetings:,} meetings")
    _settle(output, run)
    if query is None:
        return run, None
    with ranking.search_page(output) as page:
        return run, page.first_search_transfer(query)


def targets(meetings: int, runs: list[Run], search: SearchFigures | None,
            large: tuple[int, Run, ranking.Transfer | None] | None) -> str:
    """Issue 19's target figures, from the runs above."""
    cold, plain = runs[0], runs[-1]
    edit = next(run for run in runs if "`minutebook build`" in run.label)
    old = next((run for run in runs if "`minutebook build` after editing an item of" in run.label), None)
    compared = search.builds if search is not None else []  # other indexes, built only to compare rankings
    ours = [run for run in runs if run.label.startswith("Minute Book") and run not in compared]
    peak = max(ours, key=lambda run: run.peak_kib)
    lines = [f"Targets at {meetings:,} meetings (issue 19):",
             f"- cold build with search: {cold.seconds:.1f} s, {cold.seconds / plain.seconds:.2f} × plain Pelican "
             f"(target: at most 0.7)",
             f"- one-item edit rebuilt with search from the command line: {edit.seconds:.1f} s (target: at most 3 s)"
             + (f"; {old.seconds:.1f} s for an item of {old.label.rsplit(' ', 1)[1]}" if old else ""),
             f"- peak memory: {peak.peak_kib / 1024:,.0f} MiB, in \"{peak.label.split(': ', 1)[1]}\" "
             f"(target: at most 1,024 MiB)"]
    if search is not None:
        for label, transfer in search.transfers.items():
            lines.append(f"- {ranking.transfer_line(label, transfer, search.query)}")
    if large is not None:
        count, run, transfer = large
        lines.append(f"Targets at {count:,} meetings: cold build with search {run.seconds:.0f} s "
                     f"({run.seconds / 60:.1f} minutes; target: at most 8), peak memory "
                     f"{run.peak_kib / 1024 / 1024:.2f} GiB (target: at most 2)")
        if transfer is not None and search is not None:
            lines.append(f"- {ranking.transfer_line('index as built', transfer, search.query)} "
                         f"(target: at most 300 KB)")
    return "\n".join(lines)


def table(runs: list[Run]) -> str:
    baseline = runs[-1].seconds
    lines = ["| build | wall (s) | of which search (s) | pages written | peak memory (MiB) | × plain Pelican |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for run in runs:
        search = f"{run.search_seconds:.1f}" if run.search_seconds is not None else "–"
        written = f"{run.written:,}" if run.written is not None else "–"
        lines.append(f"| {run.label} | {run.seconds:.1f} | {search} | {written} | {run.peak_kib / 1024:,.0f} "
                     f"| {run.seconds / baseline:.2f} |")
    return "\n".join(lines)


def machine() -> str:
    load = os.getloadavg()[0]
    return (f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores, "
            f"load average {load:.1f} when the benchmark ended")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m minutebook.commands.bench", description=__doc__)
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "minutebook-bench")
    parser.add_argument("--no-search", action="store_true", help="build without the Pagefind index")
    parser.add_argument("--repeat", type=int, default=1,
                        help="cold builds of each, taken in turns; the table gives the medians")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--search", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--preview", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--settings-json", type=json.loads, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--queries", type=int, default=ranking.QUERIES,
                        help="known items searched for through the search page in Chromium (0: none)")
    parser.add_argument("--large", type=int, default=0, metavar="MEETINGS",
                        help="also time a cold build with search of an archive this size (e.g. 10000)")
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], args.child[1], not args.no_search, args.preview, args.settings_json)
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    runs = benchmark(args.meetings, args.work, args.seed, not args.no_search, max(1, args.repeat))
    search = None
    if not args.no_search and args.queries > 0:
        with _today_after(args.work / "content"):
            search = search_figures(args.work, args.work / "content", args.work / "output", args.queries, args.seed)
        runs[-1:-1] = search.builds
    large = None
    if args.large and not args.no_search:
        run, transfer = large_build(args.work, args.large, args.seed, search.query if search else None)
        large = (args.large, run, transfer)
    print(f"{args.meetings} generated meetings ({args.work / 'content'}), "
          f"{'with' if not args.no_search else 'without'} the search index")
    print(table(runs))
    waits = ", ".join(f"{run.label.split(': ')[1]} {run.background_seconds:.1f} s" for run in runs
                      if run.background_seconds is not None)
    print(f"Background work after a build, waited for before the next one: {waits}")
    if len(runs[0].others) > 1:
        print(f"Cold builds in turn (the table gives the medians): Minute Book "
              f"{', '.join(f'{t:.1f}' for t in runs[0].others)} s; plain Pelican "
              f"{', '.join(f'{t:.1f}' for t in runs[-1].others)} s")
    for run in runs[1:-1]:
        if len(run.others) > 1:
            print(f"{run.label.split(': ')[1]}, in turn (the table gives the median): "
                  f"{', '.join(f'{t:.1f}' for t in run.others)} s")
    if search is not None:
        print(ranking.report(search.rankings, args.seed))
    if not args.no_search:
        print(targets(args.meetings, runs, search, large))
    print(machine())
    return 0


if __name__ == "__main__":
    sys.exit(main())
