"""Each check, run on the deliberately bad fixture, reports the defect planted for it.

The fixture (fixtures/bad/) is hand-written HTML with one defect per check,
marked by a comment next to it. These tests call the very functions the
built-site tests call: if a check stopped catching anything, this fails.
"""

from collections.abc import Iterator

import pytest

from .keyboard_checks import invisible_focus_problems, skip_link_problems
from .reader_browser import RecordedPage
from .reader_checks import (
    axe_violations,
    console_error_problems,
    csp_violation_problems,
    failed_request_problems,
    foreign_host_requests,
    horizontal_overflow_problems,
    javascript_dependency_problems,
    print_problems,
    rating_outside_first_viewport,
    small_text_problems,
)
from .site_checks import (
    broken_internal_links,
    page_weight_report,
    pages_that_run_scripts,
)
from .site_pages import NARROW_WIDTH, WIDE_WIDTH


def mentions(problems: list[str], *fragments: str) -> bool:
    """Some single problem names every fragment."""
    return any(all(fragment in problem for fragment in fragments) for problem in problems)


@pytest.fixture(scope="module")
def bad_home(bad_site_url, bad_site_contexts) -> Iterator[RecordedPage]:
    """The bad home page on a phone, where every layout defect shows."""
    recorded = bad_site_contexts.open_page(NARROW_WIDTH, "light")
    recorded.visit(bad_site_url)
    yield recorded
    recorded.page.close()


@pytest.mark.browser
class TestPageChecksCatchTheirDefect:
    def test_axe_reports_missing_alt_and_low_contrast(self, bad_home) -> None:
        rules = {violation["id"] for violation in axe_violations(bad_home.page)}
        assert {"image-alt", "color-contrast"} <= rules, rules

    def test_console_check_sees_the_logged_error(self, bad_home) -> None:
        problems = console_error_problems(bad_home)
        assert mentions(problems, "deliberate console error"), problems

    def test_csp_check_sees_the_card_blocking_its_own_icon(
        self, bad_site_url, bad_site_contexts
    ) -> None:
        recorded = bad_site_contexts.open_page(WIDE_WIDTH, "light")
        try:
            recorded.visit(bad_site_url + "card/")
            recorded.settle()
            problems = csp_violation_problems(recorded)
        finally:
            recorded.page.close()
        assert mentions(problems, "img-src blocked", "/images/pixel.svg"), problems

    def test_failed_request_check_sees_the_missing_stylesheet(self, bad_home) -> None:
        problems = failed_request_problems(bad_home)
        assert mentions(problems, "/missing.css", "404"), problems

    def test_foreign_host_check_sees_example_com(self, bad_home, bad_site_url) -> None:
        problems = foreign_host_requests(bad_home, bad_site_url)
        assert mentions(problems, "example.com", "http://example.com/x.png"), problems

    def test_overflow_check_sees_the_600px_block(self, bad_home) -> None:
        problems = horizontal_overflow_problems(bad_home.page)
        assert mentions(problems, "scrolls sideways", "<main> > <div.too-wide>"), problems

    def test_text_size_check_sees_the_12px_paragraph(self, bad_home) -> None:
        problems = small_text_problems(bad_home.page)
        assert mentions(problems, "12px", "Small print"), problems

    def test_print_check_sees_printed_navigation_and_a_link_without_address(self, bad_home) -> None:
        problems = print_problems(bad_home.page)
        assert mentions(problems, "navigation still printed"), problems
        assert mentions(problems, "https://example.org/report"), problems

    def test_skip_link_check_sees_that_there_is_none(self, bad_home) -> None:
        problems = skip_link_problems(bad_home)
        assert mentions(problems, "first Tab stop", "not a skip link"), problems

    def test_skip_link_check_sees_a_link_to_a_missing_id(
        self, bad_site_url, bad_site_contexts
    ) -> None:
        recorded = bad_site_contexts.open_page(WIDE_WIDTH, "light")
        try:
            recorded.visit(bad_site_url + "skip-link-to-nowhere/")
            problems = skip_link_problems(recorded)
        finally:
            recorded.page.close()
        assert mentions(problems, "#content", "which no element has"), problems

    def test_focus_check_sees_the_removed_outline(self, bad_home) -> None:
        problems = invisible_focus_problems(bad_home)
        assert mentions(problems, "Tab stop 1", "no outline or box-shadow"), problems

    def test_rating_check_sees_the_badge_below_the_fold(
        self, bad_site_url, bad_site_contexts
    ) -> None:
        recorded = bad_site_contexts.open_page(NARROW_WIDTH, "light")
        try:
            recorded.visit(bad_site_url + "claims/buried-rating/")
            problems = rating_outside_first_viewport(recorded.page)
        finally:
            recorded.page.close()
        assert mentions(problems, "rating badge", "not wholly in the first"), problems

    def test_rating_check_sees_a_page_without_a_badge(self, bad_home) -> None:
        problems = rating_outside_first_viewport(bad_home.page)
        assert mentions(problems, "no rating badge"), problems

    def test_javascript_check_sees_text_written_by_a_script(
        self, bad_site_url, bad_site_contexts
    ) -> None:
        with_script = bad_site_contexts.open_page(WIDE_WIDTH, "light").page
        without_script = bad_site_contexts.open_page(
            WIDE_WIDTH, "light", java_script_enabled=False
        ).page
        try:
            problems = javascript_dependency_problems(
                with_script, without_script, bad_site_url + "needs-javascript/"
            )
        finally:
            with_script.close()
            without_script.close()
        assert mentions(problems, "without JavaScript the main content shows"), problems


class TestSiteChecksCatchTheirDefect:
    def test_nu_html_checker_reports_the_stray_end_tag(
        self, bad_site_dir, fixture_sites_validation
    ) -> None:
        # html_validation_errors_by_site, run for both fixtures at once (one Java start).
        errors = fixture_sites_validation[bad_site_dir]
        assert mentions(errors, '"index.html":', "Stray end tag"), errors

    def test_link_check_reports_the_broken_link_anchor_and_asset(self, bad_site_dir) -> None:
        problems = broken_internal_links(bad_site_dir)
        assert mentions(problems, "index.html", "/no-such-page/", "not in the site"), problems
        assert mentions(problems, "index.html", "no id 'no-such-section'"), problems
        assert mentions(problems, "link.href='/missing.css'", "not in the site"), problems

    def test_script_finder_picks_the_page_that_writes_its_text(self, bad_site_dir) -> None:
        # The no-JavaScript test loads only these pages: it must not miss this one.
        scripted = [path.as_posix() for path in pages_that_run_scripts(bad_site_dir)]
        assert "needs-javascript/index.html" in scripted, scripted
        assert "claims/buried-rating/index.html" not in scripted, scripted

    def test_weight_budget_flags_the_oversized_page_and_css(self, bad_site_dir) -> None:
        report = page_weight_report(bad_site_dir)
        assert mentions(report.problems, "oversized/index.html", "page budget"), report.problems
        assert mentions(report.problems, "the CSS pages link is"), report.problems
        # Counted: what pages link. Not counted: a file no page links, which no reader fetches.
        assert [path for path, _ in report.stylesheets] == ["oversized/heavy.css", "style.css"]
        assert report.heaviest_pages[0][0] == "oversized/index.html", report.heaviest_pages
