"""``invoke bench``: build a generated archive with Minute Book and, in the same
run, the same Markdown with plain Pelican, and print the figures side by side.

Every build runs in its own process, so its wall time and peak memory (the
largest resident set of the build or of any process it started, such as
Pagefind) are measured the same way for both. This prints figures; nothing in
the test suite times anything.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

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


def build_once(content: Path, output: Path, label: str, search: bool = True, preview: bool = False) -> Run:
    """One Minute Book build in a child process (``_child`` below)."""
    run, text = _measure([sys.executable, "-m", "minutebook.commands.bench", "--child", str(content), str(output),
                          "--search" if search else "--no-search", *(["--preview"] if preview else [])], label)
    stats = json.loads(text.strip().splitlines()[-1])
    run.written, run.search_seconds = stats["written"], stats["search_seconds"]
    if preview:  # the build alone: the preview process was running before the save
        run.seconds = stats["seconds"]
    return run


def _child(content: Path, output: Path, search: bool, preview: bool = False) -> None:
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
    made = build.run_build(SETTINGS, content, output, {"MINUTEBOOK_SEARCH": PREVIOUS if preview and search else search},
                           held)
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


def _edit_one_item(content: Path, sentence: str = "A correction was noted by the Chair.") -> None:
    """A clerk corrects the minutes of one item in the middle of the archive."""
    items = sorted((content / "meetings").glob("*/*/[0-9]*.md"))
    item = items[len(items) // 2]
    item.write_text(item.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


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
    runs.append(_median(plains))
    runs[0].others = [run.seconds for run in colds]
    runs[-1].others = [run.seconds for run in plains]
    return runs


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
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child[0], args.child[1], not args.no_search, args.preview)
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    runs = benchmark(args.meetings, args.work, args.seed, not args.no_search, max(1, args.repeat))
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
    print(machine())
    return 0


if __name__ == "__main__":
    sys.exit(main())
