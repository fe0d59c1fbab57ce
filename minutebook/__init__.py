"""Minute Book: publish council meeting minutes with Pelican.

Add ``"minutebook"`` to PLUGINS in pelicanconf.py. The flow is
load (``load``) -> validate (``validate``) -> model (``assemble``) ->
render pages (``pages``, the theme) -> write files (``generator``).
"""

from __future__ import annotations

from pelican import signals


def _add_generator(pelican_object):
    from .generator import MinuteBookGenerator

    return MinuteBookGenerator


def _add_filters(generator) -> None:
    """Every generator's templates (ours and Pelican's pages) get our filters."""
    from .formatting import filters

    generator.env.filters.update(filters())


def _refuse_linked_pages(pelican_object) -> None:
    """Pelican reads pages/ itself, following symbolic links, before our
    checks run: a link there stops the build first (the checks report it too)."""
    import sys
    from pathlib import Path

    from .errors import ContentErrors
    from .load import linked_pages

    content = Path(pelican_object.settings["PATH"])
    errors = linked_pages(content)
    if not errors:
        return
    exc = ContentErrors(errors)
    exc.root = content
    if pelican_object.settings.get("MINUTEBOOK_RAISE_ERRORS"):
        raise exc
    print(exc.report(), file=sys.stderr)  # run as plain `pelican`: as `invoke check` reports
    raise SystemExit(1)


def register() -> None:
    signals.initialized.connect(_refuse_linked_pages)
    signals.get_generators.connect(_add_generator)
    signals.generator_init.connect(_add_filters)
