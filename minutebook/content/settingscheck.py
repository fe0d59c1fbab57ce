"""The council's own settings that reach a page as links: checked before a
build like content, so a mistyped or unsafe address is a clear mistake."""

from __future__ import annotations

from pathlib import Path

from minutebook.content.errors import ContentError, ContentErrors
from minutebook.content.sanitise import SCHEMES, address_problem, web_address_problem


def settings_mistakes(settings: dict, settings_file: Path) -> list[ContentError]:
    """``MINUTEBOOK_FOOTER_LINKS`` may link only to web addresses (or email
    and phone), and ``MINUTEBOOK_CONTACT``'s email must be an address."""
    where = str(settings_file)
    mistakes = []
    for number, link in enumerate(settings.get("MINUTEBOOK_FOOTER_LINKS") or []):
        field = f"MINUTEBOOK_FOOTER_LINKS[{number}]"
        if not (isinstance(link, list | tuple) and len(link) == 2 and all(isinstance(p, str) for p in link)):
            mistakes.append(ContentError(where, 1, field, "write each link as (\"label\", \"https://...\")"))
            continue
        problem = web_address_problem(link[1], SCHEMES)
        if problem:
            mistakes.append(ContentError(where, 1, field, f"'{link[1]}' {problem}"))
    email = (settings.get("MINUTEBOOK_CONTACT") or {}).get("email")
    if email and address_problem(f"mailto:{email}"):
        mistakes.append(ContentError(where, 1, "MINUTEBOOK_CONTACT.email",
                                     f"'{email}' is not an email address: write it whole, for example "
                                     "democratic.services@example.gov.uk"))
    mistakes += remote_attendance_mistakes(settings, where)
    return mistakes


REMOTE_COUNTS_AS_PRESENT = "MINUTEBOOK_REMOTE_COUNTS_AS_PRESENT"


def remote_attendance_mistakes(settings: dict, where: str) -> list[ContentError]:
    """``MINUTEBOOK_REMOTE_COUNTS_AS_PRESENT`` is True or False: whether members
    attending remotely count as present (and may vote) is the council's law."""
    value = settings.get(REMOTE_COUNTS_AS_PRESENT, False)
    if isinstance(value, bool):
        return []
    return [ContentError(where, 1, REMOTE_COUNTS_AS_PRESENT,
                         f"{value!r} is not True or False: write True if members attending remotely "
                         "count as present and may vote (as in Wales), or False if they do not "
                         "(as in England)")]


def check_settings(settings: dict, settings_file: Path) -> None:
    mistakes = settings_mistakes(settings, settings_file)
    if mistakes:
        raise ContentErrors(mistakes)
