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


def register() -> None:
    signals.get_generators.connect(_add_generator)
    signals.generator_init.connect(_add_filters)
