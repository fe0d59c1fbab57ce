"""``minutebook init DIR``: a new site repository for one council, after
``pelican-quickstart`` and ``mkdocs new``.

It writes the registries and one example meeting, pelicanconf.py and
publishconf.py, tasks.py, the GitHub and GitLab pipelines, the pre-commit
configuration, a README for the clerks and requirements.txt pinning this
version of Minute Book. The theme is not copied: pelicanconf.py points at the
one installed with the package. It writes only into a new or empty folder.

The files are rendered from ``site_template/``: a name ending ``.j2`` is a
Jinja template, ``dot-`` at the start of a name stands for ``.`` (package data
keeps no hidden files) and ``__meeting_date__`` is the example meeting's date.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

import jinja2

from minutebook.content.sanitise import address_problem, web_address_problem

TEMPLATE_FOLDER = "site_template"
TEMPLATE_SUFFIX = ".j2"
DOT_PREFIX = "dot-"
MEETING_DATE = "__meeting_date__"
EXAMPLE_MEETING_BEFORE = dt.timedelta(days=7)  # it has draft minutes, so it has taken place


class InitRefused(Exception):
    """Why nothing was written, in words for the clerk."""


@dataclasses.dataclass(frozen=True)
class Facts:
    """What the new site says about its council."""

    council: str
    sitename: str
    siteurl: str
    contact_name: str
    contact_email: str
    contact_phone: str = ""


PLACEHOLDERS = Facts(
    council="Example Borough Council",
    sitename="Committee meetings",
    siteurl="https://minutes.example.gov.uk",
    contact_name="Democratic Services",
    contact_email="democratic.services@example.gov.uk",
)

# (fact, question asked on a terminal, command-line option)
QUESTIONS = (
    ("council", "The council's name", "--council"),
    ("sitename", "The site's name, shown beside the council's", "--sitename"),
    ("siteurl", "The site's public address", "--siteurl"),
    ("contact_name", "Who the public should contact", "--contact-name"),
    ("contact_email", "Their email address", "--contact-email"),
    ("contact_phone", "Their phone number, if any", "--contact-phone"),
)

Ask = Callable[[str, str], str]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="the new site's folder; it must be new or empty")
    for name, question, option in QUESTIONS:
        parser.add_argument(option, dest=name, default=None,
                            help=f"{question.lower()}; asked on a terminal if not given")
    parser.add_argument("--no-input", action="store_true",
                        help="ask nothing, even on a terminal: what is not given is a placeholder")


def run(args: argparse.Namespace) -> int:
    """The command: ask (on a terminal), write the site, say what to do next."""
    given = {name: getattr(args, name) for name, _, _ in QUESTIONS}
    terminal = sys.stdin is not None and sys.stdin.isatty()
    ask = ask_on_terminal if terminal and not args.no_input else None
    try:
        refuse_unless_empty(args.folder)
        facts, placeholders = gather_facts(given, ask)
        written = write_site(args.folder, facts, london_today())
    except InitRefused as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Wrote a new Minute Book site for {facts.council} into {args.folder}/:")
    print("\n".join(sorted(f"  {path.relative_to(args.folder).as_posix()}" for path in written)))
    if placeholders:
        print(placeholder_notice(placeholders, why_placeholders(asked=ask is not None, terminal=terminal)))
    print(f"Next: cd {args.folder} && pip install -r requirements.txt && invoke build\n"
          "The committee, people and meeting in content/ are examples to replace: README.md says how.")
    return 0


def refuse_unless_empty(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise InitRefused(f"{folder.resolve()} is a file, not a folder: nothing was written. Give a new folder's name.")
    if folder.is_dir() and any(folder.iterdir()):
        raise InitRefused(f"{folder.resolve()} already has files in it, and minutebook init never writes over "
                          "anything: nothing was written. Give a new folder's name, or empty this one.")


def gather_facts(given: dict[str, str | None], ask: Ask | None) -> tuple[Facts, list[str]]:
    """The facts given as options, else asked for (when there is a terminal),
    else placeholders; and the names of the facts left as placeholders."""
    values: dict[str, str] = {}
    placeholders = []
    for name, question, option in QUESTIONS:
        default = getattr(PLACEHOLDERS, name)
        value = given.get(name)
        if value is not None:
            _refuse_if_wrong(name, value.strip(), option)
        elif ask is not None:
            value = _ask_until_right(name, question, default, ask)
        if value is None or value.strip() == default:
            value = default
            placeholders += [name] if default else []
        values[name] = value.strip()
    return Facts(**values), placeholders


def fact_problem(name: str, value: str) -> str | None:
    """What is wrong with one answer, or None."""
    if name == "siteurl":
        return web_address_problem(value)
    if name == "contact_email" and address_problem(f"mailto:{value}"):
        return "is not an email address: write it whole, for example democratic.services@example.gov.uk"
    if name in ("council", "sitename", "contact_name", "contact_email") and not value:
        return "is empty"
    return None


def _refuse_if_wrong(name: str, value: str, option: str) -> None:
    problem = fact_problem(name, value)
    if problem:
        raise InitRefused(f"{option} '{value}' {problem}. Nothing was written.")


def _ask_until_right(name: str, question: str, default: str, ask: Ask) -> str:
    while True:
        try:
            answer = ask(question, default).strip() or default
        except (EOFError, KeyboardInterrupt):
            raise InitRefused("\nNo answer was given: nothing was written.") from None
        problem = fact_problem(name, answer)
        if not problem:
            return answer
        print(f"'{answer}' {problem}.", file=sys.stderr)


def ask_on_terminal(question: str, default: str) -> str:
    shown = f" [{default}]" if default else ""
    return input(f"{question}{shown}: ")


def why_placeholders(asked: bool, terminal: bool) -> str:
    if asked:
        return "These answers were left as"
    if terminal:
        return "You asked not to be asked (--no-input), so these are"
    return "There was no terminal to ask on, so these are"


def placeholder_notice(placeholders: list[str], why: str) -> str:
    """``why`` these are placeholders, then each with the option that sets it."""
    options = {name: option for name, _, option in QUESTIONS}
    listed = "\n".join(f"  {options[name]} {getattr(PLACEHOLDERS, name)!r}" for name in placeholders)
    return (f"{why} placeholders:\n{listed}\n"
            "Change them in pelicanconf.py, publishconf.py and content/ before the site goes public, "
            "or start again with the options above.")


def london_today() -> dt.date:
    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def minutebook_version() -> str:
    try:
        return metadata.version("minutebook")
    except metadata.PackageNotFoundError:
        raise InitRefused("Minute Book is not installed (pip install minutebook), so the new site "
                          "cannot say which version it is built with: nothing was written.") from None


def write_site(folder: Path, facts: Facts, today: dt.date) -> list[Path]:
    """Write the new site into ``folder`` (new or empty) and return its files."""
    refuse_unless_empty(folder)
    context = {**dataclasses.asdict(facts), "version": minutebook_version(), "today": today.isoformat()}
    meeting_date = (today - EXAMPLE_MEETING_BEFORE).isoformat()
    env = _environment()
    written = []
    for relative, source in template_files(resources.files(__package__) / TEMPLATE_FOLDER):
        target = folder.joinpath(*target_parts(relative, meeting_date))
        target.parent.mkdir(parents=True, exist_ok=True)
        if relative.name.endswith(TEMPLATE_SUFFIX):
            target.write_text(env.from_string(source.read_text("utf-8")).render(context), encoding="utf-8")
        else:
            target.write_bytes(source.read_bytes())
        written.append(target)
    return written


def _environment() -> jinja2.Environment:
    """Jinja for configuration files: nothing escaped as HTML; ``py`` and
    ``yaml`` write a value as a quoted string literal (JSON's is valid in both)."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    env.filters["py"] = env.filters["yaml"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    return env


def template_files(root: Traversable, relative: PurePosixPath | None = None) -> Iterator[
        tuple[PurePosixPath, Traversable]]:
    """Every file under ``root``, with its path relative to it."""
    relative = relative or PurePosixPath()
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            yield from template_files(entry, relative / entry.name)
        else:
            yield relative / entry.name, entry


def target_parts(relative: PurePosixPath, meeting_date: str) -> list[str]:
    """``dot-github/workflows/check.yml`` -> ``.github/workflows/check.yml``, and so on."""
    parts = []
    for part in relative.parts:
        part = "." + part.removeprefix(DOT_PREFIX) if part.startswith(DOT_PREFIX) else part
        parts.append(part.replace(MEETING_DATE, meeting_date))
    parts[-1] = parts[-1].removesuffix(TEMPLATE_SUFFIX)
    return parts
