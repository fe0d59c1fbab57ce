"""Publishing: the pre-commit hook stops a commit with a content mistake, and the
GitHub and GitLab pipelines check the content, then build and publish the site
(docs/publishing.md)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED_ITEM = "content/meetings/executive/2024-03-05/08-exploitation-annual-update.md"
PAGES_URL = "https://council.example.gitlab.io/minutes"


def load(rel: str) -> dict:
    return yaml.safe_load((ROOT / rel).read_text(encoding="utf-8"))


def hooks() -> dict[str, dict]:
    """The pre-commit hooks, by id."""
    return {hook["id"]: hook for repo in load(".pre-commit-config.yaml")["repos"] for hook in repo["hooks"]}


def site_copy(base: Path) -> Path:
    """What a fresh clone needs to check and build: content, settings and theme."""
    for rel in ("content", "themes"):
        shutil.copytree(ROOT / rel, base / rel)
    for rel in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / rel, base / rel)
    return base


def run_command(command: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a command line as a hook or pipeline would, with this test's Python as ``python``."""
    bindir = Path(sys.executable).parent
    environ = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}", **(env or {})}
    argv = shlex.split(command)
    if argv[0] == "python":
        argv[0] = sys.executable
    return subprocess.run(argv, cwd=cwd, env=environ, capture_output=True, text=True, timeout=300)


def run_script(lines: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run a pipeline's shell lines in one bash, stopping at the first that fails."""
    bindir = Path(sys.executable).parent
    script = f'set -eu\nexport PATH="{bindir}:$PATH"\n' + "\n".join(lines)
    inherited = {k: v for k, v in os.environ.items() if k != "MINUTEBOOK_SITEURL"}  # as on a fresh runner
    return subprocess.run(["bash", "-c", script], cwd=cwd, env={**inherited, **env},
                          capture_output=True, text=True, timeout=300)


# ---- pre-commit ---------------------------------------------------------------------------


def test_pre_commit_runs_the_content_check_whenever_content_changes() -> None:
    hook = hooks()["minutebook-check"]
    assert hook["entry"] == "python -m minutebook check content"
    assert hook["language"] == "system"  # no network, no environment of its own
    assert hook["pass_filenames"] is False  # the whole tree is checked: references cross files
    files = re.compile(hook["files"])
    assert files.search(SEED_ITEM) and files.search("content/committees.yaml")
    assert not files.search("README.md") and not files.search("minutebook/commands/cli.py")
    assert all(repo["repo"] == "local" for repo in load(".pre-commit-config.yaml")["repos"])


def test_pre_commit_hook_stops_a_commit_with_a_mistake_and_names_file_line_and_field(tmp_path: Path) -> None:
    entry = hooks()["minutebook-check"]["entry"]
    shutil.copytree(ROOT / "content", tmp_path / "content")
    clean = run_command(entry, tmp_path)
    assert clean.returncode == 0, clean.stderr
    assert "no mistakes found" in clean.stdout

    item = tmp_path / SEED_ITEM
    text = item.read_text(encoding="utf-8")
    assert "\nscrutiny: childrens-services\n" in text
    item.write_text(text.replace("\nscrutiny: childrens-services\n", "\nscrutiny_aera: childrens-services\n"),
                    encoding="utf-8")
    line = text.splitlines().index("scrutiny: childrens-services") + 1
    broken = run_command(entry, tmp_path)
    assert broken.returncode != 0  # pre-commit refuses the commit
    assert f"{SEED_ITEM}:{line}: scrutiny_aera: unknown field 'scrutiny_aera'" in broken.stderr
    assert "did you mean 'scrutiny'?" in broken.stderr
    assert "Traceback" not in broken.stdout + broken.stderr


def test_pre_commit_ruff_hook_catches_a_python_mistake(tmp_path: Path) -> None:
    hook = hooks()["ruff"]
    assert hook["language"] == "system" and hook["types"] == ["python"]
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\n", encoding="utf-8")
    (tmp_path / "good.py").write_text("import os\n\nprint(os.sep)\n", encoding="utf-8")
    (tmp_path / "bad.py").write_text("import os\n", encoding="utf-8")
    # pre-commit passes the changed Python files after the entry
    assert run_command(f"{hook['entry']} good.py", tmp_path).returncode == 0
    bad = run_command(f"{hook['entry']} bad.py", tmp_path)
    assert bad.returncode != 0
    assert "F401" in bad.stdout and "bad.py:1:8" in bad.stdout  # unused import, named by file and line


# ---- GitHub Pages ---------------------------------------------------------------------------


def actionlint() -> str:
    """The actionlint installed by the test extra (beside this Python), or on PATH."""
    beside = Path(sysconfig.get_path("scripts")) / "actionlint"
    found = str(beside) if beside.exists() else shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint is missing: pip install -e '.[test]' installs it")
    return found


def test_github_workflows_pass_actionlint() -> None:
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert [w.name for w in workflows] == ["check.yml", "publish.yml"]
    result = subprocess.run([actionlint(), "-no-color", *map(str, workflows)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def steps(job: dict) -> list[dict]:
    return job["steps"]


def uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(job) if "uses" in step]


def test_github_publishes_main_to_pages_after_checking_with_full_history() -> None:
    workflow = load(".github/workflows/publish.yml")
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"] == "pages"

    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    checkout = next(step for step in steps(build) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # change histories and SOURCE_DATE_EPOCH need every commit
    python = next(step for step in steps(build) if step.get("uses", "").startswith("actions/setup-python@"))
    assert str(python["with"]["python-version"]) == "3.11"
    runs = [step.get("run", "") for step in steps(build)]
    check = runs.index("python -m minutebook check content")
    publish = runs.index("python -m minutebook build --settings publishconf.py")
    assert runs.index("pip install -e .") < check < publish
    # the built site's links are checked before it is uploaded, at the address it was built for
    links = runs.index('python -m minutebook linkcheck output --siteurl "$MINUTEBOOK_SITEURL"')
    assert publish < links < runs.index("python -m minutebook check-urls output") < len(runs) - 1
    assert steps(build)[links]["env"] == steps(build)[publish]["env"]
    assert uses(build)[-1] == "actions/upload-pages-artifact"
    assert steps(build)[-1]["with"]["path"].rstrip("/") == "output"
    assert "actions/configure-pages" in uses(build)
    assert deploy["needs"] == "build" and uses(deploy) == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"


def test_github_pull_requests_are_checked_and_never_published() -> None:
    workflow = load(".github/workflows/check.yml")
    assert set(workflow.get("on", workflow.get(True))) == {"pull_request"}
    job = workflow["jobs"]["check"]
    runs = [step.get("run") for step in steps(job)]
    assert "python -m minutebook check content" in runs
    assert runs.index("python -m minutebook build --settings publishconf.py") < runs.index(
        'python -m minutebook linkcheck output --siteurl "$MINUTEBOOK_SITEURL"') < runs.index(
        "python -m minutebook check-urls output")
    assert not {"actions/upload-pages-artifact", "actions/deploy-pages"} & set(uses(job))
    assert "pages" not in workflow.get("permissions", {})


# A site the checks must refuse: each plants one link in the built home page.
BAD_LINKS = {
    "a broken internal link": ('<a href="no-such-page/index.html">Minutes</a>',
                               "no such file: no-such-page/index.html"),
    "a javascript: link": ('<a href="javascript:alert(document.cookie)">Minutes</a>',
                           "'javascript:' links are not allowed"),
}


def plant(site: Path, link: str) -> None:
    home = site / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("</main>", f"<p>{link}</p></main>", 1),
                    encoding="utf-8")


def run_github_build(repo: Path, bad_link: str | None = None) -> tuple[str | None, str]:
    """The publish workflow's commands, in order, as the runner runs them (in bash),
    planting ``bad_link`` once the site is built. Returns the first command
    that failed (None if all passed) and its output."""
    build = load(".github/workflows/publish.yml")["jobs"]["build"]
    env = {"MINUTEBOOK_SITEURL": "https://council.github.io/minutes"}
    for step in steps(build):
        if "run" in step and not step["run"].startswith("pip install"):
            result = run_script([step["run"]], repo, env)
            if result.returncode != 0:
                return step["run"], result.stdout + result.stderr
            if step["run"].startswith("python -m minutebook build") and bad_link:
                plant(repo / "output", bad_link)
    return None, ""


def test_github_workflow_steps_build_the_site_that_is_uploaded(tmp_path: Path) -> None:
    """The workflow's own commands, run in order on a fresh copy, leave the site in the uploaded folder."""
    build = load(".github/workflows/publish.yml")["jobs"]["build"]
    repo = site_copy(tmp_path)
    failed, said = run_github_build(repo)
    assert failed is None, f"{failed}: {said}"
    uploaded = repo / steps(build)[-1]["with"]["path"]
    assert (uploaded / "index.html").is_file()
    assert "<loc>https://council.github.io/minutes/</loc>" in (uploaded / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", BAD_LINKS)
def test_github_never_uploads_a_site_whose_links_fail_the_checks(tmp_path: Path, bad: str) -> None:
    link, says = BAD_LINKS[bad]
    failed, said = run_github_build(site_copy(tmp_path), link)
    assert failed is not None, "the site was uploaded"  # upload-pages-artifact is the step after the checks
    assert failed.startswith(("python -m minutebook linkcheck", "python -m minutebook check-urls"))
    assert says in said and "index.html" in said


# ---- GitLab Pages ---------------------------------------------------------------------------


def test_gitlab_pages_job_checks_then_publishes_public_from_the_default_branch_only() -> None:
    pipeline = load(".gitlab-ci.yml")
    assert pipeline["image"] == "python:3.11"
    assert str(pipeline["variables"]["GIT_DEPTH"]) == "0"
    assert pipeline["stages"].index("check") < pipeline["stages"].index(pipeline["pages"]["stage"])
    assert "python -m minutebook check content" in pipeline["check"]["script"]

    pages = pipeline["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    script = pages["script"]
    check = script.index("python -m minutebook check content")
    build = next(i for i, line in enumerate(script) if line.startswith("python -m minutebook build"))
    assert check < build
    assert "--settings publishconf.py" in script[build] and "--output public" in script[build]
    links = script.index('python -m minutebook linkcheck public --siteurl "$MINUTEBOOK_SITEURL"')
    assert build < links < script.index("python -m minutebook check-urls public")


def test_gitlab_pages_script_publishes_the_site_at_the_pages_address(tmp_path: Path) -> None:
    """The pages job's script, run on a fresh copy, leaves the site in public/ with GitLab's address."""
    pipeline = load(".gitlab-ci.yml")
    repo = site_copy(tmp_path)
    result = run_script(pipeline["pages"]["script"], repo, {"CI_PAGES_URL": PAGES_URL})
    assert result.returncode == 0, result.stderr
    public = repo / "public"
    assert (public / "index.html").is_file()
    assert f"<loc>{PAGES_URL}/</loc>" in (public / "sitemap.xml").read_text(encoding="utf-8")
    assert not (repo / "output").exists()


def test_gitlab_pages_job_publishes_nothing_when_the_content_has_a_mistake(tmp_path: Path) -> None:
    pipeline = load(".gitlab-ci.yml")
    repo = site_copy(tmp_path)
    item = repo / SEED_ITEM
    item.write_text(item.read_text(encoding="utf-8").replace("\nminute: 75\n", "\nminute: seventy-five\n"),
                    encoding="utf-8")
    result = run_script(pipeline["pages"]["script"], repo, {"CI_PAGES_URL": PAGES_URL})
    assert result.returncode != 0
    assert f"{SEED_ITEM}:" in result.stderr and ": minute:" in result.stderr
    assert not (repo / "public").exists()


@pytest.mark.parametrize("bad", BAD_LINKS)
def test_gitlab_pages_job_fails_when_the_built_site_fails_the_link_checks(tmp_path: Path, bad: str) -> None:
    """GitLab publishes public/ only when the whole pages job succeeds."""
    link, says = BAD_LINKS[bad]
    script = load(".gitlab-ci.yml")["pages"]["script"]
    build = next(i for i, line in enumerate(script) if line.startswith("python -m minutebook build")) + 1
    repo = site_copy(tmp_path)
    built = run_script(script[:build], repo, {"CI_PAGES_URL": PAGES_URL})
    assert built.returncode == 0, built.stderr
    plant(repo / "public", link)
    # the rest of the job, with the address the first part exported
    result = run_script(script[build:], repo, {"MINUTEBOOK_SITEURL": PAGES_URL})
    assert result.returncode != 0
    assert says in result.stdout
