"""The 404 page: one per site, in every language, kept out of search, its links working at any depth.

GitHub Pages serves ``/404.html`` at whatever address was missing, so a link
relative to the page would lead nowhere from ``/a/b/c/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import copy_fixture_site
from golden import EXPECTED

from factcheck.building.atomic import build


def not_found(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")


def addresses(soup: BeautifulSoup) -> list[str]:
    """Every link and stylesheet address of the page, outside the content's own anchors."""
    links = [a["href"] for a in soup.find_all("a") if not a["href"].startswith("#")]
    return links + [link["href"] for link in soup.find_all("link") if link.get("href")]


def test_the_site_has_a_404_page_that_search_engines_skip():
    soup = not_found(EXPECTED)
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "404.html" not in (EXPECTED / "sitemap.xml").read_text(encoding="utf-8")
    assert not soup.find(attrs={"data-pagefind-body": True})


def test_the_404_page_speaks_every_language_default_first():
    soup = not_found(EXPECTED)
    assert soup.html["lang"] == "en"
    blocks = soup.select("main section.not-found")
    assert [block["lang"] for block in blocks] == ["en", "es"]
    assert [block.find(["h1", "h2"]).name for block in blocks] == ["h1", "h2"]
    english, spanish = blocks
    assert english.h1.get_text() == "Page not found"
    assert spanish.h2.get_text() == "Página no encontrada"
    assert [a["href"] for a in english.find_all("a")] == ["/", "/claims/", "/search/", "/updates/"]
    assert [a["href"] for a in spanish.find_all("a")] == [
        "/es/",
        "/es/claims/",
        "/es/search/",
        "/es/updates/",
    ]


@pytest.mark.parametrize(
    ("settings", "start"),
    [
        ({"RELATIVE_URLS": True}, "/"),
        ({"SITEURL": "https://example.github.io/site", "RELATIVE_URLS": True}, "https://"),
    ],
    ids=["relative-urls", "publish"],
)
def test_the_404_page_links_work_from_any_depth(tmp_path, settings, start):
    """Other pages may link relative to themselves; the 404 page never does."""
    project = copy_fixture_site(tmp_path / "site", **settings)
    out = tmp_path / "output"
    build(project.settings_file, out)
    found = addresses(not_found(out))
    assert found
    assert [address for address in found if not address.startswith(start)] == []
    assert "theme/css/site.css" in " ".join(found)
