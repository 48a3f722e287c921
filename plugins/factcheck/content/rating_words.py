"""What an editor may mean by a rating that is not a key of the scale.

Editors write the label they see on the site (``Mostly False``), or the word
another outlet uses (PolitiFact's ``half-true``, ``pants-on-fire``). Spelling
alone suggests the wrong key (``half-true`` is closest to ``true``), so a
rating is matched first by its key and its labels in every language, then by
a small table of common synonyms, and only then by spelling.

The table knows no site's scale: each group is a set of words with the same
meaning, and a group applies to a site only when one of its words is a key or
a label of the configured scale.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..settings.rating_scale import Rating

# Words fact-checkers commonly use for the same verdict. Keep groups disjoint.
COMMON_SYNONYMS: tuple[frozenset[str], ...] = (
    frozenset({"true", "correct", "accurate", "verdadero", "cierto"}),
    frozenset({"mostly-true", "largely-true", "mayormente-verdadero"}),
    frozenset(
        {"mixed", "half-true", "half-truth", "partly-true", "partly-false", "a-medias", "mixto"}
    ),
    frozenset({"mostly-false", "largely-false", "mayormente-falso"}),
    frozenset({"false", "pants-on-fire", "incorrect", "untrue", "wrong", "fake", "falso"}),
    frozenset(
        {
            "unproven",
            "unsupported",
            "unverified",
            "unsubstantiated",
            "unproved",
            "no-evidence",
            "sin-probar",
            "sin-pruebas",
        }
    ),
)


def normalize(word: str) -> str:
    """'Mostly False', 'mostly_false' and ' MOSTLY-false ' all become 'mostly-false'."""
    return re.sub(r"[^a-z0-9]+", "-", word.casefold()).strip("-")


def rating_words(ratings: Mapping[str, Rating]) -> dict[str, str]:
    """Every word that names a rating of this scale, normalized, to its key."""
    words: dict[str, str] = {}
    for key, rating in ratings.items():
        words.setdefault(normalize(key), key)
        words.setdefault(normalize(rating.label), key)
        for _lang, label, _definition in rating.translations:
            words.setdefault(normalize(label), key)
    for group in COMMON_SYNONYMS:
        keys = {words[word] for word in group if word in words}
        if len(keys) == 1:  # a group that names two ratings of this scale says nothing
            (key,) = keys
            for word in group:
                words.setdefault(word, key)
    return words


def meant_rating(value: str, ratings: Mapping[str, Rating]) -> str | None:
    """The key an editor most likely meant by `value`, if a label or synonym says so."""
    return rating_words(ratings).get(normalize(value))
