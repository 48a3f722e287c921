"""Every setting the plugin reads, declared once: its name, kind, default and meaning.

The typed settings (:class:`factcheck.settings.FactcheckSettings`) are read
from these declarations, and so is the table of settings in docs/editing.md,
which a test keeps equal to them. Three groups: the plugin's own settings,
Pelican's settings that the plugin reads too, and values the build tools pass
to the plugin through the settings, which no settings file should set.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from ..content.limits import Limits
from .options import (
    INVALID,
    Choice,
    Flag,
    Folder,
    Integer,
    LanguageCode,
    ListOf,
    MappingOf,
    Mistakes,
    Option,
    Optional,
    Record,
    SitePath,
    Text,
    Url,
    Where,
)
from .rating_scale import DEFAULT_RATINGS, RatingScale

# The Wayback Machine, for `invoke archive`.
DEFAULT_ARCHIVE_ENDPOINT = "https://web.archive.org"
# invoke serve's address: feeds and data need absolute addresses without SITEURL.
DEFAULT_PREVIEW_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class Publisher:
    """The desk that publishes the site (FACTCHECK_PUBLISHER)."""

    name: str
    url: str


class UrlPattern(Text):
    """A Pelican URL pattern the plugin fills in with {slug} (and {lang}) only."""

    def __init__(self, *needed: str) -> None:
        example = "'{lang}/{slug}/'" if "lang" in needed else "'{slug}/'"
        super().__init__(required=True, kind="a URL pattern", example=example)
        self.needed = needed

    def read(self, value, where, mistakes):
        pattern = super().read(value, where, mistakes)
        if pattern is INVALID:
            return INVALID
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
        extra = sorted(names - {"slug", "lang"})
        missing = [name for name in self.needed if name not in names]
        if extra:
            return mistakes.add(
                where,
                f"uses {{{extra[0]}}}, which is not filled in here: use {{slug}} and {{lang}}",
            )
        if missing:
            return mistakes.add(where, f"needs {{{missing[0]}}}, such as {self.example}")
        return pattern


class LimitsOption(Option):
    kind = "a mapping of limit names to whole numbers"

    def read(self, value, where, mistakes):
        names = [f.name for f in fields(Limits)]
        caps = Record({name: Integer(minimum=1) for name in names}).read(value, where, mistakes)
        return INVALID if caps is INVALID else Limits(**caps)


@dataclass(frozen=True)
class Setting:
    """One setting: how it is read, its default (as a settings file writes it) and its meaning."""

    name: str
    option: Option
    doc: str
    default: Any = None
    group: str = "plugin"  # plugin, pelican (Pelican's own) or internal (set by the tools)
    attribute: str = ""  # its name on FactcheckSettings
    default_text: str = ""  # the default as the guide shows it, when its repr will not do
    # A default that depends on settings read before it, by their attribute names.
    default_from: Callable[[Mapping[str, Any]], Any] | None = None
    convert: Callable[[Any], Any] | None = None  # applied to a valid value
    environment: str = ""  # an environment variable that overrides the setting

    @property
    def field(self) -> str:
        return self.attribute or self.name.lower().removeprefix("factcheck_")

    def raw_value(
        self, settings: Mapping[str, Any], read: Mapping[str, Any], env: Mapping[str, str]
    ) -> Any:
        """What the settings (or the environment) say, or the default."""
        if self.environment and env.get(self.environment):
            return env[self.environment]
        if self.name in settings:
            return settings[self.name]
        return self.default_from(read) if self.default_from else self.default

    def read(self, value: Any, mistakes: Mistakes, where: Where = ()) -> Any:
        converted = self.option.read(value, where, mistakes)
        if converted is INVALID or self.convert is None:
            return converted
        return self.convert(converted)


def _pelican(name: str, option: Option, default: Any, doc: str, **more: Any) -> Setting:
    return Setting(name, option, doc, default, group="pelican", **more)


def _internal(name: str, option: Option, default: Any, doc: str) -> Setting:
    return Setting(name, option, doc, default, group="internal")


SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"

SETTINGS: tuple[Setting, ...] = (
    _pelican("PATH", Folder(), ".", "The content folder.", attribute="content_dir"),
    _pelican("DEFAULT_LANG", LanguageCode(), "en", "The site's main language."),
    _pelican(
        "SITENAME", Text(required=True), "A Pelican Blog", "The site's name.", attribute="site_name"
    ),
    _pelican(
        "SITEURL",
        Url(allow_empty=True),
        "",
        "The published site's address; empty for a local build.",
        attribute="siteurl",
    ),
    _pelican(
        "RELATIVE_URLS", Flag(), False, "Links relative to each page instead of from SITEURL."
    ),
    _pelican(
        "THEME",
        Text(kind="a folder"),
        "",
        "The theme folder; its translations are read from it.",
        default_text="Pelican's own theme",
    ),
    _pelican(
        "ARTICLE_URL",
        UrlPattern("slug"),
        "{slug}.html",
        "An explainer's address in the main language.",
    ),
    _pelican(
        "ARTICLE_LANG_URL",
        UrlPattern("slug", "lang"),
        "{slug}-{lang}.html",
        "An explainer's address in another language.",
    ),
    _pelican(
        "PAGE_URL",
        UrlPattern("slug"),
        "pages/{slug}.html",
        "A page's address in the main language.",
    ),
    _pelican(
        "PAGE_LANG_URL",
        UrlPattern("slug", "lang"),
        "pages/{slug}-{lang}.html",
        "A page's address in another language.",
    ),
    _pelican("DEFAULT_CATEGORY", Text(), "misc", "The category of an explainer that names none."),
    Setting(
        "SITE_DESCRIPTION",
        Text(),
        "One sentence about the site, for search results and previews.",
        "",
        attribute="site_description",
    ),
    Setting(
        "FACTCHECK_RATINGS",
        RatingScale(),
        "The rating scale: each rating's key, label, definition, value, icon and colours.",
        DEFAULT_RATINGS,
        default_text="the default scale",
    ),
    Setting(
        "FACTCHECK_LANGUAGES",
        ListOf(LanguageCode(), unique=True, kind="a list of language codes"),
        "The site's languages, DEFAULT_LANG first; another language's pages are under `/<lang>/`.",
        default_from=lambda read: [read["default_lang"]],
        default_text="`[DEFAULT_LANG]`",
    ),
    Setting(
        "FACTCHECK_UNTRANSLATED",
        Choice("fallback", "omit"),
        "An untranslated page in another language's site: `fallback` shows the original "
        "with a note, `omit` leaves it out.",
        "fallback",
    ),
    Setting(
        "FACTCHECK_SITE_TRANSLATIONS",
        MappingOf(
            LanguageCode(),
            Record({"SITENAME": Text(required=True), "SITE_DESCRIPTION": Text(required=True)}),
            kind='a mapping of language codes to `{"SITENAME": ..., "SITE_DESCRIPTION": ...}`',
        ),
        "SITENAME and SITE_DESCRIPTION in each other language.",
        {},
    ),
    Setting(
        "FACTCHECK_OG_LOCALES",
        MappingOf(
            LanguageCode(),
            Text(pattern=r"[a-z]{2,3}_[A-Z]{2}", example="'es_ES'", kind="a locale"),
            kind="a mapping of language codes to locales",
        ),
        "Open Graph's locale of each language, such as `es_ES`; a language left out is "
        "given as it is.",
        {},
    ),
    Setting(
        "FACTCHECK_STRICT",
        Flag(),
        "Warnings fail the check and the build too (publishconf.py turns it on).",
        False,
    ),
    Setting(
        "FACTCHECK_STRICT_ALLOWS",
        ListOf(
            Text(pattern=SLUG, example="'no-archive'", kind="a kind of warning"),
            kind="a list of kinds of warning",
        ),
        "Kinds of warning that strict mode still lets through, such as `no-archive`.",
        [],
        convert=frozenset,
    ),
    Setting(
        "FACTCHECK_REQUIRE_ARCHIVE",
        Flag(),
        "Every source a published page cites must have an archived copy (`archive_url`).",
        False,
    ),
    Setting(
        "FACTCHECK_ARCHIVE_ENDPOINT",
        Url(),
        "The Wayback Machine's address, for `invoke archive`; the environment variable "
        "of the same name overrides it.",
        DEFAULT_ARCHIVE_ENDPOINT,
        environment="FACTCHECK_ARCHIVE_ENDPOINT",
    ),
    Setting(
        "FACTCHECK_LIMITS",
        LimitsOption(),
        "Caps on content files, by name: "
        + ", ".join(f"`{f.name}` ({f.default:,})" for f in fields(Limits))
        + ".",
        {},
    ),
    Setting(
        "FACTCHECK_PUBLISHER",
        Optional(
            Record(
                {"name": Text(required=True), "url": Url()},
                required=("name", "url"),
                kind='`{"name": ..., "url": ...}`',
                build=lambda fields: Publisher(**fields),
            )
        ),
        "The desk that publishes the site, in feeds and ClaimReview; by default the site's "
        "name and address.",
        None,
    ),
    Setting(
        "FACTCHECK_EXTRA_FILES",
        MappingOf(SitePath(), Text(), kind="a mapping of file paths to text"),
        'Files written into the site as they are, such as `{".nojekyll": ""}`.',
        {},
    ),
    Setting(
        "FACTCHECK_PREVIEW_URL",
        Url(),
        "The address in feeds, the sitemap and data files of a build without SITEURL.",
        DEFAULT_PREVIEW_URL,
    ),
    Setting(
        "FACTCHECK_PROJECT_ROOT",
        Folder(),
        "The folder that paths in reports are relative to.",
        default_from=lambda read: read["content_dir"].parent,
        default_text="the folder above PATH",
    ),
    Setting(
        "GITHUB_REPO",
        Text(pattern=r"[\w.-]+/[\w.-]+", example="'owner/site'", kind="a GitHub repository"),
        "The site's repository, `owner/name`, for each page's Edit and History links; "
        "empty for none.",
        "",
        attribute="github_repo",
    ),
    Setting(
        "GITHUB_BRANCH",
        Text(required=True, pattern=r"[\w./-]+", example="'main'", kind="a branch"),
        "The branch that those links point to.",
        "main",
        attribute="github_branch",
    ),
    _internal(
        "FACTCHECK_STAGED",
        Flag(),
        False,
        "Set by `invoke build`, which stages and swaps the output folder itself.",
    ),
    _internal(
        "FACTCHECK_SETTINGS_FILE",
        Optional(Text(required=True, kind="a file's path")),
        None,
        "Set by the commands that read the settings: the file, for located errors.",
    ),
)

BY_NAME: dict[str, Setting] = {setting.name: setting for setting in SETTINGS}

# Read from the environment, never from the settings: named when a file sets one.
ENVIRONMENT_VARIABLES = (
    "FACTCHECK_DEBUG",
    "FACTCHECK_VERBOSE",
    "FACTCHECK_ARCHIVE_ACCESS_KEY",
    "FACTCHECK_ARCHIVE_SECRET_KEY",
)
