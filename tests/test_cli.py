"""The commands clerks run: a mistake is reported as ``file:line: field: message``,
the exit status is 1, there is no traceback, and a built site is left as it was."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from minimal_tree import ITEM_1, ITEM_2, edit, write_tree

ROOT = Path(__file__).resolve().parent.parent
PLANTS = {
    "yaml-error": (ITEM_1, "title: Apologies for absence", "title: Apologies: none received",
                   f"{ITEM_1}:2: title: YAML syntax error: "),
    "unknown-field": (ITEM_2, "scrutiny: childrens-services", "scrutiny_aera: childrens-services",
                      f"{ITEM_2}:4: scrutiny_aera: unknown field 'scrutiny_aera': "
                      "did you mean 'scrutiny'?"),
}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)


def minutebook(*args: str) -> subprocess.CompletedProcess:
    return run(sys.executable, "-m", "minutebook", *args)


def fingerprint(folder: Path) -> dict[str, str]:
    """A hash of every file in ``folder``, by relative path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_reported(result: subprocess.CompletedProcess, line: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert line in result.stderr.splitlines()[0]
    assert "Traceback" not in result.stdout + result.stderr
    assert "Nothing was published." in result.stderr


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "content")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """A valid tree, built once by `minutebook build`; tests copy the output."""
    base = tmp_path_factory.mktemp("built")
    content = write_tree(base / "content")
    output = base / "output"
    result = minutebook("build", "--content", str(content), "--output", str(output))
    assert result.returncode == 0, result.stderr
    return content, output


def plant(content: Path, name: str) -> str:
    rel, old, new, line = PLANTS[name]
    edit(content, rel, old, new)
    return line


def test_check_passes_a_valid_tree(tree: Path) -> None:
    result = minutebook("check", str(tree))
    assert result.returncode == 0, result.stderr
    assert "Checked 1 meetings and 2 agenda items" in result.stdout
    assert "no mistakes found" in result.stdout


@pytest.mark.parametrize("name", PLANTS)
def test_check_reports_a_planted_mistake(tree: Path, name: str) -> None:
    line = plant(tree, name)
    assert_reported(minutebook("check", str(tree)), line)


def test_the_build_writes_the_site(built: tuple[Path, Path]) -> None:
    _, output = built
    assert (output / "index.html").is_file()
    assert any(p.name == "report-am.pdf" for p in output.rglob("*"))


def copies(built: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """Private copies of the valid tree and of the site built from it."""
    content, output = built
    return (Path(shutil.copytree(content, tmp_path / "content")),
            Path(shutil.copytree(output, tmp_path / "output")))


@pytest.mark.parametrize("name", PLANTS)
def test_a_failed_build_leaves_the_previous_site_untouched(
        built: tuple[Path, Path], tmp_path: Path, name: str) -> None:
    content, output = copies(built, tmp_path)
    before = fingerprint(output)
    line = plant(content, name)
    result = minutebook("build", "--content", str(content), "--output", str(output))
    assert_reported(result, line)
    assert "The previous site in the output folder was left as it was." in result.stderr
    assert fingerprint(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]  # no staging left


def test_a_failed_first_build_creates_no_output(tree: Path, tmp_path: Path) -> None:
    line = plant(tree, "unknown-field")
    output = tmp_path / "output"
    assert_reported(minutebook("build", "--content", str(tree), "--output", str(output)), line)
    assert not output.exists()


def test_plain_pelican_reports_the_mistake_and_leaves_the_site(
        built: tuple[Path, Path], tmp_path: Path) -> None:
    content, output = copies(built, tmp_path)
    before = fingerprint(output)
    line = plant(content, "yaml-error")
    result = run(sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py",
                 "-o", str(output))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert line in result.stderr.splitlines()[0], result.stderr
    assert fingerprint(output) == before


def test_invoke_check_passes_the_sample_content() -> None:
    result = run(sys.executable, "-m", "invoke", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no mistakes found" in result.stdout


@pytest.mark.parametrize("name", PLANTS)
def test_invoke_check_and_build_report_a_mistake(
        built: tuple[Path, Path], tmp_path: Path, name: str) -> None:
    content, output = copies(built, tmp_path)
    before = fingerprint(output)
    line = plant(content, name)
    for args in (("check", "--content", str(content)),
                 ("build", "--content", str(content), "--output", str(output))):
        result = run(sys.executable, "-m", "invoke", *args)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        assert line in result.stderr.splitlines()[0], result.stderr
    assert fingerprint(output) == before
