"""Validate: check raw content against the schema and against itself.

Every mistake in every file is collected and reported together as
``path:line: field: message``, each message saying what to write instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from minutebook.content import comings, schema
from minutebook.content.bylines import check_bylines
from minutebook.content.dates import folder_date, month_only, municipal_year, short_date
from minutebook.content.declarations import check_declarations
from minutebook.content.documents import check_documents
from minutebook.content.errors import ContentError, ContentErrors, field_name
from minutebook.content.forwardplan import CheckedEntry, check_forward_plan
from minutebook.content.load import REGISTRIES as REGISTRY_FILES
from minutebook.content.load import RawItem, RawMeeting, RawTree
from minutebook.content.motions import check_item_motions
from minutebook.content.sections import HAS_MINUTES, Spans, cut, section_spans
from minutebook.content.source import Located, ReadCache, SourceFile, SourceMistake, read_text, refuse_controls

# ---- what validation hands on to the model ---------------------------------


@dataclass
class CheckedItem:
    raw: RawItem
    front: schema.ItemFront
    section_spans: Spans  # "Agenda"/"Minutes" -> where its Markdown is in the file's text
    section_lines: dict[str, int] = field(default_factory=dict)  # heading -> its line

    @property
    def sections(self) -> dict[str, str]:
        """"Agenda"/"Minutes" -> Markdown, cut from the file's text each time
        (held once, not twice, until the texts are rendered)."""
        return cut(self.raw.source.body, self.section_spans)

    def take_sections(self) -> dict[str, str]:
        """``sections``, once: the file's text is let go of as they are cut
        from it, so that a build never holds every text twice."""
        sections = self.sections
        self.raw.source.body = Dropped("The text as read")
        return sections


class Dropped:
    """In place of what a build lets go of once the check has passed: any use fails loudly."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __getattr__(self, name: str) -> object:
        raise AttributeError(f"{self.what} was let go of once the content was checked")

    def __getitem__(self, key: object) -> object:
        raise TypeError(f"{self.what} was let go of once the content was checked")


@dataclass
class CheckedMeeting:
    raw: RawMeeting
    front: schema.MeetingFront
    date: dt.date
    items: list[CheckedItem] = field(default_factory=list)
    notes: str = ""


@dataclass
class CheckedTree:
    root: Path
    committees: dict[str, schema.CommitteeEntry]
    people: dict[str, schema.PersonEntry]
    scrutiny_areas: dict[str, schema.ScrutinyAreaEntry]
    subjects: dict[str, schema.SubjectEntry]
    meetings: list[CheckedMeeting]
    warnings: list[ContentError] = field(default_factory=list)
    # every id declared in a registry, valid entry or not (None: the file could
    # not be read), so that one broken entry is not reported again at every use
    declared: dict[str, set[str] | None] = field(default_factory=dict)
    today: dt.date | None = None  # as the date rules saw it (``clock``); None when unknown
    digests: dict[str, bytes] = field(default_factory=dict)  # file -> sha256 of the bytes read, when kept
    interest_kinds: dict[str, schema.InterestKindEntry] = field(default_factory=dict)  # interest-kinds.yaml
    forward_plan: dict[str, CheckedEntry] = field(default_factory=dict)  # by id, in order of expected date
    decision_records: list = field(default_factory=list)  # decisions/<id>.md, checked (``decisionrecords``)


REGISTRY_MODELS: dict[str, type[BaseModel]] = {
    "committees": schema.CommitteeEntry,
    "people": schema.PersonEntry,
    "scrutiny_areas": schema.ScrutinyAreaEntry,
    "subjects": schema.SubjectEntry,
    "interest_kinds": schema.InterestKindEntry,
}


def check(tree: RawTree, municipal_year_start: int = 5, today: dt.date | None = None,
          cache: ReadCache | None = None, remote_counts_as_present: bool = False,
          more_checks: Sequence[Callable[[RawTree, CheckedTree, list[ContentError]], None]] = ()) -> CheckedTree:
    """Validate everything; raise ContentErrors listing every mistake. Rules
    that depend on the date need ``today`` (from ``clock``, never the clock).
    ``remote_counts_as_present``: the council's setting (members attending
    remotely may vote). ``more_checks``: checks of other files the engine passes
    (the decision records, which need the council's settings)."""
    errors = list(tree.errors)
    registries = {name: _check_registry(tree, name, model, errors)
                  for name, model in REGISTRY_MODELS.items()}
    checked = CheckedTree(tree.root, **registries, meetings=[],
                          declared=_declared_ids(tree), today=today)
    _check_plain_pages(tree.root, errors)
    for raw in tree.meetings:
        meeting = _check_meeting(raw, errors, cache)
        if meeting is not None:
            checked.meetings.append(meeting)
    checked.meetings.sort(key=meeting_order)
    _check_references(tree, checked, errors, remote_counts_as_present)
    check_declarations(checked, errors)  # categories, items named, members who were not there
    checked.forward_plan = check_forward_plan(tree.forward_plan, checked.declared, {
        cid: c.kind for cid, c in checked.committees.items()}, validate_model, errors)
    _check_numbering(checked, municipal_year_start, errors)
    _check_lifecycle(checked, errors)
    if today is not None:
        _check_not_yet_held(checked, today, errors)
    check_documents(checked, errors)  # safe to publish: no links, no active types, no collisions
    for more in more_checks:
        more(tree, checked, errors)
    _check_aliases(checked, errors)  # after the others: it stops early when they found mistakes
    if today is not None:
        _check_corrections(checked, today, errors)  # already made, so not after today
    if errors:
        raise ContentErrors(errors)
    return checked


def meeting_order(meeting: CheckedMeeting) -> tuple:
    """Meetings in date order: by day (a month-only meeting first in its
    month), then by start time (not recorded first), then by folder."""
    start = schema.recorded(meeting.front.start)
    return (meeting.date, start is not None, start or dt.time.min, meeting.raw.key)


# ---- schema errors, translated for clerks ---------------------------------


def validate_model(model: type[BaseModel], data: Any, located: Located, rel: str,
                   prefix: tuple = (), errors: list[ContentError] | None = None) -> Any:
    """Validate ``data`` (found at ``prefix`` in ``located``) or add its mistakes."""
    try:
        return _without_fields_set(model.model_validate(data))
    except ValidationError as exc:
        seen: set[tuple] = set()
        for err in exc.errors(include_url=False):
            loc = _clean_loc(err["loc"], data, err["type"])
            mistake = (err.get("ctx") or {}).get("error")
            if isinstance(mistake, schema.FieldMistake):
                loc += (mistake.field,)
            if loc in seen:
                continue  # a union reports each alternative; one message is enough
            seen.add(loc)
            union = len(err["loc"]) > len(loc) and not isinstance(mistake, schema.FieldMistake)
            message = _message(err, model, loc, union)
            if errors is not None:
                errors.append(ContentError(rel, located.line(prefix + loc),
                                           as_written(located, prefix + loc), message))
        return None


_NO_FIELDS = frozenset()  # in place of a set of names: adding to it (setting a field) fails loudly


def _without_fields_set(validated: BaseModel) -> BaseModel:
    """``validated``, without pydantic's record of which fields each of its
    parts was given (``model_fields_set``), which nothing reads: a set for each
    part, a sixth of what the checked files held at 1,000 meetings, let go of
    as each file is checked rather than once all are (see docs/performance.md)."""
    todo: list = [validated]
    while todo:
        value = todo.pop()
        if type(value) is list:
            todo += value
        elif isinstance(value, BaseModel):
            object.__setattr__(value, "__pydantic_fields_set__", _NO_FIELDS)
            fields = value.__dict__
            todo += [fields[name] for name in _parts(type(value))]
    return validated


@functools.cache
def _parts(kind: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a part of the front matter that may hold parts of their own."""
    return tuple(name for name, info in kind.__pydantic_fields__.items() if _may_hold_a_model(info.annotation))


def _may_hold_a_model(annotation: object) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_may_hold_a_model(inner) for inner in typing.get_args(annotation))


NAMED_HERE = ("missing", "extra_forbidden")  # errors about a field that is not in the data


def _clean_loc(loc: tuple, data: Any, kind: str) -> tuple:
    """Keep the part of pydantic's location that names real fields and list
    positions; drop the names of union branches it appends."""
    out: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        elif isinstance(node, dict) and kind in NAMED_HERE and isinstance(part, str):
            out.append(part)
            break
        else:
            break
        out.append(part)
    return tuple(out)


def _given(value: Any) -> str:
    """The value a clerk wrote, quoted for a message."""
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def _message(err: dict, model: type[BaseModel], loc: tuple, union: bool = False) -> str:
    kind, given = err["type"], err.get("input")
    leaf = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "missing":
        return f"'{leaf}' is required: add a line '{leaf}: ...'"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        parent = _belongs_under(model, loc[:-1], leaf)
        if parent:
            return (f"'{leaf}' is not a field here but belongs under '{parent}:': indent it "
                    f"below the '{parent}:' line")
        close = difflib.get_close_matches(str(leaf), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"unknown field '{leaf}': {hint}fields allowed here are {', '.join(allowed)}"
    if given is None and kind != "value_error":
        optional = "" if _is_required(model, loc) else ", or remove the line"
        return f"is empty: write a value after the colon{optional}"
    if kind in ("less_than_equal", "less_than"):
        return f"{_given(given)} is too large: write a number up to {err['ctx'].get('le')}"
    if union and leaf in VOTE_SIDES:
        return (f"{_given(given)} is not a number of votes or a list of people: write a "
                "number, for example 5, or list the ids from people.yaml, one per line "
                "starting with '- '")
    if kind == "literal_error":
        options = re.findall(r"'([^']+)'", err["ctx"]["expected"])
        close = difflib.get_close_matches(str(given), options, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"{_given(given)} is not allowed: {hint}write one of {', '.join(options)}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{_given(given)} is not a whole number: write digits only, for example 75"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{_given(given)} is too small: write a number from {err['ctx'].get('ge', 1)} up"
    if kind in ("bool_parsing", "bool_type"):
        return f"{_given(given)} is not yes or no: write true or false"
    if kind.startswith("time") or kind.startswith("date"):
        return (f"{_given(given)} is not a valid time: write hours:minutes on the 24-hour "
                "clock, for example 10:30 or 14:00")
    if kind == "list_type":
        return (f"must be a list, not {_given(given)}: put each entry on its own line, "
                "starting with '- '")
    if kind in ("model_type", "dict_type", "model_attributes_type") and not loc:
        return (f"the fields must be 'field: value' lines, not {_given(given)}: "
                "for example 'title: Apologies for absence'")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (f"must be a group of fields, not {_given(given)}: put 'field: value' lines "
                "under it, indented")
    if kind == "string_type":
        if isinstance(given, dict | list):
            return (f"must be text, not {_given(given)}: write it on the same line after "
                    "the colon, in quotes if it contains ': '")
        return "must be text: put it in quotes"
    if kind == "string_too_short":
        return "is empty: write a value after the colon"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return f"{_given(given)} is not allowed here: check the spelling and the indentation"


VOTE_SIDES = {"for", "against", "abstain"}


def _is_required(model: type[BaseModel], loc: tuple) -> bool:
    """Whether the field at ``loc`` must be given (so "remove the line" is wrong advice)."""
    current: Any = model
    fields: dict = {}
    for part in loc:
        if isinstance(part, int):
            continue
        fields = {f.alias or n: f for n, f in current.model_fields.items()}
        if part not in fields:
            return False
        nested = _model_in(fields[part].annotation)
        if part != loc[-1] and nested is not None:
            current = nested
    return bool(loc) and loc[-1] in fields and fields[loc[-1]].is_required()


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel]:
    """The model that describes the fields at ``loc`` inside ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = {f.alias or n: f for n, f in current.model_fields.items()}
        if part not in fields:
            break
        current = _model_in(fields[part].annotation) or current
    return current


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names a clerk may write at ``loc`` inside ``model``."""
    return sorted(f.alias or n for n, f in _model_at(model, loc).model_fields.items())


def _belongs_under(model: type[BaseModel], loc: tuple, name: str) -> str | None:
    """The field at ``loc`` whose own fields include ``name``: where a line
    that lost its indentation belongs."""
    for field_name_, info in _model_at(model, loc).model_fields.items():
        nested = _model_in(info.annotation)
        if nested is not None and any(name == (f.alias or n)
                                      for n, f in nested.model_fields.items()):
            return info.alias or field_name_
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None


# ---- registries --------------------------------------------------------------


def _declared_ids(tree: RawTree) -> dict[str, set[str] | None]:
    declared: dict[str, set[str] | None] = {}
    for name in REGISTRY_MODELS:
        raw = tree.registries.get(name)
        if raw is None:
            # a missing optional registry declares nothing; a broken one is unknown
            declared[name] = None if _unreadable(tree, name) else set()
        elif isinstance(raw.data.data, dict):
            declared[name] = set(raw.data.data)
        else:
            declared[name] = None
    return declared


def _unreadable(tree: RawTree, name: str) -> bool:
    filename = REGISTRY_FILES[name]
    return any(e.path == filename for e in tree.errors)


def _id_suggestion(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "childrens-services"


def _check_registry(tree: RawTree, name: str, model: type[BaseModel],
                    errors: list[ContentError]) -> dict[str, Any]:
    raw = tree.registries.get(name)
    if raw is None:
        return {}
    located = raw.data
    if not isinstance(located.data, dict):
        errors.append(ContentError(raw.rel, 1, "", f"the file holds {_given(located.data)}: "
                                   "list each entry as an 'id:' line, followed by its fields, "
                                   "indented, for example 'name: ...'"))
        return {}
    entries: dict[str, Any] = {}
    for entry_id, data in located.data.items():
        if not schema.ID_PATTERN.match(entry_id):
            errors.append(ContentError(raw.rel, located.line((entry_id,)), entry_id,
                                       f"'{entry_id}' is not a valid id: use lowercase letters, "
                                       "digits and hyphens, for example "
                                       f"'{_id_suggestion(entry_id)}'"))
            continue
        entry = validate_model(model, data if data is not None else {}, located, raw.rel,
                               (entry_id,), errors)
        if entry is not None:
            entries[entry_id] = entry
    return entries


def _check_plain_pages(root: Path, errors: list[ContentError]) -> None:
    """Pelican reads the plain pages (``pages/about.md``), not the loader: they
    are read here as text so that a NUL byte or a file not in UTF-8 is a
    mistake with its line, not a page published with it or silently dropped."""
    for page in sorted(Path(root, "pages").glob("*.md")):
        if page.name.startswith(".") or page.is_symlink():
            continue  # an editor's lock file; a link is refused by the loader (``load.linked_pages``)
        rel = page.relative_to(root).as_posix()
        try:
            refuse_controls(read_text(page, rel), rel)
        except SourceMistake as exc:
            errors.append(exc.error)


# ---- meetings and items -------------------------------------------------------


def _check_meeting(raw: RawMeeting, errors: list[ContentError],
                   cache: ReadCache | None = None) -> CheckedMeeting | None:
    rel_file = f"{raw.rel}/meeting.md"
    try:
        date = folder_date(raw.date)
    except ValueError:
        errors.append(ContentError(raw.rel, 1, "date", f"{raw.date} is not a real date: "
                                   "rename the folder to the meeting's date as YYYY-MM-DD, or "
                                   "to its month as YYYY-MM when the minutes give only the month"))
        date = None
    if date is not None and not schema.EARLIEST <= date <= schema.LATEST:
        errors.append(ContentError(raw.rel, 1, "date", f"{raw.date} {schema.DATE_RANGE}: "
                                   "check the year in the folder's name"))
        date = None
    if raw.source is None:
        return None
    kept = cache.checked(raw.source) if cache is not None else None
    if kept is not None:
        front = kept
    else:
        before = len(errors)
        front = validate_model(schema.MeetingFront, raw.source.front.data, raw.source.front,
                               rel_file, (), errors)
        if cache is not None and front is not None and len(errors) == before:
            cache.keep(raw.source, front)
    notes = _notes(raw, errors)
    items = [c for c in (_check_item(item, errors, cache) for item in raw.items) if c is not None]
    _check_item_numbers(raw, errors)
    if front is None or date is None:
        return None
    return CheckedMeeting(raw, front, date, items, notes)


def _notes(raw: RawMeeting, errors: list[ContentError]) -> str:
    """A meeting's body is free notes (for example why it was cancelled)."""
    return raw.source.body.strip() if raw.source else ""


def _check_item(raw: RawItem, errors: list[ContentError], cache: ReadCache | None = None) -> CheckedItem | None:
    source = raw.source
    kept = cache.checked(source) if cache is not None else None
    if kept is not None:  # this very file was read and validated without a mistake before
        front, spans, lines = kept
        return CheckedItem(raw, front, spans, dict(lines))
    before = len(errors)
    front = validate_model(schema.ItemFront, source.front.data, source.front, source.rel, (),
                           errors)
    if front is not None:
        _check_nesting(front, source, errors)
        check_resolution_headings(front, source, errors)
    lines: dict[str, int] = {}
    spans = section_spans(source.body, source.body_line, source.rel, errors, lines)
    if front is None:
        return None
    if cache is not None and len(errors) == before:
        cache.keep(source, (front, spans, dict(lines)))
    return CheckedItem(raw, front, spans, lines)


# Printed minutes number parts (1), (a), (i); a few levels more is already
# unreadable, and far deeper lists exhaust the renderers' recursion.
NESTING_LIMIT = 6


def _check_nesting(front: schema.ItemFront, source: SourceFile, errors: list[ContentError]) -> None:
    """Recommendations and resolutions are nested at most ``NESTING_LIMIT`` levels."""
    for name in ("recommendations", "resolutions", "open_resolutions"):
        loc = _too_deep(getattr(front, name), (name,), 1)
        if loc is not None:
            errors.append(ContentError(source.rel, source.front.line(loc), as_written(source.front, loc),
                                       f"parts are nested more than {NESTING_LIMIT} levels deep "
                                       "(numbered (1), (a), (i) and so on): move this part up a "
                                       "level, or write it into the text of the part above"))


def check_resolution_headings(front: schema.ItemFront, source: SourceFile,
                              errors: list[ContentError]) -> None:
    """A sub-heading among the resolutions heads at least one resolution."""
    for name in ("resolutions", "open_resolutions"):
        entries = getattr(front, name)
        for i, entry in enumerate(entries):
            if entry.heading and (i + 1 == len(entries) or entries[i + 1].heading):
                loc = (name, i, "heading")
                errors.append(ContentError(source.rel, source.front.line(loc), as_written(source.front, loc),
                                           f"the sub-heading '{entry.heading}' has no resolution after it: "
                                           "write the resolutions under it as '- ' lines below it, or "
                                           "remove the heading"))


def _too_deep(entries: list[schema.Numbered], loc: tuple, level: int) -> tuple | None:
    """Where the first entry deeper than the limit is, if any."""
    for i, entry in enumerate(entries):
        if level > NESTING_LIMIT:
            return loc + (i,)
        found = _too_deep(entry.items, loc + (i, "items"), level + 1)
        if found is not None:
            return found
    return None


def _check_item_numbers(raw: RawMeeting, errors: list[ContentError]) -> None:
    first: dict[str, RawItem] = {}
    slugs: dict[str, RawItem] = {}
    for item in raw.items:
        if item.label in first:
            errors.append(ContentError(item.source.rel, 1, "number",
                                       f"agenda number {item.label} is also used by "
                                       f"{first[item.label].source.path.name}: "
                                       "renumber one of them"))
        first.setdefault(item.label, item)
        if item.slug in slugs:
            errors.append(ContentError(item.source.rel, 1, "slug",
                                       f"'{item.slug}' is also the name of "
                                       f"{slugs[item.slug].source.path.name}: "
                                       "give this item a different name after its number"))
        slugs.setdefault(item.slug, item)


# ---- references between files ---------------------------------------------------


REGISTRY_OF = {
    "person": ("people", "people.yaml"),
    "committee": ("committees", "committees.yaml"),
    "scrutiny area": ("scrutiny_areas", "scrutiny-areas.yaml"),
    "subject": ("subjects", "subjects.yaml"),
}


@dataclass
class _References:
    """Checks that ids used in one file are declared in the registries."""

    declared: dict[str, set[str] | None]
    errors: list[ContentError]
    remote_counts_as_present: bool = False  # the council's setting: remote members may vote

    def need(self, kind: str, value: str | None, rel: str, located: Located, loc: tuple) -> None:
        registry, filename = REGISTRY_OF[kind]
        ids = self.declared.get(registry)
        if value is None or ids is None or value in ids:
            return
        self.errors.append(ContentError(rel, located.line(loc), as_written(located, loc),
                                        f"no {kind} has the id '{value}': "
                                        f"{_did_you_mean(value, ids)}"
                                        f"use an id from {filename}, or add it there"))


def _did_you_mean(value: str, options: Any) -> str:
    close = difflib.get_close_matches(value, sorted(options), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def as_written(located: Located, loc: tuple) -> str:
    """The field's name as the clerk wrote it: ``scrutiny`` rather than
    ``scrutiny[0]`` when a single value was given where a list is allowed."""
    return field_name(located.written(loc))


def _check_references(tree: RawTree, checked: CheckedTree, errors: list[ContentError],
                      remote_counts_as_present: bool = False) -> None:
    refs = _References(checked.declared, errors, remote_counts_as_present)
    regs = tree.registries
    if "committees" in regs:
        located = regs["committees"].data
        for cid, committee in checked.committees.items():
            for i, member in enumerate(committee.members):
                refs.need("person", member.person, "committees.yaml", located,
                          (cid, "members", i, "person"))
    if "scrutiny_areas" in regs:
        located = regs["scrutiny_areas"].data
        for aid, area in checked.scrutiny_areas.items():
            refs.need("committee", area.committee, "scrutiny-areas.yaml", located,
                      (aid, "committee"))

    keys = {m.raw.key: m for m in checked.meetings}
    for meeting in checked.meetings:
        _check_meeting_references(meeting, refs, keys, errors)
        for item in meeting.items:
            _check_item_references(meeting, item, refs, errors)


def _check_meeting_references(meeting: CheckedMeeting, refs: _References,
                              keys: dict[str, CheckedMeeting], errors: list[ContentError]) -> None:
    raw, front = meeting.raw, meeting.front
    rel, located = raw.source.rel, raw.source.front
    committees = refs.declared.get("committees")
    if committees is not None and raw.committee not in committees:
        errors.append(ContentError(raw.rel, 1, "committee", f"no committee has the id "
                                   f"'{raw.committee}': {_did_you_mean(raw.committee, committees)}"
                                   "name the folder after an id in committees.yaml"))
    _check_attendance(front, rel, located, refs, errors)
    for i, declaration in enumerate(front.declarations):
        refs.need("person", declaration.person, rel, located, ("declarations", i, "person"))
    comings.check_meeting(meeting, refs.need, errors, refs.declared.get("people"))
    for field_, ref in (("approved_at", front.approved_at.meeting if front.approved_at else None),  # None: elsewhere
                        ("adjourned_to", front.adjourned_to)):
        if ref is None:
            continue
        loc = (field_, "meeting") if field_ == "approved_at" else (field_,)
        target = keys.get(ref)
        if target is None:
            hint = _did_you_mean(ref, [k for k, m in keys.items() if m.date > meeting.date])
            errors.append(ContentError(rel, located.line(loc), field_name(loc),
                                       f"no meeting '{ref}' exists: {hint}write the meeting's "
                                       "folder as committee/YYYY-MM-DD, for example "
                                       "executive/2024-04-09"))
        elif not_later(target.date, meeting.date):
            errors.append(ContentError(rel, located.line(loc), field_name(loc),
                                       f"meeting '{ref}' is not later than this one "
                                       f"({short_date(meeting.date)}): name a later meeting"))
        elif field_ == "approved_at":
            _check_approving_minute(front.approved_at, target, rel, located, errors)


def not_later(later: dt.date, earlier: dt.date) -> bool:
    """Whether ``later`` is surely not after ``earlier``; a date known only
    to its month is compared by its month."""
    if month_only(later) or month_only(earlier):
        return (later.year, later.month) < (earlier.year, earlier.month)
    return later <= earlier


def _check_approving_minute(ref: schema.MeetingRef, target: CheckedMeeting, rel: str,
                            located: Located, errors: list[ContentError]) -> None:
    """The minute that approved these minutes is one of the later meeting's."""
    minutes = sorted(i.front.minute for i in target.items if i.front.minute is not None)
    if ref.minute is None or not minutes or ref.minute in minutes:
        return
    loc = ("approved_at", "minute")
    errors.append(ContentError(rel, located.line(loc), field_name(loc),
                               f"meeting '{ref.meeting}' has no minute {ref.minute}: write the "
                               "number of its minute that approved these, one of "
                               f"{', '.join(map(str, minutes))}"))


def _check_attendance(front: schema.MeetingFront, rel: str, located: Located,
                      refs: _References, errors: list[ContentError]) -> None:
    seen: dict[tuple[str | None, str | None], str] = {}  # (person, capacity) -> group
    for group in schema.Attendance.model_fields:
        for i, entry in enumerate(getattr(front.attendance, group)):
            loc = ("attendance", group, i)
            refs.need("person", entry.person, rel, located, loc + ("person",))
            if isinstance(entry, schema.Substitute):
                refs.need("person", entry.for_, rel, located, loc + ("for",))
            key = (entry.person, entry.capacity)  # one person may attend in two capacities
            if key in seen:
                errors.append(ContentError(rel, located.line(loc), field_name(loc),
                                           f"'{entry.person}' is also listed under "
                                           f"'{seen[key]}': list each person once, or give "
                                           "each entry a different 'capacity:', for example "
                                           "'capacity: Representative of the Fire Authority'"))
            elif entry.person:
                seen[key] = group


def _check_item_references(meeting: CheckedMeeting, item: CheckedItem, refs: _References,
                           errors: list[ContentError]) -> None:
    rel, located, front = item.raw.source.rel, item.raw.source.front, item.front
    check_bylines(front, rel, located, refs.declared.get("people"), errors)
    for i, aid in enumerate(front.scrutiny):
        refs.need("scrutiny area", aid, rel, located, ("scrutiny", i))
    for i, sid in enumerate(front.subject):
        refs.need("subject", sid, rel, located, ("subject", i))
    voters = _voting_members(meeting.front.attendance, refs.remote_counts_as_present)
    for i, vote in enumerate(front.votes):
        for side in ("for", "against", "abstain"):
            value = getattr(vote, "for_" if side == "for" else side)
            for j, pid in enumerate(value if isinstance(value, list) else []):
                refs.need("person", pid, rel, located, ("votes", i, side, j))
                if pid in (refs.declared.get("people") or ()) and pid not in voters:
                    errors.append(ContentError(rel, located.line(("votes", i, side, j)),
                                               field_name(("votes", i, side, j)),
                                               f"'{pid}' voted but is not listed as present or as a "
                                               "substitute in meeting.md: add them to "
                                               "attendance.present, or correct the vote"))
    check_item_motions(front, item.raw.source, voters, refs.declared.get("people"), refs.need, errors)
    for i, contact in enumerate(front.contacts):
        for j, pid in enumerate(contact.people):
            refs.need("person", pid, rel, located, ("contacts", i, "people", j))
    for i, declaration in enumerate(front.declarations):
        refs.need("person", declaration.person, rel, located, ("declarations", i, "person"))
    comings.check_item(meeting, item, refs.need, errors)


def _voting_members(attendance: schema.Attendance, remote_counts_as_present: bool = False) -> set[str]:
    """Who may vote: members present and substitutes (remote attendees may
    not, unless the council's setting counts them as present)."""
    voters = {a.person for a in attendance.present if a.person} | {s.person for s in attendance.substitutes}
    if remote_counts_as_present:
        voters |= {a.person for a in attendance.attending_virtually if a.person}
    return voters


# ---- numbering and lifecycle --------------------------------------------------------


def _check_numbering(checked: CheckedTree, start_month: int, errors: list[ContentError]) -> None:
    """Minute numbers are unique within a committee's municipal year."""
    seen: dict[tuple[str, str, int], CheckedItem] = {}
    highest: dict[tuple[str, str], int] = {}
    for meeting in checked.meetings:
        year = municipal_year(meeting.date, start_month)
        for item in meeting.items:
            if item.front.minute is not None:
                book = (meeting.raw.committee, year)
                highest[book] = max(highest.get(book, 0), item.front.minute)
    for meeting in checked.meetings:
        year = municipal_year(meeting.date, start_month)
        for item in meeting.items:
            minute = item.front.minute
            if minute is None:
                continue
            key = (meeting.raw.committee, year, minute)
            if key in seen:
                other = seen[key].raw.source.rel
                source = item.raw.source
                unused = highest[key[:2]] + 1
                errors.append(ContentError(source.rel, source.front.line(("minute",)), "minute",
                                           f"minute {minute} is already used by {other} "
                                           f"in the municipal year {year}: give this item the "
                                           f"next unused minute number, {unused}"))
            seen.setdefault(key, item)


def _check_lifecycle(checked: CheckedTree, errors: list[ContentError]) -> None:
    """A meeting's status must agree with what its files say."""
    for meeting in checked.meetings:
        front, source = meeting.front, meeting.raw.source
        rel = source.rel
        if front.status == "approved-minutes" and front.approved_at is None:
            errors.append(ContentError(rel, source.front.line(("status",)), "approved_at",
                                       "approved minutes must say where they were approved: add "
                                       "'approved_at:' with 'meeting: executive/2024-04-09' and "
                                       "'minute: 92' indented under it (or 'approved_at: not "
                                       "recorded' if the minutes do not say; or 'status: minutes' "
                                       "if it is not known whether they were approved)"))
        if front.approved_at is not None and front.status != "approved-minutes":
            errors.append(ContentError(rel, source.front.line(("approved_at",)), "approved_at",
                                       f"the status is '{front.status}' but 'approved_at:' is "
                                       "given: change the status to approved-minutes, or remove "
                                       "approved_at"))
        if front.status in HAS_MINUTES:
            continue
        for item in meeting.items:
            _check_no_minutes_yet(item, front.status, rel, errors)


def _check_not_yet_held(checked: CheckedTree, today: dt.date, errors: list[ContentError]) -> None:
    """Minutes exist only for meetings that have taken place, and only a
    meeting that has taken place can have approved them."""
    keys = {m.raw.key: m for m in checked.meetings}
    for meeting in checked.meetings:
        front, source = meeting.front, meeting.raw.source
        if front.status in HAS_MINUTES and meeting.date > today:
            errors.append(ContentError(source.rel, source.front.line(("status",)), "status",
                                       f"the status is '{front.status}' but the meeting is "
                                       f"{'in' if month_only(meeting.date) else 'on'} "
                                       f"{short_date(meeting.date)}, after today ({short_date(today)}): "
                                       "minutes are written once it has taken place; until then write "
                                       "'status: agenda-published' (or check the folder's date)"))
        approver = keys.get(front.approved_at.meeting or "") if front.approved_at else None
        if approver is not None and approver.date > today:
            errors.append(ContentError(source.rel, source.front.line(("approved_at", "meeting")),
                                       "approved_at.meeting", f"meeting '{approver.raw.key}' has not yet "
                                       f"taken place (it is on {short_date(approver.date)}): minutes "
                                       "are approved at a meeting that has happened; until then write "
                                       "'status: draft-minutes' and remove approved_at"))


def _check_no_minutes_yet(item: CheckedItem, status: str, meeting_rel: str,
                          errors: list[ContentError]) -> None:
    """Before the meeting there are no minutes, resolutions or votes."""
    written = [(name, line) for name, present, line in (
        ("'## Minutes' text", "Minutes" in item.section_spans, item.section_lines.get("Minutes")),
        ("resolutions", bool(item.front.resolutions), item.raw.source.front.line(("resolutions",))),
        ("votes", bool(item.front.votes), item.raw.source.front.line(("votes",))),
        ("open_resolutions", bool(item.front.open_resolutions), item.raw.source.front.line(("open_resolutions",))),
        ("motions", any(m.vote or m.outcome or any(a.vote or a.outcome for a in m.amendments)
                        for m in item.front.motions), item.raw.source.front.line(("motions",))),
    ) if present]
    if not written:
        return
    names = " and ".join(name for name, _ in written)
    field_ = "text" if written[0][0].startswith("'## Minutes'") else written[0][0]
    errors.append(ContentError(item.raw.source.rel, written[0][1] or 1, field_,
                               f"this item has {names} but the meeting's status is '{status}': "
                               f"set 'status: draft-minutes' in {meeting_rel}, or remove the "
                               "minutes"))


def _files(checked: CheckedTree) -> Iterator[tuple[SourceFile, schema.MeetingFront | schema.ItemFront]]:
    """Every meeting and item file with its validated front matter."""
    for meeting in checked.meetings:
        yield meeting.raw.source, meeting.front
        for item in meeting.items:
            yield item.raw.source, item.front


# ---- aliases: old addresses that redirect ------------------------------------------


def aliases_of(checked: CheckedTree) -> Iterator[tuple[str, str, int, str]]:
    """(alias, file, line, field) of every old address the content names."""
    for source, front in _files(checked):
        for i, alias in enumerate(front.aliases):
            yield alias, source.rel, source.front.line(("aliases", i)), field_name(("aliases", i))


def _check_aliases(checked: CheckedTree, errors: list[ContentError]) -> None:
    """An old address leads to one page only. (That it takes no address the
    site uses is checked once the model exists: ``site.redirects.alias_mistakes``.)"""
    claimed: dict[str, str] = {}
    found: list[tuple[str, str, int, str]] = []  # (alias, file, line, field)
    for source, front in _files(checked):
        for i, alias in enumerate(front.aliases):
            line, name = source.front.line(("aliases", i)), field_name(("aliases", i))
            if alias in claimed:
                errors.append(ContentError(source.rel, line, name,
                                           f"'{alias}' is also an alias in {claimed[alias]}: an old "
                                           "address can lead to one page only; remove it from one file"))
                continue
            claimed[alias] = source.rel
            found.append((alias, source.rel, line, name))


# ---- corrections ------------------------------------------------------------------


def _check_corrections(checked: CheckedTree, today: dt.date, errors: list[ContentError]) -> None:
    """A correction has already been made: its date is not after today."""
    for source, front in _files(checked):
        for i, correction in enumerate(front.corrections):
            if correction.date > today:
                loc = ("corrections", i, "date")
                errors.append(ContentError(source.rel, source.front.line(loc), field_name(loc),
                                           f"{correction.date.isoformat()} is after today "
                                           f"({today.isoformat()}): give the date the "
                                           "correction was made"))
