"""The update log: each page's updates and corrections, and the site's, newest first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup

from ..content.dates import PartialDate
from ..content.models import Update
from .links import PageLink


@dataclass
class UpdateEntry:
    date: PartialDate
    kind: str
    text_html: Markup
    page: PageLink
    # 1 for the page's first update of this kind on this date, 2 for the next:
    # with the date and kind it names the update without its wording.
    ordinal: int = 1

    @property
    def is_correction(self) -> bool:
        return self.kind == "correction"

    @property
    def is_retraction(self) -> bool:
        return self.kind == "retraction"

    @property
    def sort_key(self):
        return (self.date, self.page.url, self.kind, str(self.text_html))


def newest_first(items, key):
    return sorted(items, key=key, reverse=True)


def page_updates(
    updates: Iterable[Update], link: PageLink, render: Callable[[str], Markup]
) -> list[UpdateEntry]:
    """One page's updates, rendered, newest first."""
    seen: dict[tuple, int] = defaultdict(int)
    entries = []
    for update in updates:
        seen[(update.date, update.kind)] += 1
        entries.append(
            UpdateEntry(
                update.date,
                update.kind,
                render(update.text),
                link,
                seen[(update.date, update.kind)],
            )
        )
    return newest_first(entries, key=lambda e: e.sort_key)


def update_log(*pages: Iterable[UpdateEntry]) -> list[UpdateEntry]:
    """The updates of every page in one list, newest first."""
    return newest_first([entry for updates in pages for entry in updates], key=lambda e: e.sort_key)
