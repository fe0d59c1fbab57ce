"""The site's tasks (invoke), after Pelican's conventional tasks.py.

    invoke build            build content/ into output/ (atomically)
    invoke check            check content/ for mistakes without building
    invoke new-meeting      write a new meeting's folder (--committee ID --date YYYY-MM-DD)
    invoke import-moderngov bring meetings across from Modern.gov (--source ADDRESS); re-run to update
    invoke serve            serve output/ at http://localhost:8000
    invoke livereload       rebuild on save and serve
    invoke publish          build with publishconf.py
    invoke linkcheck        check every link in the built site
    invoke archive          write a dated snapshot of the site

Written by ``minutebook init``: every task runs ``python -m minutebook`` (or
Pelican) from the installed package, so it needs nothing but requirements.txt.
"""

from __future__ import annotations

import shlex
import shutil
import sys

from invoke import task

SETTINGS = {"local": "pelicanconf.py", "publish": "publishconf.py"}
PY = shlex.quote(sys.executable)


@task(help={"content": "content folder (default: content)", "output": "output folder (default: output)"})
def build(c, content="", output="", settings=SETTINGS["local"]):
    """Build the site into output/; on a content mistake, report it and keep the old site."""
    args = f" --content {shlex.quote(content)}" if content else ""
    args += f" --output {shlex.quote(output)}" if output else ""
    c.run(f"{PY} -m minutebook build --settings {settings}{args}", pty=False)


@task
def check(c, content="content"):
    """Check the content for mistakes, naming file, line and field, without building."""
    c.run(f"{PY} -m minutebook check {shlex.quote(content)}")


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


@task(name="import-moderngov", help={
    "source": "the Modern.gov site's address (https://democracy.example.gov.uk) or a folder of saved answers",
    "since": "only meetings on or after YYYY-MM-DD", "until": "only meetings on or before YYYY-MM-DD",
    "committee": "only this committee (its Modern.gov id or title)",
    "delay": "seconds between two requests to the site (default: 1)",
    "refresh": "ask the site again for what changed since the last run"})
def import_moderngov(c, source, content="content", since="", until="", committee="", delay=1.0, refresh=False):
    """Import committees, councillors and meetings from Modern.gov; re-run to update, never over a clerk's edit."""
    args = "".join(f" --{name} {shlex.quote(str(value))}" for name, value in
                   (("since", since), ("until", until), ("committee", committee)) if value)
    args += " --refresh" if refresh else ""
    c.run(f"{PY} -m minutebook import moderngov {shlex.quote(source)} --content {shlex.quote(content)} "
          f"--delay {delay}{args}", pty=False)


@task
def clean(c):
    """Remove the generated site."""
    shutil.rmtree("output", ignore_errors=True)


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


@task(help={"output": "the built site (default: output)", "siteurl": "the site's address, for sitemaps and feeds"})
def linkcheck(c, output="output", siteurl=""):
    """Check every link in the built site: nothing broken, nothing third-party, every page reachable."""
    args = f" --siteurl {shlex.quote(siteurl)}" if siteurl else ""
    c.run(f"{PY} -m minutebook linkcheck {shlex.quote(output)}{args}")


@task(help={"dest": "the folder of snapshots (default: archive)", "site": "snapshot this built site instead",
            "settings": "settings to build with (default: publishconf.py)"})
def archive(c, dest="archive", site="", settings=SETTINGS["publish"]):
    """Build and write a dated snapshot (archive/<date>/): zip, WARC, WACZ and SHA-256 manifest."""
    args = f" --site {shlex.quote(site)}" if site else ""
    c.run(f"{PY} -m minutebook archive --settings {settings} --dest {shlex.quote(dest)}{args}")


@task(name="verify-archive", help={"path": "the snapshot folder, for example archive/2024-04-09"})
def verify_archive(c, path):
    """Check a snapshot against its manifest, naming every missing or changed file."""
    c.run(f"{PY} -m minutebook verify-archive {shlex.quote(path)}")


@task(name="check-urls", help={"against": "the previous snapshot's manifest-sha256.txt (or its folder), if any",
                               "output": "the new build (default: output)"})
def check_urls(c, against="", output="output"):
    """Fail, naming them, on links that are not http(s), mailto or tel, and (with --against)
    when addresses in a previous snapshot have gone without a redirect."""
    args = f" --against {shlex.quote(against)}" if against else ""
    c.run(f"{PY} -m minutebook check-urls{args} {shlex.quote(output)}")
