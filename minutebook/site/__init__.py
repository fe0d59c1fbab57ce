"""The site made from the model: pages, feeds, calendars, data, sitemap, redirects and
search records. Imports only ``content`` and ``model``."""
