"""Declarations of interest as the check reads them: in meeting.md tied to an
item by ``item:``, the council's own categories from ``interest-kinds.yaml``,
``action:`` and ``left_room: conditional``; and every mistake in them named
with its file, line and field and what to write instead.

Each case starts from the small valid tree in ``minimal_tree``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from minimal_tree import ITEM_2, MEETING, Plant, all_of, edit, mistakes, replace, write_tree

from minutebook.content.errors import ContentErrors
from minutebook.engine.pipeline import check_content
from minutebook.model.assemble import assemble

MEETING_MD = f"{MEETING}/meeting.md"

# meeting.md of the minimal tree with a declaration before "documents:":
# 13 declarations  14 - person  15 item  16 interest  17 kind  18 documents
MEETING_DECLARATION = """declarations:
  - person: cllr-amina-rahman
    item: 2
    interest: She is a governor of a school named in the report.
    kind: other registrable
documents:"""


def declared(text: str = MEETING_DECLARATION) -> Plant:
    return replace(MEETING_MD, "documents:", text)


def kinds_registry(text: str) -> Plant:
    def plant(root: Path) -> None:
        (root / "interest-kinds.yaml").write_text(text, encoding="utf-8")
    return plant


def declared_by(person: str) -> Plant:
    return replace(MEETING_MD, "- person: cllr-amina-rahman\n    item", f"- person: {person}\n    item")


NO_ITEM_DECLARATION = replace(ITEM_2, "declarations:\n  - person: cllr-peter-hollings\n"
                              "    interest: Governor of a local school\n", "")
PECUNIARY = "pecuniary:\n  label: Pecuniary interest\n  description: A financial interest.\n"
HOLLINGS_SENT_APOLOGIES = replace(MEETING_MD, "    - cllr-peter-hollings\n  in_attendance:",
                                  "  apologies:\n    - cllr-peter-hollings\n  in_attendance:")


@dataclass
class Case:
    id: str
    plant: Plant
    file: str
    line: int
    field: str
    says: str  # a key phrase of what to write instead


CASES = [
    Case("item-naming-no-item", all_of(declared(), replace(MEETING_MD, "    item: 2", "    item: 9")),
         MEETING_MD, 15, "declarations[0].item", "no item 9 at this meeting: write the agenda number "
         "of one of its items, 1, 2, or remove 'item:'"),
    Case("item-not-an-agenda-number", all_of(declared(), replace(MEETING_MD, "    item: 2", "    item: two")),
         MEETING_MD, 15, "declarations[0].item", "'two' is not an agenda number: write the number of "
         "the item as in its file name, for example 3 or 8A"),
    Case("kind-pecuniary-not-declared", all_of(declared(), replace(MEETING_MD, "kind: other registrable",
                                                                   "kind: pecuniary")),
         MEETING_MD, 17, "declarations[0].kind", "'pecuniary' is not a category of interest this site "
         "knows: write one of disclosable pecuniary, other registrable, non-registrable, other, or, if "
         "your council's code of conduct has this category, add it to interest-kinds.yaml: a line "
         "'pecuniary:' with 'label: ...' indented below it"),
    Case("kind-misspelt", all_of(declared(), replace(MEETING_MD, "kind: other registrable",
                                                     "kind: other registerable")),
         MEETING_MD, 17, "declarations[0].kind", "did you mean 'other registrable'?"),
    Case("kind-unknown-lists-the-councils-own", all_of(
         declared(), kinds_registry(PECUNIARY), replace(MEETING_MD, "kind: other registrable", "kind: prejudicial")),
         MEETING_MD, 17, "declarations[0].kind", "write one of disclosable pecuniary, other registrable, "
         "non-registrable, other, pecuniary, or"),
    Case("kind-unknown-in-an-item-file", replace(ITEM_2, "    interest: Governor of a local school",
                                                 "    interest: Governor of a local school\n    kind: personal"),
         ITEM_2, 21, "declarations[0].kind", "'personal' is not a category of interest this site knows"),
    Case("left-room-maybe", all_of(declared(), replace(MEETING_MD, "    kind: other registrable",
                                                       "    kind: other registrable\n    left_room: maybe")),
         MEETING_MD, 18, "declarations[0].left_room", "'maybe' is not allowed: write true (they left the "
         "room), false (they stayed) or conditional (they would leave the room if the matter was discussed)"),
    Case("action-empty", all_of(declared(), replace(MEETING_MD, "    kind: other registrable",
                                                    "    kind: other registrable\n    action: ''")),
         MEETING_MD, 18, "declarations[0].action", "write a value after the colon"),
    Case("declared-by-a-member-who-sent-apologies", HOLLINGS_SENT_APOLOGIES,
         ITEM_2, 19, "declarations[0].person", "'cllr-peter-hollings' sent apologies for this meeting "
         "(attendance.apologies in meeting.md), so cannot have declared an interest at it: remove the "
         "declaration, or, if they attended, move them from 'apologies:' to 'present:' in "
         f"{MEETING}/meeting.md"),
    Case("declared-in-meeting-md-by-an-absent-member", all_of(
         declared(), declared_by("cllr-peter-hollings"), NO_ITEM_DECLARATION,
         replace(MEETING_MD, "    - cllr-peter-hollings\n  in_attendance:", "  absent:\n    - cllr-peter-hollings\n"
                 "  in_attendance:")),
         MEETING_MD, 15, "declarations[0].person", "'cllr-peter-hollings' is listed as absent from this meeting "
         "(attendance.absent in meeting.md)"),
    Case("declared-in-meeting-md-by-nobody-known", all_of(
         declared(), declared_by("cllr-amina-rahmen")),
         MEETING_MD, 14, "declarations[0].person", "no person has the id 'cllr-amina-rahmen': did you mean "
         "'cllr-amina-rahman'? use an id from people.yaml, or add it there"),
    Case("item-field-on-an-items-own-declaration", replace(ITEM_2, "    interest: Governor of a local school",
                                                           "    interest: Governor of a local school\n    item: 2"),
         ITEM_2, 21, "declarations[0].item", "a declaration in an item's file concerns that item: remove "
         "'item:' (it is written only on declarations in meeting.md)"),
    Case("registry-entry-without-label", kinds_registry("pecuniary:\n  description: Money.\n"),
         "interest-kinds.yaml", 1, "pecuniary.label", "'label' is required: add a line 'label: ...'"),
    Case("registry-id-not-an-id", kinds_registry("Pecuniary Interest:\n  label: Pecuniary interest\n"),
         "interest-kinds.yaml", 1, "Pecuniary Interest", "for example 'pecuniary-interest'"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_declaration_mistake_is_named_with_its_line_and_what_to_write(tmp_path, case: Case) -> None:
    root = write_tree(tmp_path)
    case.plant(root)
    found = mistakes(root)
    assert [(e.path, e.line, e.field) for e in found] == [(case.file, case.line, case.field)], \
        "\n".join(map(str, found))
    assert case.says in found[0].message


def test_pecuniary_is_not_pushed_to_disclosable_pecuniary(tmp_path) -> None:
    """Minutes that say "pecuniary" are not told they meant another category."""
    root = write_tree(tmp_path)
    all_of(declared(), replace(MEETING_MD, "kind: other registrable", "kind: pecuniary"))(root)
    (message,) = [e.message for e in mistakes(root)]
    assert "did you mean" not in message


def test_a_declaration_in_a_broken_registrys_category_is_not_reported_again(tmp_path) -> None:
    root = write_tree(tmp_path)
    all_of(declared(), kinds_registry("pecuniary:\n  description: Money.\n"),
           replace(MEETING_MD, "kind: other registrable", "kind: pecuniary"))(root)
    assert [e.path for e in mistakes(root)] == ["interest-kinds.yaml"]


def test_a_category_the_council_declares_can_be_written(tmp_path) -> None:
    root = write_tree(tmp_path)
    all_of(declared(), kinds_registry(PECUNIARY),
           replace(MEETING_MD, "kind: other registrable", "kind: Pecuniary"))(root)
    checked = check_content(root)
    site = assemble(checked, dt.date(2024, 4, 1))
    (made,) = site.meetings[0].own_declarations
    assert (made.kind, made.kind_label) == ("pecuniary", "Pecuniary interest")
    assert "A financial interest." in made.kind_description_html


def test_a_member_who_sent_apologies_and_did_not_declare_is_no_mistake(tmp_path) -> None:
    root = write_tree(tmp_path)
    HOLLINGS_SENT_APOLOGIES(root)
    NO_ITEM_DECLARATION(root)
    check_content(root)


# ---- property tests: the reader of declarations ----------------------------------------

BUILT_IN = ["disclosable pecuniary", "other registrable", "non-registrable", "other"]
PRINTABLE = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"))
TEXT = st.text(PRINTABLE, min_size=1, max_size=50).filter(lambda t: t.strip() == t and t)


def _written_like_a_clerk(kind: str, draw: st.DrawFn) -> str:
    """A category as a clerk might write it: any case, spaces or hyphens."""
    separator = draw(st.sampled_from([" ", "-"]))
    words = kind.replace("-", " ").split()
    return separator.join(w.upper() if draw(st.booleans()) else w for w in words)


@st.composite
def declarations(draw: st.DrawFn) -> list[dict]:
    entries = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(BUILT_IN + ["pecuniary", "personal-and-prejudicial"]))
        entry: dict = {"person": draw(st.sampled_from(["cllr-amina-rahman", "cllr-peter-hollings"])),
                       "interest": draw(TEXT), "kind": _written_like_a_clerk(kind, draw)}
        entry["item"] = draw(st.sampled_from([None, 1, 2, "2", "02"]))
        entry["left_room"] = draw(st.sampled_from([None, True, False, "conditional", "Conditional"]))
        entry["action"] = draw(st.one_of(st.none(), TEXT))
        entries.append({k: v for k, v in entry.items() if v is not None})
    return entries


PROPERTY_SETTINGS = settings(max_examples=40, deadline=None,
                             suppress_health_check=[HealthCheck.function_scoped_fixture])
REGISTRY = ("pecuniary:\n  label: Pecuniary interest\n"
            "personal-and-prejudicial:\n  label: Personal and prejudicial interest\n")


@PROPERTY_SETTINGS
@given(entries=declarations())
def test_any_declaration_in_meeting_md_reads_back_as_written(tmp_path_factory, entries) -> None:
    root = write_tree(tmp_path_factory.mktemp("tree"))
    kinds_registry(REGISTRY)(root)
    written = yaml.safe_dump({"declarations": entries}, allow_unicode=True, width=float("inf"))
    edit(root, MEETING_MD, "documents:", written + "documents:")
    site = assemble(check_content(root), dt.date(2024, 4, 1))
    meeting = site.meetings[0]
    made = meeting.own_declarations
    assert len(made) == len(entries)
    for entry, d in zip(entries, made, strict=True):
        assert d.person.id == entry["person"] and d.interest == entry["interest"]
        assert d.kind == entry["kind"].lower().replace(" ", "-")
        assert d.kind_label
        expected_room = {True: "left", False: "stayed"}.get(entry.get("left_room"), entry.get("left_room"))
        assert d.room == (expected_room.lower() if isinstance(expected_room, str) else expected_room)
        assert d.left_room is (entry.get("left_room") is True)
        assert d.action == entry.get("action")
        number = entry.get("item")
        assert (d.item.number if d.item else None) == (str(int(number)) if number is not None else None)
        if d.item is not None:  # shown on the item's page too, and on the member's page
            assert d in d.item.declarations
        assert d in d.person.declarations and d in meeting.declarations
        if d.action:
            assert d.what_they_did.rstrip(".!?").lower() == d.action.rstrip(".!?").lower()


@PROPERTY_SETTINGS
@given(word=st.from_regex(r"[a-z]{3,12}( [a-z]{3,12})?", fullmatch=True).filter(
    lambda w: w.replace(" ", "-") not in {"disclosable-pecuniary", "other-registrable", "non-registrable",
                                          "other"}))
def test_any_unknown_category_is_reported_with_the_known_ones(tmp_path_factory, word) -> None:
    root = write_tree(tmp_path_factory.mktemp("tree"))
    edit(root, ITEM_2, "    interest: Governor of a local school", f"    interest: Governor\n    kind: {word}")
    with pytest.raises(ContentErrors) as caught:
        check_content(root)
    (error,) = caught.value.errors
    assert (error.path, error.line, error.field) == (ITEM_2, 21, "declarations[0].kind")
    assert f"'{word}' is not a category of interest" in error.message
    assert "disclosable pecuniary, other registrable, non-registrable, other" in error.message


@PROPERTY_SETTINGS
@given(value=st.one_of(st.integers(), st.text(PRINTABLE, min_size=1, max_size=20)).filter(
    lambda v: str(v).strip().lower() not in {"true", "false", "conditional"} and str(v).strip()
    and not isinstance(yaml.safe_load(yaml.safe_dump(v)), bool)))
def test_any_other_left_room_is_reported_never_a_crash(tmp_path_factory, value) -> None:
    root = write_tree(tmp_path_factory.mktemp("tree"))
    written = yaml.safe_dump({"left_room": value}, allow_unicode=True, width=float("inf")).strip()
    edit(root, ITEM_2, "    interest: Governor of a local school",
         f"    interest: Governor of a local school\n    {written}")
    with pytest.raises(ContentErrors) as caught:
        check_content(root)
    (error,) = caught.value.errors
    assert (error.path, error.field) == (ITEM_2, "declarations[0].left_room")
    assert "write true (they left the room), false (they stayed) or conditional" in error.message
