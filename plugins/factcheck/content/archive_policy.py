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
    unpublished = {
        item.location.path
        for item in [*site.explainers.values(), *site.pages.values(), *site.translations]
        if item.status != "published"
    }
    cited = {ref.key for ref in references if ref.kind == "source" and ref.path not in unpublished}
    missing = {
        source_id: source
        for source_id, source in site.sources.items()
        if source_id in cited and source.archive_url is None and not source.offline
    }
    for source_id, source in missing.items():
        where = source.location
        field = f"{source_id}.archive_url"
        # The error replaces the warning about the same copy.
        problems[:] = [
            p
            for p in problems
            if not (
                p.code == "no-archive"
                and (p.path, p.line, p.field) == (where.path, where.line, field)
            )
        ]
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
