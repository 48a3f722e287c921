"""Checks across every file of the built example site: validity, links, weight, no-script reading."""

import pytest

from .reader_checks import javascript_dependency_problems
from .site_checks import (
    broken_internal_links,
    html_validation_errors,
    page_weight_report,
    pages_that_run_scripts,
)
from .site_pages import WIDE_WIDTH, url_path_of


def listed(problems: list[str], limit: int = 40) -> str:
    shown = "\n".join(f"  {problem}" for problem in problems[:limit])
    more = f"\n  ... and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"{len(problems)} problem(s):\n{shown}{more}"


@pytest.mark.usefixtures("nu_html_checker")
def test_nu_html_checker_finds_no_errors(example_site_dir) -> None:
    errors = html_validation_errors(example_site_dir)
    assert not errors, listed(errors)


def test_no_broken_internal_links_anchors_or_assets(example_site_dir) -> None:
    problems = broken_internal_links(example_site_dir)
    assert not problems, listed(problems)


def test_pages_and_css_stay_within_the_weight_budget(
    example_site_dir, record_property, add_to_terminal_summary
) -> None:
    report = page_weight_report(example_site_dir)
    record_property("heaviest_pages", report.heaviest_pages)
    record_property("css_total_bytes", report.css_total_bytes)
    add_to_terminal_summary(report.summary())
    assert not report.problems, f"{listed(report.problems)}\n{report.summary()}"


@pytest.mark.browser
def test_pages_that_run_scripts_read_without_them(
    example_site_dir, example_site_url, example_site_contexts, add_to_terminal_summary
) -> None:
    # A page without an executable <script> shows the same with JavaScript
    # off; loading only the others in two browsers keeps this test short.
    scripted_pages = pages_that_run_scripts(example_site_dir)
    add_to_terminal_summary(
        "pages that run scripts (checked with JavaScript off): "
        + (", ".join(url_path_of(page) or "/" for page in scripted_pages) or "none")
    )
    with_script = example_site_contexts.open_page(WIDE_WIDTH, "light").page
    without_script = example_site_contexts.open_page(
        WIDE_WIDTH, "light", java_script_enabled=False
    ).page
    problems = []
    try:
        for html_file in scripted_pages:
            url = example_site_url + url_path_of(html_file)
            for problem in javascript_dependency_problems(with_script, without_script, url):
                problems.append(f"{url_path_of(html_file) or '/'}: {problem}")
    finally:
        with_script.close()
        without_script.close()
    assert not problems, listed(problems)


@pytest.mark.browser
def test_a_missing_address_shows_the_404_page_and_its_links_work_from_there(
    example_site_url, example_site_contexts
) -> None:
    """The host serves 404.html at whatever address was asked for, however deep."""
    recorded = example_site_contexts.open_page(WIDE_WIDTH, "light")
    page = recorded.page
    try:
        response = page.goto(example_site_url + "no/such/page/")
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        # The stylesheet is found from there: the page is laid out by it, not by the browser.
        assert page.evaluate("getComputedStyle(document.querySelector('.wrap')).maxWidth") != "none"
        page.get_by_role("link", name="All fact-checks").first.click()
        assert page.url == example_site_url + "claims/"
    finally:
        page.close()
