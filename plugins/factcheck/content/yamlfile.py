"""Reading YAML fact sheets as node trees that remember where each value is.

PyYAML's ``safe_load`` is wrong for editors' files: it keeps the last of two
duplicate keys silently, turns ``no`` into ``False``, and raises a bare
``ValueError`` without a location for ``2025-13-01``. So files are *composed*
into nodes (every node keeps its line and column) and never constructed: the
schema in :mod:`factcheck.content.schema` decides what each scalar means.

Refused here, each with its location: files that are not UTF-8, empty files,
YAML syntax errors, anchors and aliases, tags other than the plain ones,
non-scalar or duplicate keys, and a top-level value that is not a mapping.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from .limits import Limits
from .problems import Problem
from .yaml_syntax_errors import line_and_column, syntax_error_problem

try:  # The C parser is about 15 times faster; fall back where libyaml is missing.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader as _YamlReader
    from yaml.scanner import Scanner

    class _Parser(_YamlReader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream):
            _YamlReader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


class _Loader(_Parser, BaseResolver):
    """Parses and composes only: no implicit types, since the schema reads every scalar.

    Without implicit resolvers every plain scalar is a string node, so YAML 1.1
    guesses (``no`` as false, ``2025-13-01`` as a date) cannot even start, and
    composing skips a regular-expression match per value.
    """

    def __init__(self, stream):
        _Parser.__init__(self, stream)
        BaseResolver.__init__(self)


__all__ = [
    "YamlFile",
    "read_text",
    "read_yaml_file",
    "parse_yaml_text",
    "MappingNode",
    "ScalarNode",
]

# Tags that plain YAML gives values implicitly. Anything else (``!!python/...``,
# ``!!binary``, ``!custom``) was written on purpose and is refused.
_PLAIN_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


# An anchor is "&name" after white space or a flow indicator; prose rarely has
# one ("Q&A", "R & D" do not match). Aliases need no such guess: composing
# shares the anchored node, which the tree walk notices.
_MAY_HAVE_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s,\[\]{}]")


@dataclass(slots=True)
class YamlFile:
    """A parsed file: its project-relative path, text and top-level mapping."""

    path: str
    text: str
    root: MappingNode


def read_text(file: Path, rel_path: str, problems: list[Problem], limits: Limits) -> str | None:
    """A content file's text, or None with a problem: unreadable, too large, not UTF-8."""
    try:
        data = file.read_bytes()
    except OSError as error:
        problems.append(Problem(rel_path, 1, 1, "", f"cannot read the file: {error.strerror}"))
        return None
    if len(data) > limits.max_file_bytes:
        problems.append(
            Problem(
                rel_path,
                1,
                1,
                "",
                f"the file is {len(data):,} bytes, over the limit of "
                f"{limits.max_file_bytes:,}: split it into smaller files",
            )
        )
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8")
        line, col = line_and_column(good, len(good))
        problems.append(
            Problem(
                rel_path,
                line,
                col,
                "",
                f"the file is not UTF-8 (byte 0x{data[error.start]:02x}): "
                "save it with UTF-8 encoding",
            )
        )
        return None


def read_yaml_file(
    file: Path, rel_path: str, problems: list[Problem], limits: Limits
) -> YamlFile | None:
    """Read and parse one file; on failure add problems and return None."""
    text = read_text(file, rel_path, problems, limits)
    if text is None:
        return None
    return parse_yaml_text(text, rel_path, problems, limits)


def _compose(text: str) -> Node | None:
    """yaml.compose with our loader (PyYAML's stubs list only its own loader classes)."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _events(text: str) -> Iterator[yaml.Event]:
    """yaml.parse with our loader, for the same reason."""
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if event is not None:  # check_event() promised one; the stubs cannot say so
                yield event
    finally:
        loader.dispose()


def parse_yaml_text(
    text: str, rel_path: str, problems: list[Problem], limits: Limits
) -> YamlFile | None:
    """Parse a file's text; on failure add problems and return None."""
    if text.startswith("\ufeff"):
        text = text[1:]
    found = len(problems)
    _check_lines(text, rel_path, problems, limits)
    if len(problems) > found:
        return None
    if "&" in text and _MAY_HAVE_ANCHOR.search(text) and _report_anchors(text, rel_path, problems):
        return None
    try:
        root = _compose(text)
    except yaml.YAMLError as error:
        problems.append(syntax_error_problem(error, text, rel_path))
        return None
    if not _is_a_mapping(root, rel_path, problems):
        return None
    if not _check_tree(root, rel_path, problems, limits):
        # Too deep to walk safely, or an alias (reported with its place here).
        _report_anchors(text, rel_path, problems)
        return None
    return YamlFile(rel_path, text, root)


def _is_a_mapping(
    root: Node | None, rel_path: str, problems: list[Problem]
) -> TypeGuard[MappingNode]:
    """Whether the file holds fields; if not, a problem says what it holds instead."""
    if root is None or (isinstance(root, ScalarNode) and root.value.strip() == ""):
        problems.append(
            Problem(rel_path, 1, 1, "", "the file is empty: expected a mapping of fields")
        )
        return False
    if not isinstance(root, MappingNode):
        problems.append(
            Problem(
                rel_path,
                root.start_mark.line + 1,
                root.start_mark.column + 1,
                "",
                f"expected a mapping of fields (key: value) at the top of the file, "
                f"found {describe_node(root)}",
            )
        )
        return False
    return True


def describe_node(node: Node) -> str:
    """How an editor would name what they wrote: 'a list', 'the text ...'."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, ScalarNode) and node.value == "" and node.style is None:
        return "nothing"
    value = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    return f"{value!r}"


def _check_lines(text: str, rel_path: str, problems: list[Problem], limits: Limits) -> None:
    longest = max(map(len, text.split("\n"))) if len(text) > limits.max_line_chars else 0
    if longest <= limits.max_line_chars:
        return
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > limits.max_line_chars:
            problems.append(
                Problem(
                    rel_path,
                    number,
                    limits.max_line_chars + 1,
                    "",
                    f"the line is {len(line):,} characters long, over the limit of "
                    f"{limits.max_line_chars:,}: break it (YAML block text with '>-' "
                    "folds lines)",
                )
            )
            return


def _report_anchors(text: str, rel_path: str, problems: list[Problem]) -> bool:
    """Refuse anchors (``&name``) and aliases (``*name``) with their location.

    Composed nodes do not say whether they came from an alias, so files that
    could contain one are scanned as events. Few files contain '&' or '*'.
    """
    found = False
    try:
        for event in _events(text):
            if isinstance(event, yaml.AliasEvent):
                what = f"alias '*{event.anchor}'"
            elif isinstance(event, yaml.NodeEvent) and event.anchor:
                what = f"anchor '&{event.anchor}'"
            else:
                continue
            mark = event.start_mark
            assert mark is not None, "the parser marks every event it reads"
            problems.append(
                Problem(
                    rel_path,
                    mark.line + 1,
                    mark.column + 1,
                    "",
                    f"YAML {what} is not allowed: write the value out in full",
                )
            )
            found = True
    except yaml.YAMLError:
        return found  # the syntax error is reported by compose
    return found


def _check_tree(root: MappingNode, rel_path: str, problems: list[Problem], limits: Limits) -> bool:
    """Refuse explicit tags, non-text and duplicate keys, and excessive nesting.

    Only excessive nesting makes the file unusable (False); after the other
    problems the schema still reads the file, so that every mistake in it is
    reported in one run. Nothing is ever constructed from a tag.
    """
    report = _Reporter(problems, rel_path)
    stack: list[tuple[Node, int, str]] = [(root, 1, "")]
    visited: set[int] = set()
    while stack:
        node, depth, path = stack.pop()
        if id(node) in visited:
            return False  # an alias: the same node twice; never walk it again
        visited.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            report(node, path, _tag_refused(node))
            continue
        if depth > limits.max_depth:
            report(node, path, f"values are nested more than {limits.max_depth} levels deep")
            return False
        if isinstance(node, MappingNode):
            stack.extend(_mapping_children(node, depth, path, report))
        elif isinstance(node, SequenceNode):
            stack.extend(_sequence_children(node, depth, path, report, limits))
    return True


def _mapping_children(
    node: MappingNode, depth: int, path: str, report: _Reporter
) -> list[tuple[Node, int, str]]:
    """The values to walk next, after refusing keys that are not plain, distinct names."""
    children = []
    seen: dict[str, ScalarNode] = {}
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            report(key, path, "a key must be a plain name, not a list or mapping")
            continue
        name = shown_key(key.value)
        child = f"{path}.{name}" if path else name
        if key.tag not in _PLAIN_TAGS:
            report(key, child, _tag_refused(key))
            continue
        first = seen.setdefault(key.value, key)
        if first is not key:
            report(
                key,
                child,
                f"duplicate key '{name}' (first defined at line {first.start_mark.line + 1})",
            )
        children.append((value, depth + 1, child))
    return children


def _sequence_children(
    node: SequenceNode, depth: int, path: str, report: _Reporter, limits: Limits
) -> list[tuple[Node, int, str]]:
    """The items to walk next, or none when the list is over the limit."""
    if len(node.value) > limits.max_list_items:
        report(
            node,
            path,
            f"the list has {len(node.value):,} items, over the limit of {limits.max_list_items:,}",
        )
        return []
    return [(item, depth + 1, f"{path}[{i}]") for i, item in enumerate(node.value)]


def shown_key(key: str) -> str:
    """A key as one line of a report: invisible and line-breaking characters escaped."""
    if not key:
        return '""'
    return key if key.isprintable() else key.encode("unicode_escape").decode("ascii")


def _tag_refused(node: Node) -> str:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
    return f"YAML tag '{tag}' is not allowed: remove it"


@dataclass(slots=True)
class _Reporter:
    """Adds a problem placed at a node of one file."""

    problems: list[Problem]
    rel_path: str

    def __call__(self, node: Node, field: str, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.rel_path, mark.line + 1, mark.column + 1, field, message))
