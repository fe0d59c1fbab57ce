"""Fresh every morning: the publish pipelines also run daily, and every build's "today"
is the day it runs (SOURCE_DATE_EPOCH), while two builds of one commit on one day
stay identical (docs/publishing.md, "Fresh every morning")."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from tests.test_publishing import ROOT, run_script

TEMPLATE = ROOT / "minutebook" / "commands" / "site_template"
GITHUB = [ROOT / ".github/workflows/publish.yml", TEMPLATE / "dot-github/workflows/publish.yml"]
GITLAB = [ROOT / ".gitlab-ci.yml", TEMPLATE / "dot-gitlab-ci.yml"]
STEP = "Set today's date for this build"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def start_of_today() -> int:
    london = ZoneInfo("Europe/London")
    today = dt.datetime.now(london).date()
    return int(dt.datetime.combine(today, dt.time(), london).timestamp())


def repository(folder: Path, committed: int) -> Path:
    """A git repository with one commit made at ``committed`` (seconds since 1970)."""
    folder.mkdir()
    env = {**os.environ, "GIT_AUTHOR_DATE": f"@{committed} +0000", "GIT_COMMITTER_DATE": f"@{committed} +0000",
           "GIT_AUTHOR_NAME": "Clerk", "GIT_AUTHOR_EMAIL": "clerk@example.org",
           "GIT_COMMITTER_NAME": "Clerk", "GIT_COMMITTER_EMAIL": "clerk@example.org"}
    (folder / "meeting.md").write_text("---\nstatus: scheduled\n---\n", encoding="utf-8")
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-q", "-m", "A meeting"]):
        subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True)
    return folder


def github_epoch(workflow: Path, repo: Path, tmp_path: Path) -> int:
    step = next(s for s in load(workflow)["jobs"]["build"]["steps"] if s.get("name") == STEP)
    env_file = tmp_path / f"github-env-{len(list(tmp_path.iterdir()))}"
    result = run_script([step["run"]], repo, {"GITHUB_ENV": str(env_file)})
    assert result.returncode == 0, result.stderr
    [line] = env_file.read_text(encoding="utf-8").splitlines()
    name, value = line.split("=")
    assert name == "SOURCE_DATE_EPOCH"
    return int(value)


def gitlab_epoch(pipeline: Path, repo: Path) -> int:
    script = load(pipeline)["pages"]["script"]
    setting = [line for line in script if "SOURCE_DATE_EPOCH" in line]
    first = script.index(setting[0])
    result = run_script(script[:first + 1] + ['echo "$SOURCE_DATE_EPOCH"'], repo, {})
    assert result.returncode == 0, result.stderr
    return int(result.stdout.strip())


@pytest.mark.parametrize("workflow", GITHUB, ids=["repository", "site-template"])
def test_github_publishes_every_morning_too(workflow):
    triggers = load(workflow).get("on", load(workflow).get(True))
    assert triggers["push"]["branches"] == ["main"]
    [schedule] = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*") and hour.isdigit() and minute.isdigit(), "once a day"
    steps = load(workflow)["jobs"]["build"]["steps"]
    names = [s.get("name") or s.get("run") or s.get("uses") for s in steps]
    assert names.index(STEP) < names.index("Check the content"), "the check and the build use the same today"


@pytest.mark.parametrize("pipeline", GITLAB, ids=["repository", "site-template"])
def test_gitlab_sets_today_before_checking(pipeline):
    script = load(pipeline)["pages"]["script"]
    setting = next(i for i, line in enumerate(script) if "SOURCE_DATE_EPOCH" in line)
    assert setting < script.index("python -m minutebook check content")


@pytest.mark.parametrize("how", ["github", "gitlab"])
def test_today_is_the_day_of_the_run_after_an_old_commit(tmp_path, how):
    repo = repository(tmp_path / "repo", committed=start_of_today() - 40 * 86400)
    epoch = github_epoch(GITHUB[0], repo, tmp_path) if how == "github" else gitlab_epoch(GITLAB[0], repo)
    assert epoch == start_of_today(), "the start of today in London, whatever the time of the run"
    again = github_epoch(GITHUB[0], repo, tmp_path) if how == "github" else gitlab_epoch(GITLAB[0], repo)
    assert again == epoch, "two builds of one commit on one day get the same date"


@pytest.mark.parametrize("how", ["github", "gitlab"])
def test_a_commit_made_today_keeps_its_own_time(tmp_path, how):
    committed = start_of_today() + 3600
    repo = repository(tmp_path / "repo", committed=committed)
    epoch = github_epoch(GITHUB[1], repo, tmp_path) if how == "github" else gitlab_epoch(GITLAB[1], repo)
    assert epoch == committed


def test_the_pipelines_and_the_template_set_today_the_same_way():
    def github_step(path: Path) -> str:
        return next(s for s in load(path)["jobs"]["build"]["steps"] if s.get("name") == STEP)["run"]

    def gitlab_lines(path: Path) -> list[str]:
        script = load(path)["pages"]["script"]
        return script[:script.index("python -m minutebook check content")]

    assert github_step(GITHUB[0]) == github_step(GITHUB[1])
    assert gitlab_lines(GITLAB[0]) == gitlab_lines(GITLAB[1])
