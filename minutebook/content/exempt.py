"""What a clerk writes after ``exempt:``, on an item or a document.

One paragraph of Part 1 of Schedule 12A (``exempt: 3``), several as the
minutes cite them (``exempt: [1, 2]``, also for "paragraph 1 or 3"), or
``exempt: not stated`` when the minutes do not say which. Whatever it cites,
the value is an exemption: ``Exempt`` is always true, so every
``if front.exempt:`` that keeps content off the site holds for all three.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PARAGRAPHS = range(1, 8)  # Part 1 of Schedule 12A has seven (schema.SCHEDULE_12A gives their wording)
NOT_STATED = "not stated"

WHAT_TO_WRITE = ("the value must be the paragraph number the minutes cite: write a number from 1 to 7 "
                 "(exempt: 3), a list of them (exempt: [1, 2]), or 'not stated' (exempt: not stated) when "
                 "the minutes do not say which paragraph")


@dataclass(frozen=True)
class Exempt:
    """An exemption: the paragraphs in the order written, none when not stated."""

    paragraphs: tuple[int, ...]

    def __bool__(self) -> bool:
        return True  # exempt, whatever it cites: never false, even with no paragraph stated

    @property
    def stated(self) -> bool:
        return bool(self.paragraphs)


def read_exempt(value: Any) -> Exempt:
    """The exemption ``value`` (as the YAML gives it: text, or a list of texts)
    says, or a ValueError whose message says what to write."""
    if value is None:
        raise ValueError(f"is empty: {WHAT_TO_WRITE} (or, if nothing here is exempt, remove the line)")
    if isinstance(value, list):
        return Exempt(_paragraph_list(value))
    if isinstance(value, str) and " ".join(value.split()).casefold() == NOT_STATED:
        return Exempt(())
    return Exempt((_paragraph(value),))


def _paragraph_list(values: list) -> tuple[int, ...]:
    if not values:
        raise ValueError(f"the list is empty: {WHAT_TO_WRITE}")
    paragraphs: list[int] = []
    for value in values:
        if isinstance(value, str) and " ".join(value.split()).casefold() == NOT_STATED:
            raise ValueError("'not stated' cannot be in a list of paragraphs: write 'exempt: not stated' "
                             "on its own, or list only the paragraph numbers")
        paragraph = _paragraph(value, " in the list")
        if paragraph in paragraphs:
            raise ValueError(f"paragraph {paragraph} is listed twice: list each paragraph once")
        paragraphs.append(paragraph)
    return tuple(paragraphs)


def _paragraph(value: Any, where: str = "") -> int:
    """One paragraph number, 1 to 7."""
    number = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"\s*[0-9]{1,6}\s*", value):
        number = int(value.strip())  # \s matches what int() refuses to skip, such as U+001F
    if number is not None and number in PARAGRAPHS:
        return number
    raise ValueError(f"{_given(value)}{where} {_why_not(number)}; {WHAT_TO_WRITE}{_hint(value)}")


def _given(value: Any) -> str:
    if isinstance(value, bool):
        return "'true'" if value else "'false'"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"'{text if len(text) <= 40 else text[:37] + '...'}'"


def _why_not(number: int | None) -> str:
    if number is not None:
        return "is not a paragraph of Part 1 of Schedule 12A, which has paragraphs 1 to 7"
    return "is not a paragraph of Part 1 of Schedule 12A"


def _hint(value: Any) -> str:
    """What the clerk most likely meant, when the text shows it."""
    numbers = re.findall(r"[0-9]+", value) if isinstance(value, str) else []
    if not numbers or not all(len(n) <= 2 and int(n) in PARAGRAPHS for n in numbers) \
            or re.fullmatch(r"\s*[0-9]+\s*", value):
        return ""
    if len(numbers) == 1:
        return f"; did you mean 'exempt: {int(numbers[0])}'?"
    listed = ", ".join(str(int(n)) for n in numbers)
    return f"; did you mean 'exempt: [{listed}]'? (write 'paragraph 1 or 3' as a list too)"
