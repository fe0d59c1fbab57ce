"""Minute Book tasks (invoke), following Pelican's conventional tasks.py.

    invoke build            build content/ into output/ (atomically)
    invoke check            check content/ for mistakes without building
    invoke serve            serve output/ at http://localhost:8000
    invoke livereload       rebuild on save and serve
    invoke publish          build with publishconf.py
"""

from __future__ import annotations

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


@task
def clean(c):
    """Remove the generated site."""
    c.run("rm -rf output")


@task(pre=[clean, build])
def rebuild(c):
    """Build from scratch."""


@task
def regenerate(c):
    """Rebuild automatically when content changes (Pelican's autoreload)."""
    c.run(f"{PY} -m pelican -r content -s {SETTINGS['local']}")


@task
def serve(c, port=8000):
    """Serve output/ at http://localhost:8000."""
    c.run(f"{PY} -m pelican --listen --port {port} -s {SETTINGS['local']}")


@task
def livereload(c, port=8000):
    """Rebuild on save and serve (see docs/clerk-guide.md)."""
    c.run(f"{PY} -m pelican --autoreload --listen --port {port} -s {SETTINGS['local']}")


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


@task(name="check-urls", help={"against": "the previous snapshot's manifest-sha256.txt (or its folder)",
                               "output": "the new build (default: output)"})
def check_urls(c, against, output="output"):
    """Fail, naming them, when addresses in a previous snapshot have gone without a redirect."""
    c.run(f"{PY} -m minutebook check-urls --against {against} {output}")
