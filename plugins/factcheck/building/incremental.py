"""Fast rebuilds for `invoke serve`: after an edit, rewrite only the pages it changes.

The rebuilder keeps the last build in memory: parsed files (re-read only when
their modification time or size changes), rendered Markdown (by text) and the
generators with their explainers and pages. After an edit to a claim, person,
source, explainer or page it validates everything again (unchanged files come
from the cache), re-reads the explainers and pages if one of them changed,
rebuilds the views, and writes the pages that show something from the edited
files (the claim, the people it names, the explainers that cite a source...)
and every index, feed and data file. Each is written beside its final name
and all are renamed into place together once every one is written
(:class:`factcheck.building.atomic.StagedFiles`): a failed rebuild leaves ``output/``
as it was.

Any other edit (settings, templates, images, a file added or removed, a slug
or language changed) falls back to a full build, which is always correct; so
is the incremental result, which tests compare byte for byte with a cold build.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from ..generator import FactcheckGenerator
from ..writer import LocatedErrorsWriter
from . import atomic


class SkippingWriter:
    """A writer that leaves out the explainers and pages an edit does not change."""

    def __init__(self, writer: LocatedErrorsWriter, unchanged: set[str]) -> None:
        self.writer = writer
        self.unchanged = unchanged

    def write_file(self, name, *args, **kwargs):
        if name in self.unchanged:
            return None
        return self.writer.write_file(name, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.writer, name)


@dataclass
class Affected:
    """What an edit changes: fact-sheet pages, and explainers and pages by URL."""

    items: set[tuple[str, str]] = field(default_factory=set)  # ("people" | "claims", slug)
    documents: set[tuple[str, str]] = field(default_factory=set)  # see _document_key
    unchanged_documents: set[str] = field(default_factory=set)  # their save_as, not written


DocumentGenerator = ArticlesGenerator | PagesGenerator


class Rebuilder:
    def __init__(
        self,
        settings_file: str | os.PathLike,
        output: str | os.PathLike,
        *,
        after: Callable[[Path], None] | None = None,
        refresh: Callable[[Path], None] | None = None,
    ) -> None:
        """`after` runs on each full build's tree before its swap (the search index);
        `refresh` updates a live tree after an incremental rebuild, in the background."""
        self.settings_file = Path(settings_file)
        self.output = Path(output).resolve()
        self.after = after
        self.refresh = refresh
        self._refreshing: threading.Thread | None = None
        self.cache: dict = {}
        # Files changed since output/ last matched the content: a rebuild that
        # fails keeps them, so that the next one still rewrites their pages.
        self.pending: set[Path] = set()
        self.generator: FactcheckGenerator | None = None
        self.document_generators: list[DocumentGenerator] = []

    def build_all(self) -> str:
        """A full build that keeps what the next rebuild can reuse."""
        captured: list = []

        def capture(generators) -> None:
            captured.extend(generators)

        signals.all_generators_finalized.connect(capture)
        try:
            self.generator = None
            self.pending.clear()  # a full build reads everything; a failed one leaves none kept
            atomic.build(
                self.settings_file,
                self.output,
                overrides={"FACTCHECK_LOAD_CACHE": self.cache},
                after=self.after,
            )
        finally:
            signals.all_generators_finalized.disconnect(capture)
        self.generator = next((g for g in captured if isinstance(g, FactcheckGenerator)), None)
        self.document_generators = [
            g for g in captured if isinstance(g, (ArticlesGenerator, PagesGenerator))
        ]
        return "full"

    def rebuild(self, changed: Iterable[str | os.PathLike]) -> str:
        """Bring output/ up to date after `changed` files; say "incremental" or "full".

        Files changed since the last rebuild that succeeded are kept until one
        does: an edit made while another file was broken is written once the
        content is valid again.
        """
        generator = self.generator
        if generator is None:
            return self.build_all()
        content = generator.factcheck.content_dir
        self.pending |= {Path(path).resolve() for path in changed}
        # Editors' temporary files come and go; only existing or known files matter.
        changed = sorted(
            p for p in self.pending if p.exists() or _known(p, content, generator.site.files)
        )
        if not changed:
            self.pending.clear()
            return "nothing to do"
        edits = [_edit(path, content, generator.settings) for path in changed]
        if any(kind is None for _, kind in edits):
            return self.build_all()

        # generate_context fills the same dict again: keep the views as they were.
        old_site = generator.site
        old_views = {lang: e.views for lang, e in generator.build.editions.items()}
        new_site = generator.check_content()  # raises ContentInvalid before anything is written
        if new_site.files != old_site.files:
            return self.build_all()  # a file added or removed changes links everywhere
        try:
            if any(kind in ("explainers", "pages") for _, kind in edits):
                fresh = [_reread(g) for g in self.document_generators]
                if _published_as(fresh) != _published_as(self.document_generators):
                    return self.build_all()  # a slug, language or status changed: links move
                self.document_generators = fresh
            generator.rebuild_context(new_site)
            for document_generator in self.document_generators:
                document_generator.refresh_metadata_intersite_links()  # as Pelican does
            self._write(self._affected(edits, old_site, new_site, old_views))
        except BaseException:
            # What the generator holds may no longer be what output/ shows: the
            # next rebuild cannot tell what to rewrite, so it rebuilds everything.
            self.generator = None
            raise
        self.pending.clear()
        if self.refresh is not None:
            # Pages are servable now; the search index follows a moment later,
            # under the build lock so that no other build swaps the tree meanwhile.
            self._refreshing = threading.Thread(target=self._refresh_locked, daemon=True)
            self._refreshing.start()
        return "incremental"

    def _affected(self, edits, old_site, new_site, old_views) -> Affected:
        """Pages that show something from the edits, before or after them."""
        generator = self.generator
        documents = list(_documents(self.document_generators))
        keys = {document.url: _document_key(document) for document in documents}
        for edition in generator.build.editions.values():
            keys |= {document.url: _document_key(document) for document in edition.documents}
        items, edited_people, source_ids = _edited(edits, old_site, new_site)
        affected = Affected(items=items)
        by_path = {document.relative_source_path: _document_key(document) for document in documents}
        affected.documents |= {by_path[path] for path, _ in edits if path in by_path}
        new_views = {lang: e.views for lang, e in generator.build.editions.items()}
        for views_by_lang in (old_views, new_views):
            _add_shown(affected, edited_people, source_ids, views_by_lang, keys)
        affected.unchanged_documents = {
            d.save_as for d in documents if keys[d.url] not in affected.documents
        }
        return affected

    def _write(self, affected: Affected) -> None:
        """Write the affected pages and every index beside their final names, then commit."""
        generator = self.generator
        with atomic.build_lock(self.output):
            atomic.recover(self.output)
            staged = atomic.StagedFiles(self.output)
            writer = LocatedErrorsWriter(str(staged.folder), settings=generator.settings)
            try:
                generator.write(writer, _selected(generator.outputs(), affected.items))
                skipping = SkippingWriter(writer, affected.unchanged_documents)
                for document_generator in self.document_generators:
                    document_generator.generate_output(skipping)
            except BaseException:
                staged.abandon()
                raise
            staged.commit()

    def _refresh_locked(self) -> None:
        with atomic.build_lock(self.output):
            self.refresh(self.output)

    def wait(self) -> None:
        """Wait for a background search-index refresh (tests, and before exiting)."""
        if self._refreshing is not None:
            self._refreshing.join()


ITEM_PAGES = {
    "person page": "people",
    "person feed": "people",
    "claim page": "claims",
    "claim card": "claims",
}


def _selected(outputs, items):
    """Every output, except the pages and feeds of people and claims not in `items`."""
    return [
        output
        for output in outputs.values()
        if output.kind not in ITEM_PAGES
        or (ITEM_PAGES[output.kind], output.subject.subject.slug) in items
    ]


def _known(path: Path, content: Path, files) -> bool:
    try:
        return path.relative_to(content).as_posix() in files
    except ValueError:
        return False


def _edit(path: Path, content: Path, settings) -> tuple[str, str | None]:
    """A changed file's path under content/, and what it is.

    The kind is claims, people, sources, explainers or pages; None for
    anything a rebuild cannot follow alone (images, files elsewhere).
    """
    try:
        relative = path.relative_to(content)
    except ValueError:
        return path.as_posix(), None
    if relative.suffix == ".yaml" and len(relative.parts) == 2:
        folder = relative.parts[0]
        return relative.as_posix(), folder if folder in ("claims", "people", "sources") else None
    if relative.suffix == ".md":
        for kind, setting in (("explainers", "ARTICLE_PATHS"), ("pages", "PAGE_PATHS")):
            folders = [folder.strip("/") for folder in settings[setting]]
            if any(relative.as_posix().startswith(f"{folder}/") for folder in folders):
                return relative.as_posix(), kind
    return relative.as_posix(), None


def _reread(generator: DocumentGenerator) -> DocumentGenerator:
    """A new generator of the same kind that reads every explainer or page again."""
    fresh = type(generator)(
        context=generator.context,
        settings=generator.settings,
        path=generator.path,
        theme=generator.theme,
        output_path=generator.output_path,
    )
    fresh.generate_context()
    return fresh


DOCUMENT_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


def _documents(generators: Iterable[DocumentGenerator]) -> Iterator:
    for generator in generators:
        for name in DOCUMENT_LISTS:
            yield from getattr(generator, name, ())


def _published_as(generators: Iterable[DocumentGenerator]) -> dict[str, tuple]:
    return {
        d.relative_source_path: (d.url, d.save_as, d.status, d.lang) for d in _documents(generators)
    }


def _document_key(document) -> tuple[str, str]:
    """An explainer or page with all its translations and untranslated copies."""
    return (document.relative_source_path.partition("/")[0], document.slug)


def _fields(source) -> dict | None:
    """What a source says, without where it is written (an edit above it moves it)."""
    if source is None:
        return None
    return {k: v for k, v in vars(source).items() if k not in ("location", "key_location")}


def _people_of(claim) -> set[tuple[str, str]]:
    people = {("people", person.slug) for person in claim.about}
    if claim.claimant is not None:
        people.add(("people", claim.claimant.slug))
    return people


def _edited(edits, old_site, new_site) -> tuple[set, set[str], set[str]]:
    """What the edits change themselves: (their people and claims, edited people, changed sources)."""
    items: set[tuple[str, str]] = set()
    source_ids: set[str] = set()
    for relative, kind in edits:
        if kind in ("claims", "people"):
            items.add((kind, Path(relative).stem.partition(".")[0]))
        elif kind == "sources":
            in_file = {
                source_id
                for site in (old_site, new_site)
                for source_id, source in site.sources.items()
                if source.location.path.endswith(relative)
            }
            source_ids |= {
                source_id
                for source_id in in_file
                if _fields(old_site.sources.get(source_id))
                != _fields(new_site.sources.get(source_id))
            }
    return items, {slug for kind, slug in items if kind == "people"}, source_ids


def _add_shown(affected, edited_people, source_ids, views_by_lang, keys) -> None:
    """Add the pages that show something from the edits, in these views.

    `keys` maps each explainer's and page's URL to its _document_key. Called
    with the views before and after the edit: a claim that moved from one
    person to another changes both people's pages.
    """

    def shows_an_affected_document(links) -> bool:
        return any(keys.get(link.url) in affected.documents for link in links)

    for views in views_by_lang.values():
        for source_id in source_ids:
            view = views.sources_by_id.get(source_id)
            for link in view.cited_on if view else ():
                if link.kind in ("person", "claim"):
                    kind = "people" if link.kind == "person" else "claims"
                    affected.items.add((kind, link.url.rstrip("/").rsplit("/", 1)[-1]))
                else:
                    affected.documents.add(keys[link.url])
        for slug in edited_people:
            person = views.people_by_slug.get(slug)
            if person is not None:
                # Its claims show its name, and so do the explainers that list it.
                for claim in person.claims_by + person.claims_about:
                    affected.items.add(("claims", claim.slug))
                affected.documents |= {keys[link.url] for link in person.explainers}
        for person in views.people:
            if shows_an_affected_document(person.explainers):
                affected.items.add(("people", person.slug))
        for claim in views.claims:
            if ("claims", claim.slug) in affected.items or shows_an_affected_document(
                claim.explainers
            ):
                affected.items.add(("claims", claim.slug))
                affected.items |= _people_of(claim)
