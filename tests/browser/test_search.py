"""Site search in a real browser: Pagefind's interface on /search/, in both languages."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from factcheck.outputs.search import index_search

from .site_server import serve_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def example_site_url(example_site_dir: Path, tmp_path_factory) -> Iterator[str]:
    """The example site with the index as builds write it: merged from parts, one page each,
    so a merge that lost or misnumbered a page would show here."""
    site = tmp_path_factory.mktemp("searched-site") / "site"
    shutil.copytree(example_site_dir, site)
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr("factcheck.outputs.search.PART_BYTES", 1)
    try:
        index_search(site)
    finally:
        monkeypatch.undo()
    with serve_site(site) as url:
        yield url


@pytest.mark.parametrize(
    ("search_page", "query", "first_result"),
    [
        ("search/", "Kilmar Abrego Garcia", "/people/kilmar-abrego-garcia/"),
        ("search/", "Paula Dixon", "/people/paula-dixon/"),
        ("es/search/", "Kilmar Abrego Garcia", "/es/people/kilmar-abrego-garcia/"),
    ],
)
def test_typing_a_persons_name_shows_their_page_first(
    browser: Browser, example_site_url: str, search_page: str, query: str, first_result: str
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on(
            "console",
            lambda message: errors.append(message.text) if message.type == "error" else None,
        )
        page.goto(f"{example_site_url}/{search_page}")
        expect(page.locator("#search-fallback")).to_be_hidden()
        # The search box, not the filter checkboxes Pagefind may have drawn already.
        page.locator("#search").get_by_role("textbox").fill(query)
        # The first result's own link: results load one by one, and while the
        # first is still a placeholder the first link on the page is another's.
        first = (
            page.locator(".pagefind-ui__result").first.locator(".pagefind-ui__result-link").first
        )
        expect(first).to_be_visible(timeout=15_000)
        assert first.get_attribute("href") == first_result
        assert errors == []
    finally:
        context.close()


def test_without_javascript_the_search_page_lists_the_indexes(
    browser: Browser, example_site_url: str
):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{example_site_url}/search/")
        fallback = page.locator("#search-fallback")
        expect(fallback).to_be_visible()
        expect(fallback.locator("a[href='/claims/']")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_search_and_its_results_are_readable_in_both_schemes(
    browser: Browser, example_site_url: str, color_scheme: str
):
    """Pagefind's interface takes the site's colours: axe finds nothing once results show."""
    from .reader_checks import axe_violations, describe_axe_violations

    context = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme=color_scheme)
    try:
        page = context.new_page()
        page.goto(f"{example_site_url}/search/")
        box = page.locator("#search").get_by_role("textbox")
        box.fill("Abrego Garcia")
        result = page.locator(".pagefind-ui__result").first.locator(".pagefind-ui__result-link")
        expect(result.first).to_be_visible(timeout=15_000)
        typed, behind = box.evaluate(
            "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
        )
        assert typed != behind, f"the typed query is {typed} on {behind}"
        violations = axe_violations(page)
        assert violations == [], describe_axe_violations(violations)
    finally:
        context.close()
