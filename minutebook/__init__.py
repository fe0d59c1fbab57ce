"""Minute Book: publish council meeting minutes with Pelican.

Add ``"minutebook"`` to PLUGINS in pelicanconf.py. The code is in five stages,
each importing only those before it (docs/architecture.md): ``content`` (read
and check the files) -> ``model`` (assemble the model) -> ``site`` (pages and
output files) -> ``engine`` (the build around them) -> ``commands``.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals


def theme_path() -> str:
    """The theme's folder, for ``THEME`` in pelicanconf.py: ``minutebook/theme/``
    inside an installed package (setup.py copies it there), or
    ``themes/minutebook/`` in a checkout of Minute Book's repository."""
    package = Path(__file__).resolve().parent
    for folder in (package / "theme", package.parent / "themes" / "minutebook"):
        if (folder / "templates" / "base.html").is_file():
            return str(folder)
    raise FileNotFoundError(f"Minute Book's theme is missing from {package / 'theme'}: reinstall minutebook")


def _add_generator(pelican_object):
    from minutebook.engine.generator import MinuteBookGenerator

    return MinuteBookGenerator


def _configure_templates(generator) -> None:
    """Every generator's templates (ours and Pelican's pages) escape every
    value unless it is marked safe, and get our filters. Set here, not in
    pelicanconf.py, so a council's settings cannot turn escaping off by leaving it out."""
    from minutebook.site.formatting import filters

    generator.env.autoescape = True
    generator.env.filters.update(filters())


def _sanitise_page(content) -> None:
    """A plain page's Markdown (``content/pages/about.md``) goes through the
    same sanitiser as the minutes."""
    from minutebook.content.sanitise import clean

    if getattr(content, "_content", None):
        content._content = clean(content._content)


def _refuse_linked_pages(pelican_object) -> None:
    """Pelican reads pages/ itself, following symbolic links, before our
    checks run: a link there stops the build first (the checks report it too)."""
    import sys

    from minutebook.content.errors import ContentErrors
    from minutebook.content.load import linked_pages

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


def _minify_stylesheets(pelican_object) -> None:
    """After Pelican has copied the theme's files: its stylesheets, minified."""
    from minutebook.site.stylesheets import minify_stylesheets

    settings = pelican_object.settings
    minify_stylesheets(Path(settings["OUTPUT_PATH"]) / settings.get("THEME_STATIC_DIR", "theme") / "css")


def _count_page(path, context) -> None:
    """Each HTML page Pelican's own writer makes (a plain page: ``about``), for the closing line."""
    from minutebook.engine import state

    if str(path).endswith(".html"):
        state.of(context).pelican_pages += 1


def register() -> None:
    signals.initialized.connect(_refuse_linked_pages)
    signals.get_generators.connect(_add_generator)
    signals.generator_init.connect(_configure_templates)
    signals.content_object_init.connect(_sanitise_page)
    signals.finalized.connect(_minify_stylesheets)
    signals.content_written.connect(_count_page)
