"""Fixtures for tests in a real headless Chromium, reusable by any browser test.

- ``browser_site``: the built sample site, plus any page type it still lacks.
- ``site_server``: ``browser_site`` served over HTTP on 127.0.0.1;
  ``site_server.url("meetings/")`` gives a page's address.
- ``browser``: Debian's Chromium driven by Playwright (``playwright install`` is
  not needed). Without a Chromium the tests skip, except under CI (``CI=true``),
  where a missing browser fails them.
- ``page_types``: one representative page of each page type, found in the built
  site by what it contains (see ``tests/browser/page_types.py``).
- ``open_page``: opens a page at a width and records any request that would
  leave the site's origin.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.browser.page_types import PageType, find_page_types, with_every_page_type
from tests.browser.support import CHROMIUM_ARGS, WIDTHS, SiteServer, find_chromium, serve


def no_browser(reason: str) -> None:
    """Skip on a developer's machine; fail under CI, where the browser must be there."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run in CI; see .ci/run)", pytrace=False)
    pytest.skip(f"{reason}: browser tests skipped (install it with `apt-get install chromium`)")


@pytest.fixture(scope="session")
def browser_site(built_site: Path, tmp_path_factory) -> Path:
    """The sample site, with an exempt item and a cancelled meeting added while the
    sample content has none, so every page type is tested (see page_types.py)."""
    return with_every_page_type(built_site, tmp_path_factory.mktemp("browser-site"))


@pytest.fixture(scope="session")
def site_server(browser_site: Path) -> Iterator[SiteServer]:
    """The site for browser tests served from a thread on a free port of 127.0.0.1."""
    with serve(browser_site) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for one test module (Playwright's sync API allows one running
    instance at a time, so each module's browser is closed before the next module's starts)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        no_browser("The playwright package is not installed (pip install -e '.[test]')")
    executable = find_chromium()
    if executable is None:
        no_browser("No Chromium found on PATH or in MINUTEBOOK_CHROMIUM")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def page_types(browser_site: Path) -> dict[str, PageType]:
    return find_page_types(browser_site)


@dataclass
class OpenedPage:
    page: object  # playwright.sync_api.Page
    foreign_requests: list[str] = field(default_factory=list)


@pytest.fixture
def open_page(browser, site_server) -> Iterator[Callable[..., OpenedPage]]:
    """open_page(path, width=1280, javascript=True, color_scheme="light"): a loaded page in a fresh context.

    Any request to another origin is blocked and recorded in ``foreign_requests``.
    """
    contexts = []

    def _open(path: str, width: int = WIDTHS["desktop"], javascript: bool = True,
              color_scheme: str = "light") -> OpenedPage:
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=color_scheme,
                                      java_script_enabled=javascript, service_workers="block")
        contexts.append(context)
        opened = OpenedPage(context.new_page())

        def guard(route):
            url = route.request.url
            if url.startswith(site_server.origin + "/") or url.startswith("data:"):
                route.continue_()
            else:
                opened.foreign_requests.append(url)
                route.abort()

        context.route("**/*", guard)
        opened.page.goto(site_server.url(path), wait_until="load")
        return opened

    yield _open
    for context in contexts:
        context.close()
