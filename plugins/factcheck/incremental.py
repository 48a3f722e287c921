"""Fast rebuilds for `invoke serve`: after an edit, rewrite only the pages it changes.

The rebuilder keeps the last build in memory: parsed files (re-read only when
their modification time or size changes), rendered Markdown (by text) and the
Pelican generator with its explainers and pages. After an edit to claims or
sources it validates everything again (unchanged files come from the cache),
rebuilds the views, and writes into a copy of ``output/`` made of hard links:
the pages of the edited claims, of the people and claims that show them, every
index, feed and data file. Each written file replaces its link, so the
previous tree is never touched, and the copy is swapped in as in a full build.

Any other edit (a person, an explainer or page, settings, templates, a file
added or removed) falls back to a full build, which is always correct; so is
the incremental result, which tests compare byte for byte with a cold build.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from pelican import signals
from pelican.writers import Writer

from . import build as atomic
from .generator import FactcheckGenerator


class LinkBreakingWriter(Writer):
    """Pelican's writer, but a file is replaced rather than written through its hard link."""

    def _open_w(self, filename, encoding, override=False):
        if os.path.lexists(filename):
            os.unlink(filename)
        return super()._open_w(filename, encoding, override)


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
        self.generator: FactcheckGenerator | None = None

    def build_all(self) -> str:
        """A full build that keeps what the next rebuild can reuse."""
        captured: list[FactcheckGenerator] = []

        def capture(generators) -> None:
            captured.extend(g for g in generators if isinstance(g, FactcheckGenerator))

        signals.all_generators_finalized.connect(capture)
        try:
            self.generator = None
            atomic.build(
                self.settings_file,
                self.output,
                overrides={"FACTCHECK_LOAD_CACHE": self.cache},
                after=self.after,
            )
        finally:
            signals.all_generators_finalized.disconnect(capture)
        self.generator = captured[0] if captured else None
        return "full"

    def rebuild(self, changed: Iterable[str | os.PathLike]) -> str:
        """Bring output/ up to date after `changed` files; say "incremental" or "full"."""
        generator = self.generator
        changed = [Path(path).resolve() for path in changed]
        content = generator.factcheck.content_dir if generator else None
        if content is not None:
            # Editors' temporary files come and go; only existing or known files matter.
            changed = [p for p in changed if p.exists() or _known(p, content, generator.site.files)]
            if not changed:
                return "nothing to do"
        kinds = {_kind(path, content) for path in changed} if content else {None}
        if generator is None or not kinds <= {"claims", "sources"}:
            return self.build_all()

        old_site, old_views = generator.site, generator.views_by_lang
        new_site = generator.validate()  # raises ContentInvalid before anything is written
        if new_site.files != old_site.files:
            return self.build_all()  # a file added or removed changes links everywhere
        affected = _affected_items(changed, content, old_site, new_site, old_views)
        if affected is None:
            return self.build_all()

        generator.site = new_site
        generator.generate_context()
        affected |= (
            _affected_items(changed, content, old_site, new_site, generator.views_by_lang) or set()
        )

        with atomic.build_lock(self.output):
            atomic.recover(self.output)
            staging = self.output.parent / f".{self.output.name}.tmp-{os.getpid()}"
            if staging.exists():
                shutil.rmtree(staging)
            try:
                shutil.copytree(self.output, staging, copy_function=os.link, symlinks=True)
                generator.output_path = str(staging)
                generator.generate_output(
                    LinkBreakingWriter(str(staging), settings=generator.settings), only=affected
                )
                retired = atomic.swap_in(staging, self.output, remove_previous=False)
            finally:
                generator.output_path = str(self.output)
                if staging.exists():
                    shutil.rmtree(staging)
        if retired is not None:
            # The new tree is already being served; removing the old one can wait.
            threading.Thread(target=shutil.rmtree, args=(retired, True), daemon=True).start()
        if self.refresh is not None:
            # Pages are servable now; the search index follows a moment later,
            # under the build lock so that no other build swaps the tree meanwhile.
            self._refreshing = threading.Thread(target=self._refresh_locked, daemon=True)
            self._refreshing.start()
        return "incremental"

    def _refresh_locked(self) -> None:
        with atomic.build_lock(self.output):
            self.refresh(self.output)

    def wait(self) -> None:
        """Wait for a background search-index refresh (tests, and before exiting)."""
        if self._refreshing is not None:
            self._refreshing.join()


def _known(path: Path, content: Path, files) -> bool:
    try:
        return path.relative_to(content).as_posix() in files
    except ValueError:
        return False


def _kind(path: Path, content: Path) -> str | None:
    """'claims' or 'sources' for a YAML file there (a translation included), else None."""
    try:
        relative = path.relative_to(content)
    except ValueError:
        return None
    if len(relative.parts) == 2 and relative.suffix == ".yaml":
        return relative.parts[0] if relative.parts[0] in ("claims", "sources") else None
    return None


def _fields(source) -> dict | None:
    """What a source says, without where it is written (an edit above it moves it)."""
    if source is None:
        return None
    return {k: v for k, v in vars(source).items() if k not in ("location", "key_location")}


def _affected_items(changed, content, old_site, new_site, views_by_lang) -> set | None:
    """People and claims whose pages show something from the changed files.

    None when an explainer or page shows it: those pages are Pelican's, and
    a full build rewrites them.
    """
    affected: set[tuple[str, str]] = set()
    source_ids: set[str] = set()
    for path in changed:
        relative = path.relative_to(content)
        slug = relative.stem.partition(".")[0]
        if relative.parts[0] == "claims":
            affected.add(("claims", slug))
        else:
            in_file = {
                source_id
                for site in (old_site, new_site)
                for source_id, source in site.sources.items()
                if source.location.path.endswith(relative.as_posix())
            }
            source_ids |= {
                source_id
                for source_id in in_file
                if _fields(old_site.sources.get(source_id))
                != _fields(new_site.sources.get(source_id))
            }
    for views in views_by_lang.values():
        for _, slug in [item for item in affected if item[0] == "claims"]:
            claim = views.claims_by_slug.get(slug)
            if claim is None:
                continue
            if claim.claimant is not None:
                affected.add(("people", claim.claimant.slug))
            affected |= {("people", person.slug) for person in claim.about}
        for source_id in source_ids:
            view = views.sources_by_id.get(source_id)
            for link in view.cited_on if view else ():
                if link.kind not in ("person", "claim"):
                    return None
                slug = link.url.rstrip("/").rsplit("/", 1)[-1]
                affected.add(("people" if link.kind == "person" else "claims", slug))
                if link.kind == "claim":
                    claim = views.claims_by_slug[slug]
                    if claim.claimant is not None:
                        affected.add(("people", claim.claimant.slug))
    return affected
