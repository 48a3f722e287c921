"""The dependency map declares every output a build writes, and what each shows.

A cold build writes exactly the outputs of the map (besides the theme's and
content's static files, which Pelican copies); a rebuild after an edit
rewrites the outputs that show what the edit changed and leaves the others
alone. That the rewritten outputs are enough is what tests/test_incremental.py
and tests/test_edit_sequences.py prove, by comparing with cold builds.
"""

from __future__ import annotations

import pytest
from conftest import tree

from factcheck.building import atomic
from factcheck.building.incremental import Rebuilder
from factcheck.outputs.dependencies import EVERY_ITEM, OUTPUT_KINDS

STATIC = ("theme/", "images/")  # copied by Pelican's static generator, not outputs


@pytest.fixture
def served(project, tmp_path):
    rebuilder = Rebuilder(project.settings_file, tmp_path / "served" / "output")
    rebuilder.build_all()
    return rebuilder


def test_a_cold_build_writes_exactly_the_outputs_of_the_map(served):
    outputs = set(served.last.outputs)  # theme/css/ratings.css among them
    written = {
        name for name in tree(served.output) if name in outputs or not name.startswith(STATIC)
    }
    assert written == outputs
    kinds = {output.kind for output in served.last.outputs.values()}
    assert kinds == {kind.name for kind in OUTPUT_KINDS} - {"host file"}  # none configured


def test_each_output_shows_what_its_page_lists(served):
    shows = {path: output.shows for path, output in served.last.outputs.items()}
    assert shows["claims/budget-doubled/index.html"] == {
        ("claims", "budget-doubled"),
        ("people", "jane-doe"),  # its claimant
        ("people", "city-council"),  # who it is about
        ("sources", "city-2025-01-10"),
        ("sources", "paper-2025-03-02"),
        ("explainers", "city-budget"),  # its background
    }
    assert shows["claims/budget-doubled/card/index.html"] == {
        ("claims", "budget-doubled"),
        ("people", "jane-doe"),
        ("people", "city-council"),
    }
    assert (
        shows["explainers/city-budget/index.html"]
        == shows[
            "es/explainers/city-budget/index.html"  # its untranslated copy
        ]
    )
    assert ("explainers", "city-budget") in shows["people/jane-doe/index.html"]
    assert shows["about/index.html"] == {("pages", "about")}
    for whole_site in ("index.html", "es/claims/index.html", "sitemap.xml", "data/claims.json"):
        assert shows[whole_site] == {EVERY_ITEM}
    assert shows["robots.txt"] == frozenset()


def rewritten_by(rebuilder, path, monkeypatch) -> set[str]:
    """The files a rebuild after an edit of `path` writes, as its commit finds them."""
    written: set[str] = set()
    commit = atomic.StagedFiles.commit

    def listing(staged):
        written.update(
            p.relative_to(staged.folder).as_posix() for p in staged.folder.rglob("*") if p.is_file()
        )
        commit(staged)

    monkeypatch.setattr(atomic.StagedFiles, "commit", listing)
    assert rebuilder.rebuild([path]) == "incremental"
    return written


def test_a_claim_edit_rewrites_what_shows_the_claim_and_nothing_else(project, served, monkeypatch):
    claim = project.write(
        "content/claims/budget-doubled.yaml",
        project.read("content/claims/budget-doubled.yaml").replace(
            "rating: mostly-false", "rating: false"
        ),
        dedent=False,
    )
    written = rewritten_by(served, claim, monkeypatch)
    for lang in ("", "es/"):
        assert f"{lang}claims/budget-doubled/index.html" in written
        assert f"{lang}claims/budget-doubled/card/index.html" in written
        assert f"{lang}people/jane-doe/index.html" in written  # lists it with its rating
        assert f"{lang}people/jane-doe/feed.atom.xml" in written
        assert f"{lang}index.html" in written
    untouched = {
        "explainers/city-budget/index.html",
        "es/explainers/city-budget/index.html",
        "about/index.html",
        "es/methodology/index.html",
        "robots.txt",
    }
    assert untouched.isdisjoint(written)


def test_a_page_edit_rewrites_the_page_its_copy_and_the_indexes(project, served, monkeypatch):
    page = project.write(
        "content/pages/about.md",
        project.read("content/pages/about.md").replace(
            "claims about the city", "claims in the city"
        ),
        dedent=False,
    )
    written = rewritten_by(served, page, monkeypatch)
    assert {"about/index.html", "es/about/index.html", "sitemap.xml"} <= written
    shows_no_page = {
        "claims/budget-doubled/index.html",
        "people/jane-doe/index.html",
        "explainers/city-budget/index.html",
        "methodology/index.html",
    }
    assert shows_no_page.isdisjoint(written)
