"""The whole-site check: load every file, then resolve every reference.

``check_content`` is the single entry point used by ``invoke check`` and by
every Pelican build, so both report exactly the same problems. The resolver of
``{filename}`` and ``{static}`` links lives here too, and the Markdown renderer
uses it, so that the check and the rendered page agree on where a link leads.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..settings import FactcheckSettings
from .archive_policy import require_archived_copies
from .chronology import check_chronology
from .content_files import is_explainer
from .loading import UNLOADED_KINDS, Site, load_site
from .problems import Problem, Severity, report_order
from .rating_words import meant_rating
from .schema import Reference, did_you_mean
from .share_images import check_share_images
from .translations import check_document_translation, check_translation

# Where a {filename} link may point, by folder, and what the site calls it.
LINKABLE_FOLDERS = ("people/", "claims/", "explainers/", "pages/")


def check_content(
    settings: FactcheckSettings, cache: dict | None = None
) -> tuple[Site, list[Problem]]:
    """Load and validate all content; return the site and every problem, sorted.

    `cache` (kept by a long-running process) skips re-reading unchanged files;
    the cross-file checks always run on everything.
    """
    problems: list[Problem] = []
    references: list[Reference] = []
    site = load_site(settings, problems, references, cache)
    waiting: Counter[tuple[str, str]] = Counter()
    resolve_references(site, references, problems, waiting)
    check_unique_slugs(site, problems)
    check_sources_are_cited(site, references, problems)
    require_archived_copies(site, references, problems)
    check_translations(site, problems, waiting)
    check_chronology(site, references, problems)
    problems += check_share_images(site)
    return site, report_order(root_causes_first(site, problems, waiting))


def root_causes_first(
    site: Site, problems: list[Problem], waiting: Counter[tuple[str, str]]
) -> list[Problem]:
    """Rank the problems of files that did not load first, each followed by one line
    for the references that wait on it, instead of one "unknown" error per reference."""
    broken = set(site.unloaded.values())
    ranked = [replace(p, rank=0) if p.path in broken else p for p in problems]
    for (kind, key), count in sorted(waiting.items()):
        path = site.unloaded[(kind, key)]
        first = min((p for p in ranked if p.path == path), default=None)
        line, col = (first.line, first.col) if first else (1, 1)
        references = "1 reference" if count == 1 else f"{count} references"
        ranked.append(
            Problem(
                path,
                line,
                col,
                "",
                f"{references} to {key!r} cannot be checked until {path} loads: "
                "fix the error above first",
                rank=1,
            )
        )
    return ranked


def resolve_references(
    site: Site,
    references: Iterable[Reference],
    problems: list[Problem],
    waiting: Counter[tuple[str, str]] | None = None,
) -> None:
    """Report every reference to something that does not exist.

    A reference to what a file that failed to load defines is counted in
    `waiting` instead: that file's own error is the one to fix.
    """
    waiting = Counter() if waiting is None else waiting
    targets = {
        "person": site.people,
        "source": site.sources,
        "rating": site.ratings,
        "image": site.images,
    }
    for ref in references:
        if ref.kind == "file":
            message = _check_file_link(site, ref)
        else:
            known = targets[ref.kind]
            if ref.key in known:
                continue
            if (ref.kind, ref.key) in site.unloaded:
                waiting[(ref.kind, ref.key)] += 1
                continue
            message = _unknown(ref, known)
        if message:
            problems.append(Problem(ref.path, ref.line, ref.col, ref.field, message))


def _unknown(ref: Reference, known) -> str:
    hint = did_you_mean(ref.key, known)
    if ref.kind == "person":
        what = "person or organization"
    elif ref.kind == "image":
        return f"image {ref.key!r} not found in content/images/{hint}"
    elif ref.kind == "rating":
        what = "rating"
        meant = meant_rating(ref.key, known)
        if meant:
            hint = f" (did you mean '{meant}'?)"
        elif not hint:
            hint = f" (expected one of: {', '.join(known)})"
    else:
        what = ref.kind
    where = f" in {ref.context}" if ref.context else ""
    return f"unknown {what} {ref.key!r}{where}{hint}"


# How Markdown names another file of the site (Pelican's syntax).
SITE_LINK_PREFIXES = ("{filename}", "{static}")


@dataclass(frozen=True)
class SiteLink:
    """The file a ``{filename}`` or ``{static}`` link names, by its path under content/."""

    static: bool  # {static}: copied as it is; {filename}: a content file, published as a page
    path: str  # normalized; it starts with "../" when the link leaves the content folder
    fragment: str

    @property
    def leaves_content_folder(self) -> bool:
        return self.path == ".." or self.path.startswith("../") or posixpath.isabs(self.path)


def resolve_site_link(target: str, folder: str) -> SiteLink:
    """The file a site link names, written in a file in `folder` (a path under content/)."""
    prefix, _, path = target.partition("}")
    path, _, fragment = path.partition("#")
    if path.startswith("/"):
        resolved = posixpath.normpath(path.lstrip("/"))
    else:
        resolved = posixpath.normpath(posixpath.join(folder, path))
    return SiteLink(prefix == "{static", resolved, fragment)


def _check_file_link(site: Site, ref: Reference) -> str | None:
    """{filename}/people/x.yaml must name a content file; {static} a file in the folder."""
    content = site.settings.relative(site.settings.content_dir) + "/"
    link = resolve_site_link(ref.key, posixpath.dirname(ref.path.removeprefix(content)))
    if link.leaves_content_folder:
        return f"link {ref.key!r} points outside the content folder"
    if link.static:
        image = link.path.removeprefix("images/")
        if link.path.startswith("images/") and image in site.images:
            return None
        return f"link to a file that does not exist: {ref.key}"
    if link.path in site.files and link.path.startswith(LINKABLE_FOLDERS):
        return None
    candidates = sorted("{filename}/" + f for f in site.files)
    return f"link to a file that does not exist: {ref.key}{did_you_mean(ref.key, candidates)}"


def check_translations(
    site: Site, problems: list[Problem], waiting: Counter[tuple[str, str]] | None = None
) -> None:
    """Every translation has an original; lists match; none is older than its original.

    A translation whose original failed to load is counted in `waiting`.
    """
    waiting = Counter() if waiting is None else waiting
    _check_sheet_translations(site, problems, waiting)
    _check_document_translations(site, problems, waiting)


def _check_sheet_translations(
    site: Site, problems: list[Problem], waiting: Counter[tuple[str, str]]
) -> None:
    for translation in site.sheet_translations:
        kind, slug = translation.kind, translation.slug
        if _waits_for_original(site, kind, slug, waiting):
            continue
        originals = getattr(site, kind)
        if slug in originals:
            check_translation(translation, originals[slug], problems)
            continue
        what = "person or organization" if kind == "people" else "claim"
        problems.append(_no_original(translation.path, f"the {what} {slug!r}", slug, originals))


def _check_document_translations(
    site: Site, problems: list[Problem], waiting: Counter[tuple[str, str]]
) -> None:
    for document in site.translations:
        kind = "explainers" if is_explainer(document.source_path) else "pages"
        slug = document.slug
        assert slug is not None, "loading gives every document its file name's slug"
        if _waits_for_original(site, kind, slug, waiting):
            continue
        originals = getattr(site, kind)
        if slug in originals:
            check_document_translation(document, originals[slug], problems)
            continue
        problems.append(_no_original(document.location.path, repr(slug), slug, originals))


def _waits_for_original(site: Site, kind: str, slug: str, waiting: Counter) -> bool:
    """Whether a translation's original is in a file that failed to load; counts it if so."""
    unloaded = (UNLOADED_KINDS[kind], slug)
    if slug in getattr(site, kind) or unloaded not in site.unloaded:
        return False
    waiting[unloaded] += 1
    return True


def _no_original(path: str, what: str, slug: str, originals) -> Problem:
    hint = did_you_mean(slug, originals)
    return Problem(path, 1, 1, "", f"translation of {what}, which does not exist{hint}")


def check_sources_are_cited(
    site: Site, references: Iterable[Reference], problems: list[Problem]
) -> None:
    """A source nothing refers to is probably a typo elsewhere or left over."""
    used = {ref.key for ref in references if ref.kind == "source"}
    for source_id, source in site.sources.items():
        if source_id not in used:
            problems.append(
                Problem(
                    source.location.path,
                    source.location.line,
                    source.location.col,
                    source_id,
                    "no page cites this source: cite it or remove it",
                    Severity.WARNING,
                    "unused-source",
                )
            )


def check_unique_slugs(site: Site, problems: list[Problem]) -> None:
    """People, claims and explainers share one namespace of slugs."""
    seen: dict[str, str] = {}
    for kind in ("people", "claims", "explainers"):
        for slug, item in sorted(getattr(site, kind).items()):
            first = seen.get(slug)
            if first is not None:
                problems.append(
                    Problem(
                        item.location.path,
                        1,
                        1,
                        "",
                        f"duplicate slug {slug!r}: also used by {first}; slugs (file names, "
                        "which become page addresses) are unique across people, claims and "
                        "explainers",
                    )
                )
            else:
                seen[slug] = item.location.path
