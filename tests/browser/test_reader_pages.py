"""Every reader page type at phone and laptop widths, in light and dark schemes.

Each view (page type, width, scheme) is loaded once and every check runs on
that load, so a failure's name says which page, width and scheme it is, and
its message says which element.
"""

from dataclasses import dataclass

import pytest

from .keyboard_checks import invisible_focus_problems, skip_link_problems
from .reader_browser import RecordedPage
from .reader_checks import (
    axe_violations,
    console_error_problems,
    csp_violation_problems,
    describe_axe_violations,
    failed_request_problems,
    foreign_host_requests,
    horizontal_overflow_problems,
    print_problems,
    rating_outside_first_viewport,
    small_text_problems,
)
from .site_pages import (
    COLOR_SCHEMES,
    NARROW_WIDTH,
    PAGE_TYPES_BY_NAME,
    READER_PAGE_TYPES,
    PageNotBuilt,
)

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class ReaderView:
    page_type: str
    width: int
    color_scheme: str

    def __str__(self) -> str:
        return f"{self.page_type}-{self.width}px-{self.color_scheme}"


@dataclass
class LoadedView:
    view: ReaderView
    url: str
    recorded: RecordedPage

    def __repr__(self) -> str:
        # Failure reports print fixture values; the URL says all a reader needs.
        return f"LoadedView({self.url})"

    @property
    def page(self):
        return self.recorded.page


ALL_VIEWS = [
    ReaderView(page_type.name, width, scheme)
    for page_type in READER_PAGE_TYPES
    for width in page_type.widths
    for scheme in COLOR_SCHEMES
]
PHONE_VIEWS = [view for view in ALL_VIEWS if view.width == NARROW_WIDTH]
CLAIM_PHONE_VIEWS = [view for view in PHONE_VIEWS if view.page_type.split("-")[-1] == "claim"]


# Module scope, parametrized by a hashable view: pytest runs every test of one
# view (including the phone-only tests, which re-parametrize this fixture with
# a subset of the same views) before loading the next, and reuses the loaded
# page for all of them instead of loading it once per check.
@pytest.fixture(scope="module", params=ALL_VIEWS, ids=str)
def reader_view(request, example_site_dir, example_site_url, example_site_contexts) -> LoadedView:
    view: ReaderView = request.param
    try:
        url = example_site_url + PAGE_TYPES_BY_NAME[view.page_type].url_path(example_site_dir)
    except PageNotBuilt as missing:
        pytest.fail(str(missing), pytrace=False)
    recorded = example_site_contexts.shared_page(view.width, view.color_scheme)
    recorded.visit(url)
    return LoadedView(view, url, recorded)


phone_views_only = pytest.mark.parametrize("reader_view", PHONE_VIEWS, indirect=True, ids=str)


def problems_message(url: str, problems: list[str]) -> str:
    return f"{url}:\n" + "\n".join(f"  {problem}" for problem in problems)


def test_axe_finds_no_wcag_21_aa_violations(reader_view: LoadedView) -> None:
    violations = axe_violations(reader_view.page)
    assert not violations, f"{reader_view.url}:\n{describe_axe_violations(violations)}"


def test_no_console_errors(reader_view: LoadedView) -> None:
    problems = console_error_problems(reader_view.recorded)
    assert not problems, problems_message(reader_view.url, problems)


def test_no_csp_violations(reader_view: LoadedView) -> None:
    problems = csp_violation_problems(reader_view.recorded)
    assert not problems, problems_message(reader_view.url, problems)


def test_no_failed_requests(reader_view: LoadedView) -> None:
    problems = failed_request_problems(reader_view.recorded)
    assert not problems, problems_message(reader_view.url, problems)


def test_requests_stay_on_the_local_server(reader_view: LoadedView, example_site_url: str) -> None:
    problems = foreign_host_requests(reader_view.recorded, example_site_url)
    assert not problems, problems_message(reader_view.url, problems)


@phone_views_only
def test_no_horizontal_scrolling_on_a_phone(reader_view: LoadedView) -> None:
    problems = horizontal_overflow_problems(reader_view.page)
    assert not problems, problems_message(reader_view.url, problems)


@phone_views_only
def test_body_text_is_at_least_16px_on_a_phone(reader_view: LoadedView) -> None:
    problems = small_text_problems(reader_view.page)
    assert not problems, problems_message(reader_view.url, problems)


@pytest.mark.parametrize("reader_view", CLAIM_PHONE_VIEWS, indirect=True, ids=str)
def test_claim_rating_is_visible_without_scrolling_on_a_phone(reader_view: LoadedView) -> None:
    problems = rating_outside_first_viewport(reader_view.page)
    assert not problems, problems_message(reader_view.url, problems)


def test_first_tab_reaches_a_working_skip_link(reader_view: LoadedView) -> None:
    problems = skip_link_problems(reader_view.recorded)
    assert not problems, problems_message(reader_view.url, problems)


def test_focus_is_visible(reader_view: LoadedView) -> None:
    problems = invisible_focus_problems(reader_view.recorded)
    assert not problems, problems_message(reader_view.url, problems)


def test_print_hides_navigation_and_prints_link_addresses(reader_view: LoadedView) -> None:
    problems = print_problems(reader_view.page)
    assert not problems, problems_message(reader_view.url, problems)
