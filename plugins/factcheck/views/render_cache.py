"""Rendered Markdown kept by text, so that a long-running process renders only what changed.

``invoke serve`` rebuilds the views after every edit; most texts are the same
as before. A text with citations is kept only when rendered first on its
page, where its numbering depends on nothing else; reusing it replays its
citations so that the page's later numbers stay the same.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from .citations import Citations

# The folder links resolve from, whether the text is inline, and the text.
RenderKey = tuple[str, bool, str]


class RenderCache:
    def __init__(self) -> None:
        self._results: dict[RenderKey, tuple[Markup, tuple[str, ...]]] = {}

    def render(self, key: RenderKey, citations: Citations, render: Callable[[], Markup]) -> Markup:
        """The kept result for `key` if it may be reused on this page, else `render()`."""
        text = key[2]
        if "[@" in text and citations.log:
            return render()  # its numbers depend on the citations before it
        kept = self._results.get(key)
        if kept is not None:
            html, cited = kept
            citations.replay(cited)
            return html
        start = len(citations.log)
        html = render()
        self._results[key] = (html, tuple(citations.log[start:]))
        return html
