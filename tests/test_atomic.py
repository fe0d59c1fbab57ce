"""A build replaces output/ only when everything succeeded: a content
mistake, a template that raises and a build killed mid-way each leave the
previous site exactly as it was, byte for byte."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import pytest

from minutebook.content.errors import ContentErrors
from minutebook.engine.build import STAGING_PREFIX, build_site
from tests.support import CONTENT, ROOT, SETTINGS


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.glob(f"{STAGING_PREFIX}*"))


@pytest.fixture
def previous_site(tmp_path) -> tuple[Path, dict[str, bytes]]:
    """A site already built into output/, and its bytes."""
    output = tmp_path / "output"
    build_site(SETTINGS, CONTENT, output)
    return output, snapshot(output)


def test_a_content_mistake_leaves_the_previous_site(previous_site, content_copy):
    output, before = previous_site
    meeting = content_copy / "meetings/executive/2024-04-09/meeting.md"
    meeting.write_text(meeting.read_text().replace("status: draft-minutes", "status: drafted"))
    with pytest.raises(ContentErrors) as raised:
        build_site(SETTINGS, content_copy, output)
    assert "status" in raised.value.report()
    assert snapshot(output) == before
    assert leftovers(output) == []


def test_a_template_that_raises_leaves_the_previous_site(previous_site, tmp_path):
    output, before = previous_site
    overrides = tmp_path / "templates"
    overrides.mkdir()
    (overrides / "item.html").write_text('{% extends "base.html" %}{% block content %}'
                                         "{{ no_such_variable.attribute }}{% endblock %}")
    with pytest.raises(jinja2.UndefinedError):
        build_site(SETTINGS, CONTENT, output, {"THEME_TEMPLATES_OVERRIDES": [str(overrides)]})
    assert snapshot(output) == before
    assert leftovers(output) == []


def test_the_command_reports_a_broken_template_without_a_traceback(previous_site, tmp_path):
    output, before = previous_site
    overrides = tmp_path / "templates"
    overrides.mkdir()
    (overrides / "meeting.html").write_text("{{ no_such_variable.attribute }}")
    settings = tmp_path / "broken.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                        f"THEME = {str(ROOT / 'themes/minutebook')!r}\n"
                        f"THEME_TEMPLATES_OVERRIDES = [{str(overrides)!r}]\n")
    run = subprocess.run([sys.executable, "-m", "minutebook", "build", "--settings", str(settings),
                          "--content", str(CONTENT), "--output", str(output)],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "meeting.html" in run.stderr and "no_such_variable" in run.stderr
    assert "left as it was" in run.stderr
    assert snapshot(output) == before


def write_large_content(content: Path, meetings: int) -> None:
    """Add ``meetings`` extra Executive meetings, two items each, to a content copy."""
    base = content / "meetings" / "executive"
    for n in range(meetings):
        folder = base / f"{2000 + n // 300}-{1 + n // 25 % 12:02d}-{1 + n % 25:02d}"
        folder.mkdir(parents=True)
        (folder / "meeting.md").write_text("---\nstatus: agenda-published\nstart: 10:30\n"
                                           "venue: Committee Room 1, City Hall\n---\n")
        for i in (1, 2):
            (folder / f"{i:02d}-item-{i}.md").write_text(
                f"---\ntitle: Generated item {i} of meeting {n}\n---\n## Agenda\n\n"
                + "The Chief Executive will submit a report.\n\n" * 20)


def test_a_killed_build_leaves_the_previous_site(previous_site, content_copy):
    output, before = previous_site
    write_large_content(content_copy, 400)
    build = subprocess.Popen([sys.executable, "-m", "minutebook", "build", "--settings", str(SETTINGS),
                              "--content", str(content_copy), "--output", str(output)],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        staging = wait_for_pages_in_staging(output, build)
    finally:
        build.send_signal(signal.SIGKILL)
        build.wait()
    assert build.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    assert staging.exists(), "the killed build was writing into its staging folder"
    assert snapshot(output) == before
    # the next build tidies the killed build's folder away and succeeds
    build_site(SETTINGS, CONTENT, output)
    assert snapshot(output) == before
    assert leftovers(output) == []


def wait_for_pages_in_staging(output: Path, build: subprocess.Popen) -> Path:
    """Wait until the build has written pages into its staging folder."""
    while build.poll() is None:
        for staging in output.parent.glob(f"{STAGING_PREFIX}{output.name}-*"):
            if (staging / "committees").exists():
                return staging
        time.sleep(0.005)
    raise AssertionError("the build ended before it wrote any pages")


def test_a_site_moved_aside_by_a_killed_build_is_put_back(previous_site, content_copy):
    """Where the swap takes two renames, a build killed between them has moved
    output/ aside; the next build puts it back before anything else, so even
    a build that then fails leaves the previous site in place."""
    output, before = previous_site
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()  # its pid now names a build that no longer runs
    aside = output.parent / f"{STAGING_PREFIX}{output.name}-old-{ended.pid}-abc123"
    output.rename(aside)
    meeting = content_copy / "meetings/executive/2024-04-09/meeting.md"
    meeting.write_text(meeting.read_text().replace("status: draft-minutes", "status: drafted"))
    with pytest.raises(ContentErrors):
        build_site(SETTINGS, content_copy, output)
    assert snapshot(output) == before
    assert leftovers(output) == []


def test_a_running_build_keeps_its_staging_folder(previous_site):
    output, _ = previous_site
    other = output.parent / f"{STAGING_PREFIX}{output.name}-{os.getppid()}-xyz"  # a process that is running
    other.mkdir()
    (other / "index.html").write_text("half written")
    build_site(SETTINGS, CONTENT, output)
    assert (other / "index.html").read_text() == "half written"
