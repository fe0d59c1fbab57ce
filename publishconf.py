"""Settings for publishing: the local settings plus the site's public address."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("MINUTEBOOK_SITEURL", "https://minutes.example.org")
RELATIVE_URLS = True  # links stay relative so snapshots work from disk
