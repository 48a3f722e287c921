"""Readers see each source's archived copy, and which cited sources are gone with none."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import copy_fixture_site

from factcheck.building.atomic import build

SOURCES = "content/sources/main.yaml"
GONE_EN = "No longer online, and no archived copy."
GONE_ES = "Ya no está en línea, y no hay copia archivada."


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The city's report is dead with no copy; the paper's article is dead but archived."""
    root = tmp_path_factory.mktemp("archive-status")
    project = copy_fixture_site(root / "site")
    text = project.read(SOURCES)
    city_archive = (
        "  archive_url: https://web.archive.org/web/2025/https://example.org/budget-2025\n"
        "  archived: 2025-01-11\n"
    )
    assert city_archive in text
    text = text.replace(city_archive, "  dead: 2025-06-01\n")
    text = text.replace("  type: news\n", "  type: news\n  dead: 2025-06-01\n")
    project.write(SOURCES, text, dedent=False)
    out = root / "out"
    build(project.settings_file, out)
    return out


def entry(out, url: str, anchor: str) -> str:
    html = (out / url / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").find(id=anchor).get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("url", "anchor", "gone"),
    [
        ("claims/budget-doubled", "source-1", GONE_EN),
        ("es/claims/budget-doubled", "source-1", GONE_ES),
        ("people/jane-doe", "source-1", GONE_EN),
        ("sources", "src-city-2025-01-10", GONE_EN),
        ("es/sources", "src-city-2025-01-10", GONE_ES),
    ],
)
def test_a_dead_source_without_a_copy_is_marked_where_it_is_cited(site, url, anchor, gone):
    assert gone in entry(site, url, anchor)


@pytest.mark.parametrize("url", ["claims/budget-doubled", "sources"])
def test_a_dead_source_with_a_copy_sends_readers_to_it(site, url):
    anchor = "source-2" if url.startswith("claims") else "src-paper-2025-03-02"
    text = entry(site, url, anchor)
    assert GONE_EN not in text
    assert "Archived copy" in text


def test_the_bibliography_dates_each_archived_copy(tmp_path):
    """The golden site shows it too; here the date is read from a fresh build."""
    project = copy_fixture_site(tmp_path / "site")
    out = tmp_path / "out"
    build(project.settings_file, out)
    assert "Archived copy of 11 January 2025" in entry(out, "sources", "src-city-2025-01-10")
    assert "Copia archivada el 11 de enero de 2025" in entry(
        out, "es/sources", "src-city-2025-01-10"
    )
