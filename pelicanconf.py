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
# Restyling without forking the theme (docs/theming.md): a logo, brand colours
# and extra footer links. Colours must keep 4.5:1 contrast with the text on them.
MINUTEBOOK_LOGO = None  # e.g. "images/logo.svg", a file in STATIC_PATHS
MINUTEBOOK_FAVICON = None  # e.g. "images/favicon.ico", a file in the content folder (default: the theme's)
MINUTEBOOK_TOUCH_ICON = None  # e.g. "images/apple-touch-icon.png", 180 by 180 pixels, in the content folder
MINUTEBOOK_COLOURS: dict[str, str] = {}  # e.g. {"brand": "#6f1d46", "link": "#1d4f91"}
MINUTEBOOK_FOOTER_LINKS: list[tuple[str, str]] = []  # e.g. [("Council website", "https://...")]
# The facts of the accessibility statement (accessibility/); docs/theming.md lists every key.
MINUTEBOOK_ACCESSIBILITY = {
    "compliance": "full",
    "prepared": "2026-11-24",
    "reviewed": "2026-11-24",
    "last_tested": "2026-11-24",
    "tested_by": "the Minute Book project",
    "test_method": (
        "Every type of page is checked in a real browser (Chromium) with the axe-core accessibility "
        "engine against WCAG 2.2 A and AA, at 1280 and 320 pixels wide and in light and dark mode. "
        "The same tests check keyboard use (the skip link and visible focus), reflow at 320 pixels "
        "(400% zoom) without scrolling sideways, use without JavaScript, printing, and that every page "
        "is valid HTML. These checks run on every change to the website's software."
    ),
    "response_days": 5,
    "known_issues": [],
    "out_of_scope": [
        "Some supporting documents published before 23 September 2018 are PDFs that may not be "
        "accessible. The accessibility regulations do not require us to fix these unless they are "
        "essential to providing our services. Contact us if you need one in another format.",
    ],
    "improvements": [
        "We check each new document before it is published and ask report authors for accessible versions.",
    ],
}
# Change histories list each commit's date as "Changed"; True also publishes the
# commit's subject (first line of its message), except for any commit that touched
# an exempt item or exempt document (docs/content-format.md, "Commit subjects").
MINUTEBOOK_COMMIT_SUBJECTS = False
MINUTEBOOK_MUNICIPAL_YEAR_START = 5  # May: annual council; minute numbers restart
# Members attending remotely: counted as present and may vote (True), or not
# (False, the default, as in English law; Welsh councils differ).
MINUTEBOOK_REMOTE_COUNTS_AS_PRESENT = False
# Call-in of executive decisions (docs/content-format.md, "Decision records"): a
# decision can be called in until the end of this many working days after its
# decision notice is published, as the council's constitution says (often 5).
MINUTEBOOK_CALL_IN_DAYS = 5
# Whose bank holidays are not working days: "England", "Wales", "Scotland" or
# "Northern Ireland".
MINUTEBOOK_BANK_HOLIDAYS = "England"
# The council's own closure days, which are not working days either, as
# "YYYY-MM-DD" (for example the days between Christmas and New Year).
MINUTEBOOK_CLOSURE_DAYS: list[str] = []

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
