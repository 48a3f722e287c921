"""Citation numbers: a page's sources numbered in the order the page first cites them.

Numbers restart on every page. The Markdown renderer asks for a number each
time it meets ``[@id]``; the page's source list then numbers the sources it
lists without citing them inline, after the cited ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Citations:
    """Numbers sources in the order a page first cites them."""

    order: list[str] = field(default_factory=list)
    uses: dict[str, int] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)  # every cite() in order, to replay

    def cite(self, source_id: str) -> tuple[int, int]:
        """The source's number on the page and how many times it was cited so far."""
        self.log.append(source_id)
        self.number(source_id)
        self.uses[source_id] += 1
        return self.order.index(source_id) + 1, self.uses[source_id]

    def number(self, source_id: str) -> int:
        """Number a source that the page lists without citing it inline."""
        if source_id not in self.uses:
            self.order.append(source_id)
            self.uses[source_id] = 0
        return self.order.index(source_id) + 1

    def replay(self, source_ids: Iterable[str]) -> None:
        """Cite again what a text cited when it was rendered, as if it were rendered again."""
        for source_id in source_ids:
            self.cite(source_id)
