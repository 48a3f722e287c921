"""Small filters the theme uses, by example."""

from __future__ import annotations

import pytest

from factcheck.views.template_filters import inline_title


@pytest.mark.parametrize(
    ("title", "inline"),
    [
        ("The city budget doubled in one year.", "The city budget doubled in one year"),
        ("How the city budget works", "How the city budget works"),
        ("Is it true?", "Is it true?"),
        ("And then...", "And then..."),
        ("", ""),
    ],
)
def test_a_title_inside_a_sentence_loses_only_its_full_stop(title, inline):
    assert inline_title(title) == inline
