"""Every claim card, on its own and embedded in another page: nothing logged, nothing blocked.

A card is embedded on sites we do not control, so an error it logs shows in
their consoles; its strict Content-Security-Policy must allow exactly what
it loads (its stylesheet and its icon).
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from .reader_browser import RecordedPage
from .reader_checks import console_error_problems, csp_violation_problems
from .site_pages import NARROW_WIDTH, url_path_of

pytestmark = pytest.mark.browser


def card_pages(site_dir: Path) -> list[str]:
    """The URL path of every card, both languages."""
    return [
        url_path_of(path.relative_to(site_dir))
        for path in sorted(site_dir.glob("**/card/index.html"))
    ]


@pytest.fixture(scope="module")
def card_reader(example_site_contexts) -> Iterator[RecordedPage]:
    """One page that visits every card in turn."""
    recorded = example_site_contexts.open_page(NARROW_WIDTH, "light")
    yield recorded
    recorded.page.close()


def test_the_site_has_cards_in_both_languages(example_site_dir) -> None:
    cards = card_pages(example_site_dir)
    assert any(card.startswith("claims/") for card in cards), cards
    assert any(card.startswith("es/claims/") for card in cards), cards


def test_no_card_logs_an_error_or_breaks_its_policy(
    example_site_dir, example_site_url, card_reader
) -> None:
    problems = []
    for card in card_pages(example_site_dir):
        card_reader.visit(example_site_url + card)
        card_reader.settle()
        found = console_error_problems(card_reader) + csp_violation_problems(card_reader)
        problems += [f"{card}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)


def test_an_embedded_card_logs_nothing(
    example_site_dir, example_site_url, example_site_contexts
) -> None:
    # The embedding page is served on the site's own origin: Chromium refuses
    # a frame from another origin on the loopback address, and the card's
    # 'self' means the card's origin wherever it is embedded.
    card = card_pages(example_site_dir)[0]
    embedding_page = example_site_url + "embedding-page/"
    recorded = example_site_contexts.open_page(NARROW_WIDTH, "light")
    try:
        recorded.page.route(
            embedding_page,
            lambda route: route.fulfill(
                content_type="text/html",
                body=(
                    "<!doctype html><title>A page embedding a card</title>"
                    f'<iframe src="{example_site_url}{card}" title="Fact-check"'
                    ' width="344" height="240"></iframe>'
                ),
            ),
        )
        recorded.visit(embedding_page)
        recorded.page.frame_locator("iframe").locator("[data-rating]").wait_for()
        recorded.settle()
        problems = console_error_problems(recorded) + csp_violation_problems(recorded)
    finally:
        recorded.page.close()
    assert not problems, "\n".join(problems)
