"""Rendered list entries, kept from one build to the next in the same process.

The indexes list every claim and source, and each claim appears in several
lists (by rating, by person, on people's pages), in every language. In a
template, ``memo(macro, *args)`` renders a macro once per distinct arguments
and page language; `invoke serve`'s rebuilds reuse what the previous build
rendered, so after one edit only the entries whose arguments changed are
rendered again.

A memoized macro may depend on nothing but its arguments, the page's
language and the settings (a settings change is a full build, with a new
cache). It is given plain values, not views, so that it cannot read anything
the key does not hold; memoized macros need distinct names.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from markupsafe import Markup

from .i18n import page_lang


@pass_context  # Jinja passes the template context to the instances' __call__
class FragmentCache:
    def __init__(self) -> None:
        self._current: dict[tuple, Markup] = {}
        self._previous: dict[tuple, Markup] = {}

    def __call__(self, context, macro, *args: Any) -> Markup:
        key = (macro.name, page_lang(context), args)
        html = self._current.get(key)
        if html is None:
            html = self._previous.pop(key, None)
            if html is None:
                html = macro(*args)
            self._current[key] = html
        return html

    def next_build(self) -> None:
        """Keep what the last build rendered, and forget what it did not use."""
        self._previous, self._current = self._current, {}
