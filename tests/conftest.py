"""Shared fixtures: the sample site, built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from minutebook.engine.build import build_site
from tests.support import CONTENT, SETTINGS

# No timed assertions: an example that runs slowly on a busy machine is not a failure.
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """content/ built with pelicanconf.py into a temporary output folder."""
    output = tmp_path_factory.mktemp("site") / "output"
    build_site(SETTINGS, CONTENT, output)
    return output


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of content/ that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target
