"""``minutebook import moderngov``: bring a council's meetings from Civica
Modern.gov into the content format.

``fetch`` gets pages politely (one at a time, a delay, a cache, retries) from
a site or a folder of saved responses; ``service`` reads the web service's XML;
``mapping`` turns it into content files; ``write`` writes them whole, marked,
never over a clerk's edit; ``run`` puts these together and reports.
"""

from __future__ import annotations

__all__ = ["ImportOptions", "import_moderngov"]


def __getattr__(name: str) -> object:
    # loaded when first asked for: every ``minutebook`` command imports this
    # package for its command line, and the importer (requests-cache, boto3...)
    # took 0.4 s of starting a build
    if name in __all__:
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
