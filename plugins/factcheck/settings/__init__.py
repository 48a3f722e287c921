"""The plugin's settings: every one declared once, read into one typed object, checked.

- :mod:`.declarations`: each setting's name, kind, default and meaning;
- :mod:`.options`: the kinds of value, each reading a value with every mistake;
- :mod:`.rating_scale`: the rating scale, with each rating's icon and colours;
- :mod:`.typed`: :class:`FactcheckSettings`, read once per build;
- :mod:`.settings_file`: reading the settings file, and locating a mistake in it.

Imports nothing from Pelican: ``python -m factcheck check`` reads the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .declarations import DEFAULT_ARCHIVE_ENDPOINT, DEFAULT_PREVIEW_URL, SETTINGS, Publisher
from .options import Mistakes
from .rating_scale import DEFAULT_RATINGS, Rating, RatingColour, RatingScale, best_and_worst
from .settings_file import (
    SettingProblem,
    SettingsFile,
    SettingsInvalid,
    read_pelican_settings,
)
from .typed import FactcheckSettings

# The name callers caught before settings errors were collected and located.
SettingsError = SettingsInvalid

__all__ = [
    "DEFAULT_ARCHIVE_ENDPOINT",
    "DEFAULT_PREVIEW_URL",
    "DEFAULT_RATINGS",
    "SETTINGS",
    "FactcheckSettings",
    "Publisher",
    "Rating",
    "RatingColour",
    "SettingProblem",
    "SettingsError",
    "SettingsInvalid",
    "best_and_worst",
    "read_languages",
    "read_pelican_settings",
    "read_ratings",
]


def read_languages(settings: Mapping[str, Any]) -> tuple[str, ...]:
    """The site's languages, the default first (FACTCHECK_LANGUAGES), from checked settings."""
    return FactcheckSettings.from_pelican(settings).languages


def read_ratings(entries: Iterable[Mapping[str, Any]]) -> dict[str, Rating]:
    """A rating scale written as FACTCHECK_RATINGS is; SettingsInvalid lists its mistakes."""
    mistakes = Mistakes()
    ratings = RatingScale().read(list(entries), (), mistakes)
    if mistakes:
        source = SettingsFile(None)
        raise SettingsInvalid(
            [
                source.problem("FACTCHECK_RATINGS", where, message)
                for where, message in mistakes.found
            ]
        )
    return ratings
