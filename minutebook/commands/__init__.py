"""Commands around the build: what brings content in before it (importers)
and what a site repository runs beside it, each a self-contained subpackage."""
