"""Fixtures for the discovery tests: the extended sample, checked and built."""

from __future__ import annotations

from pathlib import Path

import pytest

from minutebook.engine.build import build_site
from minutebook.engine.pipeline import load_site
from minutebook.model.objects import Site
from tests.discovery.sample import write_sample
from tests.support import SETTINGS

SETTINGS_OVERRIDES = {"MINUTEBOOK_TODAY": "2026-11-30"}  # after every sample meeting with minutes


@pytest.fixture(scope="session")
def sample_content(tmp_path_factory) -> Path:
    """A private copy of the extended sample; tests must not change it."""
    return write_sample(tmp_path_factory.mktemp("discovery") / "content")


@pytest.fixture(scope="session")
def discovery_site(sample_content, tmp_path_factory) -> Path:
    """The extended sample built, search index included."""
    output = tmp_path_factory.mktemp("discovery-site") / "output"
    build_site(SETTINGS, sample_content, output, SETTINGS_OVERRIDES)
    return output


@pytest.fixture(scope="session")
def sample_model(sample_content) -> Site:
    from minutebook.engine.build import settings_for
    settings = settings_for(SETTINGS, sample_content, overrides=SETTINGS_OVERRIDES)
    return load_site(sample_content, settings)
