"""The typed settings: one frozen object, read once per build, with every mistake located.

:meth:`FactcheckSettings.from_pelican` reads each declared setting
(:mod:`factcheck.settings.declarations`), then the rules that join several
(the languages start with DEFAULT_LANG; translations are in the site's other
languages), and names any FACTCHECK_* setting nobody declared, with the
closest declared name. Every mistake is collected; if there is one, it raises
:class:`SettingsInvalid` with all of them, located in the settings file, and
the check or the build stops before writing anything.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.limits import Limits
from ..content.problems import Problem
from .declarations import (
    BY_NAME,
    DEFAULT_ARCHIVE_ENDPOINT,
    DEFAULT_PREVIEW_URL,
    ENVIRONMENT_VARIABLES,
    SETTINGS,
    Publisher,
)
from .options import INVALID, Key, Mistakes, Where, did_you_mean
from .rating_scale import Rating
from .settings_file import SettingsFile, SettingsInvalid, settings_file_of


@dataclass(frozen=True)
class FactcheckSettings:
    """Every setting the plugin reads, typed and checked (see docs/editing.md, Settings)."""

    content_dir: Path
    project_root: Path
    ratings: dict[str, Rating]
    limits: Limits = field(default_factory=Limits)
    strict: bool = False
    strict_allows: frozenset[str] = frozenset()
    default_lang: str = "en"
    languages: tuple[str, ...] = ("en",)
    archive_endpoint: str = DEFAULT_ARCHIVE_ENDPOINT
    require_archive: bool = False  # every source a published page cites has archive_url
    untranslated: str = "fallback"  # or "omit"
    site_name: str = "A Pelican Blog"
    site_description: str = ""
    site_translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    og_locales: Mapping[str, str] = field(default_factory=dict)
    siteurl: str = ""
    relative_urls: bool = False
    theme: str = ""
    article_url: str = "{slug}.html"
    article_lang_url: str = "{slug}-{lang}.html"
    page_url: str = "pages/{slug}.html"
    page_lang_url: str = "pages/{slug}-{lang}.html"
    default_category: str = "misc"
    publisher: Publisher | None = None
    extra_files: Mapping[str, str] = field(default_factory=dict)
    preview_url: str = DEFAULT_PREVIEW_URL
    github_repo: str = ""
    github_branch: str = "main"
    staged: bool = False
    settings_file: str | None = None

    @classmethod
    def from_pelican(
        cls, settings: Mapping[str, Any], *, environ: Mapping[str, str] | None = None
    ) -> FactcheckSettings:
        """Read and check every setting; raise SettingsInvalid listing every mistake."""
        environ = os.environ if environ is None else environ
        read, found = _read_declared(settings, environ)
        found += _joined_rules(read)
        found += _undeclared(settings)
        if found:
            raise SettingsInvalid(_located(found, settings, read))
        return cls(**read)

    @property
    def fallback(self) -> bool:
        """Whether another language's site shows untranslated pages (FACTCHECK_UNTRANSLATED)."""
        return self.untranslated == "fallback"

    @property
    def public_url(self) -> str:
        """The site's address where a format needs one: SITEURL, else the preview server's."""
        return self.siteurl or self.preview_url

    def site_text(self, name: str, lang: str) -> str:
        """SITENAME or SITE_DESCRIPTION in `lang` (FACTCHECK_SITE_TRANSLATIONS)."""
        translated = self.site_translations.get(lang, {}).get(name)
        return translated or (self.site_name if name == "SITENAME" else self.site_description)

    def og_locale(self, lang: str) -> str:
        """Open Graph's locale of `lang` (FACTCHECK_OG_LOCALES), or the code itself."""
        return self.og_locales.get(lang, lang)

    def relative(self, path: Path) -> str:
        """A path as editors see it: relative to the project, with '/'."""
        try:
            return path.relative_to(self.project_root).as_posix()
        except ValueError:
            return path.as_posix()


# A mistake before it is located: the setting, where inside its value, the message.
Found = list[tuple[str, Where, str]]


def _read_declared(
    settings: Mapping[str, Any], environ: Mapping[str, str]
) -> tuple[dict[str, Any], Found]:
    read: dict[str, Any] = {}
    found: Found = []
    for setting in SETTINGS:
        if setting.default_from and setting.name not in settings and INVALID in read.values():
            read[setting.field] = INVALID  # its default needs a setting that is wrong
            continue
        mistakes = Mistakes()
        read[setting.field] = setting.read(setting.raw_value(settings, read, environ), mistakes)
        found += [(setting.name, where, message) for where, message in mistakes.found]
    return read, found


def _joined_rules(read: Mapping[str, Any]) -> Found:
    """Rules that join several settings: the languages, and what is translated into them.

    Each rule runs when the settings it joins are valid on their own.
    """
    languages, default = read["languages"], read["default_lang"]
    if INVALID in (languages, default):
        return []
    found: Found = []
    if languages and languages[0] != default:
        message = f"must start with DEFAULT_LANG ({default!r}), not {languages[0]!r}"
        found.append(("FACTCHECK_LANGUAGES", (0,), message))
    others = [lang for lang in languages if lang != default]
    for number, rating in enumerate(_valid(read["ratings"]).values()):
        for lang, _label, _definition in rating.translations:
            where = (number, "translations", Key(lang))
            found += _other_language("FACTCHECK_RATINGS", where, others)
    for lang in _valid(read["site_translations"]):
        found += _other_language("FACTCHECK_SITE_TRANSLATIONS", (Key(lang),), others)
    return found + _unknown_locales(_valid(read["og_locales"]), languages)


def _unknown_locales(locales: Mapping[str, str], languages: tuple[str, ...]) -> Found:
    found: Found = []
    for lang in locales:
        if lang not in languages:
            message = f"{lang!r} is not one of the site's languages ({', '.join(languages)})"
            hint = did_you_mean(lang, languages)
            found.append(("FACTCHECK_OG_LOCALES", (Key(lang),), message + hint))
    return found


def _valid(value: Any) -> Any:
    """A setting's value, or nothing to check when it is wrong on its own."""
    return {} if value is INVALID else value


def _other_language(name: str, where: Where, others: list[str]) -> Found:
    lang = where[-1]
    if lang in others:
        return []
    expected = ", ".join(others) or "none: add it to FACTCHECK_LANGUAGES"
    message = f"{lang!r} is not one of the site's other languages ({expected})"
    return [(name, where, message + did_you_mean(lang, others))]


def _undeclared(settings: Mapping[str, Any]) -> Found:
    """FACTCHECK_* names nobody reads: most often a misspelt setting, silently ignored."""
    found: Found = []
    # Compared without the prefix that every one shares, which would make all look alike.
    names = {
        s.name.removeprefix("FACTCHECK_"): s.name
        for s in SETTINGS
        if s.group == "plugin" and s.name.startswith("FACTCHECK_")
    }
    for name in sorted(settings):
        if not name.startswith("FACTCHECK_") or name in BY_NAME:
            continue
        if name in ENVIRONMENT_VARIABLES:
            message = (
                "is read from the environment, not from the settings: "
                f"set it in the shell, as in `{name}=1 uv run invoke build`"
            )
        else:
            message = "unknown setting" + (
                did_you_mean(name.removeprefix("FACTCHECK_"), names)
                or ": docs/editing.md lists every setting"
            )
        found.append((name, (), message))
    return found


def _located(found: Found, settings: Mapping[str, Any], read: Mapping[str, Any]) -> list[Problem]:
    content_dir = read.get("content_dir")
    root = read.get("project_root")
    if not isinstance(root, Path):
        root = content_dir.parent if isinstance(content_dir, Path) else Path.cwd()
    source: SettingsFile = settings_file_of(settings, root)
    return [source.problem(name, where, message) for name, where, message in found]
