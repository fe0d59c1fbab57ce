"""Dates as GOV.UK writes them, and the municipal year: used by the check's
messages, the model and the pages alike."""

from __future__ import annotations

import datetime as dt
import functools


@functools.lru_cache(maxsize=16384)  # called for every date on every page
def long_date(value: dt.date) -> str:
    """Tuesday 5 March 2024"""
    return f"{value:%A} {value.day} {value:%B %Y}"


@functools.lru_cache(maxsize=16384)  # called for every date on every page
def short_date(value: dt.date) -> str:
    """5 March 2024"""
    return f"{value.day} {value:%B %Y}"


def municipal_year(date: dt.date, start_month: int = 5) -> str:
    """'2024 to 2025' for a date in the year that starts in May 2024."""
    first = date.year if date.month >= start_month else date.year - 1
    return f"{first} to {first + 1}"
