"""What reading one file collects: its problems, its references to other content, locations.

A :class:`Reader` is handed down through every field of every model while a
file is parsed, so that a field can report a problem at its own line and
column and record what it names (a person, a source, a rating...) for the
cross-reference pass in :mod:`factcheck.content.validate`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from yaml.nodes import Node

from .problems import Problem, Severity

# A value that could not be read; its problem is already reported. Typed Any
# because it stands in for whatever value a field or model would have produced.
INVALID: Any = object()


@dataclass(frozen=True, slots=True)
class Reference:
    """A value that must name something elsewhere in the site."""

    kind: str  # "person", "claim", "source", "rating", "file"
    key: str
    path: str
    line: int
    col: int
    field: str
    context: str = ""  # how it was written, e.g. "citation [@x]"


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class Reader:
    """Per-file parsing state: where problems and references go."""

    __slots__ = ("path", "text", "problems", "references")

    def __init__(
        self, path: str, text: str, problems: list[Problem], references: list[Reference]
    ) -> None:
        self.path = path
        self.text = text
        self.problems = problems
        self.references = references

    def error(
        self,
        node: Node,
        field: str,
        message: str,
        severity: Severity = Severity.ERROR,
        code: str = "",
    ) -> Any:
        """Report a problem at `node`; returns INVALID, for `return r.error(...)`."""
        mark = node.start_mark
        self.problems.append(
            Problem(self.path, mark.line + 1, mark.column + 1, field, message, severity, code)
        )
        return INVALID

    def warn(self, node: Node, field: str, message: str, code: str) -> None:
        self.error(node, field, message, Severity.WARNING, code)

    def refer(self, kind: str, key: str, node: Node, field: str, context: str = "") -> None:
        mark = node.start_mark
        self.references.append(
            Reference(kind, key, self.path, mark.line + 1, mark.column + 1, field, context)
        )

    def position_in(self, node: Node, needle: str, start: int = 0) -> tuple[int, int, int]:
        """Line and column of `needle` inside a scalar node as written in the file.

        Returns (line, col, index) and falls back to the node's own position
        when the text was folded or escaped so that the needle is not found
        verbatim.
        """
        begin = max(node.start_mark.index, start)
        index = self.text.find(needle, begin, node.end_mark.index)
        if index < 0:
            return node.start_mark.line + 1, node.start_mark.column + 1, begin
        line = self.text.count("\n", 0, index) + 1
        col = index - (self.text.rfind("\n", 0, index) + 1) + 1
        return line, col, index + len(needle)


def did_you_mean(value: str, candidates: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def join_path(parent: str, name: str) -> str:
    return f"{parent}.{name}" if parent else name
