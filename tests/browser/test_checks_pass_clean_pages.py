"""The same checks pass on a small clean site (fixtures/good/): they are not failing by design.

Together with test_checks_catch_defects this shows each check tells a good
page from a bad one. The whole suite can also run against this site, with
FACTCHECK_BROWSER_SITE_DIR=tests/browser/fixtures/good; its Spanish views then
fail with "not in" the site, since the clean site has no /es/ edition.
"""

from collections.abc import Iterator

import pytest

from .keyboard_checks import invisible_focus_problems, skip_link_problems
from .reader_browser import RecordedPage
from .reader_checks import (
    axe_violations,
    console_error_problems,
    describe_axe_violations,
    failed_request_problems,
    foreign_host_requests,
    horizontal_overflow_problems,
    javascript_dependency_problems,
    print_problems,
    rating_outside_first_viewport,
    small_text_problems,
)
from .site_checks import broken_internal_links, page_weight_report
from .site_pages import NARROW_WIDTH, WIDE_WIDTH

CLEAN_CLAIM = "claims/a-sample-claim/"


@pytest.fixture(scope="module")
def clean_claim(good_site_url, good_site_contexts) -> Iterator[RecordedPage]:
    """A claim page on a phone in the dark scheme, where contrast and layout are tightest."""
    recorded = good_site_contexts.open_page(NARROW_WIDTH, "dark")
    recorded.visit(good_site_url + CLEAN_CLAIM)
    yield recorded
    recorded.page.close()


@pytest.mark.browser
class TestPageChecksPassACleanPage:
    def test_axe(self, clean_claim) -> None:
        violations = axe_violations(clean_claim.page)
        assert not violations, describe_axe_violations(violations)

    def test_console_failed_and_foreign_requests(self, clean_claim, good_site_url) -> None:
        assert console_error_problems(clean_claim) == []
        assert failed_request_problems(clean_claim) == []
        assert foreign_host_requests(clean_claim, good_site_url) == []

    def test_layout_text_size_and_rating(self, clean_claim) -> None:
        assert horizontal_overflow_problems(clean_claim.page) == []
        assert small_text_problems(clean_claim.page) == []
        assert rating_outside_first_viewport(clean_claim.page) == []

    def test_print(self, clean_claim) -> None:
        assert print_problems(clean_claim.page) == []

    def test_keyboard(self, clean_claim) -> None:
        assert skip_link_problems(clean_claim) == []
        assert invisible_focus_problems(clean_claim) == []

    def test_reads_without_javascript(self, good_site_url, good_site_contexts) -> None:
        with_script = good_site_contexts.open_page(WIDE_WIDTH, "light").page
        without_script = good_site_contexts.open_page(
            WIDE_WIDTH, "light", java_script_enabled=False
        ).page
        try:
            problems = javascript_dependency_problems(
                with_script, without_script, good_site_url + CLEAN_CLAIM
            )
        finally:
            with_script.close()
            without_script.close()
        assert problems == []


class TestSiteChecksPassACleanSite:
    def test_nu_html_checker(self, good_site_dir, fixture_sites_validation) -> None:
        assert fixture_sites_validation[good_site_dir] == []

    def test_links(self, good_site_dir) -> None:
        assert broken_internal_links(good_site_dir) == []

    def test_weight(self, good_site_dir) -> None:
        assert page_weight_report(good_site_dir).problems == []
