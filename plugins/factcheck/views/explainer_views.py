"""Explainers joined to the rest of the site: the people they are about, their claims, sources.

Explainers are read by Pelican; here they only add links to the fact sheets'
views and their updates to the update log.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .links import PageLink
from .person_views import PersonView
from .updates import UpdateEntry, page_updates
from .view_context import ViewContext


def join_explainers(
    explainers: Iterable[Any], people: Mapping[str, PersonView], context: ViewContext
) -> list[UpdateEntry]:
    """Link each explainer from the people it is about and their claims; return its updates.

    `explainers` are Pelican articles in the context's language (or originals
    shown untranslated). Claims must already be linked to people.
    """
    updates = []
    for article in explainers:
        link = PageLink(article.title, article.url, "explainer")
        updates += page_updates(
            getattr(article, "updates", ()) or (), link, context.renderer.inline
        )
        about = [people[slug] for slug in getattr(article, "people", ())]
        for person in about:
            person.explainers.append(link)
        for source_id in getattr(article, "cited_sources", ()):
            context.citing.add(source_id, link)
        # A claim about someone the explainer is about links to it, once.
        related = {claim.slug: claim for person in about for claim in person.claims_about}
        for claim in related.values():
            claim.explainers.append(link)
    return updates
