"""Working days and the call-in deadline of an executive decision.

A decision can be called in until the end of the Nth working day after its
decision notice was published (N is ``MINUTEBOOK_CALL_IN_DAYS``, 5 unless
the council's constitution says otherwise). Working days skip weekends, the
bank holidays of the council's nation (``MINUTEBOOK_BANK_HOLIDAYS``, from the
``holidays`` library) and the council's own closure days
(``MINUTEBOOK_CLOSURE_DAYS``, such as the days between Christmas and New Year).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

import holidays

CALL_IN_DAYS = "MINUTEBOOK_CALL_IN_DAYS"
BANK_HOLIDAYS = "MINUTEBOOK_BANK_HOLIDAYS"
CLOSURE_DAYS = "MINUTEBOOK_CLOSURE_DAYS"
# The nations of the United Kingdom, as the settings name them, and as the holidays library does.
NATIONS = {"England": "ENG", "Wales": "WLS", "Scotland": "SCT", "Northern Ireland": "NIR"}
DEFAULT_DAYS, DEFAULT_NATION = 5, "England"
MOST_DAYS = 30  # far beyond any constitution's call-in period


@functools.lru_cache(maxsize=64)
def bank_holidays(nation: str, year: int) -> frozenset[dt.date]:
    """The bank holidays of one nation of the United Kingdom in one year."""
    return frozenset(holidays.country_holidays("GB", subdiv=NATIONS[nation], years=year))


@dataclass(frozen=True)
class CallInRules:
    """The council's call-in period and the days its offices are closed."""

    days: int = DEFAULT_DAYS
    nation: str = DEFAULT_NATION
    closures: frozenset[dt.date] = field(default_factory=frozenset)

    def is_working_day(self, day: dt.date) -> bool:
        return (day.weekday() < 5 and day not in self.closures
                and day not in bank_holidays(self.nation, day.year))

    def deadline(self, published: dt.date) -> dt.date:
        """The last day on which a decision published on ``published`` can be
        called in: the ``days``-th working day after it (the day of publication
        does not count, whether or not it is a working day)."""
        day, counted = published, 0
        while counted < self.days:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return day

    def working_days_between(self, after: dt.date, until: dt.date) -> int:
        """The working days after ``after``, up to and including ``until``."""
        return sum(1 for n in range(1, (until - after).days + 1)
                   if self.is_working_day(after + dt.timedelta(days=n)))


def rules_from_settings(settings: dict) -> CallInRules:
    """The rules the settings give; a setting that is not right (which
    ``settings_mistakes`` reports before any build) counts as not given."""
    days = settings.get(CALL_IN_DAYS, DEFAULT_DAYS)
    nation = settings.get(BANK_HOLIDAYS, DEFAULT_NATION)
    closures = {_as_date(value) for value in _closure_list(settings)}
    return CallInRules(days if _good_days(days) else DEFAULT_DAYS,
                       nation if nation in NATIONS else DEFAULT_NATION,
                       frozenset(day for day in closures if day is not None))


def _good_days(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MOST_DAYS


def _closure_list(settings: dict) -> list:
    value = settings.get(CLOSURE_DAYS) or []
    return list(value) if isinstance(value, list | tuple | set | frozenset) else []


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()) if len(value.strip()) == 10 else None
        except ValueError:
            return None
    return None


def settings_problems(settings: dict) -> list[tuple[str, str]]:
    """(setting, what to write instead) for each call-in setting that is not right."""
    problems = []
    days = settings.get(CALL_IN_DAYS, DEFAULT_DAYS)
    if not _good_days(days):
        problems.append((CALL_IN_DAYS, f"{days!r} is not a number of working days: write a whole number "
                         f"from 1 to {MOST_DAYS}, the call-in period in the council's constitution, "
                         f"for example {CALL_IN_DAYS} = 5"))
    nation = settings.get(BANK_HOLIDAYS, DEFAULT_NATION)
    if nation not in NATIONS:
        names = ", ".join(f'"{name}"' for name in NATIONS)
        problems.append((BANK_HOLIDAYS, f"{nation!r} is not a nation whose bank holidays Minute Book "
                         f"knows: write one of {names}"))
    value = settings.get(CLOSURE_DAYS) or []
    if not isinstance(value, list | tuple | set | frozenset):
        problems.append((CLOSURE_DAYS, f"{value!r} is not a list of dates: write the days the council's "
                         f'offices are closed as a list, for example {CLOSURE_DAYS} = ["2026-12-29", "2026-12-30"]'))
    else:
        for number, entry in enumerate(value):
            if _as_date(entry) is None:
                problems.append((f"{CLOSURE_DAYS}[{number}]", f"{entry!r} is not a date: write it as "
                                 '"YYYY-MM-DD", for example "2026-12-29"'))
    return problems
