"""Render pages: which pages the site has, each with its template, its
breadcrumbs and the model objects its template receives."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial

from minutebook.content import urls
from minutebook.content.dates import short_date
from minutebook.content.settingscheck import REMOTE_COUNTS_AS_PRESENT
from minutebook.content.workingdays import rules_from_settings
from minutebook.model.objects import Committee, Decision, Meeting, Person, ScrutinyArea, Site
from minutebook.site import opendata
from minutebook.site.accessibility import statement_from_settings
from minutebook.site.attendance import attendance_years
from minutebook.site.declarations_register import declarations_years
from minutebook.site.forwardplan import current_plan, plan_months
from minutebook.site.register import register_years
from minutebook.site.search import SearchEntry, annotate

Crumb = tuple[str, str]  # (label, site path)


@dataclass
class Alternate:
    """A machine-readable version of a page: a feed, a calendar, a data file."""

    label: str
    path: str
    media_type: str


ATOM, ICALENDAR, JSON = "application/atom+xml", "text/calendar", "application/json"
SITE_ALTERNATES = [Alternate("All agendas and minutes (Atom feed)", urls.FEED_ALL, ATOM)]


def alternates_of(target: Committee | ScrutinyArea | Meeting) -> list[Alternate]:
    match target:
        case Committee():
            return [Alternate(f"Agendas and minutes of the {target.name} (Atom feed)", urls.feed_of(target), ATOM),
                    Alternate(f"Meetings of the {target.name} (iCalendar)", urls.calendar_of(target), ICALENDAR)]
        case ScrutinyArea():
            return [Alternate(f"Agendas and minutes: {target.name} (Atom feed)", urls.feed_of(target), ATOM)]
        case Meeting():
            committee = target.committee
            return [Alternate("This meeting as data (JSON)", urls.data_of(target), JSON),
                    Alternate(f"Meetings of the {committee.name} (iCalendar)", urls.calendar_of(committee),
                              ICALENDAR)]
    return []


@dataclass
class Page:
    path: str
    template: str
    title: str
    breadcrumbs: list[Crumb] = field(default_factory=list)  # ancestors, not the page itself
    context: dict = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)  # content files the page shows
    search: SearchEntry | None = None  # set for pages the search index covers
    alternates: list[Alternate] = field(default_factory=list)  # feeds, calendars, data of this page
    # more of the context, made only if the page is rendered: the site's every
    # page is listed on every build, and most are not rendered again
    later: Callable[[], dict] | None = None

    def full_context(self) -> dict:
        return {**self.context, **self.later()} if self.later else self.context


HOME: Crumb = ("Home", urls.HOME)


def _committee_crumbs(committee: Committee) -> list[Crumb]:
    return [HOME, ("Committees", urls.COMMITTEES), (committee.name, urls.path_for(committee))]


def meeting_title(meeting: Meeting) -> str:
    return f"{meeting.title}, {short_date(meeting.date)}"


def site_pages(site: Site, only: set[str] | None = None) -> Iterator[Page]:
    """Every HTML page of the site, in a stable order; or those of them
    whose paths are in ``only``."""
    for page in _all_pages(site, only):
        if only is None or page.path in only:
            yield annotate(page)


def _all_pages(site: Site, only: set[str] | None) -> Iterator[Page]:
    yield Page(urls.HOME, "home.html", site.settings.get("SITENAME", "Minutes"))
    yield from _committee_pages(site)
    yield from _meeting_pages(site, only)
    yield from _area_pages(site)
    yield from _people_pages(site)
    yield from _subject_pages(site)
    yield from _decision_pages(site)
    yield from _attendance_pages(site)
    yield from _declaration_pages(site)
    yield from _forward_plan_pages(site)
    yield from _decision_record_pages(site)
    yield Page(urls.SEARCH, "search.html", "Search", [HOME])
    yield Page(urls.ACCESSIBILITY, "accessibility.html", "Accessibility statement", [HOME],
               {"statement": statement_from_settings(site.settings)})
    yield Page(urls.OPEN_DATA, "open-data.html", "Open data", [HOME], _open_data(site))
    yield Page(urls.SITEMAP, "sitemap.html", "Sitemap", [HOME])
    yield Page(urls.NOT_FOUND, "404.html", "Page not found", [HOME])


def _committee_pages(site: Site) -> Iterator[Page]:
    committees = sorted(site.committees.values(), key=lambda c: c.name)
    yield Page(urls.COMMITTEES, "committees.html", "Committees", [HOME],
               {"committees": committees, "attendance_index": urls.ATTENDANCE if attendance_years(site) else None,
                "declarations_index": urls.DECLARATIONS})
    deciding = {d.meeting.committee for d in site.decisions}  # the others have no decisions page
    for committee in committees:
        years = sorted({m.date.year for m in committee.meetings}, reverse=True)
        by_year = [(y, [m for m in reversed(committee.meetings) if m.date.year == y]) for y in years]
        yield Page(urls.path_for(committee), "committee.html", committee.name,
                   _committee_crumbs(committee)[:-1],
                   {"committee": committee, "meetings_by_year": by_year,
                    "decisions": urls.decisions_of(committee) if committee in deciding else None},
                   alternates=alternates_of(committee))


def _meeting_pages(site: Site, only: set[str] | None) -> Iterator[Page]:
    years = site.years
    yield Page(urls.MEETINGS, "years.html", "Meetings by year", [HOME], {"years": [
        (year, len(site.meetings_in(year))) for year in years]})
    for index, year in enumerate(years):
        newer = years[index - 1] if index > 0 else None
        older = years[index + 1] if index + 1 < len(years) else None
        yield Page(urls.meetings_in_year(year), "year.html", f"Meetings in {year}",
                   [HOME, ("Meetings", urls.MEETINGS)],
                   {"year": year, "meetings": site.meetings_in(year), "newer": newer, "older": older})
    for meeting in site.meetings:  # most of the pages: only those wanted are made
        crumbs, here = _committee_crumbs(meeting.committee), urls.path_for(meeting)
        if only is None or here in only:
            yield Page(here, "meeting.html", meeting_title(meeting), crumbs,
                       {"meeting": meeting}, [meeting.source] + [i.source for i in meeting.items],
                       alternates=alternates_of(meeting),
                       later=partial(lambda m: {"jsonld": opendata.meeting_jsonld(m, site.settings)}, meeting))
        for item in meeting.items:
            path = urls.path_for(item)
            if only is None or path in only:
                yield Page(path, "item.html", item.title,
                           crumbs + [(meeting_title(meeting), here)],
                           {"item": item, "meeting": meeting}, [item.source, meeting.source])


def _area_pages(site: Site) -> Iterator[Page]:
    areas = sorted(site.scrutiny_areas.values(), key=lambda a: a.name)
    yield Page(urls.SCRUTINY_AREAS, "scrutiny_areas.html", "Scrutiny areas", [HOME], {"areas": areas})
    for area in areas:
        yield Page(urls.path_for(area), "scrutiny_area.html", area.name,
                   [HOME, ("Scrutiny areas", urls.SCRUTINY_AREAS)], {"area": area},
                   alternates=alternates_of(area))


def _people_pages(site: Site) -> Iterator[Page]:
    people = sorted(site.people.values(), key=lambda p: p.name)
    groups = [(label, [p for p in people if p.kind == kind])
              for kind, label in (("councillor", "Councillors"), ("officer", "Officers"),
                                  ("other", "Others"))]
    years = attendance_years(site)
    yield Page(urls.PEOPLE, "people.html", "People", [HOME],
               {"groups": [(label, members) for label, members in groups if members],
                "attendance_index": urls.ATTENDANCE if years else None, "declarations_index": urls.DECLARATIONS})
    for person in people:
        links = [(y.name, urls.attendance_in_municipal_year(y.first))
                 for y in years if any(m.person is person for m in y.members)]
        yield Page(urls.path_for(person), "person.html", person.name,
                   [HOME, ("People", urls.PEOPLE)], {"person": person, "attendance_links": links,
                                                     "declaration_links": _declaration_links(person)})


def _subject_pages(site: Site) -> Iterator[Page]:
    subjects = sorted(site.subjects.values(), key=lambda s: s.name)
    yield Page(urls.SUBJECTS, "subjects.html", "Subjects", [HOME], {"subjects": subjects})
    for subject in subjects:
        yield Page(urls.path_for(subject), "subject.html", subject.name,
                   [HOME, ("Subjects", urls.SUBJECTS)], {"subject": subject})


def _decision_pages(site: Site) -> Iterator[Page]:
    decisions = site.decisions
    committees = sorted({d.meeting.committee for d in decisions}, key=lambda c: c.name)
    years = sorted({d.meeting.date.year for d in decisions}, reverse=True)
    filters = {"committees": committees, "years": years}

    def listed(keep: Callable[[Decision], bool]) -> Callable[[], dict]:  # only for pages rendered
        return lambda: {"decisions": [d for d in decisions if keep(d)]}

    crumbs = [HOME, ("Decisions register", urls.DECISIONS)]
    yield from _register_pages(site, filters, crumbs)
    for year in years:
        yield Page(urls.decisions_in_year(year), "decisions.html", f"Decisions in {year}", crumbs,
                   {"filter": str(year), **filters}, later=listed(lambda d, y=year: d.meeting.date.year == y))
    for committee in committees:
        yield Page(urls.decisions_of(committee), "decisions.html",
                   f"Decisions of the {committee.name}", crumbs, {"filter": committee.name, **filters},
                   later=listed(lambda d, c=committee: d.meeting.committee is c))


def _attendance_pages(site: Site) -> Iterator[Page]:
    """The attendance statistics: an index of municipal years and a page for each."""
    years = attendance_years(site)
    yield Page(urls.ATTENDANCE, "attendance_index.html", "Attendance statistics", [HOME],
               {"attendance_years": [(y, urls.attendance_in_municipal_year(y.first)) for y in years],
                "attendance_csv": urls.ATTENDANCE_CSV})
    for year in years:
        yield Page(urls.attendance_in_municipal_year(year.first), "attendance.html",
                   f"Attendance in the municipal year {year.name}",
                   [HOME, ("Attendance statistics", urls.ATTENDANCE)],
                   {"year": year, "attendance_csv": urls.ATTENDANCE_CSV,
                    "remote_counts": site.settings.get(REMOTE_COUNTS_AS_PRESENT) is True})


def _declaration_pages(site: Site) -> Iterator[Page]:
    """The register of declarations of interest: an index of municipal years
    and a page for each, by meeting and by member (``site.declarations_register``)."""
    years = declarations_years(site)
    yield Page(urls.DECLARATIONS, "declarations_index.html", "Register of declarations of interest", [HOME],
               {"declaration_years": [(y, urls.declarations_in_municipal_year(y.first)) for y in years],
                "declarations_csv": urls.DECLARATIONS_CSV})
    for year in years:
        yield Page(urls.declarations_in_municipal_year(year.first), "declarations.html",
                   f"Declarations of interest in the municipal year {year.name}",
                   [HOME, ("Register of declarations of interest", urls.DECLARATIONS)],
                   {"year": year, "declarations_csv": urls.DECLARATIONS_CSV})


def _declaration_links(person: Person) -> list[tuple[str, str]]:
    """The register's years in which ``person`` declared an interest, newest
    first, each with the address of their part of that year's page."""
    years = sorted({(int(d.meeting.municipal_year[:4]), d.meeting.municipal_year)
                    for d in person.declarations if d.meeting is not None}, reverse=True)
    return [(name, f"{urls.declarations_in_municipal_year(first)}#member-{person.id}") for first, name in years]


FORWARD_PLAN_ALTERNATES = [Alternate("The forward plan (Atom feed)", urls.FORWARD_PLAN_FEED, ATOM),
                           Alternate("Key decisions expected (iCalendar)", urls.FORWARD_PLAN_CALENDAR, ICALENDAR),
                           Alternate("The forward plan as data (JSON)", urls.FORWARD_PLAN_JSON, JSON)]


def _forward_plan_pages(site: Site) -> Iterator[Page]:
    """The current forward plan, a page for each month with an entry, and one for each entry;
    none for a council with no forward plan (nor its files: ``forwardplanfiles``)."""
    if not site.forward_plan:
        return
    months = plan_months(site)
    crumbs = [HOME, ("Forward plan", urls.FORWARD_PLAN)]
    yield Page(urls.FORWARD_PLAN, "forward_plan.html", "Forward plan of key decisions", [HOME],
               {"months": current_plan(site), "all_months": months, "urls": urls}, alternates=FORWARD_PLAN_ALTERNATES)
    for index, month in enumerate(months):
        yield Page(month.path, "forward_plan_month.html", f"Forward plan: {month.name}", crumbs,
                   {"month": month, "earlier": months[index - 1] if index else None,
                    "later": months[index + 1] if index + 1 < len(months) else None, "urls": urls},
                   [e.source for e in month.entries], alternates=FORWARD_PLAN_ALTERNATES)
        for entry in month.entries:
            yield Page(urls.path_for(entry), "forward_plan_entry.html", entry.title,
                       crumbs + [(month.name, month.path)], {"entry": entry, "month": month, "urls": urls},
                       [entry.source])


def _register_pages(site: Site, filters: dict, crumbs: list[Crumb]) -> Iterator[Page]:
    """The register's index (its municipal years) and a page for each year, without
    procedural decisions and with them (``site.register``)."""
    years = register_years(site.decisions)
    yield Page(urls.DECISIONS, "decisions_index.html", "Decisions register", [HOME],
               {"register_years": [(year, urls.decisions_in_municipal_year(year.first)) for year in years],
                "register_committees": [(c, urls.decisions_of(c)) for c in filters["committees"]],
                "register_calendar_years": [(y, urls.decisions_in_year(y)) for y in filters["years"]],
                "register_csv": urls.DECISIONS_CSV})
    for year in years:
        base = urls.decisions_in_municipal_year(year.first)
        full = urls.decisions_in_municipal_year(year.first, procedural=True)
        title = f"Decisions in the municipal year {year.name}"
        yield Page(base, "decisions.html", title, crumbs,
                   {"filter": year.name, **filters,
                    "procedural": {"shown": False, "count": len(year.procedural), "other": full}},
                   later=lambda y=year: {"decisions": y.substantive})
        if not year.procedural:
            continue  # no second page with nothing more on it
        yield Page(full, "decisions.html", f"{title}, procedural decisions included",
                   crumbs + [(title, base)],
                   {"filter": year.name, **filters,
                    "procedural": {"shown": True, "count": len(year.procedural), "other": base}},
                   later=lambda y=year: {"decisions": y.decisions})


def _decision_record_pages(site: Site) -> Iterator[Page]:
    """The decision notices (executive decisions, at meetings and outside them),
    the officer decisions register, and a page for each decision taken outside a
    meeting (one taken at a meeting is on its item's page)."""
    notices = [r for r in site.decision_records if r.kind != "officer"]
    officers = [r for r in site.decision_records if r.kind == "officer"]
    links = {"decision_notices": urls.DECISION_NOTICES, "officer_decisions": urls.OFFICER_DECISIONS,
             "feed": urls.DECISION_NOTICES_FEED, "data_csv": urls.DECISION_RECORDS_CSV,
             "data_json": urls.DECISION_RECORDS_JSON}
    feed = [Alternate("Decision notices (Atom feed)", urls.DECISION_NOTICES_FEED, ATOM)]
    yield Page(urls.DECISION_NOTICES, "decision_notices.html", "Decision notices", [HOME],
               {"records": notices, "call_in_days": rules_from_settings(site.settings).days, **links},
               alternates=feed)
    yield Page(urls.OFFICER_DECISIONS, "officer_decisions.html", "Officer decisions", [HOME],
               {"records": officers, **links})
    for record in site.decision_records:
        if record.item is not None:
            continue
        crumb = ("Officer decisions", urls.OFFICER_DECISIONS) if record.kind == "officer" else (
            "Decision notices", urls.DECISION_NOTICES)
        yield Page(urls.path_for(record), "decision_record.html", record.title, [HOME, crumb],
                   {"record": record, **links}, [record.source])


def _open_data(site: Site) -> dict:
    """The machine-readable files, for the open data page to list."""
    committees = sorted(site.committees.values(), key=lambda c: c.name)
    areas = sorted(site.scrutiny_areas.values(), key=lambda a: a.name)
    example = site.meetings[-1] if site.meetings else None
    return {"committee_files": [(c, alternates_of(c)) for c in committees],
            "area_files": [(a, alternates_of(a)) for a in areas],
            "example_meeting": example,
            "example_data": urls.data_of(example) if example else None,
            "urls": urls}
