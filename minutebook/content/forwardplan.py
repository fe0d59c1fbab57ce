"""The forward plan of key decisions: reading ``forward-plan/<id>.md`` and checking it.

One file per entry, named by its id: a lowercase slug that is not shaped like
a month (``2026-10``), since ``forward-plan/2026-10/`` is that month's page.
The front matter (``ForwardPlanFront``) says what is to be decided, by whom
and when; the body, in Markdown, is the matter to be decided.

The Local Authorities (Executive Arrangements) (Meetings and Access to
Information) (England) Regulations 2012 require a key decision to be on the
plan 28 clear days before it is taken: clear days leave out both the day the
entry was first published and the day of the decision, so ``expected`` must
be at least 29 days after ``first_published``. With fewer, the entry names
the route the regulations allow (``urgency:``): the general exception
(regulation 10) or special urgency (regulation 11). A month-only
``expected`` counts from the month's first day.

The check needs ``validate``'s translation of pydantic's mistakes, and
``validate`` calls this module, so ``validate`` hands it in (as ``motions``
is handed how to check an id).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BeforeValidator, model_validator

from minutebook.content import schema
from minutebook.content.errors import ContentError, field_name
from minutebook.content.nofollow import is_link, read_regular
from minutebook.content.source import SourceFile, SourceMistake, read_source

if TYPE_CHECKING:
    pass

FOLDER = "forward-plan"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MONTH_SHAPED = re.compile(r"^\d{4}-\d{2}$")
CLEAR_DAYS = 28
URGENCY_ROUTES = {
    "general-exception": "General exception (regulation 10)",
    "special-urgency": "Special urgency (regulation 11)",
}
ALL_WARDS = "all wards"


# ---- the format ----------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Expected:
    """When a decision is expected: a day, or a month only (``day`` is then its first day)."""

    day: dt.date
    month_only: bool = False


def read_expected(value: Any) -> Any:
    """``2026-10-13`` or ``2026-10``, read here so that a clerk is told how to write it."""
    if isinstance(value, Expected):
        return value
    if isinstance(value, dt.date):
        return Expected(value)
    hint = "write the day as YYYY-MM-DD, for example 2026-10-13, or the month only as YYYY-MM, for example 2026-10"
    text = str(value).strip() if value is not None else ""
    month = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if month:
        try:
            day = dt.date(int(month[1]), int(month[2]), 1)
        except ValueError:
            raise ValueError(f"'{text}' is not a real month: {hint}") from None
        if not schema.EARLIEST <= day <= schema.LATEST:
            raise ValueError(f"'{text}' {schema.DATE_RANGE}: check the year")
        return Expected(day, month_only=True)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"'{text}' is not a date: {hint}")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date: {hint}") from None
    if not schema.EARLIEST <= day <= schema.LATEST:
        raise ValueError(f"'{text}' {schema.DATE_RANGE}: check the year")
    return Expected(day)


def _wards(value: Any) -> Any:
    """``all wards`` (any case) or one ward's name, or a list of them."""
    if isinstance(value, str) and " ".join(value.split()).casefold() == ALL_WARDS:
        return ALL_WARDS
    return [value] if isinstance(value, str) else value


ExpectedDate = Annotated[Expected, BeforeValidator(read_expected)]
Wards = Annotated[Literal["all wards"] | list[schema.Text], BeforeValidator(_wards)]


class ForwardPlanFront(schema.Strict):
    """The front matter of ``forward-plan/<id>.md``."""

    title: schema.Text
    reference: schema.Text | None = None  # the council's own: "FP 2026/027"
    decision_maker: schema.Id  # a committee (of kind executive) or a person
    expected: ExpectedDate
    first_published: schema.Date
    key_decision: bool = True
    wards: Wards = []
    consultees: schema.Text | None = None
    lead_member: schema.Id | None = None
    contacts: Annotated[list[schema.ItemContact], BeforeValidator(schema._as_list)] = []
    documents: Annotated[list[schema.Document], BeforeValidator(schema._as_list)] = []
    urgency: Literal["general-exception", "special-urgency"] | None = None
    status: Literal["deferred", "withdrawn"] | None = None
    exempt: schema.ExemptParagraphs = None
    open_summary: schema.Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ForwardPlanFront:
        if not self.exempt and self.open_summary is not None:
            raise schema.FieldMistake("open_summary", "'open_summary' is only for an exempt entry: on an open "
                                      "entry write the matter in the text below the front matter instead, or "
                                      "add 'exempt:' with the paragraph if it is to be decided in private")
        if self.first_published > self.expected.day and not self.expected.month_only:
            raise schema.FieldMistake("first_published", f"the entry was first published on "
                                      f"{self.first_published.isoformat()}, after the decision expected on "
                                      f"{self.expected.day.isoformat()}: correct one of the two dates")
        return self


def clear_days(first_published: dt.date, expected: dt.date) -> int:
    """The clear days between publication and decision: neither day counts."""
    return max((expected - first_published).days - 1, 0)


def notice_given(first_published: dt.date, expected: dt.date) -> bool:
    """Whether ``first_published`` gives the 28 clear days' notice the regulations require."""
    return clear_days(first_published, expected) >= CLEAR_DAYS


def earliest_decision(first_published: dt.date) -> dt.date:
    """The first day a decision may be taken with 28 clear days' notice."""
    return first_published + dt.timedelta(days=CLEAR_DAYS + 1)


# ---- reading -------------------------------------------------------------------


@dataclass
class RawEntry:
    id: str
    source: SourceFile


def read_forward_plan(root: Path, errors: list[ContentError],
                      link_mistake: Callable[[str, int, str, str], ContentError]) -> list[RawEntry]:
    """Every entry file in ``forward-plan/``; mistakes in the folder's names are collected.
    ``link_mistake``: ``load``'s mistake for a symbolic link (``load`` calls this)."""
    folder = root / FOLDER
    if is_link(folder):
        errors.append(link_mistake(FOLDER, 1, "", FOLDER))
        return []
    if not folder.is_dir():
        return []
    entries = []
    for path in sorted(p for p in folder.iterdir() if not p.name.startswith(".")):
        rel = f"{FOLDER}/{path.name}"
        if is_link(path):
            errors.append(link_mistake(rel, 1, "", path.name))
        elif path.is_dir() or path.suffix != ".md":
            errors.append(ContentError(rel, 1, "", f"only forward plan entries belong in {FOLDER}/: one "
                                       "Markdown file for each, named after its id, for example "
                                       f"{FOLDER}/2026-027-former-carlisle-road-depot.md"))
        elif not SLUG.match(path.stem):
            suggestion = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "2026-027-depot-disposal"
            errors.append(ContentError(rel, 1, "", f"'{path.name}' is not a forward plan entry's file name: "
                                       "name it after the entry's id, in lowercase letters, digits and "
                                       f"hyphens, for example {suggestion}.md"))
        elif MONTH_SHAPED.match(path.stem):
            errors.append(ContentError(rel, 1, "", f"'{path.stem}' is shaped like a month, and "
                                       f"{FOLDER}/{path.stem}/ is that month's page: name the file after "
                                       f"the entry instead, for example {path.stem}-depot-disposal.md"))
        else:
            try:
                entries.append(RawEntry(path.stem, read_source(path, rel, read_regular(path))))
            except SourceMistake as exc:
                errors.append(exc.error)
            except OSError:
                errors.append(ContentError(rel, 1, "", "the file cannot be read: check that it is a plain "
                                           "file you may read"))
    return entries


# ---- checking ------------------------------------------------------------------


@dataclass
class CheckedEntry:
    raw: RawEntry
    front: ForwardPlanFront

    @property
    def id(self) -> str:
        return self.raw.id


ValidateModel = Callable[..., Any]  # validate.validate_model


def check_forward_plan(entries: list[RawEntry], declared: dict[str, set[str] | None],
                       committee_kinds: dict[str, str], validate_model: ValidateModel,
                       errors: list[ContentError]) -> dict[str, CheckedEntry]:
    """The entries without a mistake, by id, in the order of their expected dates.
    ``declared``: the ids in each registry (None: unknown, the registry has a mistake); the id
    of every entry read, valid or not, is added to it as ``declared["forward_plan"]``, so that
    a decision naming an entry with a mistake is not reported again;
    ``committee_kinds``: each valid committee's kind."""
    declared["forward_plan"] = {raw.id for raw in entries}
    checked: dict[str, CheckedEntry] = {}
    for raw in entries:
        source = raw.source
        before = len(errors)
        front = validate_model(ForwardPlanFront, source.front.data if source.front.data is not None else {},
                               source.front, source.rel, (), errors)
        if front is None:
            continue
        _check_people(front, source, declared, committee_kinds, errors)
        _check_notice(front, source, errors)
        for i, document in enumerate(front.documents):
            if document.file:
                loc = ("documents", i, "file")
                errors.append(ContentError(source.rel, source.front.line(loc), field_name(loc),
                                           "a forward plan entry links to its documents: give the document's "
                                           "web address as 'url:' instead of 'file:' (the report itself is "
                                           "published with the meeting's agenda item)"))
        if len(errors) == before:
            checked[raw.id] = CheckedEntry(raw, front)
    return dict(sorted(checked.items(), key=lambda pair: (pair[1].front.expected, pair[0])))


def _unknown(kind: str, value: str, ids: set[str], filename: str) -> str:
    close = difflib.get_close_matches(value, sorted(ids), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"no {kind} has the id '{value}': {hint}use an id from {filename}, or add it there"


def _check_people(front: ForwardPlanFront, source: SourceFile, declared: dict[str, set[str] | None],
                  committee_kinds: dict[str, str], errors: list[ContentError]) -> None:
    rel, located = source.rel, source.front
    committees, people = declared.get("committees"), declared.get("people")

    def need_person(value: str | None, loc: tuple) -> None:
        if value is not None and people is not None and value not in people:
            errors.append(ContentError(rel, located.line(loc), field_name(located.written(loc)),
                                       _unknown("person", value, people, "people.yaml")))

    maker, loc = front.decision_maker, ("decision_maker",)
    if committees is not None and maker in committees:
        kind = committee_kinds.get(maker)
        if kind is not None and kind != "executive":
            errors.append(ContentError(rel, located.line(loc), "decision_maker",
                                       f"'{maker}' is a committee of kind '{kind}': the forward plan lists the "
                                       "executive's key decisions, so name the executive's committee id (kind: "
                                       "executive in committees.yaml), or the person id of the portfolio holder "
                                       "or officer who will decide"))
    elif committees is not None and people is not None and maker not in people:
        close = difflib.get_close_matches(maker, sorted(committees | people), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        errors.append(ContentError(rel, located.line(loc), "decision_maker",
                                   f"no committee or person has the id '{maker}': {hint}write the executive's "
                                   "committee id from committees.yaml, or the person id (from people.yaml) "
                                   "of the portfolio holder or officer who will decide"))
    need_person(front.lead_member, ("lead_member",))
    for i, contact in enumerate(front.contacts):
        for j, pid in enumerate(contact.people):
            need_person(pid, ("contacts", i, "people", j))


def _check_notice(front: ForwardPlanFront, source: SourceFile, errors: list[ContentError]) -> None:
    """28 clear days' notice for a key decision, or the urgency route used; never both."""
    rel, located = source.rel, source.front
    published, expected = front.first_published, front.expected.day
    if not front.key_decision:
        return
    days = clear_days(published, expected)
    said = ("the month's first day, " if front.expected.month_only else "") + expected.isoformat()
    if days < CLEAR_DAYS and front.urgency is None:
        plural = "" if days == 1 else "s"
        errors.append(ContentError(
            rel, located.line(("expected",)), "expected",
            f"only {days} clear day{plural} between first_published ({published.isoformat()}) and expected "
            f"({said}): a key decision must be on the forward plan {CLEAR_DAYS} clear days before it is "
            f"taken; if it cannot wait, add 'urgency: general-exception' (regulation 10) or 'urgency: "
            f"special-urgency' (regulation 11), otherwise write an expected date of "
            f"{earliest_decision(published).isoformat()} or later"))
    elif days >= CLEAR_DAYS and front.urgency is not None:
        errors.append(ContentError(
            rel, located.line(("urgency",)), "urgency",
            f"there are {days} clear days between first_published ({published.isoformat()}) and expected "
            f"({said}), so {CLEAR_DAYS} clear days' notice was given and no urgency route was needed: remove "
            "'urgency:', or correct the dates"))



def published_texts(entries: dict[str, CheckedEntry]) -> list[tuple[str, int, str, str]]:
    """(file, line, Markdown, field) of each text the forward plan publishes (an open entry's
    text, an exempt entry's ``open_summary``), for the check's warnings about what the
    sanitiser takes out."""
    found = []
    for entry in entries.values():
        source = entry.raw.source
        if not entry.front.exempt:
            found.append((source.rel, source.body_line, source.body, "text"))
        elif entry.front.open_summary:
            found.append((source.rel, source.front.text_line(("open_summary",)), entry.front.open_summary,
                          "open_summary"))
    return found
