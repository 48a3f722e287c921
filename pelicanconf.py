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
LOCALE = ("C.UTF-8", "en_US.UTF-8")  # UTF-8 for any file Python opens without an encoding
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

# Fact-check settings: docs/editing.md ("Settings") lists every one; the check
# and every build stop at a mistake in them, naming its line here.
# The rating scale: key (used in claim files), label, one-line definition,
# value on the numbered scale (None for ratings outside it), and translations.
# A rating may also give "icon" and "colour" ({"light": ..., "dark": ...});
# without them it gets those of its place on the scale ("Rating scale").
FACTCHECK_RATINGS = [
    {
        "key": "true",
        "label": "True",
        "value": 5,
        "definition": "The claim is accurate and nothing significant is missing.",
        "translations": {
            "es": {
                "label": "Verdadero",
                "definition": "La afirmación es exacta y no le falta nada importante.",
            }
        },
    },
    {
        "key": "mostly-true",
        "label": "Mostly true",
        "value": 4,
        "definition": "The claim is accurate but needs a clarification or added context.",
        "translations": {
            "es": {
                "label": "Mayormente verdadero",
                "definition": "La afirmación es exacta, pero necesita una aclaración o más contexto.",
            }
        },
    },
    {
        "key": "mixed",
        "label": "Mixed",
        "value": 3,
        "definition": "The claim is partly accurate and partly not, or the evidence points both ways.",
        "translations": {
            "es": {
                "label": "A medias",
                "definition": "La afirmación es en parte exacta y en parte no, o las pruebas apuntan en ambas direcciones.",
            }
        },
    },
    {
        "key": "mostly-false",
        "label": "Mostly false",
        "value": 2,
        "definition": "The claim has an element of truth but leaves out facts that change the picture.",
        "translations": {
            "es": {
                "label": "Mayormente falso",
                "definition": "La afirmación tiene algo de verdad, pero omite hechos que cambian el panorama.",
            }
        },
    },
    {
        "key": "false",
        "label": "False",
        "value": 1,
        "definition": "The claim is inaccurate.",
        "translations": {"es": {"label": "Falso", "definition": "La afirmación es inexacta."}},
    },
    {
        "key": "unproven",
        "label": "Unproven",
        "value": None,
        "definition": "The evidence offered does not establish the claim.",
        "translations": {
            "es": {
                "label": "Sin probar",
                "definition": "Las pruebas presentadas no bastan para demostrar la afirmación.",
            }
        },
    },
]
FACTCHECK_STRICT = False
GITHUB_REPO = os.environ.get("GITHUB_REPOSITORY", "")
GITHUB_BRANCH = "main"
# Warnings that strict mode (publishconf.py, `invoke check --strict`) tolerates:
# the example's sources have no verified archived copies yet.
FACTCHECK_STRICT_ALLOWS = ["no-archive"]

# Languages: English pages keep their URLs, Spanish ones live under /es/.
FACTCHECK_LANGUAGES = ["en", "es"]
# Open Graph names a language with its territory; a language left out is given as it is.
FACTCHECK_OG_LOCALES = {"en": "en_US", "es": "es_ES"}
# An untranslated page in the Spanish site: "fallback" shows the English text
# with a note; "omit" leaves it out.
FACTCHECK_UNTRANSLATED = "fallback"
FACTCHECK_SITE_TRANSLATIONS = {
    "es": {
        "SITENAME": "El caso Hernández Romero, verificado",
        "SITE_DESCRIPTION": (
            "Verificaciones con fuentes sobre el caso de Andry José Hernández Romero, "
            "las personas involucradas y las afirmaciones que se hicieron sobre él."
        ),
    }
}
