"""The check and the build agree: every input that would make the build fail
is a content mistake the check reports first, with its file, line and field,
and a build never calls a site "up to date" while the check would fail.

Each planted mistake below once passed the check and then stopped the build
with a Python error (a date in year 1, a list nested 200 levels deep, an old
address on top of the site's feed), or reached the pages (a NUL byte).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from minimal_tree import FILES, ITEM_1, ITEM_2, MEETING, Plant, all_of, edit, mistakes, replace, write_tree

from minutebook.content.errors import ContentErrors
from minutebook.content.source import SourceMistake, read_source
from minutebook.engine.pipeline import check_content

MEETING_MD = f"{MEETING}/meeting.md"


def move_meeting(folder: str) -> Plant:
    return lambda root: shutil.move(root / MEETING, root / "meetings/executive" / folder)


def nested(levels: int) -> str:
    """Resolutions nested ``levels`` deep: (1), then (a), then (i)..."""
    lines = ["resolutions:"]
    for level in range(levels - 1):
        pad = "  " * level
        lines += [f"{pad}  - text: part at level {level + 1}", f"{pad}    items:"]
    lines.append("  " * (levels - 1) + f"  - part at level {levels}")
    return "\n".join(lines) + "\n"


def write(rel: str, text: str) -> Plant:
    def plant(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(text.encode("utf-8", "surrogateescape"))  # \udce9: the byte 0xE9
    return plant


def after_minute(text: str) -> Plant:
    return replace(ITEM_1, "minute: 70\n", "minute: 70\n" + text)


@dataclass
class Case:
    id: str
    plant: Plant
    file: str
    line: int
    field: str
    says: str


CASES = [
    # ---- dates a page, feed or calendar cannot show -----------------------------------
    Case("meeting-in-year-1", move_meeting("0001-01-01"), "meetings/executive/0001-01-01", 1,
         "date", "outside the dates Minute Book publishes, 1900-01-01 to 2199-12-31"),
    Case("meeting-in-year-9999", move_meeting("9999-12-31"), "meetings/executive/9999-12-31", 1,
         "date", "check the year in the folder's name"),
    Case("meeting-just-before-1900", move_meeting("1899-12-31"), "meetings/executive/1899-12-31",
         1, "date", "1900-01-01 to 2199-12-31"),
    Case("correction-in-year-1", after_minute("corrections:\n  - date: 0001-01-01\n    note: x\n"),
         ITEM_1, 5, "corrections[0].date", "'0001-01-01' is outside the dates"),
    Case("correction-in-2200", after_minute("corrections:\n  - note: x\n    date: 2200-01-01\n"),
         ITEM_1, 6, "corrections[0].date", "check the year"),
    # ---- numbers too large for the open data files -------------------------------------
    Case("minute-number-of-26-digits", replace(ITEM_1, "minute: 70", "minute: " + "9" * 26), ITEM_1, 3,
         "minute", "is too large: write a number up to 99999"),
    Case("vote-count-of-23-digits", replace(ITEM_2, "  - for: 5", "  - for: " + "9" * 23), ITEM_2, 15,
         "votes[0].for", "is too large: write a number up to 9999"),
    # ---- nesting -----------------------------------------------------------------------
    Case("resolutions-nested-7-levels", after_minute(nested(7)), ITEM_1, 17,
         "resolutions[0]" + ".items[0]" * 6, "nested more than 6 levels deep"),
    Case("recommendations-nested-7-levels", after_minute(nested(7).replace("resolutions",
         "recommendations")), ITEM_1, 17, "recommendations[0]" + ".items[0]" * 6,
         "move this part up a level"),
    Case("resolutions-nested-200-levels", after_minute(nested(200)), ITEM_1, 43, "resolutions",
         "nested more than 40 levels deep"),
    # ---- old addresses on top of the files the site makes -----------------------------
    Case("alias-on-the-feed", after_minute("aliases: feeds/all.atom.xml\n"), ITEM_1, 4, "aliases[0]",
         "'feeds/all.atom.xml', which is the Atom feed of all agendas and minutes"),
    Case("alias-on-the-sitemap", after_minute("aliases: [old/, /sitemap.xml]\n"), ITEM_1, 4,
         "aliases[1]", "the sitemap for search engines"),
    Case("alias-on-a-sitemap-part", after_minute("aliases: sitemap-12.xml\n"), ITEM_1, 4,
         "aliases[0]", "a part of the sitemap"),
    Case("alias-on-the-decisions-csv", after_minute("aliases:\n  - data/decisions.csv\n"), ITEM_1,
         5, "aliases[0]", "the open data register of decisions"),
    Case("alias-on-a-meetings-json", after_minute("aliases: data/meetings/executive/2024-03-05.json\n"),
         ITEM_1, 4, "aliases[0]", "the open data file of the meeting executive/2024-03-05"),
    Case("alias-on-a-committee-calendar", replace(MEETING_MD, "---\nNotes",
         "aliases: calendars/committees/executive.ics\n---\nNotes"), MEETING_MD, 16, "aliases[0]",
         "the calendar of Executive"),
    # the documents' check (``documents``) finds it first, at the document's entry
    Case("alias-on-a-document", after_minute("aliases: committees/executive/2024-03-05/report-am.pdf\n"),
         "meetings/executive/2024-03-05/02-exploitation-update.md", 10, "documents[0].file",
         "would be published at the address of the redirect page of the alias"),
    Case("alias-through-a-page-file", after_minute("aliases: people/index.html/old/\n"), ITEM_1, 4,
         "aliases[0]", "'people/index.html', which is the page 'People'"),
    Case("alias-through-another-alias", after_minute("aliases: [old.html, old.html/minutes/]\n"),
         ITEM_1, 4, "aliases[1]", "the old address 'old.html' in"),
    Case("alias-on-a-plain-page", all_of(after_minute("aliases: privacy-notice/\n"),
         write("pages/privacy.md", "Title: Privacy notice\n\nWhat we keep.\n")), ITEM_1, 4,
         "aliases[0]", "is the address of a page that exists"),
    Case("alias-on-the-home-page", after_minute("aliases: ['.']\n"), ITEM_1, 4, "aliases[0]",
         "is not an address on this site"),
    Case("alias-with-a-dot-folder", after_minute("aliases: [old/, committees/./executive/]\n"), ITEM_1, 4,
         "aliases[1]", "is not an address on this site"),
    # ---- control characters ------------------------------------------------------------
    Case("nul-in-minutes-text", replace(ITEM_1, "No apologies", "No\x00 apologies"), ITEM_1, 7,
         "text", "the control character U+0000 is not allowed"),
    Case("c1-in-minutes-text", replace(ITEM_2, "The report was", "The\x85report was"), ITEM_2, 28,
         "text", "U+0085"),
    Case("escape-in-meeting-notes", replace(MEETING_MD, "Notes about", "Notes\x1b[31m about"),
         MEETING_MD, 17, "text", "U+001B"),
    Case("nul-written-as-an-escape", replace(ITEM_1, "title: Apologies for absence",
         'title: "Apologies\\0for absence"'), ITEM_1, 2, "title", "written with a backslash"),
    Case("escape-in-a-registry", replace("people.yaml", "  ward: Little Horton",
         '  ward: "Little\\x1bHorton"'), "people.yaml", 4, "cllr-amina-rahman.ward", "remove it"),
    Case("nul-in-a-plain-page", write("pages/about.md", "Title: About\nSlug: about\n\nWho we\x00 are.\n"),
         "pages/about.md", 4, "", "the control character U+0000 is not allowed"),
    Case("plain-page-not-utf8", write("pages/about.md", "Title: About\n\nCaf\udce9.\n"), "pages/about.md", 3,
         "", "save it again choosing UTF-8"),
    Case("raw-c1-in-a-field", replace(ITEM_2, "phone: 01274 434361", "phone: 01274\x9b434361"),
         ITEM_2, 13, "phone", "U+009B"),
    Case("yaml-nested-50-levels", after_minute("report:" + "".join(
         f"\n{'  ' * i}- " for i in range(50)) + "x\n"), ITEM_1, 45, "report",
         "check the indentation"),
]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "content")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_mistake_the_build_would_trip_on_is_reported_exactly(tree: Path, case: Case) -> None:
    case.plant(tree)
    errors = mistakes(tree)
    assert len(errors) == 1, "\n".join(map(str, errors))
    assert (errors[0].path, errors[0].line, errors[0].field) == (case.file, case.line, case.field), str(errors[0])
    assert case.says in errors[0].message, str(errors[0])


@pytest.mark.parametrize("folder", ["1900-01-01", "2199-12-31"])
def test_the_first_and_last_dates_are_accepted(tree: Path, folder: str) -> None:
    move_meeting(folder)(tree)
    assert [m.date.isoformat() for m in check_content(tree).meetings] == [folder]


def test_six_levels_of_parts_are_accepted(tree: Path) -> None:
    after_minute(nested(6))(tree)
    item = check_content(tree).meetings[0].items[0]
    part = item.front.resolutions[0]
    for _ in range(5):
        part = part.items[0]
    assert part.text == "part at level 6"


# ---- control characters: the reader, for any of them anywhere ----------------------------

CONTROLS = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\r"]
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20)
MINUTES_LINE = 28  # of ITEM_2, "The report was noted."


@settings(max_examples=60, deadline=None)
@given(control=st.sampled_from(CONTROLS), before=WORDS, after=WORDS, extra_lines=st.integers(0, 3))
def test_a_control_character_in_the_text_is_refused_on_its_line(control, before, after, extra_lines) -> None:
    text = FILES[ITEM_2].replace("The report was noted.", "\n" * extra_lines + before + control + after)
    with pytest.raises(SourceMistake) as caught:
        read_source(Path(ITEM_2), ITEM_2, text.encode())
    error = caught.value.error
    assert (error.path, error.line, error.field) == (ITEM_2, MINUTES_LINE + extra_lines, "text")
    assert f"U+{ord(control):04X}" in error.message


@settings(max_examples=60, deadline=None)
@given(control=st.sampled_from(CONTROLS), words=WORDS)
def test_a_control_character_written_as_an_escape_is_refused_in_its_field(control, words) -> None:
    # a JSON string is a YAML double-quoted one
    quoted = json.dumps(words, ensure_ascii=False)[:-1] + f'\\u{ord(control):04x}"'
    text = FILES[ITEM_2].replace("    phone: 01274 434361", f"    phone: {quoted}")
    with pytest.raises(SourceMistake) as caught:
        read_source(Path(ITEM_2), ITEM_2, text.encode())
    error = caught.value.error
    assert (error.line, error.field) == (13, "contacts[0].phone")


@settings(max_examples=40, deadline=None)
@given(words=st.lists(WORDS.map(lambda w: w.replace("\\", "")), min_size=1, max_size=4),
       tab=st.booleans())
def test_text_without_control_characters_is_read_as_written(words, tab) -> None:
    written = ("\t" if tab else "").join(words)
    text = FILES[ITEM_2].replace("The report was noted.", written)
    source = read_source(Path(ITEM_2), ITEM_2, text.encode())
    assert source.body.endswith(written + "\n")


# ---- aliases: every file a build writes is known to the check --------------------------


def test_every_file_a_build_writes_is_known_to_the_alias_check(built_site: Path) -> None:
    from minutebook.site.redirects import RESERVED_PREFIXES, SITEMAP_PART, current_paths
    from tests.support import CONTENT

    _, files = current_paths(check_content(CONTENT))
    written = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()}
    unknown = {f for f in written
               if f not in files and not f.startswith(RESERVED_PREFIXES) and not SITEMAP_PART.fullmatch(f)}
    assert unknown == set()
    assert len(written & set(files)) > 100


def test_old_addresses_of_other_systems_are_accepted(tree: Path) -> None:
    after_minute("aliases: [mgIssueHistoryHome.aspx, minutes/2019/item-4.html, feeds/old.atom.xml]\n")(tree)
    item = check_content(tree).meetings[0].items[0]
    assert item.front.aliases == ["mgIssueHistoryHome.aspx/", "minutes/2019/item-4.html", "feeds/old.atom.xml/"]


# ---- a build never calls the site up to date while the check would fail ----------------

NO_SEARCH = {"MINUTEBOOK_SEARCH": False}
APRIL = "meetings/executive/2024-04-09"


def outcome_of_check(content: Path) -> list[str] | None:
    """The mistakes the check reports, or None when it finds none."""
    try:
        check_content(content)
    except ContentErrors as exc:
        return [str(e) for e in exc.errors]
    return None


def outcome_of_build(content: Path, output: Path) -> list[str] | None:
    from minutebook.engine import spare
    from minutebook.engine.build import build_site
    from tests.support import SETTINGS

    try:
        build_site(SETTINGS, content, output, NO_SEARCH)
    except ContentErrors as exc:
        return [str(e) for e in exc.errors]
    spare.settle(output)  # the background work of a build that succeeded
    return None


def link_to_a_copy(content: Path) -> None:
    """A meeting folder that is a symbolic link to a valid meeting kept elsewhere."""
    elsewhere = content.parent / "elsewhere"
    shutil.copytree(content / MEETING, elsewhere)
    for name, minute in (("01-apologies.md", "70"), ("02-exploitation-update.md", "71")):
        edit(elsewhere.parent, f"elsewhere/{name}", f"minute: {minute}", f"minute: {int(minute) + 10}")
    (content / APRIL).symlink_to(elsewhere, target_is_directory=True)


CHANGES = {
    "an empty meeting folder": lambda content: (content / APRIL).mkdir(),
    "a symbolic link to a meeting folder": link_to_a_copy,
    "a link to nothing as an item": lambda content: (content / MEETING / "03-gone.md").symlink_to(
        content / "nowhere.md"),
    "a meeting folder replaced by a link to itself elsewhere": lambda content: (
        shutil.move(content / MEETING, content.parent / "moved"), (content / MEETING).symlink_to(
            content.parent / "moved", target_is_directory=True)),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_rebuild_after_a_change_to_the_folders_agrees_with_the_check(tmp_path: Path, change: str) -> None:
    content = write_tree(tmp_path / "content")
    output = tmp_path / "site" / "output"
    assert outcome_of_build(content, output) is None
    CHANGES[change](content)
    checked = outcome_of_check(content)
    built = outcome_of_build(content, output)
    assert built == checked
    if change in ("an empty meeting folder", "a link to nothing as an item"):
        assert built is not None  # refused whether or not the loader follows links
    if built is None and change == "a symbolic link to a meeting folder":  # links followed: published
        assert (output / "committees/executive/2024-04-09/index.html").is_file()


@settings(max_examples=60, deadline=None)
@given(where=st.sampled_from(["", "meetings", "meetings/executive", MEETING, "pages"]),
       name=st.from_regex(r"[a-z0-9][a-z0-9.-]{0,11}", fullmatch=True),
       kind=st.sampled_from(["folder", "link to a folder", "link to a file", "link to nothing"]))
def test_anything_added_to_the_content_changes_what_a_build_compares(tmp_path_factory, where, name, kind) -> None:
    from minutebook.engine.incremental import content_stats

    content = write_tree(tmp_path_factory.mktemp("tree") / "content")
    (content / "pages").mkdir()
    before = content_stats(content)
    added = content / where / name
    if added.exists():
        return
    if kind == "folder":
        added.mkdir()
    elif kind == "link to a folder":
        added.symlink_to(content / MEETING, target_is_directory=True)
    else:
        added.symlink_to(content / (ITEM_1 if kind == "link to a file" else "nothing"))
    after = content_stats(content)
    assert after != before
    assert set(before) < set(after)
    assert all(after[rel] == stat for rel, stat in before.items())


# ---- any of these inputs: the check passes if and only if the build succeeds ------------

EXTREMES = [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1899, 12, 31), dt.date(1900, 1, 1),
            dt.date(2199, 12, 31), dt.date(2200, 1, 1)]
DATES = st.one_of(st.sampled_from(EXTREMES), st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)), st.dates())
MISTAKE_LINE = re.compile(r"^\S+:\d+: ")


@functools.cache
def written_by_a_build() -> tuple[str, ...]:
    """Every file a build of the minimal tree writes, for aliases to land on."""
    from minutebook.engine import spare
    from minutebook.engine.build import build_site
    from tests.support import SETTINGS

    work = Path(tempfile.mkdtemp(prefix="minutebook-agree-"))
    output = build_site(SETTINGS, write_tree(work / "content"), work / "output", NO_SEARCH)
    spare.settle(output)
    return tuple(sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()))


def alias_near(path: str, form: int) -> str:
    """The file itself, a folder inside it, the folder holding it, or an old address beside it."""
    return [path, f"{path}/old/", path.rpartition("/")[0] + "/", f"old/{path}"][form]


def run_command(command: Callable[[], int | Path | None]) -> tuple[bool, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        result = command()
    return result not in (None, 1), err.getvalue()


def mistakes_in(report: str) -> list[str]:
    return [line for line in report.splitlines() if MISTAKE_LINE.match(line)]


VARIATIONS = ["date", "nesting", "control character", "alias", "correction", "minute", "votes"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), varied=st.sets(st.sampled_from(VARIATIONS), max_size=2))
def test_the_check_passes_if_and_only_if_the_build_succeeds(tmp_path_factory, data, varied) -> None:
    from minutebook.commands import cli
    from minutebook.engine import spare
    from tests.support import SETTINGS

    content = write_tree(tmp_path_factory.mktemp("agree") / "content")
    date = data.draw(DATES, label="date") if "date" in varied else dt.date(2024, 3, 5)
    if "nesting" in varied:
        after_minute(nested(data.draw(st.one_of(st.integers(1, 8), st.integers(150, 250)), label="levels")))(content)
    if "control character" in varied:
        plant_control(content, data.draw(st.sampled_from(CONTROLS)), data.draw(st.sampled_from(["text", "title"])))
    if "alias" in varied:
        alias = alias_near(data.draw(st.sampled_from(written_by_a_build())), data.draw(st.integers(0, 3)))
        after_minute(f"aliases: ['{alias}']\n")(content)
    if "correction" in varied:
        after_minute(f"corrections:\n  - date: {data.draw(DATES).isoformat()}\n    note: corrected\n")(content)
    if "minute" in varied:
        replace(ITEM_1, "minute: 70", f"minute: {data.draw(st.integers(1, 10**30))}")(content)
    if "votes" in varied:
        replace(ITEM_2, "  - for: 5", f"  - for: {data.draw(st.integers(1, 10**30))}")(content)
    move_meeting(date.isoformat())(content)

    checked, check_report = run_command(lambda: cli.check(content))
    output = content.parent / "site" / "output"
    built, build_report = run_command(lambda: cli._build_or_report(SETTINGS, content, output))
    event("built" if built else "refused")
    assert checked == built, (check_report, build_report)
    if built:
        spare.settle(output)
        assert (output / "committees/executive" / date.isoformat() / "index.html").is_file()
        pages = "".join(page.read_text(encoding="utf-8") for page in output.rglob("*.html") if page.is_file())
        assert not any(control in pages for control in CONTROLS)
    else:
        assert "Traceback" not in build_report and "The build stopped" not in build_report, build_report
        assert mistakes_in(build_report) == mistakes_in(check_report) != [], (check_report, build_report)


def plant_control(content: Path, control: str, where: str) -> None:
    """A control character typed into the text, or written as an escape in the title."""
    if where == "text":
        edit(content, ITEM_1, "No apologies", f"No{control} apologies")
    else:
        edit(content, ITEM_1, "title: Apologies for absence", f"title: {json.dumps('Apologies' + control)}")


def test_a_file_made_unreadable_changes_what_a_build_compares(tree: Path) -> None:
    from minutebook.engine.incremental import content_stats

    before = content_stats(tree)
    (tree / ITEM_1).chmod(0)
    try:
        after = content_stats(tree)
    finally:
        (tree / ITEM_1).chmod(0o644)
    assert after != before and f"{ITEM_1}/" in after


def test_a_folder_that_cannot_be_listed_does_not_stop_the_build_before_the_check(
        tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from minutebook.engine import incremental

    real = os.scandir

    def refuse(path):
        if str(path).endswith(MEETING):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(incremental.os, "scandir", refuse)
    stats = incremental.content_stats(tree)
    assert stats[f"{MEETING}/"] == (incremental.UNREADABLE, 0)
    assert not any(rel.startswith(f"{MEETING}/") and rel != f"{MEETING}/" for rel in stats)
