"""Sources as pages show them: the bibliography, and the numbered list at the end of a page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..content.models import Source
from .citations import Citations
from .links import PageLink


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


def source_views(sources: Mapping[str, Source]) -> dict[str, SourceView]:
    return {source_id: SourceView(source_id, s) for source_id, s in sorted(sources.items())}


def bibliography_order(views: Mapping[str, SourceView]) -> list[SourceView]:
    """The bibliography's order: by publisher, then date."""
    return sorted(
        views.values(), key=lambda s: (s.source.publisher.casefold(), s.source.date, s.id)
    )


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


class CitingPages:
    """The pages that cite each source, gathered while the pages are built."""

    def __init__(self) -> None:
        self._pages: dict[str, set[PageLink]] = defaultdict(set)

    def add(self, source_id: str, page: PageLink) -> None:
        self._pages[source_id].add(page)

    def add_listed(self, page: PageLink, listed: Iterable[NumberedSource]) -> None:
        for item in listed:
            self.add(item.view.id, page)

    def show_on(self, views: Mapping[str, SourceView]) -> None:
        """Give each source's view the pages that cite it, by kind, then title."""
        for source_id, pages in self._pages.items():
            views[source_id].cited_on = tuple(
                sorted(pages, key=lambda link: (link.kind, link.title))
            )
