"""The council's own settings that reach a page as links: checked before a
build like content, so a mistyped or unsafe address is a clear mistake."""

from __future__ import annotations

from pathlib import Path

from minutebook.content.errors import ContentError, ContentErrors
from minutebook.content.nofollow import read_inside
from minutebook.content.sanitise import SCHEMES, address_problem, web_address_problem
from minutebook.content.workingdays import settings_problems as call_in_problems


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
    mistakes += icon_mistakes(settings, settings_file)
    mistakes += call_in_mistakes(settings, settings_file)
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


# The council's icons: the setting, the kind of file, how such a file starts, an example.
ICONS = (("MINUTEBOOK_FAVICON", "an .ico file", ".ico", (b"\x00\x00\x01\x00",), "images/favicon.ico"),
         ("MINUTEBOOK_TOUCH_ICON", "a .png image (180 by 180 pixels)", ".png", (b"\x89PNG\r\n\x1a\n",),
          "images/apple-touch-icon.png"))


def icon_mistakes(settings: dict, settings_file: Path) -> list[ContentError]:
    """``MINUTEBOOK_FAVICON`` and ``MINUTEBOOK_TOUCH_ICON`` name a file of the right
    kind inside the content folder (nothing outside it is ever published)."""
    mistakes = []
    content = Path(settings.get("PATH") or ".")
    for name, kind, suffix, magic, example in ICONS:
        value = settings.get(name)
        if value is None:
            continue
        line = _line_of(settings_file, name)
        fix = f"give {kind} in the content folder, as a path from it, for example {name} = \"{example}\""
        if not isinstance(value, str) or not value.lower().endswith(suffix):
            mistakes.append(ContentError(str(settings_file), line, name, f"{value!r} is not {kind}: {fix}"))
            continue
        try:
            data = read_inside(content, value)
        except OSError as exc:
            why = exc.strerror or "it cannot be read"
            mistakes.append(ContentError(str(settings_file), line, name,
                                         f"'{value}' is not a file in the content folder {content} ({why}): {fix}"))
            continue
        if not data.startswith(magic):
            mistakes.append(ContentError(str(settings_file), line, name,
                                         f"'{value}' is not {kind} inside (its first bytes are not one's): {fix}"))
    return mistakes


def _line_of(settings_file: Path, name: str) -> int:
    """The line of the settings file that sets ``name`` (1 if it cannot be found)."""
    try:
        lines = settings_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((number for number, text in enumerate(lines, 1) if text.lstrip().startswith(name)), 1)


def call_in_mistakes(settings: dict, settings_file: Path) -> list[ContentError]:
    """``MINUTEBOOK_CALL_IN_DAYS``, ``MINUTEBOOK_BANK_HOLIDAYS`` and
    ``MINUTEBOOK_CLOSURE_DAYS``: the call-in deadlines of decisions (``workingdays``)."""
    return [ContentError(str(settings_file), _line_of(settings_file, name.split("[")[0]), name, message)
            for name, message in call_in_problems(settings)]


def check_settings(settings: dict, settings_file: Path) -> None:
    mistakes = settings_mistakes(settings, settings_file)
    if mistakes:
        raise ContentErrors(mistakes)
