"""Settings for building the site locally (``invoke build``, ``pelican content``).

The sample content is a demonstration: see content/pages/about.md.
"""

AUTHOR = "Democratic Services"
SITENAME = "Local democracy"
SITEURL = ""
MINUTEBOOK_COUNCIL = "City of Bradford Metropolitan District Council"
MINUTEBOOK_DEMONSTRATION = True  # shows the "demonstration site" banner on every page
MINUTEBOOK_CONTACT = {
    "name": "Democratic Services (demonstration contact)",
    "email": "democratic.services@example.org",
    "phone": "01274 000000",
}
MINUTEBOOK_MUNICIPAL_YEAR_START = 5  # May: annual council; minute numbers restart

PATH = "content"
THEME = "themes/minutebook"
THEME_STATIC_DIR = "theme"
PLUGINS = ["minutebook"]
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"

# Minutes are read by our generator from content/meetings; Pelican handles
# only the plain pages in content/pages (about, and any a council adds).
ARTICLE_PATHS: list[str] = []
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
DIRECT_TEMPLATES: list[str] = []
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ARCHIVES_SAVE_AS = ""
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = False  # `invoke build` replaces output/ atomically instead
CACHE_CONTENT = False
