"""Person and organization pages: facts and timeline with their sources, claims, explainers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..content.dates import PartialDate
from ..content.models import Person
from .links import PageLink
from .source_views import NumberedSource, number_sources
from .updates import UpdateEntry, page_updates
from .view_context import ViewContext

if TYPE_CHECKING:
    from .claim_views import ClaimView


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


def build_people(people: Mapping[str, Person], context: ViewContext) -> dict[str, PersonView]:
    """A view of every person and organization, by slug; their claims are added later."""
    views = {}
    for slug, original in sorted(people.items()):
        view = build_person(slug, original, context)
        context.citing.add_listed(view.link, view.sources)
        views[slug] = view
    return views


def build_person(slug: str, original: Person, context: ViewContext) -> PersonView:
    localized = context.localized("people", slug, original)
    person = localized.item
    source_path = f"people/{slug}.yaml"
    view = PersonView(
        slug,
        person,
        context.urls[source_path],
        source_path=source_path,
        content_lang=localized.content_lang,
        translated=localized.translated,
    )
    render = context.renderer
    citations = render.start_page(source_path)
    view.summary_html = render.inline(person.summary)
    view.facts = [
        Sourced(
            render.inline(fact.value),
            [citations.number(s) for s in fact.sources],
            label=fact.label,
        )
        for fact in person.facts
    ]
    view.timeline = [
        Sourced(
            render.inline(entry.text),
            [citations.number(s) for s in entry.sources],
            date=entry.date,
        )
        for entry in sorted(person.timeline, key=lambda e: e.date)
    ]
    view.sources = number_sources(citations, (), context.sources)
    view.updates = page_updates(person.updates, view.link, render.inline)
    return view
