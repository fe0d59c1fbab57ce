"""Dates as GOV.UK writes them, and the municipal year: used by the check's
messages, the model and the pages alike."""

from __future__ import annotations

import datetime as dt
import functools
import re


class MonthDate(dt.date):
    """The date of a meeting that old minutes give only to the month (a
    folder named ``2019-03``): the first of the month, for sorting, the
    municipal year and comparisons, which says "March 2019" wherever it is
    written (``long_date``, ``short_date``) and "2019-03" as ISO 8601 (the
    HTML ``<time>`` element, the open data)."""

    __slots__ = ()

    def __new__(cls, year: int, month: int, day: int = 1) -> MonthDate:
        return super().__new__(cls, year, month, 1)

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"MonthDate({self.year}, {self.month})"

    def __reduce__(self) -> tuple:
        return (MonthDate, (self.year, self.month))


MONTH_FOLDER = re.compile(r"\d{4}-\d{2}")


def folder_date(text: str) -> dt.date:
    """The date a meeting folder's name gives: ``2024-03-05``, or a month only,
    ``2019-03`` (a MonthDate). ValueError when it is not a real date."""
    if MONTH_FOLDER.fullmatch(text):
        year, month = map(int, text.split("-"))
        return MonthDate(year, month)
    return dt.date.fromisoformat(text)


def month_only(value: dt.date) -> bool:
    """Whether ``value`` is known only to its month."""
    return isinstance(value, MonthDate)


def ended_before(value: dt.date, today: dt.date) -> bool:
    """Whether the day ``value`` (or, for a month-only date, the whole month) is over by ``today``."""
    if isinstance(value, MonthDate):
        return (value.year, value.month) < (today.year, today.month)
    return value < today


def month_name(value: dt.date) -> str:
    """March 2019"""
    return f"{value:%B %Y}"


def long_date(value: dt.date) -> str:
    """Tuesday 5 March 2024; March 2019 for a date known only to the month"""
    return month_name(value) if isinstance(value, MonthDate) else _long_date(value)


def short_date(value: dt.date) -> str:
    """5 March 2024; March 2019 for a date known only to the month"""
    return month_name(value) if isinstance(value, MonthDate) else _short_date(value)


@functools.lru_cache(maxsize=16384)  # called for every date on every page
def _long_date(value: dt.date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


@functools.lru_cache(maxsize=16384)  # called for every date on every page
def _short_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def municipal_year(date: dt.date, start_month: int = 5) -> str:
    """'2024 to 2025' for a date in the year that starts in May 2024."""
    first = date.year if date.month >= start_month else date.year - 1
    return f"{first} to {first + 1}"
