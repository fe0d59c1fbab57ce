"""Safe to publish: no symbolic link is ever followed, and no document can
replace a page, run script on the site, or be published while exempt.

Each case starts from the small valid tree in ``minimal_tree``, plants one
unsafe thing with a canary string behind it, and checks what a clerk sees:
the check reports it as ``file:line: field: message``, the build fails, the
site built before is left byte for byte as it was, and the canary is in no
output file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from minimal_tree import ITEM_1, ITEM_2, MEETING, Plant, all_of, edit, mistakes, write_tree

from minutebook.content import urls
from minutebook.content.errors import ContentErrors
from minutebook.content.nofollow import read_inside
from minutebook.engine import ahead, incremental
from minutebook.engine.build import build_site
from minutebook.engine.pipeline import check_content
from minutebook.site.redirects import current_paths
from tests.support import SETTINGS

CANARY = "CANARY-SECRET-ZQ7"  # never in real text: a hit is a leak
MEETING_MD = f"{MEETING}/meeting.md"
NO_SEARCH = {"MINUTEBOOK_SEARCH": False}  # the index is Pagefind's reading of the pages: slow, and beside the point



def outside(root: Path) -> Path:
    """A folder beside the content, standing for the rest of the build machine."""
    folder = root.parent / "outside"
    folder.mkdir(exist_ok=True)
    return folder


def secret(root: Path, name: str = "secret.pdf") -> Path:
    path = outside(root) / name
    path.write_text(f"{CANARY}\n")
    return path


def link(rel: str, target: Callable[[Path], Path | str]) -> Plant:
    """Put a symbolic link at ``rel`` (replacing what is there) to ``target``."""
    def plant(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        pointed = target(root)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        os.symlink(pointed, path)
    return plant


def moved_out(rel: str, canary_in: str) -> Plant:
    """Move ``rel`` (a file or folder) outside the content with a canary
    written into ``canary_in`` (a file under it), and link it back."""
    def plant(root: Path) -> None:
        with (root / canary_in).open("a", encoding="utf-8") as file:
            file.write(f"\n{CANARY}\n" if canary_in.endswith(".md") else f"  title: {CANARY}\n")
        target = outside(root) / Path(rel).name
        shutil.move(root / rel, target)
        os.symlink(target, root / rel)
    return plant


def document(name: str, data: bytes = f"%PDF-1.4 {CANARY}\n".encode()) -> Plant:
    """The meeting's document (meeting.md line 15) renamed to ``name``, with that file."""
    def plant(root: Path) -> None:
        edit(root, MEETING_MD, "file: agenda.pdf", f"file: {name}")
        path = root / MEETING / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return plant


def canary_in_agenda(root: Path) -> None:
    (root / MEETING / "agenda.pdf").write_bytes(f"%PDF-1.4 {CANARY}\n".encode())


def page(root: Path) -> None:
    (root / "pages").mkdir(exist_ok=True)
    (root / "pages/about.md").write_text("Title: About\nSlug: about\n\nAbout this site.\n")


# ITEM_2's documents end on line 10: an entry added after it has its file: on line 12
EXEMPT_APPENDIX = ("    file: report-am.pdf\n",
                   "    file: report-am.pdf\n  - title: Appendix (not for publication)\n"
                   "    file: agenda.pdf\n    exempt: 3\n")


@dataclass
class Case:
    id: str
    plant: Plant
    file: str
    line: int
    field: str
    says: str  # a key phrase of the message


LINK = "is a symbolic link"
CASES = [
    # ---- symbolic links -------------------------------------------------------------------
    Case("document-linked-to-a-secret", link(f"{MEETING}/agenda.pdf", secret),
         MEETING_MD, 15, "documents[0].file", f"'agenda.pdf' {LINK}"),
    Case("document-linked-to-the-environment", link(f"{MEETING}/agenda.pdf", lambda r: "/proc/self/environ"),
         MEETING_MD, 15, "documents[0].file", f"'agenda.pdf' {LINK}"),
    Case("document-linked-to-nothing", link(f"{MEETING}/agenda.pdf", lambda r: "/no/such/file"),
         MEETING_MD, 15, "documents[0].file", f"'agenda.pdf' {LINK}"),
    Case("document-in-a-linked-folder", all_of(document("papers/agenda.pdf"),
                                               lambda r: shutil.rmtree(r / MEETING / "papers"),
                                               link(f"{MEETING}/papers", lambda r: secret(r).parent)),
         MEETING_MD, 15, "documents[0].file", f"'papers' {LINK}"),
    Case("document-by-absolute-path", lambda r: edit(r, MEETING_MD, "file: agenda.pdf", f"file: {secret(r)}"),
         MEETING_MD, 15, "documents[0].file", "must be a file inside the meeting folder"),
    Case("document-outside-the-folder", all_of(secret, lambda r: edit(
        r, MEETING_MD, "file: agenda.pdf", "file: ../../../../outside/secret.pdf")),
         MEETING_MD, 15, "documents[0].file", "must be a file inside the meeting folder"),
    Case("meeting-folder-linked", moved_out(MEETING, ITEM_2), MEETING, 1, "", LINK),
    Case("committee-folder-linked", moved_out("meetings/executive", ITEM_2),
         "meetings/executive", 1, "", LINK),
    Case("meetings-folder-linked", moved_out("meetings", ITEM_2), "meetings", 1, "", LINK),
    Case("meeting-file-linked", moved_out(MEETING_MD, MEETING_MD), MEETING_MD, 1, "", LINK),
    Case("item-file-linked", moved_out(ITEM_2, ITEM_2), ITEM_2, 1, "", LINK),
    Case("registry-linked", moved_out("people.yaml", "people.yaml"), "people.yaml", 1, "", LINK),
    Case("optional-registry-linked", moved_out("subjects.yaml", "subjects.yaml"), "subjects.yaml", 1, "", LINK),
    Case("page-linked", all_of(page, moved_out("pages/about.md", "pages/about.md")),
         "pages/about.md", 1, "", LINK),
    Case("pages-folder-linked", all_of(page, moved_out("pages", "pages/about.md")), "pages", 1, "", LINK),
    # ---- names the site writes itself -----------------------------------------------------------
    Case("document-named-index-html", document("index.html", f"<p>{CANARY}</p>".encode()),
         MEETING_MD, 15, "documents[0].file", "the meeting's page"),
    Case("document-named-as-an-item", document("exploitation-update"),
         MEETING_MD, 15, "documents[0].file", "the page of item 2 (exploitation-update/)"),
    Case("document-named-as-an-item-in-capitals", document("Exploitation-Update"),
         MEETING_MD, 15, "documents[0].file", "the page of item 2"),
    Case("document-in-an-items-folder", document("apologies/index.html"),
         MEETING_MD, 15, "documents[0].file", "the page of item 1 (apologies/)"),
    Case("document-at-an-alias", all_of(canary_in_agenda, lambda r: edit(
        r, ITEM_1, "minute: 70\n", "minute: 70\naliases: committees/executive/2024-03-05/agenda.pdf\n")),
         MEETING_MD, 15, "documents[0].file", f"the alias 'committees/executive/2024-03-05/agenda.pdf/' ({ITEM_1}:4)"),
    # ---- types that would run on the site ---------------------------------------------------
    Case("html-document", document("agenda.html", f"<script>{CANARY}</script>".encode()),
         MEETING_MD, 15, "documents[0].file", "is a web page (.html)"),
    Case("svg-document", document("site-plan.svg", f"<svg><script>{CANARY}</script></svg>".encode()),
         MEETING_MD, 15, "documents[0].file", "an SVG image"),
    Case("xml-document", document("data.XML"), MEETING_MD, 15, "documents[0].file", "an XML file"),
    Case("script-document", document("report.js"), MEETING_MD, 15, "documents[0].file", "a script"),
    Case("server-program-in-disguise", document("report.php.pdf"),
         MEETING_MD, 15, "documents[0].file", "a program that web servers run (.php)"),
    Case("hidden-file", document(".htaccess"), MEETING_MD, 15, "documents[0].file", "hidden file"),
    Case("an-exempt-items-own-file", all_of(
        lambda r: edit(r, ITEM_2, "minute: 71\n", "minute: 71\nexempt: 3\n"),
        lambda r: edit(r, ITEM_2, "The report was noted.", f"The price was {CANARY}."),
        lambda r: edit(r, MEETING_MD, "file: agenda.pdf", "file: 02-exploitation-update.md")),
         MEETING_MD, 15, "documents[0].file", "is a Markdown file"),
    # ---- exempt is a property of the file -------------------------------------------------
    Case("file-listed-open-and-exempt", all_of(canary_in_agenda, lambda r: edit(r, ITEM_2, *EXEMPT_APPENDIX)),
         MEETING_MD, 15, "documents[0].file", f"'agenda.pdf' is listed as exempt at {ITEM_2}:12"),
    Case("file-listed-open-in-other-capitals", all_of(
        lambda r: (r / MEETING / "agenda.pdf").rename(r / MEETING / "Agenda.pdf"),
        lambda r: edit(r, MEETING_MD, "file: agenda.pdf", "file: Agenda.pdf"),
        lambda r: (r / MEETING / "agenda.pdf").write_bytes(f"%PDF-1.4 {CANARY}".encode()),
        lambda r: edit(r, ITEM_2, *EXEMPT_APPENDIX)),
         MEETING_MD, 15, "documents[0].file",
         f"'Agenda.pdf' is listed as exempt as 'agenda.pdf' (one file where case is not told apart) at {ITEM_2}:12"),
    Case("file-listed-by-an-exempt-item", all_of(canary_in_agenda, lambda r: edit(
        r, ITEM_1, "minute: 70\n", "minute: 70\nexempt: 1\ndocuments:\n  - title: Letter\n    file: agenda.pdf\n")),
         MEETING_MD, 15, "documents[0].file", f"listed by an exempt item at {ITEM_1}:7"),
]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """The minimal tree built once: the site each unsafe build must leave alone."""
    base = tmp_path_factory.mktemp("previous")
    output = build_site(SETTINGS, write_tree(base / "content"), base / "output", NO_SEARCH)
    return output, snapshot(output)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "content")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_check_reports_it_and_the_build_publishes_nothing(case: Case, tree: Path, previous) -> None:
    case.plant(tree)
    found = mistakes(tree)
    assert [(e.path, e.line, e.field) for e in found] == [(case.file, case.line, case.field)], found
    assert case.says in found[0].message, str(found[0])
    output, before = previous
    with pytest.raises(ContentErrors) as caught:
        build_site(SETTINGS, tree, output, NO_SEARCH)
    assert "Nothing was published." in caught.value.report()
    after = snapshot(output)
    assert after == before
    assert not [rel for rel, data in after.items() if CANARY.encode() in data]
    assert not list(output.parent.glob(".building-*"))


def test_invoke_check_names_the_file_and_line(tree: Path) -> None:
    link(f"{MEETING}/agenda.pdf", secret)(tree)
    result = subprocess.run([sys.executable, "-m", "minutebook", "check", str(tree)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    first, last = result.stderr.splitlines()[0], result.stderr.splitlines()[-1]
    assert first.endswith(f"{MEETING_MD}:15: documents[0].file: 'agenda.pdf' {LINK}: Minute Book never "
                          "follows links, so that nothing outside the content folder can be published; "
                          "put the file or folder itself here instead")
    assert last == "Found 1 mistake in the content. Nothing was published."


def test_a_document_of_a_safe_type_in_a_subfolder_is_published(tree: Path, tmp_path: Path) -> None:
    document("papers/agenda-pack.pdf", b"%PDF-1.4 pack\n")(tree)
    output = build_site(SETTINGS, tree, tmp_path / "output", NO_SEARCH)
    assert (output / MEETING.replace("meetings/", "committees/") / "papers/agenda-pack.pdf").read_bytes() == \
        b"%PDF-1.4 pack\n"


def test_a_file_exempt_in_two_places_is_published_nowhere(tree: Path, tmp_path: Path) -> None:
    """Listed exempt by the meeting and by an item: the build succeeds, and
    no page, feed, calendar, data file, sitemap or search index carries it."""
    canary_in_agenda(tree)
    edit(tree, MEETING_MD, "    file: agenda.pdf\n", "    file: agenda.pdf\n    exempt: 3\n")
    edit(tree, ITEM_2, *EXEMPT_APPENDIX)
    output = build_site(SETTINGS, tree, tmp_path / "output")  # with the search index
    files = snapshot(output)
    assert any(rel.startswith("pagefind/") for rel in files) and "sitemap.xml" in files
    assert not [rel for rel in files if rel.endswith("agenda.pdf")]
    assert not [rel for rel, data in files.items() if CANARY.encode() in data or b"agenda.pdf" in data]


def test_editors_lock_links_are_left_alone(tree: Path, tmp_path: Path) -> None:
    """Emacs marks a file being edited with a dangling link named .#<name>:
    hidden, never read, and not a reason to stop the build."""
    page(tree)
    for rel in (f"{MEETING}/.#meeting.md", "pages/.#about.md", ".#people.yaml"):
        os.symlink("clerk@laptop.1234:1700000000", tree / rel)
    check_content(tree)
    assert (build_site(SETTINGS, tree, tmp_path / "output", NO_SEARCH) / "about/index.html").is_file()


def test_pelican_never_reads_a_linked_page(tree: Path, tmp_path: Path, monkeypatch) -> None:
    """Pelican reads pages/ itself, following links, before the checks run:
    a link there stops the build before Pelican opens a page."""
    from pelican.generators import PagesGenerator

    def read_pages(self) -> None:
        raise AssertionError("Pelican read pages/ through a link")

    monkeypatch.setattr(PagesGenerator, "generate_context", read_pages)
    all_of(page, moved_out("pages/about.md", "pages/about.md"))(tree)
    with pytest.raises(ContentErrors) as caught:
        build_site(SETTINGS, tree, tmp_path / "output", NO_SEARCH)
    assert [e.path for e in caught.value.errors] == ["pages/about.md"]


# ---- the readers follow no link, even one made after the checks ---------------------------


def test_reading_refuses_a_link_anywhere_on_the_path(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real/report.pdf").write_text(CANARY)
    os.symlink(tmp_path / "real", tmp_path / "linked")
    os.symlink(tmp_path / "real/report.pdf", tmp_path / "real/linked.pdf")
    assert read_inside(tmp_path, "real/report.pdf") == CANARY.encode()
    for rel in ("linked/report.pdf", "real/linked.pdf", "real/../real/report.pdf"):
        with pytest.raises(OSError):
            read_inside(tmp_path, rel)


def test_reading_refuses_a_pipe_without_waiting(tmp_path: Path) -> None:
    """A pipe named as a document would hold the build for ever: in a child
    process, so that a reader that waits fails the test instead of hanging it."""
    os.mkfifo(tmp_path / "pipe.pdf")
    code = ("import sys; from minutebook.content.nofollow import read_inside\n"
            "try:\n    read_inside(sys.argv[1], 'pipe.pdf')\nexcept OSError:\n    print('refused')")
    try:
        result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                                text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("reading a pipe waited for a writer")
    assert result.stdout.strip() == "refused", result.stderr


def test_a_link_made_after_the_checks_is_not_copied(tree: Path, tmp_path: Path, monkeypatch) -> None:
    """The document is swapped for a link between the check and the copy:
    the copy refuses it and the build fails, publishing nothing."""
    from minutebook.engine import generator

    copy = generator.MinuteBookGenerator.copy_documents

    def swap_then_copy(self, output: Path) -> None:
        link(f"{MEETING}/agenda.pdf", secret)(tree)
        copy(self, output)

    monkeypatch.setattr(generator.MinuteBookGenerator, "copy_documents", swap_then_copy)
    with pytest.raises(OSError):
        build_site(SETTINGS, tree, tmp_path / "output", NO_SEARCH)
    assert not (tmp_path / "output").exists()


def test_texts_are_not_rendered_ahead_through_a_link(tree: Path) -> None:
    write_tree(outside(tree) / "copy")
    os.symlink(outside(tree) / "copy" / MEETING, tree / "meetings/executive/2024-03-12")
    moved_out(ITEM_2, ITEM_2)(tree)
    assert ahead.meeting_files(tree) == [tree / ITEM_1, tree / MEETING_MD]
    assert ahead._texts(tree / ITEM_2) == []  # made a link after the listing
    assert ahead._texts(tree / ITEM_1) != []
    moved_out("meetings", MEETING_MD)(tree)
    assert ahead.meeting_files(tree) == []


def test_a_linked_folder_added_after_a_build_is_not_taken_for_no_change(tree: Path, tmp_path: Path) -> None:
    """A rebuild with nothing changed does nothing: a new link to a folder
    (which is never walked into) is a change, and the checks report it."""
    output = build_site(SETTINGS, tree, tmp_path / "output", NO_SEARCH)
    before = snapshot(output)
    elsewhere = outside(tree) / "2024-03-12"
    shutil.copytree(tree / MEETING, elsewhere)
    os.symlink(elsewhere, tree / "meetings/executive/2024-03-12")
    with pytest.raises(ContentErrors) as caught:
        build_site(SETTINGS, tree, output, NO_SEARCH)
    assert [(e.path, e.line) for e in caught.value.errors] == [("meetings/executive/2024-03-12", 1)]
    assert snapshot(output) == before


def test_a_dangling_link_does_not_stop_the_build_before_the_checks(tree: Path) -> None:
    os.symlink("/no/such/file", tree / MEETING / "agenda-old.pdf")
    stats = incremental.content_stats(tree)
    assert f"{MEETING}/agenda-old.pdf/" in stats  # listed as a link, by its kind
    assert incremental.structure_key({"PATH": str(tree)}, stats)


# ---- any name: refused, or published where nothing else is ---------------------------------

PARTS = ["index.html", "apologies", "exploitation-update", "Apologies", "agenda.pdf", "report", "plan.svg",
         "a.PHP.pdf", ".htaccess", ".", "..", "", "notes.txt", "x.xhtml", "index.htm", "old-agenda"]
NAMES = st.one_of(st.lists(st.sampled_from(PARTS), min_size=1, max_size=3).map("/".join),
                  st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
                          min_size=1, max_size=12))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAMES)
def test_any_document_name_is_refused_or_published_where_nothing_else_is(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_tree(Path(folder) / "content")
        edit(root, ITEM_1, "minute: 70\n", "minute: 70\naliases: committees/executive/2024-03-05/old-agenda/\n")
        text = root / MEETING_MD
        text.write_text(text.read_text().replace("file: agenda.pdf", f"file: {_quoted(name)}"))
        try:
            target = root / MEETING / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"%PDF-1.4\n")
        except (OSError, ValueError):
            pass  # a name no file can have: the check must say so
        try:
            checked = check_content(root)
        except ContentErrors as caught:
            assert any(e.path == MEETING_MD and e.line in (14, 15) for e in caught.errors), caught.errors  # the entry
            return
        pages, _ = current_paths(checked)  # every page of the site, as the site makes them
    published = urls.meeting_path("executive", "2024-03-05") + name
    others = [urls.output_file(path) for path, title in pages.items() if title not in ("Agenda", "Report AM")]
    others.append(urls.output_file("committees/executive/2024-03-05/old-agenda/"))
    assert published.startswith("committees/executive/2024-03-05/") and "/." not in published
    for other in others:
        one, two = published.casefold(), other.casefold()
        assert one != two and not one.startswith(two + "/") and not two.startswith(one + "/"), (name, other)
    assert not any(s.lower() in (".html", ".htm", ".xhtml", ".svg", ".php") for s in Path(name).suffixes)


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
