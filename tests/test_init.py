"""``minutebook init DIR``: a new site repository that checks and builds with
its own settings, refusals that write nothing, questions on a terminal, and
(slow) a wheel that carries the theme to a machine without this checkout."""

from __future__ import annotations

import contextlib
import html
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from minutebook.commands.cli import main
from tests.support import ROOT
from tests.test_import_moderngov import FIXTURES as MODERNGOV_FIXTURES
from tests.test_import_moderngov import serving
from tests.test_publishing import actionlint

COUNCIL = 'St Mary\'s & "All Saints" Town Council'  # quotes and an ampersand: written safely everywhere
FACTS = ["--council", COUNCIL, "--siteurl", "https://minutes.st-marys.gov.uk",
         "--contact-name", "Committee Services: Town Hall", "--contact-email", "committees@st-marys.gov.uk"]
GIT = ["git", "-c", "user.name=Clerk", "-c", "user.email=clerk@example.org", "-c", "init.defaultBranch=main"]


def run(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """A command with no terminal, as in CI; this checkout's package comes first."""
    env = env or {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=300)


def assert_ok(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def new_site(tmp_path_factory) -> Path:
    """A site written by init as CI would, committed to git, then built."""
    where = tmp_path_factory.mktemp("init")
    assert_ok(run([sys.executable, "-m", "minutebook", "init", "borough", *FACTS], where))
    site = where / "borough"
    assert_ok(run([*GIT, "init", "-q"], site))
    assert_ok(run([*GIT, "add", "-A"], site))
    assert_ok(run([*GIT, "commit", "-q", "-m", "A new site"], site))
    assert_ok(run([sys.executable, "-m", "minutebook", "build"], site))
    return site


def test_the_new_site_has_every_file_a_council_needs(new_site):
    for name in ("README.md", "requirements.txt", "pelicanconf.py", "publishconf.py", "tasks.py", ".gitignore",
                 ".pre-commit-config.yaml", ".gitlab-ci.yml", ".github/workflows/check.yml",
                 ".github/workflows/publish.yml", "content/committees.yaml", "content/people.yaml",
                 "content/scrutiny-areas.yaml", "content/subjects.yaml", "content/pages/about.md"):
        assert (new_site / name).is_file(), name
    meetings = list((new_site / "content/meetings").glob("*/*/meeting.md"))
    assert len(meetings) == 1 and "This is an example meeting" in meetings[0].read_text()
    assert not (new_site / "themes").exists(), "the theme is not copied: it comes with the package"
    readme = (new_site / "README.md").read_text()
    assert '{# theme-overrides/item.html #}\n{% extends "!theme/item.html" %}' in readme  # not taken for Jinja
    version = subprocess.run([sys.executable, "-c", "import importlib.metadata as m; print(m.version('minutebook'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert re.search(rf"^minutebook=={re.escape(version)}$", (new_site / "requirements.txt").read_text(), re.M)


def test_the_settings_use_the_packaged_theme_and_the_answers(new_site):
    conf = (new_site / "pelicanconf.py").read_text()
    assert "THEME = theme_path()" in conf and 'PLUGINS = ["minutebook"]' in conf
    namespace: dict = {}
    exec(compile(conf, "pelicanconf.py", "exec"), namespace)
    assert namespace["MINUTEBOOK_COUNCIL"] == COUNCIL
    assert namespace["MINUTEBOOK_CONTACT"]["email"] == "committees@st-marys.gov.uk"
    assert Path(namespace["THEME"], "templates", "base.html").is_file()
    assert '"https://minutes.st-marys.gov.uk"' in (new_site / "publishconf.py").read_text()
    committees = yaml.safe_load((new_site / "content/committees.yaml").read_text())
    assert committees["cabinet"]["contact"]["name"] == "Committee Services: Town Hall"


def test_the_new_site_builds_and_passes_the_pipelines_checks(new_site):
    home = (new_site / "output/index.html").read_text()
    assert COUNCIL in html.unescape(home) and "St Mary&#39;s &amp; &#34;All Saints&#34;" in home
    assert_ok(run([sys.executable, "-m", "minutebook", "check", "content"], new_site))
    assert_ok(run([sys.executable, "-m", "minutebook", "linkcheck", "output"], new_site))
    assert_ok(run([sys.executable, "-m", "minutebook", "check-urls", "output"], new_site))


def test_the_new_sites_python_is_ruff_clean(new_site):
    result = run([sys.executable, "-m", "ruff", "check", "--isolated", "--line-length", "120",
                  "--select", "E,F,W,I,UP,B", "."], new_site)
    assert_ok(result)


def test_the_pipelines_are_this_repositorys_installing_the_pinned_package(new_site):
    """The same steps as this repository's own pipelines, bar how Minute Book is installed."""
    same = [("pip install -e .", "pip install -r requirements.txt"),
            ("cache-dependency-path: pyproject.toml", "cache-dependency-path: requirements.txt"),
            ("(docs/publishing.md)", '(README.md, "Publish")')]
    for name in (".github/workflows/check.yml", ".github/workflows/publish.yml", ".gitlab-ci.yml"):
        ours = (ROOT / name).read_text()
        for old, new in same:
            ours = ours.replace(old, new)
        assert (new_site / name).read_text() == ours, name
        assert "-e ." not in (new_site / name).read_text()


def test_the_new_sites_pipelines_run_as_written(new_site, tmp_path):
    """Every command of its GitHub check workflow and GitLab pages job, in a clone of the
    new site, once Minute Book is installed (the one step not run here: it needs the index)."""
    site = shutil.copytree(new_site, tmp_path / "clone")
    gitlab = yaml.safe_load((site / ".gitlab-ci.yml").read_text())
    assert gitlab["before_script"] == ["pip install -r requirements.txt"]
    check = yaml.safe_load((site / ".github/workflows/check.yml").read_text())["jobs"]["check"]
    commands = [step["run"] for step in check["steps"] if "run" in step]
    assert commands[0] == "pip install -r requirements.txt"
    assert_ok(in_bash(commands[1:], site, check["env"]))
    assert_ok(in_bash(gitlab["pages"]["script"], site, {"CI_PAGES_URL": "https://council.example.gitlab.io/minutes"}))
    assert (site / "public/index.html").is_file()


def test_a_clerks_first_steps_with_the_new_sites_tasks(new_site, tmp_path):
    """README.md's "Add a meeting", through the site's own tasks.py."""
    site = shutil.copytree(new_site, tmp_path / "clone")
    invoke = [sys.executable, "-m", "invoke"]
    assert_ok(run([*invoke, "new-meeting", "--committee", "cabinet", "--date", "2031-05-14"], site))
    assert (site / "content/meetings/cabinet/2031-05-14/meeting.md").is_file()
    assert_ok(run([*invoke, "check"], site))
    assert_ok(run([*invoke, "build", "--output", "built"], site))
    assert (site / "built/committees/cabinet/2031-05-14/index.html").is_file()


def test_the_new_sites_workflows_pass_actionlint(new_site):
    workflows = sorted(str(path) for path in (new_site / ".github/workflows").glob("*.yml"))
    assert_ok(run([actionlint(), "-no-color", *workflows], new_site))


def in_bash(lines: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Pipeline lines in one bash that stops at the first failure, with this Python as ``python``."""
    script = f'set -eu\nexport PATH="{Path(sys.executable).parent}:$PATH"\n' + "\n".join(lines)
    inherited = {k: v for k, v in os.environ.items() if k != "MINUTEBOOK_SITEURL"}
    return run(["bash", "-c", script], cwd, {**inherited, "PYTHONPATH": str(ROOT), **env})


def test_a_council_overrides_one_block_from_its_own_folder(tmp_path):
    """docs/theming.md, section 2, in a site made by init: the theme stays installed, not copied."""
    assert main(["init", str(tmp_path / "site"), "--no-input"]) == 0
    site = tmp_path / "site"
    (site / "theme-overrides").mkdir()
    (site / "theme-overrides/item.html").write_text(
        '{% extends "!theme/item.html" %}\n{% block item_documents %}{{ super() }}'
        "<p>Paper copies are available from the Council Offices.</p>{% endblock %}\n")
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text().replace("THEME_TEMPLATES_OVERRIDES: list[str] = []",
                                             'THEME_TEMPLATES_OVERRIDES = ["theme-overrides"]'))
    assert_ok(run([sys.executable, "-m", "minutebook", "build"], site))
    item = next((site / "output/committees/cabinet").glob("*/revenue-budget-monitoring/index.html"))
    assert "Paper copies are available from the Council Offices." in item.read_text()


def test_the_readme_moves_in_with_this_version():
    version = re.search(r'^version = "(.+)"$', (ROOT / "pyproject.toml").read_text(), re.M)[1]
    assert f"pip install minutebook=={version} && minutebook init mycouncil" in (ROOT / "README.md").read_text()


def test_without_a_terminal_or_options_it_uses_placeholders_and_says_so(tmp_path, capsys):
    assert main(["init", str(tmp_path / "site")]) == 0
    said = capsys.readouterr().out
    assert "no terminal to ask on, so these are placeholders" in said
    assert "--council 'Example Borough Council'" in said and "--contact-email" in said
    assert 'MINUTEBOOK_COUNCIL = "Example Borough Council"' in (tmp_path / "site/pelicanconf.py").read_text()


@pytest.mark.parametrize("existing", ["a file in it", "a file, not a folder"])
def test_it_never_writes_into_a_folder_with_anything_in_it(tmp_path, capsys, existing):
    target = tmp_path / "site"
    if existing == "a file in it":
        target.mkdir()
        (target / "notes.txt").write_text("the clerk's own notes")
    else:
        target.write_text("a file")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert main(["init", str(target), "--no-input"]) == 1
    said = capsys.readouterr().err
    assert "nothing was written" in said and str(target) in said
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_an_empty_folder_is_fine(tmp_path):
    (tmp_path / "site").mkdir()
    assert main(["init", str(tmp_path / "site"), "--no-input"]) == 0
    assert (tmp_path / "site/pelicanconf.py").is_file()


def test_a_wrong_address_is_refused_before_anything_is_written(tmp_path, capsys):
    assert main(["init", str(tmp_path / "site"), "--siteurl", "minutes.example.gov.uk"]) == 1
    assert "--siteurl 'minutes.example.gov.uk' must start with" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_it_asks_on_a_terminal_and_asks_again_after_a_wrong_answer(tmp_path):
    answers = [("council's name", "Borsetshire County Council"),
               ("site's name", ""),  # the suggestion in brackets
               ("public address", "borsetshire.gov.uk"),  # wrong: asked again
               ("public address", "https://minutes.borsetshire.gov.uk"),
               ("should contact", "Committee Services"),
               ("email address", "committees@borsetshire.gov.uk"),
               ("phone number, if any", "01632 960000")]
    said = on_a_terminal([sys.executable, "-m", "minutebook", "init", "site"], tmp_path, answers)
    assert "must start with 'http:' or 'https:'" in said
    assert "Wrote a new Minute Book site for Borsetshire County Council" in said
    conf = (tmp_path / "site/pelicanconf.py").read_text()
    assert 'MINUTEBOOK_COUNCIL = "Borsetshire County Council"' in conf
    assert 'SITENAME = "Committee meetings"' in conf and '"phone": "01632 960000"' in conf
    assert '"https://minutes.borsetshire.gov.uk"' in (tmp_path / "site/publishconf.py").read_text()


def on_a_terminal(command: list[str], cwd: Path, answers: list[tuple[str, str]]) -> str:
    """Run ``command`` on a pseudo-terminal, typing each answer once its question shows."""
    main_fd, child_fd = pty.openpty()
    process = subprocess.Popen(command, cwd=cwd, stdin=child_fd, stdout=child_fd, stderr=child_fd,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, close_fds=True)
    os.close(child_fd)
    seen = ""
    try:
        for question, answer in answers:
            seen = read_until(main_fd, seen, question)
            seen = seen.replace(question, "<asked>", 1)
            os.write(main_fd, answer.encode() + b"\n")
        process.wait(timeout=60)
        return seen + read_until(main_fd, "", None)
    finally:
        process.kill()
        os.close(main_fd)


def read_until(fd: int, seen: str, wanted: str | None, timeout: float = 30) -> str:
    """Read the terminal until ``wanted`` shows (or, for None, until it closes)."""
    end = time.monotonic() + timeout
    while wanted is None or wanted not in seen:
        assert time.monotonic() < end, f"waited for {wanted!r}; the terminal showed:\n{seen}"
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            chunk = b""
        if not chunk:
            assert wanted is None, f"the command ended before asking {wanted!r}:\n{seen}"
            return seen
        seen += chunk.decode("utf-8", "replace")
    return seen


def test_in_a_checkout_the_theme_is_the_themes_folder():
    from minutebook import theme_path

    assert Path(theme_path()) == ROOT / "themes" / "minutebook"


# ---- the wheel: the theme ships inside the package --------------------------------------------

WHEEL_SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE", "minutebook", "themes")


@pytest.mark.slow
def test_a_site_builds_from_the_installed_wheel_without_this_checkout(tmp_path):
    """Build a wheel, install it (alone) into a fresh venv, init a site, import a Modern.gov
    site's meetings into it (our fixture site, served on localhost) and build it, with
    PYTHONPATH unset and the working folder elsewhere: the theme must come from the wheel."""
    source = tmp_path / "source"
    source.mkdir()
    for name in WHEEL_SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    assert_ok(run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), "."],
                  source, env))
    shutil.rmtree(source)  # nothing of the checkout is left to fall back on
    venv = tmp_path / "venv"
    # the dependencies come from this Python's site-packages, and so does pip (hence no pip of its own)
    assert_ok(run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], tmp_path,
                  env))
    python = str(venv / "bin" / "python")
    wheel = next((tmp_path / "dist").glob("minutebook-*.whl"))
    assert_ok(run([python, "-m", "pip", "install", "--no-deps", "-q", str(wheel)], tmp_path, env))
    where = run([python, "-c", "import minutebook; print(minutebook.__file__); print(minutebook.theme_path())"],
                tmp_path, env)
    assert_ok(where)
    assert all(line.startswith(str(venv)) for line in where.stdout.split()), where.stdout
    assert_ok(run([str(venv / "bin" / "minutebook"), "init", "site", *FACTS], tmp_path, env))
    # a council moves in: its meetings imported from Modern.gov (the importer's fixture site, on localhost)
    with contextlib.contextmanager(serving)(MODERNGOV_FIXTURES) as moderngov:
        assert_ok(run([str(venv / "bin" / "minutebook"), "import", "moderngov", moderngov.url, "--content", "content",
                       "--delay", "0", "--cache", str(tmp_path / "import-cache")], tmp_path / "site", env))
    assert_ok(run([python, "-m", "invoke", "build"], tmp_path / "site", env))  # tasks.py runs this python
    assert "Town Council" in (tmp_path / "site/output/index.html").read_text()
    assert (tmp_path / "site/output/theme/css/main.css").is_file()
    assert (tmp_path / "site/output/committees/cabinet/2025-03-12/index.html").is_file()  # an imported meeting


def test_a_new_site_brings_its_meetings_from_modern_gov_with_its_own_task(new_site, tmp_path):
    """README.md's "Bring your past meetings from Modern.gov", through the site's own tasks.py."""
    site = shutil.copytree(new_site, tmp_path / "clone")
    readme = (site / "README.md").read_text(encoding="utf-8")
    assert "invoke import-moderngov --source https://democracy.example.gov.uk" in readme
    invoke = [sys.executable, "-m", "invoke"]
    with contextlib.contextmanager(serving)(MODERNGOV_FIXTURES) as moderngov:
        assert_ok(run([*invoke, "import-moderngov", "--source", moderngov.url, "--delay", "0"], site))
    assert (site / "content/meetings/planning-committee/2025-06-04/meeting.md").is_file()
    assert_ok(run([*invoke, "check"], site))
    assert_ok(run([*invoke, "build", "--output", "built"], site))
    assert (site / "built/committees/planning-committee/2025-06-04/index.html").is_file()
