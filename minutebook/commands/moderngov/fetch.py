"""Getting Modern.gov's pages: from its web site, politely, or from a folder
of responses saved earlier (named ``GetMeeting_7837.xml`` and so on)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode, urljoin, urlsplit

import requests
import requests_cache

USER_AGENT = f"MinuteBook-importer/{version('minutebook')} (minutebook import moderngov; one request at a time)"
SERVICE = "mgWebService.asmx"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
T = TypeVar("T")


class FetchProblem(Exception):
    """A page that could not be had, named, with why. ``lasting``: asking
    again will not help (404, not XML); otherwise a later run may succeed."""

    def __init__(self, page: str, reason: str, lasting: bool = False):
        super().__init__(f"{page}: {reason}")
        self.page = page
        self.reason = reason
        self.lasting = lasting


@dataclass(frozen=True)
class Politeness:
    delay: float = 1.0  # seconds between two requests that reach the site
    retries: int = 3
    timeout: float = 30.0
    backoff: float = 2.0  # seconds before the first retry, doubled before each next one


class WebSource:
    """A Modern.gov site at ``base`` (``https://democracy.example.gov.uk``)."""

    def __init__(self, base: str, cache: Path, politeness: Politeness, refresh: bool = False):
        self.base = base.rstrip("/")
        self.politeness = politeness
        self.refresh = refresh  # ask the site again for listings, not only the cache
        self.session = requests_cache.CachedSession(
            str(cache / "http"), backend="filesystem", expire_after=requests_cache.NEVER_EXPIRE,
            allowable_codes=(200, 404), stale_if_error=False)  # a 404 is not asked twice either
        self.session.headers["User-Agent"] = USER_AGENT
        self._last_request = 0.0

    def answer(self, method: str, read: Callable[[bytes, str], T], **params: str) -> T:
        """``read`` of the web service's answer to ``method``."""
        return self._read(f"{self.base}/{SERVICE}/{method}", read, params)

    def page(self, name: str, read: Callable[[bytes, str], T], **params: str) -> T:
        """``read`` of one of the site's HTML pages (``ieListDocuments.aspx``)."""
        return self._read(f"{self.base}/{name}", read, params)

    def _read(self, address: str, read: Callable[[bytes, str], T], params: dict[str, str]) -> T:
        """An answer ``read`` refuses (HTML, cut short) is not kept in the
        cache, so the next run asks again."""
        url = address + (f"?{urlencode(params)}" if params else "")
        try:
            return read(self._get(url, self.refresh).content, url)
        except FetchProblem as exc:
            if "answered 404" not in exc.reason:  # a page missing stays missing; anything else is asked again
                self.session.cache.delete(urls=[url])
            raise

    def address(self, url: str) -> str:
        """``url`` made whole against the site's address."""
        return urljoin(f"{self.base}/", url) if url else ""

    def document(self, url: str, key: str) -> tuple[bytes, str]:
        """The bytes of a document and its Content-Type. Only from the
        council's own Modern.gov site: a document elsewhere is linked, not
        fetched. ``key`` is unused here: a folder source finds documents by it."""
        if (urlsplit(url).hostname or "").lower() != (urlsplit(self.base).hostname or "").lower():
            raise FetchProblem(url, "it is on another site than the council's Modern.gov site", lasting=True)
        response = self._get(url, False)
        return response.content, response.headers.get("Content-Type", "")

    def _get(self, url: str, refresh: bool) -> requests.Response:
        problem = "no answer"
        for attempt in range(self.politeness.retries + 1):
            if attempt:
                time.sleep(self.politeness.backoff * 2 ** (attempt - 1))  # back off further each time
            try:
                response = self._request(url, refresh)
            except requests.Timeout:
                problem = f"no answer within {self.politeness.timeout:g} seconds"
                continue
            except requests.RequestException as exc:
                problem = f"could not connect ({type(exc).__name__})"
                continue
            if response.status_code == 200:
                return response
            problem = f"the site answered {response.status_code} {response.reason}"
            if response.status_code not in RETRY_STATUSES:
                raise FetchProblem(url, problem, lasting=True)
        tries = self.politeness.retries + 1
        raise FetchProblem(url, f"{problem}, after {tries} {'try' if tries == 1 else 'tries'}")

    def _request(self, url: str, refresh: bool) -> requests.Response:
        if not refresh and self.session.cache.contains(url=url):
            return self.session.get(url, timeout=self.politeness.timeout)
        wait = self._last_request + self.politeness.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            return self.session.get(url, timeout=self.politeness.timeout, force_refresh=refresh)
        finally:
            self._last_request = time.monotonic()


class FolderSource:
    """Responses saved in a folder: ``GetCommittees.xml``,
    ``GetMeetings_129.xml``, ``GetMeeting_7837.xml``; documents as
    ``documents/<attachment id>.<ext>``."""

    def __init__(self, folder: Path):
        self.folder = folder

    def answer(self, method: str, read: Callable[[bytes, str], T], **params: str) -> T:
        key = params.get("lCommitteeId") or params.get("lMeetingId") or params.get("lAttachmentId")
        path = self.folder / (f"{method}_{key}.xml" if key else f"{method}.xml")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FetchProblem(str(path), f"cannot be read ({exc.strerror})", lasting=True) from exc
        return read(data, str(path))

    def page(self, name: str, read: Callable[[bytes, str], T], **params: str) -> T:
        """A saved page, named by the page and its query: ``ieListDocuments_CId129_MId7837.html``."""
        path = self.folder / (Path(name).stem + "".join(f"_{key}{value}" for key, value in params.items()) + ".html")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise FetchProblem(str(path), f"cannot be read ({exc.strerror})", lasting=True) from exc
        return read(data, str(path))

    def address(self, url: str) -> str:
        return url

    def document(self, url: str, key: str) -> tuple[bytes, str]:
        found = sorted((self.folder / "documents").glob(f"{key}.*")) if key.isdigit() else []
        if not found:
            raise FetchProblem(url, f"no saved copy documents/{key}.* in {self.folder}", lasting=True)
        return found[0].read_bytes(), ""


def source_for(where: str, cache: Path, politeness: Politeness, refresh: bool = False) -> WebSource | FolderSource:
    """A web source for an http(s) address, else a folder source."""
    if urlsplit(where).scheme in ("http", "https"):
        return WebSource(where, cache, politeness, refresh)
    return FolderSource(Path(where))
