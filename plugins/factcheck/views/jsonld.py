"""schema.org JSON-LD: ClaimReview for claims, Person or Organization for people.

Serialized so that no text can end its ``<script>`` block or start an HTML
comment: ``<``, ``>`` and ``&`` are written as JSON escapes, which parse to
the same string.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..settings import best_and_worst
from .site_views import ClaimView, PersonView

_UNSAFE_IN_SCRIPT = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(data: Any) -> Markup:
    """JSON safe to embed in a script block: the only way templates get JSON-LD."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escape in _UNSAFE_IN_SCRIPT.items():
        text = text.replace(character, escape)
    return Markup(text)


def person_jsonld(view: PersonView, absolute) -> dict[str, Any]:
    """A person's page as a schema.org Person, or Organization."""
    person = view.person
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization" if person.kind == "organization" else "Person",
        "name": person.name,
        "url": absolute(view.url),
        "description": _plain(view.summary_html),
    }
    if person.aliases:
        data["alternateName"] = list(person.aliases)
    if person.image:
        data["image"] = absolute(f"images/{person.image.file}")
    return data


def claim_review(
    view: ClaimView,
    absolute,
    publisher: dict[str, str],
    ratings,
    *,
    translation_of: ClaimView | None = None,
) -> dict[str, Any]:
    """A fact-check as a ClaimReview, in the language its text is shown in.

    A translation names the review it translates (`translation_of`, the
    original language's view of the same claim).
    """
    claim = view.claim
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": view.rating.label}
    scale = best_and_worst(ratings)
    if view.rating.value is not None and scale:
        rating.update(ratingValue=view.rating.value, bestRating=scale[0], worstRating=scale[1])
    appearances = [_creative_work(s.source) for s in view.appearances]
    reviewed: dict[str, Any] = {"@type": "Claim", "author": _claimant(view, absolute)}
    # schema.org wants a whole date; a month alone reads as its first day, which
    # may come before the first appearance. The page shows the month.
    if claim.date.precision == "day":
        reviewed["datePublished"] = claim.date.isoformat()
    reviewed.update(appearance=appearances, firstAppearance=appearances[0])
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": absolute(view.url),
        "claimReviewed": view.title,
        "datePublished": claim.published.isoformat(),
        "author": {"@type": "Organization", "name": publisher["name"], "url": publisher["url"]},
        "reviewRating": rating,
        "itemReviewed": reviewed,
    }
    if view.updates:
        data["dateModified"] = view.updates[0].date.isoformat()
    data["inLanguage"] = view.content_lang
    if translation_of is not None:
        data["translationOfWork"] = {
            "@type": "ClaimReview",
            "url": absolute(translation_of.url),
            "inLanguage": translation_of.content_lang,
        }
    return data


def _claimant(view: ClaimView, absolute) -> dict[str, Any]:
    """Who made the claim: a person or organization of the site, or one named by the claim."""
    if view.claimant is None:
        kind = view.claim.claimant_kind
        return {
            "@type": "Organization" if kind == "organization" else "Person",
            "name": view.claim.claimant_name,
        }
    kind = view.claimant.person.kind
    author = {
        "@type": "Organization" if kind == "organization" else "Person",
        "name": view.claimant.name,
    }
    if not view.claimant.noindex:  # a private page is not pointed to by the data
        author["url"] = absolute(view.claimant.url)
    return author


def _creative_work(source) -> dict[str, Any]:
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "headline": source.title,
        "datePublished": source.date.isoformat(),
        "publisher": {"@type": "Organization", "name": source.publisher},
    }
    if source.url:
        work["url"] = source.url
    return work


def _plain(html: Markup) -> str:
    return html.striptags()
