"""Settings for building the site locally. publishconf.py extends them for publishing."""

import os

AUTHOR = "Fact-check desk"
SITENAME = "The Hernández Romero case, fact-checked"
SITE_DESCRIPTION = (
    "Sourced fact-checks on the case of Andry José Hernández Romero, the people involved "
    "and the claims made about him."
)
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
LOCALE = ("C",)
THEME = "theme"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["factcheck"]

# Explainers are Pelican articles; pages are Pelican pages. People, claims and
# sources are YAML fact sheets read by the factcheck plugin.
ARTICLE_PATHS = ["explainers"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
ARTICLE_URL = "explainers/{slug}/"
ARTICLE_SAVE_AS = "explainers/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/explainers/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/explainers/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DEFAULT_CATEGORY = "explainers"
SLUGIFY_SOURCE = "basename"

# The plugin writes the home page and every index; Pelican's own archive,
# category, tag and author pages are not part of this site.
DIRECT_TEMPLATES = []
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Autoescape everything; only the plugin's sanitized *_html values are trusted.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}

# Fact-check settings (see docs/editing.md).
FACTCHECK_PUBLISHER = {"name": "Fact-check desk", "url": "https://example.org/"}
FACTCHECK_STRICT = False
GITHUB_REPO = os.environ.get("GITHUB_REPOSITORY", "")
GITHUB_BRANCH = "main"
# Warnings that strict mode (publishconf.py, `invoke check --strict`) tolerates:
# the example's sources have no verified archived copies yet.
FACTCHECK_STRICT_ALLOWS = ["no-archive"]
