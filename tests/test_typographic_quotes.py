"""Body text gets typographic quotes and apostrophes; code, addresses and « » stay as written."""

from __future__ import annotations

import pytest

from factcheck.views.links import LinkTable
from factcheck.views.markdown_html import MarkdownRenderer


@pytest.fixture
def renderer() -> MarkdownRenderer:
    rendered = MarkdownRenderer(LinkTable({}, ""))
    rendered.start_page()
    return rendered


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ('DHS called it "an administrative error".', "DHS called it “an administrative error”."),
        ("The court's order, the lawyers' blog", "The court’s order, the lawyers’ blog"),
        ("He said 'never' in the '90s.", "He said ‘never’ in the ’90s."),
        ('"It wasn\'t me," he said.', "“It wasn’t me,” he said."),
        # Spanish: « » as typed; straight quotes inside them are the second level.
        (
            'Dijo que era «un "error" administrativo».',
            "Dijo que era «un “error” administrativo».",
        ),
        (
            "«Immigration judge dismisses Romero's case»",
            "«Immigration judge dismisses Romero’s case»",
        ),
        # Only quotes: dashes and dots stay as typed.
        ("2019--2020, and so on...", "2019--2020, and so on..."),
    ],
)
def test_quotes_in_body_text_are_typographic(renderer, text, html):
    assert renderer.inline(text) == html


def test_code_keeps_its_straight_quotes(renderer):
    html = renderer.block('Run `print("it\'s")` or:\n\n    x = "it\'s"\n')
    assert '<code>print("it\'s")</code>' in html
    assert '<pre><code>x = "it\'s"\n</code></pre>' in html.replace("&quot;", '"')
    assert "Run " in html


def test_addresses_and_titles_keep_theirs(renderer):
    html = renderer.inline('[the "order"](https://example.org/a\'b "The court\'s order")')
    assert "https://example.org/a'b" in html
    assert ">the “order”</a>" in html
