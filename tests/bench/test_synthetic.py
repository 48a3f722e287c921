"""The benchmark's synthetic site is valid content, and the same every time it is generated."""

from __future__ import annotations

from pathlib import Path

from synthetic import Scale, generate_sites

from factcheck.content.validate import check_content
from factcheck.editors.cli import read_pelican_settings
from factcheck.settings import FactcheckSettings

TINY = Scale(people=3, claims=5, sources=5, explainers=2)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_synthetic_site_passes_the_check_without_a_single_problem(tmp_path):
    site = tmp_path / "site"
    generate_sites(TINY, site)
    settings = FactcheckSettings.from_pelican(read_pelican_settings(site / "pelicanconf.py"))
    loaded, problems = check_content(settings)
    assert [p.format() for p in problems] == []
    assert (len(loaded.people), len(loaded.claims), len(loaded.sources)) == (3, 5, 5)
    assert len(loaded.explainers) == 2
    assert sorted(path.stem for path in (site / "content" / "pages").iterdir()) == [
        "about",
        "corrections",
        "methodology",
    ]


def test_generation_is_deterministic_for_both_sites(tmp_path):
    generate_sites(TINY, tmp_path / "a", tmp_path / "a-plain")
    generate_sites(TINY, tmp_path / "b", tmp_path / "b-plain")
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert first == second
    assert _tree(tmp_path / "a-plain") == _tree(tmp_path / "b-plain")
    # The plain twin has one Markdown article per person, claim and explainer, and
    # Pelican refuses to build two articles with the same slug.
    articles = {
        path: text.decode()
        for path, text in _tree(tmp_path / "a-plain").items()
        if path.endswith(".md") and not path.startswith("content/pages/")
    }
    slugs = {
        line
        for text in articles.values()
        for line in text.splitlines()
        if line.startswith("Slug: ")
    }
    assert len(articles) == len(slugs) == 3 + 5 + 2


def test_another_seed_gives_another_site(tmp_path):
    generate_sites(TINY, tmp_path / "a")
    generate_sites(Scale(people=3, claims=5, sources=5, explainers=2, seed=1), tmp_path / "b")
    assert _tree(tmp_path / "a") != _tree(tmp_path / "b")
