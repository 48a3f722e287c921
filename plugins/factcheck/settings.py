"""The plugin's settings, read once from Pelican's settings and checked."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content.limits import Limits
from .content.models import Rating
from .content.schema import SLUG_RE

DEFAULT_RATINGS: tuple[dict[str, Any], ...] = (
    {
        "key": "true",
        "label": "True",
        "value": 5,
        "definition": "The claim is accurate and nothing significant is missing.",
    },
    {
        "key": "mostly-true",
        "label": "Mostly true",
        "value": 4,
        "definition": "The claim is accurate but needs a clarification or added context.",
    },
    {
        "key": "mixed",
        "label": "Mixed",
        "value": 3,
        "definition": "The claim is partly accurate and partly not, or the evidence points both ways.",
    },
    {
        "key": "mostly-false",
        "label": "Mostly false",
        "value": 2,
        "definition": "The claim has an element of truth but leaves out facts that change the picture.",
    },
    {
        "key": "false",
        "label": "False",
        "value": 1,
        "definition": "The claim is inaccurate.",
    },
    {
        "key": "unsupported",
        "label": "Unsupported",
        "value": None,
        "definition": "No evidence has been offered for the claim.",
    },
)


# The Wayback Machine, for `invoke archive`; the environment variable of the
# same name overrides the setting, so a desk (or a test) can point elsewhere.
DEFAULT_ARCHIVE_ENDPOINT = "https://web.archive.org"


class SettingsError(ValueError):
    """A mistake in pelicanconf.py's FACTCHECK_* settings."""


@dataclass(frozen=True)
class FactcheckSettings:
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

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> FactcheckSettings:
        content_dir = Path(settings["PATH"]).resolve()
        root = settings.get("FACTCHECK_PROJECT_ROOT")
        return cls(
            content_dir=content_dir,
            project_root=Path(root).resolve() if root else content_dir.parent,
            ratings=read_ratings(settings.get("FACTCHECK_RATINGS", DEFAULT_RATINGS)),
            limits=Limits.from_settings(settings.get("FACTCHECK_LIMITS")),
            strict=bool(settings.get("FACTCHECK_STRICT", False)),
            strict_allows=frozenset(settings.get("FACTCHECK_STRICT_ALLOWS", ())),
            default_lang=settings.get("DEFAULT_LANG", "en"),
            languages=read_languages(settings),
            archive_endpoint=os.environ.get("FACTCHECK_ARCHIVE_ENDPOINT")
            or settings.get("FACTCHECK_ARCHIVE_ENDPOINT", DEFAULT_ARCHIVE_ENDPOINT),
            require_archive=bool(settings.get("FACTCHECK_REQUIRE_ARCHIVE", False)),
        )

    def relative(self, path: Path) -> str:
        """A path as editors see it: relative to the project, with '/'."""
        try:
            return path.relative_to(self.project_root).as_posix()
        except ValueError:
            return path.as_posix()


def read_languages(settings: Mapping[str, Any]) -> tuple[str, ...]:
    """The site's languages, the default first (FACTCHECK_LANGUAGES)."""
    default = settings.get("DEFAULT_LANG", "en")
    languages = tuple(settings.get("FACTCHECK_LANGUAGES", (default,)))
    if not languages or languages[0] != default:
        raise SettingsError(
            f"FACTCHECK_LANGUAGES must start with DEFAULT_LANG ({default!r}), got {list(languages)}"
        )
    return languages


def read_ratings(entries) -> dict[str, Rating]:
    ratings: dict[str, Rating] = {}
    for number, entry in enumerate(entries):
        where = f"FACTCHECK_RATINGS[{number}]"
        missing = {"key", "label", "definition"} - set(entry)
        unknown = set(entry) - {"key", "label", "definition", "value", "translations"}
        if missing or unknown:
            raise SettingsError(
                f"{where}: needs key, label and definition (and optionally value); "
                f"missing {sorted(missing)}, unknown {sorted(unknown)}"
            )
        key = entry["key"]
        if not SLUG_RE.fullmatch(key):
            raise SettingsError(f"{where}: key {key!r} must be a slug such as mostly-true")
        value = entry.get("value")
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise SettingsError(f"{where}: value must be a whole number or None")
        if key in ratings:
            raise SettingsError(f"{where}: duplicate rating key {key!r}")
        translations = tuple(
            (lang, text["label"], text["definition"])
            for lang, text in sorted(entry.get("translations", {}).items())
        )
        ratings[key] = Rating(key, entry["label"], entry["definition"], value, translations)
    if not ratings:
        raise SettingsError("FACTCHECK_RATINGS: the rating scale is empty")
    return ratings


def best_and_worst(ratings: Mapping[str, Rating]) -> tuple[int, int] | None:
    values = [r.value for r in ratings.values() if r.value is not None]
    return (max(values), min(values)) if values else None
