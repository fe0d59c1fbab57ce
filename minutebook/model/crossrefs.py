"""Cross-references in minutes text: "Minute 35" and "Document “AM”".

Clerks write references the way minutes have always printed them. Where the
target exists, the reference becomes a link; where it does not, ``check``
warns with the file and line, and the text is published as written.

- "Minute 35" means minute 35 of the same committee in the same municipal
  year (minute numbers restart each year), so it may point at another
  meeting's item.
- "on 5 March 2024 (Minute 75)": a date just before the reference names the
  meeting, of any committee, as minutes write when they cite another year's or
  another committee's minute.
- "Document “AM”" means the report lettered AM at the same meeting (an
  item's ``report: AM``); the link goes to that item's documents.

Links are made while the Markdown is rendered (a Python-Markdown inline
processor), so references inside code or inside links the clerk wrote are
left alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from minutebook.content import urls
from minutebook.content.dates import month_only, municipal_year
from minutebook.content.errors import ContentError
from minutebook.content.markup import EXTENSIONS, PlainTextSkipped
from minutebook.content.sanitise import clean
from minutebook.model.objects import AgendaItem, Meeting, Site

if TYPE_CHECKING:  # the checks (and pydantic) are not needed to render a text
    from minutebook.content.source import SourceFile
    from minutebook.content.validate import CheckedMeeting, CheckedTree

# "Minute 75", "minute no. 75", 'Document "E"', each starting a word. The
# look-behinds say "starting a word" as \b would, but let the engine jump
# between the letters M, m and D: twice as quick over an archive's texts.
REFERENCE = (r"[Mm](?<!\w[Mm])inute (?:[Nn]o\.? ?)?(?P<minute>\d+)\b"
             r"|D(?<!\wD)ocument [“\"](?P<report>[A-Z]{1,4})[”\"]")
_REFERENCE = re.compile(REFERENCE)
_MONTHS = ("January February March April May June July August September October November December").split()
_DATE_BEFORE = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})[ ,]*\(?\s*$")


def date_before(text: str) -> dt.date | None:
    """The date written just before a reference: "on 5 March 2024 (Minute 75)"."""
    found = _DATE_BEFORE.search(text[-40:])
    if not found:
        return None
    day, month, year = found.groups()
    try:
        return dt.date(int(year), _MONTHS.index(month) + 1, int(day))
    except ValueError:
        return None

# a reference (and the date written before it) -> an href, or None to leave it as text
Resolve = Callable[[re.Match, dt.date | None], str | None]


# ---- rendering with links -----------------------------------------------------


class _ReferenceProcessor(InlineProcessor):
    ANCESTOR_EXCLUDES = ("a",)  # never a link inside a link
    needs = "[Mm]inute|Document"  # for ``markup.PlainTextSkipped``: in every reference

    def __init__(self, extension: ReferenceExtension):
        super().__init__(REFERENCE)
        self.extension = extension

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Python-Markdown's name)
        resolve = self.extension.resolve
        href = resolve(m, date_before(data[:m.start(0)])) if resolve else None
        if href is None:
            return None, None, None
        link = etree.Element("a", {"href": href})
        link.text = AtomicString(m.group(0))
        return link, m.start(0), m.end(0)


class ReferenceExtension(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.resolve: Resolve | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(_ReferenceProcessor(self), "minutebook-references", 5)


_extension = ReferenceExtension()
_md = markdown.Markdown(extensions=[*EXTENSIONS, _extension, PlainTextSkipped()], output_format="html")


class Texts:
    """Rendered texts kept between builds (``incremental``): text -> its HTML
    (as UTF-8, as the model keeps it) and the answer each of its references was
    given. A text is reused only when every reference in it still resolves to
    the same link, so a reused text is the same bytes as one rendered afresh.
    The engine makes one for each build: ``last`` is the last build's texts (or
    how to read them, when first needed); ``used`` collects what this build
    needed, for the next."""

    def __init__(self, last: dict[str, list] | Callable[[], dict[str, list]] | None = None) -> None:
        self._last = last if last is not None else {}
        self.used: dict[str, list] = {}

    def known(self) -> dict[str, list]:
        """The last build's texts, read the first time they are asked for
        (a build on the kept model asks for none)."""
        if callable(self._last):
            self._last = self._last()
        return self._last

    def forget_last(self) -> None:
        """Free the last build's texts once the model is made (``used`` stays)."""
        self._last = {}

    def record(self, text: str, kept: list) -> None:
        """``kept``: ``[HTML as UTF-8, answers]``, as this build used it."""
        self.used[text_key(text)] = kept

    def reused(self, text: str, resolve: Resolve, ahead: dict[str, list] | None = None) -> bytes | None:
        """The text's HTML as rendered before, by the last build or ahead of
        this one (``render_ahead``), if its references still resolve the same way."""
        if not text.strip():
            return b""
        key = text_key(text)
        known = self.known().get(key)
        if known is None or not _same_answers(known[1], resolve):
            known = completed(ahead[key], resolve) if ahead and key in ahead else None
        if known is None:
            return None
        self.used[key] = known
        return known[0]


def render_with_links(text: str, resolve: Resolve, texts: Texts | None = None, look_up: bool = True) -> str:
    """The text as HTML, references linked (``html_of``, as str)."""
    return html_of(text, resolve, texts, look_up).decode()


def html_of(text: str, resolve: Resolve, texts: Texts | None = None, look_up: bool = True) -> bytes:
    """The text as HTML in UTF-8, as the model keeps it, references linked,
    recorded in ``texts`` (the build's); ``look_up``: take it from the last
    build's texts when its references still resolve the same way."""
    if not text.strip():
        return b""
    texts = Texts() if texts is None else texts
    known = texts.reused(text, resolve) if look_up else None
    if known is not None:
        return known
    answers: list[list] = []

    def asked(m: re.Match, date: dt.date | None) -> str | None:
        href = resolve(m, date)
        answers.append([m.group(0), date.isoformat() if date else None, href])
        return href

    html = clean(_convert(text, asked)).encode()
    texts.record(text, [html, answers])
    return html


def _convert(text: str, resolve: Resolve) -> str:
    _md.reset()
    _extension.resolve = resolve
    try:
        return _md.convert(text)
    finally:
        _extension.resolve = None


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _same_answers(answers: list, resolve: Resolve) -> bool:
    return all(_asked_again(reference, date, resolve) == href for reference, date, href in answers)


def _asked_again(reference: str, date: str | None, resolve: Resolve) -> str | None:
    """Where a reference kept as ``[its text, its date]`` links now. (Its
    text always reads as a reference again: it was matched by the same pattern.)"""
    match = _REFERENCE.fullmatch(reference)
    return resolve(match, dt.date.fromisoformat(date) if date else None) if match else None


# ---- rendered ahead of the model ------------------------------------------------
# A cold build renders texts while the files are still being read and checked
# (``ahead``), before any reference can be resolved: each reference becomes a
# link to a placeholder, and ``completed`` puts the real link in once the model
# exists. That gives the same bytes only when every reference is a link: text
# left plain is still open to later steps (an abbreviation, say) that a link's
# text is not. So a text with a reference to nothing is rendered afresh.
_PLACEHOLDER = "#minutebook-ahead-{}"  # an address within the page, so the sanitiser keeps it as it is
_PLAIN_HREF = re.compile(r'[^&<>"\0]*')  # an href the HTML writer does not escape


def render_ahead(text: str) -> list | None:
    """``[HTML with placeholders, as UTF-8, [[reference, date], ...]]``, or None
    (to be rendered afresh: a text whose own links could pass for a placeholder)."""
    if not text.strip():
        return None
    references: list[list] = []

    def placeholder(m: re.Match, date: dt.date | None) -> str:
        references.append([m.group(0), date.isoformat() if date else None])
        return _PLACEHOLDER.format(len(references) - 1)

    html = clean(_convert(text, placeholder))
    if html.count(_PLACEHOLDER.format("")) != len(references):
        return None
    return [html.encode(), references]


def completed(ahead: list, resolve: Resolve) -> list | None:
    """A text rendered ahead, its references linked: ``[HTML as UTF-8, answers]``
    as ``html_of`` keeps them; None when one of them links nowhere."""
    html, references = ahead
    answers = []
    for number, (reference, date) in enumerate(references):
        href = _asked_again(reference, date, resolve)
        if href is None or not _PLAIN_HREF.fullmatch(href):
            return None
        html = html.replace(f'href="{_PLACEHOLDER.format(number)}"'.encode(), f'href="{href}"'.encode(), 1)
        answers.append([reference, date, href])
    return [html, answers]


# ---- targets in the model -----------------------------------------------------


@dataclass
class Targets:
    """What references can point at: minutes by committee and municipal year,
    reports by meeting."""

    minutes: dict[tuple[str, str, int], AgendaItem]
    reports: dict[tuple[str, str], AgendaItem]
    dated: dict[tuple[dt.date, int], list[AgendaItem]]

    @classmethod
    def of(cls, site: Site) -> Targets:
        minutes, reports, dated = {}, {}, {}
        for meeting in site.meetings:
            for item in meeting.items:
                if item.minute is not None:
                    minutes[(meeting.committee.id, meeting.municipal_year, item.minute)] = item
                    if not month_only(meeting.date):  # "minute 35 of 1 March 2019" names a day
                        dated.setdefault((meeting.date, item.minute), []).append(item)
                if item.report:
                    reports[(meeting.key, item.report)] = item
        return cls(minutes, reports, dated)

    def minute(self, meeting: Meeting, number: int, date: dt.date | None) -> AgendaItem | None:
        if date is None:
            return self.minutes.get((meeting.committee.id, meeting.municipal_year, number))
        found = self.dated.get((date, number), [])
        # two committees meeting that day with the same minute number: prefer our own
        ours = [i for i in found if i.meeting.committee is meeting.committee]
        return (ours or found or [None])[0]

    def resolver(self, meeting: Meeting, page: Meeting | AgendaItem) -> Resolve:
        here = urls.path_for(page)

        def resolve(m: re.Match, date: dt.date | None) -> str | None:
            if m.group("minute"):
                target = self.minute(meeting, int(m.group("minute")), date)
                return None if target is None or target is page else urls.relative(here, urls.path_for(target))
            target = self.reports.get((meeting.key, m.group("report")))
            if target is None:
                return None
            if target.documents:
                return urls.relative(here, urls.path_for(target) + "#documents")
            return None if target is page else urls.relative(here, urls.path_for(target))

        return resolve


def texts_of(page: Meeting | AgendaItem, notes: str = "", sections: dict[str, str] | None = None,
             ) -> list[tuple[str, str]]:
    """(attribute, Markdown) of each text of a meeting (its notes) or item
    (its '## Agenda' and '## Minutes' sections): the attribute takes its HTML in UTF-8."""
    if isinstance(page, Meeting):
        return [("notes_utf8", notes)]
    if page.exempt:
        return []  # an exempt item's text is never rendered
    sections = sections or {}
    return [("agenda_utf8", sections.get("Agenda", "")), ("minutes_utf8", sections.get("Minutes", ""))]


# How the engine has a list of work done: ``map_shares(work, todo)`` gives ``work``'s result for
# each share of ``todo``, in order (the engine's workers: ``engine.parallel.in_workers``, which
# let go of ``todo`` here once the workers have it, when nothing else holds it).
MapShares = Callable[[Callable[[Sequence], object], list], Iterable]


def one_share(work: Callable[[Sequence], object], todo: list) -> Iterable:
    """All the work in this process, as one share."""
    return [work(todo)] if todo else []


@dataclass
class Markdown:
    """What the model still needs of the checked files to render its texts:
    each meeting's notes, by its key, and each item's sections, by its file."""

    notes: dict[str, str]
    sections: dict[str, dict[str, str]]

    @classmethod
    def taken_from(cls, checked: CheckedTree) -> Markdown:
        """Each item's text is let go of as its sections are cut from it: for
        a build about to let go of the checked files."""
        return cls({cm.raw.key: cm.notes for cm in checked.meetings},
                   {ci.raw.source.rel: ci.take_sections() for cm in checked.meetings for ci in cm.items})


def render_texts(site: Site, markdown: Markdown, ahead: dict[str, list] | None = None,
                 map_shares: MapShares = one_share, texts: Texts | None = None) -> None:
    """Render every meeting's notes and open item's text, with references linked.

    Texts rendered by the last build (``texts``), or ahead of this one
    (``ahead``), are taken from there; only the others go to the workers
    (sending every text back from them cost seconds).

    ``markdown`` is emptied: from then on each text is held only until it is
    rendered, and the texts rendered ahead only until they are looked up, so
    that their memory is free before the workers start."""
    texts = Texts() if texts is None else texts
    targets = Targets.of(site)
    notes, sections = markdown.notes, markdown.sections
    shown: list[tuple[Meeting | AgendaItem, str, str]] = []  # where the HTML goes, and the Markdown
    for meeting in site.meetings:
        shown += [(meeting, *text) for text in texts_of(meeting, notes=notes.get(meeting.key, ""))]
        for item in meeting.items:
            shown += [(item, *text) for text in texts_of(item, sections=sections.get(item.source, {}))]
    notes.clear()
    sections.clear()

    def resolver(page: Meeting | AgendaItem) -> Resolve:
        return targets.resolver(page if isinstance(page, Meeting) else page.meeting, page)

    todo = []
    for page, attribute, text in shown:
        html = texts.reused(text, resolver(page), ahead)
        if html is None:
            todo.append((page, attribute, text))
        else:
            setattr(page, attribute, html)
    del shown, ahead

    def render(share: Sequence[tuple]) -> tuple[list[bytes], dict]:
        mine = Texts(texts.known())  # in a worker: hand back only what this share used
        return [html_of(text, resolver(page), mine) for page, text in share], mine.used

    places = iter([(page, attribute) for page, attribute, _ in todo])  # where each text rendered goes
    results = map_shares(render, [(page, text) for page, _, text in todo])
    del todo  # the Markdown is the workers' now (``MapShares``)
    for rendered, used in results:
        texts.used.update(used)
        for html, (page, attribute) in zip(rendered, places):  # noqa: B905 (places runs on)
            setattr(page, attribute, html)


# ---- warnings for references to nothing ---------------------------------------


def _references(body: str, first_line: int) -> Iterator[tuple[int, re.Match, dt.date | None]]:
    # One search over the whole text (a reference never spans lines): most texts have none.
    for match in _REFERENCE.finditer(body):
        line_start = body.rfind("\n", 0, match.start()) + 1
        number = first_line + body.count("\n", 0, line_start)
        yield number, match, date_before(body[line_start:match.start()])


def open_texts(checked: CheckedTree) -> list[SourceFile]:
    """The files whose text is published: every meeting's, every open item's."""
    return [source for cm in checked.meetings for source in open_texts_of(cm)]


def open_texts_of(cm: CheckedMeeting) -> list[SourceFile]:
    sources = [cm.raw.source] + [ci.raw.source for ci in cm.items if not ci.front.exempt]
    return [source for source in sources if source is not None]


def broken_references(checked: CheckedTree, start_month: int = 5) -> list[ContentError]:
    """A warning for each reference whose target does not exist."""
    minutes: set[tuple[str, str, int]] = set()
    dated: set[tuple[dt.date, int]] = set()
    reports: set[tuple[str, str]] = set()
    for cm in checked.meetings:
        year = municipal_year(cm.date, start_month)
        for ci in cm.items:
            if ci.front.minute is not None:
                minutes.add((cm.raw.committee, year, ci.front.minute))
                if not month_only(cm.date):
                    dated.add((cm.date, ci.front.minute))
            if ci.front.report:
                reports.add((cm.raw.key, ci.front.report))
    warnings = []
    for cm in checked.meetings:
        year = municipal_year(cm.date, start_month)
        name = checked.committees[cm.raw.committee].name if cm.raw.committee in checked.committees else ""
        for source in open_texts_of(cm):
            for line, match, date in _references(source.body, source.body_line):
                if match.group("minute") and date is not None:
                    if (date, int(match.group("minute"))) not in dated:
                        warnings.append(ContentError(
                            source.rel, line, "text",
                            f"'{match.group(0)}' is not a minute of any meeting on {date.day} "
                            f"{date:%B %Y}: check the date and the number; until then it is "
                            "published as plain text", warning=True))
                elif match.group("minute"):
                    if (cm.raw.committee, year, int(match.group("minute"))) not in minutes:
                        warnings.append(ContentError(
                            source.rel, line, "text",
                            f"'{match.group(0)}' is not a minute of the {name} in the municipal year "
                            f"{year}: check the number (minute numbers restart each municipal year); "
                            "until then it is published as plain text", warning=True))
                elif (cm.raw.key, match.group("report")) not in reports:
                    warnings.append(ContentError(
                        source.rel, line, "text",
                        f"'{match.group(0)}' is not the report of any item at this meeting: "
                        f"give the item it belongs to 'report: {match.group('report')}', or check "
                        "the letters; until then it is published as plain text", warning=True))
    return warnings
