"""``minutebook import moderngov``: bring a council's meetings from Civica
Modern.gov into the content format.

``fetch`` gets pages politely (one at a time, a delay, a cache, retries) from
a site or a folder of saved responses; ``service`` reads the web service's XML;
``mapping`` turns it into content files; ``write`` writes them whole, marked,
never over a clerk's edit; ``run`` puts these together and reports.
"""

from .run import ImportOptions, import_moderngov

__all__ = ["ImportOptions", "import_moderngov"]
