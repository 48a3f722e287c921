"""Fast rebuilds for `invoke serve`: after an edit, rewrite only the outputs that show what changed.

The rebuilder keeps the last build in memory: the plugin's generator with
its parsed files (re-read only when their modification time or size
changes) and rendered Markdown, Pelican's generators of explainers and
pages, and the dependency map of what ``output/`` holds
(:mod:`factcheck.outputs.dependencies`). After an edit to a claim, person,
source, explainer or page it checks everything again (unchanged files come
from the cache), reads the explainers and pages again if one of them changed
(:mod:`factcheck.building.pelican_seams`), rebuilds the editions and the map,
and writes the outputs that show a content item the edit changed, before or
after it. They are written into a folder beside ``output/`` and moved in
together once every one is written (:class:`factcheck.building.atomic.StagedFiles`):
a failed rebuild leaves ``output/`` as it was.

It falls back to a full build, which is always correct, whenever it cannot
be sure: an edit to anything else (settings, templates, images), a file
added or removed, an output added or removed (a slug, a language or a
status changed), an edit to an explainer or page the map does not show.
Tests compare its result byte for byte with a cold build.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pelican import signals

from ..content.content_files import FOLDERS, parse_file_name
from ..content.loading import Site
from ..generator import FactcheckGenerator
from ..outputs.dependencies import Item, Output, document_item, outputs_showing
from ..writer import LocatedErrorsWriter
from . import atomic, pelican_seams


class SelectiveWriter(LocatedErrorsWriter):
    """Pelican's writer, writing only the outputs a rebuild selected."""

    def __init__(self, output_path: str, settings, selected: set[str]) -> None:
        super().__init__(output_path, settings=settings)
        self.selected = selected

    def write_file(self, name, *args, **kwargs):
        if name not in self.selected:
            return None
        return super().write_file(name, *args, **kwargs)


@dataclass
class LastBuild:
    """What output/ was built from, kept for the next rebuild."""

    generator: FactcheckGenerator
    document_generators: list  # Pelican's, of explainers and of pages
    outputs: dict[str, Output]  # the dependency map of what output/ holds


@dataclass
class Plan:
    """What a rebuild writes: the new dependency map, and the outputs of it to write."""

    outputs: dict[str, Output]
    paths: set[str]

    def selected(self) -> list[Output]:
        """The outputs to write, in the map's order."""
        return [output for path, output in self.outputs.items() if path in self.paths]


Edit = tuple[str, str | None]  # (path under content/, its kind: a folder of FOLDERS, or None)


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
        self.cache: dict = {}  # parsed content files, kept between builds
        # Files changed since output/ last matched the content: a rebuild that
        # fails keeps them, so that the next one still rewrites their outputs.
        self.pending: set[Path] = set()
        self.last: LastBuild | None = None

    def build_all(self) -> str:
        """A full build that keeps what the next rebuild can reuse."""
        captured: list = []

        def keep_parsed_files(generator) -> None:
            if isinstance(generator, FactcheckGenerator):
                generator.keep_parsed_files_in(self.cache)

        def capture(generators) -> None:
            captured.extend(generators)

        signals.generator_init.connect(keep_parsed_files)
        signals.all_generators_finalized.connect(capture)
        try:
            self.last = None
            self.pending.clear()  # a full build reads everything; a failed one leaves none kept
            atomic.build(self.settings_file, self.output, after=self.after)
        finally:
            signals.generator_init.disconnect(keep_parsed_files)
            signals.all_generators_finalized.disconnect(capture)
        generator = next((g for g in captured if isinstance(g, FactcheckGenerator)), None)
        if generator is not None:
            documents = [g for g in captured if pelican_seams.is_document_generator(g)]
            self.last = LastBuild(generator, documents, generator.outputs())
        return "full"

    def rebuild(self, changed: Iterable[str | os.PathLike]) -> str:
        """Bring output/ up to date after `changed` files; say "incremental" or "full".

        Files changed since the last rebuild that succeeded are kept until one
        does: an edit made while another file was broken is written once the
        content is valid again.
        """
        last = self.last
        if last is None:
            return self.build_all()
        self.pending |= {Path(path).resolve() for path in changed}
        edits = self._edits(last)
        if not edits:
            self.pending.clear()
            return "nothing to do"
        if any(kind is None for _, kind in edits):
            return self.build_all()
        plan = self._plan(last, edits)
        if plan is None:
            return self.build_all()
        self._write(last, plan)
        self.pending.clear()
        if self.refresh is not None:
            # Pages are servable now; the search index follows a moment later,
            # under the build lock so that no other build swaps the tree meanwhile.
            self._refreshing = threading.Thread(
                target=self._refresh_locked, args=(self.refresh,), daemon=True
            )
            self._refreshing.start()
        return "incremental"

    def _edits(self, last: LastBuild) -> list[Edit]:
        """The pending files that matter, each with its kind."""
        content, known = last.generator.content_dir, last.generator.site.files
        # Editors' temporary files come and go; only existing or known files matter.
        paths = sorted(p for p in self.pending if p.exists() or _relative(p, content) in known)
        return [_edit(path, content) for path in paths]

    def _plan(self, last: LastBuild, edits: list[Edit]) -> Plan | None:
        """What to write after `edits`; None when only a full build can be sure."""
        old_site = last.generator.site
        new_site = last.generator.check_content()  # raises ContentInvalid: nothing changed yet
        if new_site.files != old_site.files:
            return None  # a file added or removed changes links everywhere
        documents_edited = any(kind in ("explainers", "pages") for _, kind in edits)
        if documents_edited and not pelican_seams.checked():
            return None
        outputs = self._outputs_after(last, new_site, documents_edited)
        if outputs.keys() != last.outputs.keys():
            return None  # an output appears or goes: a slug, a language or a status changed
        changed = changed_items(edits, old_site, new_site, last.generator.documents())
        if changed is None:
            return None
        return Plan(outputs, outputs_showing(changed, last.outputs, outputs))

    def _outputs_after(
        self, last: LastBuild, site: Site, documents_edited: bool
    ) -> dict[str, Output]:
        """The dependency map of `site`, with the explainers and pages read again if edited."""
        try:
            if documents_edited:
                last.document_generators = pelican_seams.read_documents_again(
                    last.document_generators
                )
            last.generator.rebuild_context(site)
            return last.generator.outputs()
        except BaseException:
            # What the generator holds may no longer be what output/ shows: the
            # next rebuild cannot tell what to rewrite, so it rebuilds everything.
            self.last = None
            raise

    def _write(self, last: LastBuild, plan: Plan) -> None:
        """Write the planned outputs beside output/, then move them in together."""
        try:
            with atomic.build_lock(self.output):
                atomic.recover(self.output)
                staged = atomic.StagedFiles(self.output)
                writer = SelectiveWriter(str(staged.folder), last.generator.settings, plan.paths)
                try:
                    last.generator.write(writer, plan.selected())
                    for generator in last.document_generators:
                        generator.generate_output(writer)
                except BaseException:
                    staged.abandon()
                    raise
                staged.commit()
        except BaseException:
            self.last = None  # output/ is as it was, but no longer what the generator holds
            raise
        last.outputs = plan.outputs

    def _refresh_locked(self, refresh: Callable[[Path], None]) -> None:
        with atomic.build_lock(self.output):
            refresh(self.output)

    def wait(self) -> None:
        """Wait for a background search-index refresh (tests, and before exiting)."""
        if self._refreshing is not None:
            self._refreshing.join()


def _relative(path: Path, content: Path) -> str | None:
    try:
        return path.relative_to(content).as_posix()
    except ValueError:
        return None


def _edit(path: Path, content: Path) -> Edit:
    """A changed file's path under content/, and what it is.

    The kind is the content folder (claims, people, sources, explainers or
    pages); None for anything a rebuild cannot follow alone (images, files
    elsewhere).
    """
    relative = _relative(path, content)
    if relative is None:
        return path.as_posix(), None
    folder, _, rest = relative.partition("/")
    if FOLDERS.get(folder) != Path(relative).suffix:
        return relative, None
    if folder in ("explainers", "pages") or "/" not in rest:
        return relative, folder
    return relative, None  # a fact sheet in a subfolder is not read


def changed_items(
    edits: list[Edit], old_site: Site, new_site: Site, documents: dict
) -> set[Item] | None:
    """The content items the edits change; None when an edited file is none the map shows.

    `documents` are the explainers and pages the editions show, by path under
    content/; a hidden or draft one is on no output of the map.
    """
    items: set[Item] = set()
    for relative, kind in edits:
        if kind in ("claims", "people"):
            items.add((kind, parse_file_name(Path(relative).name).slug))
        elif kind == "sources":
            items |= _changed_sources(relative, old_site, new_site)
        elif relative in documents:
            items.add(document_item(documents[relative]))
        else:
            return None
    return items


def _changed_sources(relative: str, old_site: Site, new_site: Site) -> set[Item]:
    """The sources of a file that the edit changed, added or removed."""
    in_file = {
        source_id
        for site in (old_site, new_site)
        for source_id, source in site.sources.items()
        if source.location.path.endswith(relative)
    }
    return {
        ("sources", source_id)
        for source_id in in_file
        if _fields(old_site.sources.get(source_id)) != _fields(new_site.sources.get(source_id))
    }


def _fields(source) -> dict | None:
    """What a source says, without where it is written (an edit above it moves it)."""
    if source is None:
        return None
    return {k: v for k, v in vars(source).items() if k not in ("location", "key_location")}
