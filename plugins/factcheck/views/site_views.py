"""What templates see: validated content joined up, rendered and ordered.

Every list here is sorted explicitly (newest first, then by slug) so that two
builds of the same content give the same pages. Values that hold trusted HTML
end in ``_html``; everything else is escaped by the templates.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..content.dates import PartialDate
from ..content.loading import Site
from ..content.models import Claim, Person, Rating, Source, Update
from ..content.translations import apply_translation
from .markdown_html import Citations, MarkdownRenderer


@dataclass(frozen=True)
class PageLink:
    """A link to one page of the site, as shown in lists."""

    title: str
    url: str
    kind: str  # person, claim, explainer, page


@dataclass
class UpdateEntry:
    date: PartialDate
    kind: str
    text_html: Markup
    page: PageLink
    # 1 for the page's first update of this kind on this date, 2 for the next:
    # with the date and kind it names the update without its wording.
    ordinal: int = 1

    @property
    def is_correction(self) -> bool:
        return self.kind == "correction"

    @property
    def is_retraction(self) -> bool:
        return self.kind == "retraction"

    @property
    def sort_key(self):
        return (self.date, self.page.url, self.kind, str(self.text_html))


@dataclass
class SourceView:
    id: str
    source: Source
    cited_on: tuple[PageLink, ...] = ()  # a tuple: templates memoize on it

    @property
    def anchor(self) -> str:
        return f"src-{self.id}"


@dataclass
class NumberedSource:
    """A source as listed at the end of one page, numbered as cited there."""

    number: int
    view: SourceView
    quote: str | None = None
    note: str | None = None

    @property
    def source(self) -> Source:
        return self.view.source


@dataclass
class Sourced:
    """A rendered statement and the numbers of the sources that support it."""

    html: Markup
    numbers: list[int]
    date: PartialDate | None = None
    label: str = ""


@dataclass
class PersonView:
    slug: str
    person: Person
    url: str
    summary_html: Markup = Markup("")
    facts: list[Sourced] = field(default_factory=list)
    timeline: list[Sourced] = field(default_factory=list)
    sources: list[NumberedSource] = field(default_factory=list)
    claims_by: list[ClaimView] = field(default_factory=list)
    claims_about: list[ClaimView] = field(default_factory=list)
    explainers: list[PageLink] = field(default_factory=list)
    updates: list[UpdateEntry] = field(default_factory=list)
    source_path: str = ""
    content_lang: str = "en"  # the language of the text shown (the original's when untranslated)
    translated: bool = True

    @property
    def name(self) -> str:
        return self.person.name

    @property
    def link(self) -> PageLink:
        return PageLink(self.person.name, self.url, "person")

    @property
    def noindex(self) -> bool:
        return bool(self.person.privacy and self.person.privacy.noindex)


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
    def claimant_name(self) -> str:
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


def newest_first(items, key):
    return sorted(items, key=key, reverse=True)


def page_updates(updates: tuple[Update, ...], link: PageLink, render) -> list[UpdateEntry]:
    seen: dict[tuple, int] = defaultdict(int)
    entries = []
    for update in updates:
        seen[(update.date, update.kind)] += 1
        entries.append(
            UpdateEntry(
                update.date,
                update.kind,
                render(update.text),
                link,
                seen[(update.date, update.kind)],
            )
        )
    return newest_first(entries, key=lambda e: e.sort_key)


def number_sources(
    citations: Citations, ids, views: dict[str, SourceView], evidence: dict[str, Any] | None = None
) -> list[NumberedSource]:
    """The page's source list: cited sources first in citation order, then the rest."""
    for source_id in ids:
        citations.number(source_id)
    evidence = evidence or {}
    listed = []
    for number, source_id in enumerate(citations.order, 1):
        item = evidence.get(source_id)
        listed.append(
            NumberedSource(
                number,
                views[source_id],
                quote=item.quote if item else None,
                note=item.note if item else None,
            )
        )
    return listed


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
    default = site.settings.default_lang
    lang = lang or default
    translations = translations or {}
    ratings = ratings or site.ratings
    sources = {sid: SourceView(sid, s) for sid, s in sorted(site.sources.items())}
    cited_on: dict[str, set[PageLink]] = defaultdict(set)

    def localized(kind: str, slug: str, original):
        translated = translations.get((kind, slug))
        shown_lang = lang if (translated is not None or lang == default) else default
        merged = apply_translation(original, translated)
        if kind == "claims" and translated is not None and translated.claim:
            # The original's short form would be the other language's: use the translation's.
            merged.claim_short = translated.claim_short
        return (
            merged,
            shown_lang,
            translated is not None or lang == default,
        )

    people: dict[str, PersonView] = {}
    for slug, original in sorted(site.people.items()):
        person, content_lang, is_translated = localized("people", slug, original)
        view = PersonView(slug, person, urls[f"people/{slug}.yaml"])
        view.content_lang, view.translated = content_lang, is_translated
        view.source_path = f"people/{slug}.yaml"
        citations = renderer.start_page(view.source_path)
        view.summary_html = renderer.inline(person.summary)
        for fact in person.facts:
            view.facts.append(
                Sourced(
                    renderer.inline(fact.value),
                    [citations.number(s) for s in fact.sources],
                    label=fact.label,
                )
            )
        for entry in sorted(person.timeline, key=lambda e: e.date):
            view.timeline.append(
                Sourced(
                    renderer.inline(entry.text),
                    [citations.number(s) for s in entry.sources],
                    date=entry.date,
                )
            )
        view.sources = number_sources(citations, (), sources)
        view.updates = page_updates(person.updates, view.link, renderer.inline)
        for item in view.sources:
            cited_on[item.view.id].add(view.link)
        people[slug] = view

    claims: dict[str, ClaimView] = {}
    for slug, original in sorted(site.claims.items()):
        claim, content_lang, is_translated = localized("claims", slug, original)
        view = ClaimView(slug, claim, urls[f"claims/{slug}.yaml"], ratings[claim.rating])
        view.content_lang, view.translated = content_lang, is_translated
        view.source_path = f"claims/{slug}.yaml"
        citations = renderer.start_page(view.source_path)
        view.analysis_html = renderer.block(claim.analysis)
        view.verdict_html = renderer.inline(claim.verdict)
        view.claimant = people.get(claim.claimant) if claim.claimant else None
        evidence = {e.source: e for e in claim.sources}
        view.sources = number_sources(
            citations,
            [e.source for e in claim.sources] + list(claim.appearances),
            sources,
            evidence,
        )
        by_id = {item.view.id: item for item in view.sources}
        view.evidence = [by_id[e.source] for e in claim.sources]
        view.appearances = [sources[a] for a in claim.appearances]
        view.about = [people[p] for p in claim.about]
        view.updates = page_updates(claim.updates, view.link, renderer.inline)
        for item in view.sources:
            cited_on[item.view.id].add(view.link)
        claims[slug] = view

    for view in sorted(claims.values(), key=lambda c: (c.claim.date, c.slug), reverse=True):
        if view.claimant:
            view.claimant.claims_by.append(view)
        for person in view.about:
            if view not in person.claims_about:
                person.claims_about.append(view)

    claims_about: dict[str, list[ClaimView]] = defaultdict(list)
    for view in claims.values():
        for person_slug in view.claim.about:
            claims_about[person_slug].append(view)
    explainer_updates = []
    for article in explainers:
        link = PageLink(article.title, article.url, "explainer")
        explainer_updates += page_updates(
            getattr(article, "updates", ()) or (), link, renderer.inline
        )
        for slug in getattr(article, "people", ()):
            people[slug].explainers.append(link)
        for source_id in getattr(article, "cited_sources", ()):
            cited_on[source_id].add(link)
        # A claim about someone the explainer is about links to it, once.
        related = {c.slug: c for s in getattr(article, "people", ()) for c in claims_about[s]}
        for view in related.values():
            view.explainers.append(link)

    for source_id, links in cited_on.items():
        sources[source_id].cited_on = tuple(sorted(links, key=lambda link: (link.kind, link.title)))

    updates = [u for v in people.values() for u in v.updates]
    updates += [u for v in claims.values() for u in v.updates]
    updates += explainer_updates
    updates = newest_first(updates, key=lambda e: e.sort_key)

    ratings = list(ratings.values())
    ordered_claims = newest_first(
        claims.values(), key=lambda c: (c.claim.published, c.claim.date, c.slug)
    )
    groups = [
        RatingGroup(rating, [c for c in ordered_claims if c.rating.key == rating.key])
        for rating in ratings
    ]
    return SiteViews(
        lang=lang,
        people=sorted(people.values(), key=lambda p: p.person.name.casefold()),
        claims=ordered_claims,
        sources=sorted(
            sources.values(), key=lambda s: (s.source.publisher.casefold(), s.source.date, s.id)
        ),
        updates=updates,
        ratings=ratings,
        rating_groups=groups,
        people_by_slug=people,
        claims_by_slug=claims,
        sources_by_id=sources,
    )
