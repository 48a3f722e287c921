"""The dependency map: every file a build writes, and the content items each one shows.

One table, :data:`OUTPUT_KINDS`, declares each kind of output: which ones a
build has (a page per person in each edition, a feed per site...), where
each is written, which content items it shows, and how it is written. A
cold build enumerates the outputs from it and writes them all; a rebuild in
``invoke serve`` (:mod:`factcheck.building.incremental`) writes only those
showing a content item its edit changed.

A content item is ``(kind, key)``: ``("people", slug)``, ``("claims", slug)``,
``("sources", id)``, ``("explainers", slug)`` or ``("pages", slug)``, each
with its translations. An output shows an item when any change to that
item's files can change the output's bytes: its own text, a name or title it
lists, a rating it shows. :data:`EVERY_ITEM` marks outputs made from the
whole site (indexes, feeds, data files, the sitemap). Settings, templates and
images are not items: a change to them is a full build.

Explainers and pages are Pelican's documents and Pelican's generators write
them (``write`` is None); the published ones are on the map so that a
rebuild knows which of them to let through. Hidden and draft ones are
Pelican's alone, on no output of the map: an edit to one is a full build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..views.editions import Edition, UntranslatedCopy, document_kind
from ..views.links import save_as
from ..views.site_views import ClaimView, PersonView
from . import data, feeds, pages, sitemap
from .site_build import OutputWriter, SiteBuild

Item = tuple[str, str]
EVERY_ITEM: Item = ("*", "*")


class InEdition(NamedTuple):
    """One output's subject in one edition: a person, a claim, an index's name..."""

    edition: Edition  # the default language's for outputs of the whole site
    subject: Any


@dataclass(frozen=True)
class OutputKind:
    """A kind of output: which ones a build has, where, what each shows, how it is written."""

    name: str
    each: Callable[[SiteBuild], Iterable[InEdition]]
    path: Callable[[InEdition], str]
    shows: Callable[[InEdition], Iterable[Item]]
    write: Callable[[SiteBuild, InEdition, OutputWriter], None] | None  # None: Pelican writes it


@dataclass(frozen=True)
class Output:
    """One file a build writes, and the content items it shows."""

    path: str  # relative to the output folder
    kind: str
    shows: frozenset[Item]
    subject: InEdition

    def shows_any(self, items: set[Item]) -> bool:
        return bool(items) and (EVERY_ITEM in self.shows or not self.shows.isdisjoint(items))


# -- which outputs a build has ---------------------------------------------------


def in_editions(subjects: Callable[[Edition], Iterable[Any]]):
    """`each` for a kind written once per subject in every edition."""

    def each(build: SiteBuild) -> Iterator[InEdition]:
        for edition in build.editions.values():
            for subject in subjects(edition):
                yield InEdition(edition, subject)

    return each


def once(*names: str):
    """`each` for a kind written once for the whole site, under these names."""

    def each(build: SiteBuild) -> Iterator[InEdition]:
        for name in names:
            yield InEdition(build.default_edition, name)

    return each


def host_files(build: SiteBuild) -> Iterator[InEdition]:
    for name in sorted(build.extra_files):
        yield InEdition(build.default_edition, name)


# -- what each shows -------------------------------------------------------------


def everything(shown: InEdition) -> Iterable[Item]:
    return (EVERY_ITEM,)


def nothing(shown: InEdition) -> Iterable[Item]:
    return ()


def document_item(document) -> Item:
    """An explainer or page, with all its translations and untranslated copies."""
    return (document_kind(document), document.slug)


def _documents_linked(edition: Edition, page_links) -> set[Item]:
    return {document_item(edition.documents_by_url[link.url]) for link in page_links}


def _sources(numbered) -> set[Item]:
    return {("sources", item.view.id) for item in numbered}


def _claim_items(claim: ClaimView) -> set[Item]:
    """A claim, and the people whose names show with it."""
    items = {("claims", claim.slug)}
    items |= {("people", person.slug) for person in claim.about}
    if claim.claimant is not None:
        items.add(("people", claim.claimant.slug))
    return items


def shows_person(shown: InEdition) -> set[Item]:
    """A person's page: the person, their sources, the claims listed with their
    claimants, the explainers that mention them."""
    person: PersonView = shown.subject
    items = {("people", person.slug)} | _sources(person.sources)
    for claim in person.claims_by + person.claims_about:
        items |= _claim_items(claim)
    return items | _documents_linked(shown.edition, person.explainers)


def shows_person_feed(shown: InEdition) -> set[Item]:
    person: PersonView = shown.subject
    items = {("people", person.slug)}
    return items | {("claims", claim.slug) for claim in person.claims_by + person.claims_about}


def shows_claim(shown: InEdition) -> set[Item]:
    """A claim's page: the claim, its people, its sources and its background explainers."""
    claim: ClaimView = shown.subject
    items = _claim_items(claim) | _sources(claim.sources)
    return items | _documents_linked(shown.edition, claim.explainers)


def shows_claim_card(shown: InEdition) -> set[Item]:
    return _claim_items(shown.subject)


def shows_document(shown: InEdition) -> set[Item]:
    """An explainer or page (or its copy): itself, the people it lists, the sources it cites."""
    document = shown.subject
    if isinstance(document, UntranslatedCopy):
        document = document.original
    items = {document_item(document)} | _sources(getattr(document, "source_list", ()))
    return items | {("people", view.slug) for view in getattr(document, "people_views", ())}


# -- the table -------------------------------------------------------------------


def _in_edition(write):
    """A write function of (build, edition, subject, out) as the table calls it."""
    return lambda build, shown, out: write(build, shown.edition, shown.subject, out)


def _once(write):
    return lambda build, shown, out: write(build, shown.subject, out)


OUTPUT_KINDS: tuple[OutputKind, ...] = (
    OutputKind(
        "person page",
        in_editions(Edition.people),
        lambda shown: save_as(shown.subject.url),
        shows_person,
        _in_edition(pages.write_person),
    ),
    OutputKind(
        "person feed",
        in_editions(feeds.people_with_feeds),
        lambda shown: feeds.person_feed_url(shown.subject),
        shows_person_feed,
        _in_edition(feeds.write_person_feed),
    ),
    OutputKind(
        "claim page",
        in_editions(Edition.claims),
        lambda shown: save_as(shown.subject.url),
        shows_claim,
        _in_edition(pages.write_claim),
    ),
    OutputKind(
        "claim card",
        in_editions(Edition.claims),
        lambda shown: save_as(pages.card_url(shown.subject)),
        shows_claim_card,
        _in_edition(pages.write_card),
    ),
    OutputKind(
        "index page",
        in_editions(lambda edition: pages.INDEX_PAGES),
        lambda shown: save_as(pages.index_url(shown.edition, shown.subject)),
        everything,
        _in_edition(pages.write_index),
    ),
    OutputKind(
        "explainer or page",
        in_editions(Edition.own_documents),
        lambda shown: shown.subject.save_as,
        shows_document,
        None,
    ),
    OutputKind(
        "untranslated copy",
        in_editions(Edition.untranslated_copies),
        lambda shown: shown.subject.save_as,
        shows_document,
        _in_edition(pages.write_untranslated_copy),
    ),
    OutputKind(
        "site feed",
        in_editions(feeds.site_feeds),
        lambda shown: feeds.site_feed_path(shown.edition, shown.subject),
        everything,
        _in_edition(feeds.write_site_feed),
    ),
    OutputKind(
        "data file",
        in_editions(lambda edition: data.DATA_FILES),
        lambda shown: data.data_path(shown.edition, shown.subject),
        everything,
        _in_edition(data.write_data_file),
    ),
    OutputKind(
        "sitemap",
        once("sitemap.xml"),
        lambda shown: shown.subject,
        everything,
        _once(sitemap.write_sitemap),
    ),
    OutputKind(
        "robots.txt",
        once("robots.txt"),
        lambda shown: shown.subject,
        nothing,
        _once(sitemap.write_robots_txt),
    ),
    OutputKind(
        "404 page",
        once("404.html"),
        lambda shown: shown.subject,
        nothing,
        _once(pages.write_not_found),
    ),
    OutputKind(
        "rating colours",
        once("theme/css/ratings.css"),
        lambda shown: shown.subject,
        nothing,
        _once(pages.write_rating_colours),
    ),
    OutputKind(
        "host file",
        host_files,
        lambda shown: shown.subject,
        nothing,
        _once(sitemap.write_host_file),
    ),
)


def declare_outputs(build: SiteBuild) -> dict[str, Output]:
    """Every output of a build, by path, in the order a cold build writes them."""
    outputs: dict[str, Output] = {}
    for kind in OUTPUT_KINDS:
        for shown in kind.each(build):
            path = kind.path(shown)
            outputs[path] = Output(path, kind.name, frozenset(kind.shows(shown)), shown)
    return outputs


def outputs_showing(items: set[Item], *maps: dict[str, Output]) -> set[str]:
    """The paths of the outputs that show any of `items` in any of these maps.

    A rebuild passes the maps from before and after its edit: a claim that
    moved from one person to another changes both people's pages.
    """
    return {path for outputs in maps for path, output in outputs.items() if output.shows_any(items)}


KINDS_BY_NAME = {kind.name: kind for kind in OUTPUT_KINDS}


def write_outputs(build: SiteBuild, outputs: Iterable[Output], out: OutputWriter) -> None:
    """Write these outputs, except the ones Pelican's own generators write."""
    for output in outputs:
        write = KINDS_BY_NAME[output.kind].write
        if write is not None:
            write(build, output.subject, out)
