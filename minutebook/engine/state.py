"""What one build reuses from the last and records for the next.

``build.run_build`` makes a ``BuildState`` for each build and passes on what
each step needs: the texts to ``assemble`` and the kept model (``kept``), the
last build's record to the spare. Pelican makes our generator itself, so the
generator finds the state in the settings (``MINUTEBOOK_BUILD``), the usual
way to hand a Pelican plugin its context. No module keeps anything of a build:
a live preview keeps the model between builds in the ``kept.HeldModel`` it
owns, and hands it to each build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from minutebook.engine.incremental import LastPages
from minutebook.engine.kept import HeldModel, Kept, Observed
from minutebook.model.crossrefs import Texts

SETTING = "MINUTEBOOK_BUILD"  # where the generator finds the build's state (never part of the fingerprint)


class WrittenLater(Protocol):
    """Something a build writes only once it has succeeded (``generator.TemplateCache``)."""

    def write(self) -> None: ...


@dataclass
class BuildState:
    """One build's state: what it reuses, and what it leaves for the next."""

    output: Path  # the published site this build replaces
    held: HeldModel = field(default_factory=HeldModel)  # the model a preview keeps between builds
    texts: Texts = field(default_factory=Texts)  # the last build's texts, and those this one used
    last_pages: LastPages = field(default_factory=LastPages)  # the last build's record of its pages
    observed: Observed | None = None  # the content as found before reading it
    spare: bool = False  # the staging folder started as the spare: the last build's files
    kept: Kept | None = None  # this build's model, to keep for the next
    templates: WrittenLater | None = None  # the compiled templates
    files: dict[Path, Path | None] = field(default_factory=dict)  # the file cache, written aside (``filecache``)
    file_writer: int | None = None  # the process writing it (``background.run_aside``)
    pages: dict | None = None  # which page showed which texts (``incremental``), once rendered
    written: int | None = None  # pages rendered (for the benchmark and tests)
    pelican_pages: int = 0  # HTML pages Pelican's own writer made (plain pages: ``about``)
    search_seconds: float | None = None  # how long the search index took (for the benchmark)
    pdf_extractions: int = 0  # PDFs whose text this build read, not found in the cache (``pdftext``)
    search_partitions: object = None  # what the partitioned index did (``partitions.Indexing``), or None


def of(settings: dict) -> BuildState:
    """The state of the build these settings are for; a fresh one when run
    as plain ``pelican``, which keeps nothing."""
    found = settings.get(SETTING)
    return found if isinstance(found, BuildState) else BuildState(Path(settings["OUTPUT_PATH"]))
