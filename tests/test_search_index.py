"""The search index: built in parts to bound Pagefind's memory, merged into one bundle.

Merging must not change what search finds: the bundle holds the same pages
as one Pagefind run over the whole site, whether the pages were indexed in
one part or many, and the same site always gives the same bytes.
Word by word, the merge is compared with Pagefind's own run in
test_search_merge.py, and its CBOR in test_search_codec.py.
"""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_fixture_site

from factcheck.building.atomic import build
from factcheck.outputs import search


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("search-index")
    project = copy_fixture_site(root / "site")
    out = root / "output"
    build(project.settings_file, out)
    return out


def files(bundle: Path) -> dict[str, bytes]:
    return {
        path.relative_to(bundle).as_posix(): path.read_bytes()
        for path in sorted(bundle.rglob("*"))
        if path.is_file()
    }


def test_the_same_site_gives_the_same_bundle(site, tmp_path):
    search.index_search(site, tmp_path / "first")
    search.index_search(site, tmp_path / "second")
    comparison = filecmp.dircmp(tmp_path / "first", tmp_path / "second")
    assert files(tmp_path / "first") == files(tmp_path / "second"), comparison.report()


def test_indexing_in_parts_gives_the_bundle_of_one_part(site, tmp_path, monkeypatch):
    search.index_search(site, tmp_path / "whole")
    # A budget of one byte puts every page in a part of its own.
    monkeypatch.setattr(search, "PART_BYTES", 1)
    search.index_search(site, tmp_path / "parts")
    assert files(tmp_path / "parts") == files(tmp_path / "whole")


def test_the_bundle_holds_the_pages_pagefind_itself_indexes(site, tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"]
        + ["--output-path", str(tmp_path / "pagefind")],
        check=True,
        capture_output=True,
    )
    search.index_search(site, tmp_path / "ours")
    # Fragments are named by their page's content: the same names, the same pages.
    theirs = sorted(p.name for p in (tmp_path / "pagefind" / "fragment").iterdir())
    ours = sorted(p.name for p in (tmp_path / "ours" / "fragment").iterdir())
    assert ours == theirs
    assert len(ours) > 1


def test_only_pages_that_opt_in_are_given_to_pagefind(site):
    chosen = {path.as_posix() for path, _ in search.searchable_pages(site)}
    assert chosen, "no page has data-pagefind-body"
    assert not any("/card/" in path for path in chosen)
    every = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    for path in every - chosen:
        assert b"data-pagefind-body" not in (site / path).read_bytes()


def test_text_that_mentions_the_attribute_does_not_opt_a_page_in():
    assert search._opts_in(b'<main id="main" data-pagefind-body><p>x</p></main>')
    assert not search._opts_in(b"<p>Use &lt;main data-pagefind-body&gt; to opt in.</p>")


def test_refreshing_replaces_the_live_index(site):
    search.index_search(site)
    before = files(site / "pagefind")
    search.refresh_search_index(site)
    assert files(site / "pagefind") == before
    assert not (site / ".pagefind-fresh").exists()
    assert not (site / ".pagefind-retired").exists()


def test_sort_orders_are_indexed_by_one_pagefind_run(tmp_path):
    # The merge cannot join sort orders, so the whole site goes through one run.
    site = tmp_path / "site"
    for number, year in ((1, 2023), (2, 2025)):
        page = site / f"claims/c{number}/index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f'<html lang="en"><body><main data-pagefind-body><h1>Claim {number}</h1>'
            f'<p data-pagefind-sort="year">{year}</p><p>budget words</p></main></body></html>',
            "utf-8",
        )
    search.index_search(site, tmp_path / "ours")
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--quiet"]
        + ["--output-path", str(tmp_path / "pagefind")],
        check=True,
        capture_output=True,
    )
    assert files(tmp_path / "ours") == files(tmp_path / "pagefind")
