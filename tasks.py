"""Minute Book tasks (invoke), following Pelican's conventional tasks.py.

    invoke build            build content/ into output/ (atomically)
    invoke check            check content/ for mistakes without building
    invoke new-meeting      write a new meeting's folder (--committee ID --date YYYY-MM-DD)
    invoke import-moderngov bring meetings in from a Modern.gov site (--source ADDRESS)
    invoke serve            serve output/ at http://localhost:8000
    invoke livereload       rebuild on save and serve
    invoke publish          build with publishconf.py
"""

from __future__ import annotations

import shlex
import sys

from invoke import task

SETTINGS = {"local": "pelicanconf.py", "publish": "publishconf.py"}
PY = sys.executable


@task(help={"content": "content folder (default: content)", "output": "output folder (default: output)"})
def build(c, content="", output="", settings=SETTINGS["local"]):
    """Build the site into output/; on a content mistake, report it and keep the old site."""
    args = f" --content {content}" if content else ""
    args += f" --output {output}" if output else ""
    c.run(f"{PY} -m minutebook build --settings {settings}{args}", pty=False)


@task
def check(c, content="content"):
    """Check the content for mistakes, naming file, line and field, without building."""
    c.run(f"{PY} -m minutebook check {content}")


@task(name="new-meeting", help={"committee": "the committee's id from committees.yaml",
                                "date": "the meeting's date, YYYY-MM-DD",
                                "start": "start time (default: as the committee's last meeting)",
                                "venue": "venue (default: as the committee's last meeting)",
                                "suffix": "for a second meeting on one day, e.g. reconvened"})
def new_meeting(c, committee, date, content="content", start="", venue="", suffix=""):
    """Write a new meeting's folder with its standing items; never overwrites."""
    args = "".join(f" --{name} {shlex.quote(value)}" for name, value in
                   (("start", start), ("venue", venue), ("suffix", suffix)) if value)
    c.run(f"{PY} -m minutebook new-meeting --content {shlex.quote(content)} --committee "
          f"{shlex.quote(committee)} --date {shlex.quote(date)}{args}")


@task(name="import-moderngov", help={"source": "the Modern.gov site's address, or a folder of saved answers",
                                     "content": "content folder (default: content)",
                                     "since": "only meetings on or after YYYY-MM-DD",
                                     "until": "only meetings on or before YYYY-MM-DD",
                                     "committee": "only this committee (Modern.gov id or title)",
                                     "delay": "seconds between requests (default: 1)"})
def import_moderngov(c, source, content="content", since="", until="", committee="", delay=1.0):
    """Import committees, councillors and meetings from Modern.gov (docs/importing.md); re-run to update."""
    args = "".join(f" --{name} {shlex.quote(str(value))}" for name, value in
                   (("since", since), ("until", until), ("committee", committee)) if value)
    c.run(f"{PY} -m minutebook import moderngov {shlex.quote(source)} --content {shlex.quote(content)} "
          f"--delay {delay}{args}")


@task
def clean(c):
    """Remove the generated site."""
    c.run("rm -rf output")


@task(pre=[clean, build])
def rebuild(c):
    """Build from scratch."""


@task
def regenerate(c, content="content"):
    """Rebuild on every save, without serving; a mistake is reported and the last good site stays."""
    c.run(f"{PY} -m minutebook preview --no-serve --settings {SETTINGS['local']} --content {shlex.quote(content)}",
          pty=False)


@task
def serve(c, port=8000):
    """Serve output/ at http://localhost:8000."""
    c.run(f"{PY} -m pelican --listen --port {port} -s {SETTINGS['local']}")


@task(help={"port": "the port to serve on (default: 8000)", "content": "content folder (default: content)",
            "search": "bring the search index up to date after each save, in the background (default: yes)"})
def livereload(c, port=8000, content="content", search=True):
    """Serve the site and rebuild it on every save; a mistake is reported and the last good site stays."""
    flag = "" if search else " --no-search"
    c.run(f"{PY} -m minutebook preview --settings {SETTINGS['local']} --content {shlex.quote(content)} "
          f"--port {port}{flag}", pty=False)


@task
def publish(c, output=""):
    """Build the site for publishing with publishconf.py."""
    build(c, output=output, settings=SETTINGS["publish"])


@task
def test(c):
    """Run the test suite."""
    c.run(f"{PY} -m pytest")


# ---- archiving and links (docs/archiving.md) -------------------------------


@task(help={"output": "the built site (default: output)", "siteurl": "the site's address, for sitemaps and feeds"})
def linkcheck(c, output="output", siteurl=""):
    """Check every link in the built site: nothing broken, nothing third-party, every page reachable."""
    args = f" --siteurl {siteurl}" if siteurl else ""
    c.run(f"{PY} -m minutebook linkcheck {output}{args}")


@task(help={"dest": "the folder of snapshots (default: archive)", "site": "snapshot this built site instead",
            "settings": "settings to build with (default: publishconf.py)"})
def archive(c, dest="archive", site="", settings=SETTINGS["publish"]):
    """Build and write a dated snapshot (archive/<date>/): zip, WARC, WACZ and SHA-256 manifest."""
    args = f" --site {site}" if site else ""
    c.run(f"{PY} -m minutebook archive --settings {settings} --dest {dest}{args}")


@task(name="verify-archive", help={"path": "the snapshot folder, for example archive/2024-04-09"})
def verify_archive(c, path):
    """Check a snapshot against its manifest, naming every missing or changed file."""
    c.run(f"{PY} -m minutebook verify-archive {path}")


@task(name="check-urls", help={"against": "the previous snapshot's manifest-sha256.txt (or its folder), if any",
                               "output": "the new build (default: output)"})
def check_urls(c, against="", output="output"):
    """Fail, naming them, on links that are not http(s), mailto or tel, and (with --against)
    when addresses in a previous snapshot have gone without a redirect."""
    args = f" --against {against}" if against else ""
    c.run(f"{PY} -m minutebook check-urls{args} {output}")


# --- Theme: page weight and screenshots (docs/theming.md) ---------------------------------

THEME_TASK_OUTPUT = "/tmp/minutebook-theme-site"


def _build_sample(c, output: str) -> str:
    """The sample site, plus an example of any page type it lacks (tests/browser/page_types.py)."""
    from pathlib import Path

    from tests.browser.page_types import with_every_page_type

    c.run(f"{PY} -m minutebook build --content content --output {output}/sample", hide="out")
    return str(with_every_page_type(Path(output) / "sample", Path(output)))


@task(help={"output": "a built site to measure (default: build the sample site)"})
def page_weight(c, output=""):
    """Print the weight of one page of each page type: HTML + CSS + JS, uncompressed."""
    from pathlib import Path

    from tests.browser.page_types import find_page_types
    from tests.browser.page_weight import LIMIT
    from tests.browser.page_weight import page_weight as weigh

    root = Path(output or _build_sample(c, THEME_TASK_OUTPUT))
    print(f"{'page type':<24} {'HTML':>8} {'CSS':>8} {'JS':>6} {'total':>8}  page")
    for page_type in find_page_types(root).values():
        if page_type.path is None:
            print(f"{page_type.name:<24} {'–':>8} {'–':>8} {'–':>6} {'–':>8}  ({page_type.missing})")
            continue
        w = weigh(root, page_type.path)
        limited = page_type.name in ("meeting", "item", "exempt-item", "draft-minutes-meeting", "cancelled-meeting")
        flag = "  OVER 40 KB" if limited and w.total > LIMIT else ""
        print(f"{page_type.name:<24} {w.html:>8,} {w.css:>8,} {w.js:>6,} {w.total:>8,}  {page_type.path}{flag}")
    print(f"\nBytes, uncompressed. Limit for a meeting or item page: {LIMIT:,} bytes; no web fonts.")


@task(help={"folder": "where to save the PNGs (default: docs/screenshots)",
            "output": "a built site to photograph (default: build the sample site)"})
def screenshots(c, folder="docs/screenshots", output=""):
    """Save full-page PNG screenshots of each page type at 1280 and 320 px wide."""
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    from tests.browser.page_types import find_page_types
    from tests.browser.support import CHROMIUM_ARGS, WIDTHS, find_chromium, serve

    root = Path(output or _build_sample(c, THEME_TASK_OUTPUT))
    executable = find_chromium()
    if executable is None:
        raise SystemExit("No Chromium found: install it (apt-get install chromium) or set MINUTEBOOK_CHROMIUM.")
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    with serve(root) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for width in WIDTHS.values():
            context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme="light")
            page = context.new_page()
            for page_type in find_page_types(root).values():
                if page_type.path is None:
                    print(f"skipped {page_type.name}: {page_type.missing}")
                    continue
                page.goto(server.url(page_type.path), wait_until="load")
                png = target / f"{page_type.name}-{width}.png"
                page.screenshot(path=str(png), full_page=True)
                print(png)
            context.close()
            for name, path, scheme in SCREENSHOT_EXTRAS:
                context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
                page = context.new_page()
                page.goto(server.url(path), wait_until="load")
                if "?q=" in path:  # the results are drawn by the search page's script
                    page.wait_for_function("() => document.querySelector('#search-status')?.innerText.trim()")
                png = target / f"{name}-{width}.png"
                page.screenshot(path=str(png), full_page="?q=" not in path)
                print(png)
                context.close()
        browser.close()


# Screens that are not a page type of their own: search with results (in light and dark),
# a municipal year of the decisions register, an item with an "On this page" list.
SCREENSHOT_EXTRAS = [
    ("search-results", "search/index.html?q=exploitation", "light"),
    ("search-results-dark", "search/index.html?q=exploitation", "dark"),
    ("decisions-municipal-year", "decisions/2026-to-2027/index.html", "light"),
    ("item-on-this-page", "committees/council/2026-07-14/motion-free-bus-travel-for-care-leavers/index.html", "light"),
]


# --- Speed at archive scale (docs/performance.md) ------------------------------------------


@task(name="gen-archive", help={"meetings": "how many meetings (default 1000)", "out": "the folder to write",
                                "seed": "a different seed gives a different archive (default 1)"})
def gen_archive(c, out, meetings=1000, seed=1):
    """Write a generated demonstration archive of N meetings in the content format."""
    c.run(f"{PY} -m minutebook gen-archive --meetings {meetings} --out {out} --seed {seed}")


@task(help={"meetings": "meetings in the generated archive (default 1000)",
            "work": "a folder for the archive and the builds (default: a temporary folder)",
            "no_search": "build without the Pagefind index",
            "queries": "known items searched for in Chromium (default 200; 0: none)",
            "large": "also time a cold build with search of this many meetings (e.g. 10000)"})
def bench(c, meetings=1000, work="", no_search=False, repeat=1, queries=200, large=0):
    """Time cold, no-op and incremental builds of a generated archive, beside plain Pelican;
    with search, the known-item search rates and issue 19's target figures."""
    args = f" --work {work}" if work else ""
    args += " --no-search" if no_search else ""
    args += f" --repeat {repeat}" if repeat > 1 else ""
    args += f" --queries {queries}" if queries != 200 else ""
    args += f" --large {large}" if large else ""
    c.run(f"{PY} -m minutebook.commands.bench --meetings {meetings}{args}")
