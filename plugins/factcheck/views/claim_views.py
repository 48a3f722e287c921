"""Claim pages: rating, verdict, analysis with numbered citations, evidence; claims by rating."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup

from ..content.models import Claim
from ..settings import Rating
from .links import PageLink
from .person_views import PersonView
from .source_views import NumberedSource, SourceView, number_sources
from .updates import UpdateEntry, newest_first, page_updates
from .view_context import ViewContext


@dataclass
class ClaimView:
    slug: str
    claim: Claim
    url: str
    rating: Rating
    claimant: PersonView | None = None
    verdict_html: Markup = Markup("")
    analysis_html: Markup = Markup("")
    evidence: list[NumberedSource] = field(default_factory=list)
    appearances: list[SourceView] = field(default_factory=list)
    sources: list[NumberedSource] = field(default_factory=list)
    about: list[PersonView] = field(default_factory=list)
    explainers: list[PageLink] = field(default_factory=list)
    updates: list[UpdateEntry] = field(default_factory=list)
    source_path: str = ""
    content_lang: str = "en"
    translated: bool = True

    @property
    def claimant_name(self) -> str | None:
        return self.claimant.name if self.claimant else self.claim.claimant_name

    @property
    def title(self) -> str:
        """The claim's short form where it has one: for titles, feeds and claimReviewed."""
        return self.claim.claim_short or self.claim.claim

    @property
    def link(self) -> PageLink:
        return PageLink(self.claim.claim, self.url, "claim")

    @property
    def noindex(self) -> bool:
        return bool(self.claim.privacy and self.claim.privacy.noindex)

    @property
    def retraction(self) -> UpdateEntry | None:
        """The entry that retracted this fact-check, if one did (newest first)."""
        return next((u for u in self.updates if u.is_retraction), None)


@dataclass
class RatingGroup:
    rating: Rating
    claims: list[ClaimView]


def build_claims(
    claims: Mapping[str, Claim],
    ratings: Mapping[str, Rating],
    people: Mapping[str, PersonView],
    context: ViewContext,
) -> dict[str, ClaimView]:
    """A view of every claim, by slug, joined to the people it is by and about."""
    views = {}
    for slug, original in sorted(claims.items()):
        view = build_claim(slug, original, ratings, people, context)
        context.citing.add_listed(view.link, view.sources)
        views[slug] = view
    link_claims_to_people(views.values())
    return views


def build_claim(
    slug: str,
    original: Claim,
    ratings: Mapping[str, Rating],
    people: Mapping[str, PersonView],
    context: ViewContext,
) -> ClaimView:
    localized = context.localized("claims", slug, original)
    claim = localized.item
    source_path = f"claims/{slug}.yaml"
    view = ClaimView(
        slug,
        claim,
        context.urls[source_path],
        ratings[claim.rating],
        source_path=source_path,
        content_lang=localized.content_lang,
        translated=localized.translated,
    )
    render = context.renderer
    citations = render.start_page(source_path)
    view.analysis_html = render.block(claim.analysis)
    view.verdict_html = render.inline(claim.verdict)
    view.claimant = people.get(claim.claimant) if claim.claimant else None
    view.sources = number_sources(
        citations,
        [e.source for e in claim.sources] + list(claim.appearances),
        context.sources,
        {e.source: e for e in claim.sources},
    )
    by_id = {item.view.id: item for item in view.sources}
    view.evidence = [by_id[e.source] for e in claim.sources]
    view.appearances = [context.sources[a] for a in claim.appearances]
    view.about = [people[p] for p in claim.about]
    view.updates = page_updates(claim.updates, view.link, render.inline)
    return view


def link_claims_to_people(claims: Iterable[ClaimView]) -> None:
    """Each person's page lists the claims they made and the claims about them, newest first."""
    for view in sorted(claims, key=lambda c: (c.claim.date, c.slug), reverse=True):
        if view.claimant:
            view.claimant.claims_by.append(view)
        for person in view.about:
            if view not in person.claims_about:
                person.claims_about.append(view)


def newest_claims_first(claims: Iterable[ClaimView]) -> list[ClaimView]:
    return newest_first(claims, key=lambda c: (c.claim.published, c.claim.date, c.slug))


def rating_groups(ratings: Iterable[Rating], ordered_claims: list[ClaimView]) -> list[RatingGroup]:
    """Claims by rating, in the scale's order, each group in the order given."""
    return [
        RatingGroup(rating, [c for c in ordered_claims if c.rating.key == rating.key])
        for rating in ratings
    ]
