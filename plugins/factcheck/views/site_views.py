"""What templates see: validated content joined up, rendered and ordered, in one language.

Each content type has its builder: people (:mod:`.person_views`), claims
(:mod:`.claim_views`), sources (:mod:`.source_views`), explainers
(:mod:`.explainer_views`) and the update log (:mod:`.updates`); this module
runs them in the order their links need and orders the site's lists.

Every list is sorted explicitly (newest first, then by slug) so that two
builds of the same content give the same pages. Values that hold trusted HTML
end in ``_html``; everything else is escaped by the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..content.loading import Site
from ..settings import Rating
from .claim_views import (
    ClaimView,
    RatingGroup,
    build_claims,
    newest_claims_first,
    rating_groups,
)
from .explainer_views import join_explainers
from .links import PageLink
from .markdown_html import MarkdownRenderer
from .person_views import PersonView, build_people
from .source_views import (
    NumberedSource,
    SourceView,
    bibliography_order,
    number_sources,
    source_views,
)
from .updates import UpdateEntry, page_updates, update_log
from .view_context import ViewContext

# Imported from here by the modules that show explainers and pages, and by the
# outputs, until they import them from the modules above.
__all__ = [
    "ClaimView",
    "NumberedSource",
    "PageLink",
    "PersonView",
    "SiteViews",
    "UpdateEntry",
    "build_views",
    "number_sources",
    "page_updates",
]


@dataclass
class SiteViews:
    lang: str
    people: list[PersonView]
    claims: list[ClaimView]
    sources: list[SourceView]
    updates: list[UpdateEntry]
    ratings: list[Rating]
    rating_groups: list[RatingGroup]
    people_by_slug: dict[str, PersonView]
    claims_by_slug: dict[str, ClaimView]
    sources_by_id: dict[str, SourceView]


def build_views(
    site: Site,
    renderer: MarkdownRenderer,
    urls: dict[str, str],
    explainers: list[Any],
    *,
    lang: str | None = None,
    translations: dict[tuple[str, str], Any] | None = None,
    ratings: dict[str, Rating] | None = None,
) -> SiteViews:
    """Join the validated site into page views in one language.

    `explainers` are Pelican articles in that language (or originals shown
    untranslated); `translations` maps ("people" | "claims", slug) to the
    translated text fields; `urls` says where each content file is published.
    """
    lang = lang or site.settings.default_lang
    ratings = ratings or site.ratings
    context = ViewContext(
        lang=lang,
        default_lang=site.settings.default_lang,
        translations=translations or {},
        renderer=renderer,
        urls=urls,
        sources=source_views(site.sources),
    )
    people = build_people(site.people, context)
    claims = build_claims(site.claims, ratings, people, context)
    explainer_updates = join_explainers(explainers, people, context)
    context.citing.show_on(context.sources)
    ordered_claims = newest_claims_first(claims.values())
    return SiteViews(
        lang=lang,
        people=sorted(people.values(), key=lambda p: p.person.name.casefold()),
        claims=ordered_claims,
        sources=bibliography_order(context.sources),
        updates=update_log(
            *(person.updates for person in people.values()),
            *(claim.updates for claim in claims.values()),
            explainer_updates,
        ),
        ratings=list(ratings.values()),
        rating_groups=rating_groups(ratings.values(), ordered_claims),
        people_by_slug=people,
        claims_by_slug=claims,
        sources_by_id=context.sources,
    )
