"""The rating scale (FACTCHECK_RATINGS): each rating's key, words, place, icon and colours.

The theme shows every rating with its icon and colour from here, whatever the
scale. A rating that gives neither gets them from its place on the numbered
scale: the best third a tick in green, the worst third a cross in red, the
middle a half circle in amber, and a rating outside the scale (no value) a
question mark in grey. So the default scale needs none written out, and a
custom one can leave them out too.

A colour must be readable as text on every background the theme draws a
rating on, in its colour scheme: WCAG AA's 4.5:1, checked here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..content.schema import SLUG_RE
from .options import (
    INVALID,
    Integer,
    LanguageCode,
    MappingOf,
    Mistakes,
    Option,
    Optional,
    Record,
    Text,
    Where,
    shown,
)


@dataclass(frozen=True, slots=True)
class RatingColour:
    """A rating's colour in the light and the dark colour scheme, as '#rrggbb'."""

    light: str
    dark: str


# Icon and colour by place on the scale, for a rating that gives neither.
BEST = ("✔", RatingColour("#00703c", "#5fd08a"))
MIDDLE = ("◐", RatingColour("#8a5a00", "#f0b84a"))
WORST = ("✘", RatingColour("#b3261e", "#ff8a80"))
UNRATED = ("?", RatingColour("#505a5f", "#b9c0c5"))


@dataclass(frozen=True, slots=True)
class Rating:
    """One step of the rating scale (setting FACTCHECK_RATINGS)."""

    key: str
    label: str
    definition: str
    value: int | None = None  # the higher the better; None for ratings outside the scale
    translations: tuple[tuple[str, str, str], ...] = ()  # (lang, label, definition)
    icon: str = UNRATED[0]
    colour: RatingColour = UNRATED[1]

    def in_language(self, lang: str) -> Rating:
        for code, label, definition in self.translations:
            if code == lang:
                return replace(self, label=label, definition=definition)
        return self


# The backgrounds the theme draws ratings on (its --bg and --panel, in
# theme/static/css/site.css and card.css; a test keeps them equal).
BACKGROUNDS: dict[str, tuple[tuple[str, str], ...]] = {
    "light": (("page", "#ffffff"), ("panel", "#f3f2f1")),
    "dark": (("page", "#121417"), ("panel", "#1f2328")),
}
MINIMUM_CONTRAST = 4.5  # WCAG 2 AA for text of normal size

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


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of '#rrggbb'."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class SchemeColour(Option):
    """A '#rrggbb' (or '#rgb') colour readable on the theme's backgrounds in one scheme."""

    def __init__(self, scheme: str) -> None:
        self.scheme = scheme
        self.kind = f"a colour for the {scheme} scheme, such as '#00703c'"

    def read(self, value, where, mistakes):
        colour = _hex_colour(value)
        if colour is None:
            return mistakes.add(where, f"must be a colour such as '#00703c', not {shown(value)}")
        for name, background in BACKGROUNDS[self.scheme]:
            ratio = contrast_ratio(colour, background)
            if ratio < MINIMUM_CONTRAST:
                return mistakes.add(
                    where,
                    f"{shown(value)} has a contrast of {int(ratio * 10) / 10}:1 with the {self.scheme} "
                    f"scheme's {name} background {background}; WCAG AA needs "
                    f"{MINIMUM_CONTRAST}:1: choose a "
                    f"{'darker' if self.scheme == 'light' else 'lighter'} colour",
                )
        return colour


def _hex_colour(value: object) -> str | None:
    if not isinstance(value, str) or not value.startswith("#") or len(value) not in (4, 7):
        return None
    digits = value[1:].lower()
    if any(c not in "0123456789abcdef" for c in digits):
        return None
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


class Icon(Text):
    """A short symbol shown before a rating's label, such as '✔'."""

    def __init__(self) -> None:
        super().__init__(required=True, kind="a symbol such as '✔'")

    def read(self, value, where, mistakes):
        icon = super().read(value, where, mistakes)
        if icon is not INVALID and (len(icon) > 4 or any(c.isspace() for c in icon)):
            return mistakes.add(
                where, f"{shown(value)} must be a short symbol such as '✔' (at most 4 characters)"
            )
        return icon


ENTRY = Record(
    {
        "key": Text(required=True, pattern=SLUG_RE.pattern, example="'mostly-true'", kind="a slug"),
        "label": Text(required=True),
        "definition": Text(required=True),
        "value": Optional(Integer(minimum=None)),
        "translations": MappingOf(
            LanguageCode(),
            Record(
                {"label": Text(required=True), "definition": Text(required=True)},
                required=("label", "definition"),
            ),
        ),
        "icon": Icon(),
        "colour": Record(
            {"light": SchemeColour("light"), "dark": SchemeColour("dark")},
            required=("light", "dark"),
            build=lambda fields: RatingColour(**fields),
        ),
    },
    required=("key", "label", "definition"),
)


class RatingScale(Option):
    """FACTCHECK_RATINGS: a list of ratings, read into {key: Rating} in the scale's order."""

    kind = "a list of ratings (see [Rating scale](#rating-scale))"

    def read(self, value, where, mistakes):
        if not isinstance(value, (list, tuple)):
            return mistakes.add(where, f"must be a list, not {shown(value)}")
        if not value:
            return mistakes.add(where, "the rating scale is empty")
        entries = [ENTRY.read(entry, (*where, n), mistakes) for n, entry in enumerate(value)]
        valid = [(n, entry) for n, entry in enumerate(entries) if entry is not INVALID]
        ratings = _ratings(valid, where, mistakes)
        return ratings if len(valid) == len(entries) else INVALID


def _ratings(
    entries: list[tuple[int, dict[str, Any]]], where: Where, mistakes: Mistakes
) -> dict[str, Rating]:
    """Ratings by key, in the scale's order; a key given twice is a mistake."""
    scale = _best_and_worst(entry.get("value") for _, entry in entries)
    ratings: dict[str, Rating] = {}
    for number, entry in entries:
        if entry["key"] in ratings:
            mistakes.add((*where, number, "key"), f"duplicate rating key {shown(entry['key'])}")
        ratings[entry["key"]] = _rating(entry, scale)
    return ratings


def _rating(entry: Mapping[str, Any], scale: tuple[int, int] | None) -> Rating:
    icon, colour = place_on_scale(entry.get("value"), scale)
    return Rating(
        key=entry["key"],
        label=entry["label"],
        definition=entry["definition"],
        value=entry.get("value"),
        translations=tuple(
            (lang, text["label"], text["definition"])
            for lang, text in sorted(entry.get("translations", {}).items())
        ),
        icon=entry.get("icon", icon),
        colour=entry.get("colour", colour),
    )


def place_on_scale(value: int | None, scale: tuple[int, int] | None) -> tuple[str, RatingColour]:
    """The icon and colour of a rating that gives none: by its third of the scale."""
    if value is None or scale is None:
        return UNRATED
    best, worst = scale
    above_worst, span = value - worst, best - worst
    if 3 * above_worst >= 2 * span:
        return BEST
    if 3 * above_worst <= span:
        return WORST
    return MIDDLE


def _best_and_worst(values) -> tuple[int, int] | None:
    numbers = [v for v in values if isinstance(v, int)]
    return (max(numbers), min(numbers)) if numbers else None


def best_and_worst(ratings: Mapping[str, Rating]) -> tuple[int, int] | None:
    """The best and worst values of the numbered scale, or None if no rating has one."""
    return _best_and_worst(r.value for r in ratings.values())


def colour_stylesheet(ratings: Iterable[Rating]) -> str:
    """The scale's colours as CSS, for the plugin to write as theme/css/ratings.css.

    The theme marks each rating with the class ``rating-<key>`` and paints it
    with ``var(--rating)``; this sets ``--rating`` for each, in both schemes.
    """
    ratings = list(ratings)
    lines = ["/* Each rating's colour, from the site's rating scale (FACTCHECK_RATINGS). */"]
    lines += [f".rating-{r.key} {{ --rating: {r.colour.light}; }}" for r in ratings]
    lines.append("@media (prefers-color-scheme: dark) {")
    lines += [f"  .rating-{r.key} {{ --rating: {r.colour.dark}; }}" for r in ratings]
    lines.append("}")
    return "\n".join(lines) + "\n"
