"""Rebuilds after one edit give exactly the tree a cold build gives.

`invoke serve` keeps a Rebuilder: an edit to a claim, person, source,
explainer or page rewrites only the outputs showing what it changed, staged
beside output/ and moved in together; any other edit falls back to a full
build. Either way the result must equal a cold build, byte for byte.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import REPO, tree

from factcheck.building.atomic import build
from factcheck.building.incremental import Rebuilder

CLAIM = "content/claims/budget-doubled.yaml"


def edit(project, relative, old, new):
    text = project.read(relative)
    assert old in text
    project.write(relative, text.replace(old, new), dedent=False)
    return project.root / relative


def edit_template(project):
    theme = project.root / "theme"
    shutil.copytree(REPO / "theme", theme)
    with project.settings_file.open("a", encoding="utf-8") as handle:
        handle.write(f"THEME = {str(theme)!r}\n")
    template = theme / "templates" / "claim.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            '<h2 id="verdict-heading">', '<h2 class="v" id="verdict-heading">'
        ),
        encoding="utf-8",
    )
    return template


EDITS = {
    "claim": (
        "incremental",
        lambda p: edit(p, CLAIM, "rating: mostly-false", "rating: false"),
    ),
    "claim-claimant": (
        "incremental",
        lambda p: edit(p, CLAIM, "claimant: jane-doe", "claimant: city-council"),
    ),
    "source": (
        "incremental",
        lambda p: edit(
            p,
            "content/sources/main.yaml",
            "title: Mayor says budget doubled",
            "title: Mayor says the budget doubled",
        ),
    ),
    "source-cited-by-an-explainer": (
        "incremental",
        lambda p: edit(
            p, "content/sources/main.yaml", "title: Budget report 2025", "title: Budget 2025"
        ),
    ),
    "person": (
        "incremental",
        lambda p: edit(p, "content/people/jane-doe.yaml", "name: Jane Doe", "name: Jane Q. Doe"),
    ),
    "person-not-named-by-any-claim": (
        "incremental",
        lambda p: edit(
            p,
            "content/people/city-council.yaml",
            "summary: The city's elected council.",
            "summary: The city's elected council of seven.",
        ),
    ),
    "explainer": (
        "incremental",
        lambda p: edit(p, "content/explainers/city-budget.md", "council votes", "council decides"),
    ),
    "explainer-title-shown-on-people-and-claims": (
        "incremental",
        lambda p: edit(
            p,
            "content/explainers/city-budget.md",
            "Title: How the city budget works",
            "Title: How the budget works",
        ),
    ),
    "explainer-people": (
        "incremental",
        lambda p: edit(
            p,
            "content/explainers/city-budget.md",
            "People: jane-doe, city-council",
            "People: city-council",
        ),
    ),
    "explainer-made-a-draft": (
        "full",
        lambda p: edit(
            p,
            "content/explainers/city-budget.md",
            "Date: 2025-05-30",
            "Date: 2025-05-30\nStatus: draft",
        ),
    ),
    "page": (
        "incremental",
        lambda p: edit(p, "content/pages/about.md", "claims about the city", "claims in the city"),
    ),
    "settings": (
        "full",
        lambda p: (p.settings_file.open("a").write('SITENAME = "Renamed"\n'), p.settings_file)[1],
    ),
    "template": ("full", edit_template),
}


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_a_rebuild_after_an_edit_equals_a_cold_build(project, tmp_path, kind):
    expected_how, make_edit = EDITS[kind]
    out = tmp_path / "served" / "output"
    rebuilder = Rebuilder(project.settings_file, out)
    rebuilder.build_all()
    before = tree(out)
    changed = make_edit(project)
    how = rebuilder.rebuild([changed])
    cold = tmp_path / "cold" / "output"
    build(project.settings_file, cold)
    assert tree(out) == tree(cold)
    assert how == expected_how
    assert tree(out) != before  # the edit shows


def test_only_the_changed_pages_are_rewritten(project, tmp_path):
    out = tmp_path / "served" / "output"
    rebuilder = Rebuilder(project.settings_file, out)
    rebuilder.build_all()
    untouched = out / "explainers" / "city-budget" / "index.html"
    inode = untouched.stat().st_ino
    edit(project, CLAIM, "rating: mostly-false", "rating: false")
    assert rebuilder.rebuild([project.root / CLAIM]) == "incremental"
    assert untouched.stat().st_ino == inode  # carried over as a link, not rewritten
    claim = out / "claims" / "budget-doubled" / "index.html"
    assert "rating-false" in claim.read_text(encoding="utf-8")


def test_a_content_error_during_a_rebuild_writes_nothing(project, tmp_path):
    from factcheck.content.problems import ContentInvalid

    out = tmp_path / "served" / "output"
    rebuilder = Rebuilder(project.settings_file, out)
    rebuilder.build_all()
    before = tree(out)
    edit(project, CLAIM, "rating: mostly-false", "rating: mostly-flase")
    with pytest.raises(ContentInvalid):
        rebuilder.rebuild([project.root / CLAIM])
    assert tree(out) == before


def test_the_search_index_follows_an_incremental_rebuild(project, tmp_path):
    from factcheck.outputs.search import index_search, refresh_search_index

    out = tmp_path / "served" / "output"
    rebuilder = Rebuilder(
        project.settings_file, out, after=index_search, refresh=refresh_search_index
    )
    rebuilder.build_all()
    entry = (out / "pagefind" / "pagefind-entry.json").read_bytes()
    edit(
        project,
        CLAIM,
        "claim: The city budget doubled in one year.",
        "claim: The city budget tripled in one year.",
    )
    assert rebuilder.rebuild([project.root / CLAIM]) == "incremental"
    rebuilder.wait()
    assert (out / "pagefind" / "pagefind-entry.json").read_bytes() != entry
    assert not (out / ".pagefind-fresh").exists() and not (out / ".pagefind-retired").exists()


def test_an_editors_vanished_temporary_file_needs_no_rebuild(project, tmp_path):
    out = tmp_path / "served" / "output"
    rebuilder = Rebuilder(project.settings_file, out)
    rebuilder.build_all()
    assert (
        rebuilder.rebuild([project.root / "content/claims/.budget-doubled.yaml.swp"])
        == "nothing to do"
    )


TRANSLATIONS = {
    "content/explainers/city-budget.es.md": (
        "Title: Cómo funciona el presupuesto municipal\n"
        "Date: 2025-06-03\n"
        "Lang: es\n"
        "Slug: city-budget\n"
        "Summary: Quién lo propone y quién lo vota.\n"
        "People: jane-doe, city-council\n"
        "Updates: 2025-06-03 clarification: Se nombró la votación del concejo.\n"
        "\n"
        "La alcaldesa lo propone y el concejo lo vota [@city-2025-01-10].\n"
    ),
    "content/people/jane-doe.es.yaml": (
        "translated: 2025-06-05\n"
        "summary: Una alcaldesa que habla de presupuestos.\n"
        "facts:\n"
        "  - label: Cargo\n"
        "    value: Alcaldesa de Exampleton\n"
        "timeline:\n"
        "  - text: Asumió el cargo.\n"
        "updates:\n"
        "  - text: Se agregó su segundo mandato.\n"
    ),
}

TRANSLATION_EDITS = {
    "explainer-translation": (
        "content/explainers/city-budget.es.md",
        "el concejo lo vota",
        "el concejo decide",
    ),
    "explainer-translation-title": (
        "content/explainers/city-budget.es.md",
        "Cómo funciona el presupuesto municipal",
        "Cómo funciona el presupuesto",
    ),
    "person-translation": (
        "content/people/jane-doe.es.yaml",
        "Una alcaldesa que habla",
        "Una alcaldesa que suele hablar",
    ),
}


@pytest.mark.parametrize("kind", sorted(TRANSLATION_EDITS))
def test_a_rebuild_after_a_translation_edit_equals_a_cold_build(project, tmp_path, kind):
    for relative, text in TRANSLATIONS.items():
        project.write(relative, text, dedent=False)
    assert project.report(errors_only=True) == []
    out = tmp_path / "served" / "output"
    rebuilder = Rebuilder(project.settings_file, out)
    rebuilder.build_all()
    before = tree(out)
    changed = edit(project, *TRANSLATION_EDITS[kind])
    assert rebuilder.rebuild([changed]) == "incremental"
    cold = tmp_path / "cold" / "output"
    build(project.settings_file, cold)
    assert tree(out) == tree(cold)
    assert tree(out) != before


def test_a_rebuild_that_fails_while_writing_leaves_output_as_it_was(project, tmp_path, monkeypatch):
    from factcheck.outputs.site_build import OutputWriter

    out = tmp_path / "served" / "output"
    rebuilder = Rebuilder(project.settings_file, out)
    rebuilder.build_all()
    before = tree(out)
    original = OutputWriter.text

    def fail_at_the_sitemap(self, name, text):
        if name == "sitemap.xml":
            raise OSError("disk full")
        original(self, name, text)

    monkeypatch.setattr(OutputWriter, "text", fail_at_the_sitemap)
    edit(project, CLAIM, "rating: mostly-false", "rating: false")
    with pytest.raises(SystemExit):  # reported as a one-line generation error
        rebuilder.rebuild([project.root / CLAIM])
    assert tree(out) == before  # no page changed
    assert not (out.parent / ".output.journal").exists()
    assert not list(out.parent.glob(".output.staged-*"))  # no staged file left
    monkeypatch.undo()
    # The failed edit is not lost: the next rebuild, after an edit elsewhere,
    # brings every page up to date.
    source = edit(
        project, "content/sources/main.yaml", "title: Budget report 2025", "title: Budget"
    )
    assert rebuilder.rebuild([source]) == "full"
    cold = tmp_path / "cold" / "output"
    build(project.settings_file, cold)
    assert tree(out) == tree(cold)


def test_an_interrupted_commit_is_finished_by_the_next_build(project, tmp_path, monkeypatch):
    from factcheck.building import atomic

    out = tmp_path / "served" / "output"
    rebuilder = Rebuilder(project.settings_file, out)
    rebuilder.build_all()
    monkeypatch.setattr(atomic, "_finish_journal", lambda output: None)  # killed at the commit
    edit(project, CLAIM, "rating: mostly-false", "rating: false")
    rebuilder.rebuild([project.root / CLAIM])
    assert (out.parent / ".output.journal").exists()
    monkeypatch.undo()
    with atomic.build_lock(out):
        atomic.recover(out)
    cold = tmp_path / "cold" / "output"
    build(project.settings_file, cold)
    assert tree(out) == tree(cold)
    assert not (out.parent / ".output.journal").exists()


def test_a_rebuild_shows_only_the_warnings_it_has_not_shown(project, tmp_path, capsys):
    edit(
        project,
        "content/sources/main.yaml",
        "  archive_url: https://web.archive.org/web/2025/https://example.org/budget-2025\n",
        "",
    )
    out = tmp_path / "served" / "output"
    rebuilder = Rebuilder(project.settings_file, out)
    rebuilder.build_all()
    assert "city-2025-01-10.archive_url: warning" in capsys.readouterr().err
    edit(project, CLAIM, "rating: mostly-false", "rating: false")
    assert rebuilder.rebuild([project.root / CLAIM]) == "incremental"
    assert capsys.readouterr().err.splitlines() == ["0 errors, 1 warning (1 shown before)"]


KILLED_BEFORE_COMMIT = """
import os, sys
from factcheck.building import atomic
from factcheck.building.incremental import Rebuilder

rebuilder = Rebuilder(sys.argv[1], sys.argv[2])
rebuilder.build_all()
path = sys.argv[3]
with open(path, encoding="utf-8") as handle:
    text = handle.read()
with open(path, "w", encoding="utf-8") as handle:
    handle.write(text.replace("rating: mostly-false", "rating: false"))
atomic.StagedFiles.commit = lambda self: os._exit(1)  # killed: no buffer is flushed
rebuilder.rebuild([path])
"""


def test_a_rebuild_killed_before_its_commit_leaves_no_file_behind(project, tmp_path):
    from factcheck.building import atomic

    out = tmp_path / "served" / "output"
    script = [sys.executable, "-c", KILLED_BEFORE_COMMIT]
    args = [str(project.settings_file), str(out), str(project.root / CLAIM)]
    subprocess.run(script + args, cwd=project.root, capture_output=True, check=False)
    staged = [p for folder in out.parent.glob(".output.staged-*") for p in folder.rglob("*")]
    assert any(p.is_file() for p in staged)  # killed with files staged
    claim = out / "claims" / "budget-doubled" / "index.html"
    assert "rating-mostly-false" in claim.read_text(encoding="utf-8")  # none published
    with atomic.build_lock(out):
        atomic.recover(out)
    assert not list(out.parent.glob(".output.staged-*"))
    assert not (out.parent / ".output.journal").exists()
    assert "rating-mostly-false" in claim.read_text(encoding="utf-8")


def test_an_edit_made_while_another_file_is_broken_is_not_lost(project, tmp_path):
    """Break a source, change a rating (the rebuild fails), fix the source: the rating shows."""
    from factcheck.content.problems import ContentInvalid

    out = tmp_path / "served" / "output"
    rebuilder = Rebuilder(project.settings_file, out)
    rebuilder.build_all()
    sources = edit(project, "content/sources/main.yaml", "title: Budget report 2025", "title: [")
    with pytest.raises(ContentInvalid):
        rebuilder.rebuild([sources])
    claim = edit(project, CLAIM, "rating: mostly-false", "rating: false")
    with pytest.raises(ContentInvalid):
        rebuilder.rebuild([claim])
    edit(project, "content/sources/main.yaml", "title: [", "title: Budget report 2025")
    assert rebuilder.rebuild([sources]) == "incremental"
    cold = tmp_path / "cold" / "output"
    build(project.settings_file, cold)
    assert tree(out) == tree(cold)


def test_an_edit_to_an_explainer_no_output_shows_is_a_full_build(project, tmp_path):
    """A hidden explainer is Pelican's to write, and on no page of the map."""
    hidden = "content/explainers/council-minutes.md"
    project.write(
        hidden,
        "Title: The council's minutes\nDate: 2025-05-30\nSummary: What it decided.\n"
        "Status: hidden\n\nThe minutes.\n",
        dedent=False,
    )
    out = tmp_path / "served" / "output"
    rebuilder = Rebuilder(project.settings_file, out)
    rebuilder.build_all()
    assert "explainers/council-minutes/index.html" in tree(out)
    changed = edit(project, hidden, "The minutes.", "The minutes, read.")
    assert rebuilder.rebuild([changed]) == "full"
    cold = tmp_path / "cold" / "output"
    build(project.settings_file, cold)
    assert tree(out) == tree(cold)
