"""FACTCHECK_REQUIRE_ARCHIVE: every source a published page cites has an archived copy.

Off by default, when a source without ``archive_url`` is only a warning. On
(a desk's ``publishconf.py``), the page's readers are promised they can still
check the source after its page dies, so a missing copy is an error.
"""

from __future__ import annotations

from collections.abc import Iterable

from .loading import Site
from .problems import Problem
from .schema import Reference


def require_archived_copies(
    site: Site, references: Iterable[Reference], problems: list[Problem]
) -> None:
    """With the setting on, the missing copy of a cited source becomes an error."""
    if not site.settings.require_archive:
        return
    cited = _cited_by_published_pages(site, references)
    for source_id, source in site.sources.items():
        if source_id not in cited or source.archive_url is not None or source.offline:
            continue
        where = source.location
        field = f"{source_id}.archive_url"
        # The error replaces the warning about the same copy.
        problems[:] = [p for p in problems if not _warns_of(p, where, field)]
        problems.append(
            Problem(
                where.path,
                where.line,
                where.col,
                field,
                "no archived copy, which FACTCHECK_REQUIRE_ARCHIVE requires of every source "
                f"a published page cites: run `uv run invoke archive --only {source_id}` "
                "or add archive_url",
            )
        )


def _cited_by_published_pages(site: Site, references: Iterable[Reference]) -> set[str]:
    unpublished = {
        item.location.path
        for item in [*site.explainers.values(), *site.pages.values(), *site.translations]
        if item.status != "published"
    }
    return {ref.key for ref in references if ref.kind == "source" and ref.path not in unpublished}


def _warns_of(problem: Problem, where, field: str) -> bool:
    """Whether `problem` is the warning that the source at `where` has no archived copy."""
    same_place = (problem.path, problem.line, problem.field) == (where.path, where.line, field)
    return problem.code == "no-archive" and same_place
