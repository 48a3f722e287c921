"""Site search with Pagefind, run on the finished tree before it is swapped in.

Pagefind holds every page it reads in memory until it writes the index, and
its peak is several times the pages' text: on a site of 10,000 claims in two
languages it reached 3.2 GB, most of it for share cards, listings and data
pages that it reads only to drop (they have no data-pagefind-body). So the
pages that opt in are found here first, indexed by Pagefind in parts small
enough to stay well under a gigabyte each, and the parts' indexes merged
into one bundle: the same pages, words, positions, weights and filters as
one run over the whole site would give, so search finds and ranks the same
(:mod:`factcheck.outputs.pagefind_bundle`; tests/test_search_merge.py decodes both
bundles of a generated site and compares them).

The merge also numbers pages in URL order and sorts filter values, which
Pagefind leaves to directory and hash-map order: the same pages give the
same bundle, byte for byte.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .pagefind_bundle import CannotMerge, merge_bundles

# HTML per Pagefind run. Pagefind's peak is about twelve times the HTML it
# indexes (it keeps each page's words with their positions, then copies them
# per language): 40 MB of pages peaked at 475 MB on the benchmark site.
PART_BYTES = 40_000_000

BODY_ATTRIBUTE = b"data-pagefind-body"


def index_search(site: Path, bundle: Path | None = None) -> None:
    """Write Pagefind's index into site/pagefind/ (or `bundle`); pages opt in with data-pagefind-body."""
    site = Path(site)
    bundle = Path(bundle) if bundle is not None else site / "pagefind"
    pages = searchable_pages(site)
    with tempfile.TemporaryDirectory(prefix="factcheck-search-") as work_dir:
        work = Path(work_dir)
        parts = []
        for number, group in enumerate(_split(pages, PART_BYTES)):
            root, output = work / f"site-{number}", work / f"index-{number}"
            for path in group:
                _link(site / path, root / path)
            _run_pagefind(root, output)
            parts.append(output)
        merged = work / "bundle"
        try:
            merge_bundles(parts, merged)
        except CannotMerge:
            # Sort orders (data-pagefind-sort) cannot be merged from what Pagefind
            # writes, nor a format this does not know: one run over every page.
            root, merged = work / "site-all", work / "bundle-all"
            for path, _ in pages:
                _link(site / path, root / path)
            _run_pagefind(root, merged)
        if bundle.exists():
            shutil.rmtree(bundle)
        bundle.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(merged, bundle)


def refresh_search_index(site: Path) -> None:
    """Re-index a live site: the new index replaces the old one in one rename."""
    fresh, retired = site / ".pagefind-fresh", site / ".pagefind-retired"
    for leftover in (fresh, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    index_search(site, fresh)
    current = site / "pagefind"
    if current.exists():
        current.rename(retired)
    fresh.rename(current)
    shutil.rmtree(retired, ignore_errors=True)


def searchable_pages(site: Path) -> list[tuple[Path, int]]:
    """The HTML files Pagefind would index, relative to `site`, in path order, with their sizes.

    When no page has data-pagefind-body, Pagefind indexes every page, and so does this.
    """
    every: list[tuple[Path, int]] = []
    opted_in: list[tuple[Path, int]] = []
    for directory, folders, files in os.walk(site):
        here = Path(directory)
        if here == site:
            # Earlier bundles are not pages; dot folders are work in progress.
            folders[:] = [f for f in folders if f != "pagefind" and not f.startswith(".")]
        for name in files:
            if not name.endswith(".html"):
                continue
            path = here / name
            content = path.read_bytes()
            entry = (path.relative_to(site), len(content))
            every.append(entry)
            if _opts_in(content):
                opted_in.append(entry)
    chosen = opted_in or every
    return sorted(chosen, key=lambda entry: entry[0].as_posix())


def _opts_in(content: bytes) -> bool:
    """Whether the attribute is in a tag, not in text that mentions it (text escapes its <)."""
    at = content.find(BODY_ATTRIBUTE)
    while at != -1:
        if content.rfind(b"<", 0, at) > content.rfind(b">", 0, at):
            return True
        at = content.find(BODY_ATTRIBUTE, at + 1)
    return False


def _split(pages: list[tuple[Path, int]], budget: int) -> Iterator[list[Path]]:
    group: list[Path] = []
    size = 0
    for path, length in pages:
        if group and size + length > budget:
            yield group
            group, size = [], 0
        group.append(path)
        size += length
    if group:
        yield group


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, target)


def _run_pagefind(site: Path, output: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"]
    command += ["--output-path", str(output)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 and "No module named pagefind" in result.stderr:
        raise RuntimeError("Pagefind, which indexes the site for search, is missing: run uv sync")
    if result.returncode != 0:
        raise RuntimeError(f"Pagefind failed:\n{result.stdout}{result.stderr}")
