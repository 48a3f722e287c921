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
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from .limits import Limits
from .problems import Problem

try:  # The C parser is about 15 times faster; fall back where libyaml is missing.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader as _YamlReader
    from yaml.scanner import Scanner

    class _Parser(_YamlReader, Scanner, Parser, Composer):
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

    def position(self, index: int) -> tuple[int, int]:
        """1-based line and column of a character index into the text."""
        line = self.text.count("\n", 0, index) + 1
        col = index - (self.text.rfind("\n", 0, index) + 1) + 1
        return line, col


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
        line = good.count("\n") + 1
        col = len(good) - (good.rfind("\n") + 1) + 1
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


def parse_yaml_text(
    text: str, rel_path: str, problems: list[Problem], limits: Limits
) -> YamlFile | None:
    if text.startswith("\ufeff"):
        text = text[1:]
    found = len(problems)
    _check_lines(text, rel_path, problems, limits)
    if len(problems) > found:
        return None
    if "&" in text and _MAY_HAVE_ANCHOR.search(text) and _report_anchors(text, rel_path, problems):
        return None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        line, col, message = explain_syntax_error(error, text)
        problems.append(Problem(rel_path, line, col, "", f"YAML syntax error: {message}"))
        return None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        # Its text names PyYAML's input ("<unicode string>") on a second line,
        # and it has no mark: place it at its position in the file instead.
        position = min(error.position, len(text))
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        message = f"unacceptable character #x{error.character:04x}: {error.reason}"
        problems.append(Problem(rel_path, line, col, "", f"YAML syntax error: {message}"))
        return None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(str(error).split())  # one line, as every problem is shown
        problems.append(Problem(rel_path, line, col, "", f"YAML syntax error: {message}"))
        return None
    if root is None or (isinstance(root, ScalarNode) and root.value.strip() == ""):
        problems.append(
            Problem(rel_path, 1, 1, "", "the file is empty: expected a mapping of fields")
        )
        return None
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
        return None
    if not _check_tree(root, rel_path, problems, limits):
        # Too deep to walk safely, or an alias (reported with its place here).
        _report_anchors(text, rel_path, problems)
        return None
    return YamlFile(rel_path, text, root)


def explain_syntax_error(error: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """The 1-based line and column of a YAML syntax error, and what it means in plain words.

    PyYAML speaks of "mapping values" and "block scalars"; editors wrote a
    colon in a sentence or text on the line of a ``>-``. Each common mistake
    is named with its fix, placed where the editor has to look (the opening
    bracket or quote, not the end of the file), and the line is shown as
    written. Rarer errors keep PyYAML's words.
    """
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    explanation = None
    for pattern, wanted_context, use_context_mark, plain in _PLAIN_SYNTAX_ERRORS:
        if problem.startswith(pattern) and wanted_context in context:
            if use_context_mark and error.context_mark is not None:
                mark = error.context_mark
            explanation = plain
            break
    if explanation is None and problem == "found character that cannot start any token":
        character = text[mark.index] if mark and mark.index < len(text) else ""
        if character == "\t":
            explanation = "a tab character: indent with spaces only"
        else:
            explanation = f"a value cannot start with {character!r}: put the whole value in quotes"
    if explanation is None:
        explanation = f"{problem} ({context})" if problem and context else problem or context
        explanation = explanation or "the file is not valid YAML"
    if mark is None:
        return 1, 1, explanation
    lines = text.split("\n")
    shown = lines[mark.line].strip() if mark.line < len(lines) else ""
    if len(shown) > 60:
        shown = shown[:57] + "..."
    where = f" (line {mark.line + 1} reads {shown!r})" if shown else ""
    return mark.line + 1, mark.column + 1, explanation + where


# PyYAML's problem (its start), a word its context must contain, whether the
# error belongs where the construct opened, and the plain explanation.
_PLAIN_SYNTAX_ERRORS = [
    (
        "mapping values are not allowed",
        "",
        False,
        "a ': ' inside a value: put text that contains ': ' in quotes, "
        "or line the field up with the fields above",
    ),
    (
        "did not find expected comment or line break",
        "block scalar",
        True,
        "text after '>-' or '|' must start on the next line, indented",
    ),
    (
        "did not find expected ',' or ']'",
        "",
        True,
        "a list opened with '[' is not closed with ']': close it, "
        "and put an item that contains ',' or ']' in quotes",
    ),
    (
        "did not find expected ',' or '}'",
        "",
        True,
        "a mapping opened with '{' is not closed with '}': close it, "
        "and put a value that contains ',' or '}' in quotes",
    ),
    (
        "found unexpected end of stream",
        "quoted scalar",
        True,
        "a quotation mark opened here is never closed",
    ),
    (
        "found unknown escape character",
        "",
        False,
        "a backslash inside double quotes: use single quotes, or write \\\\",
    ),
    (
        "could not find expected ':'",
        "",
        True,
        "a line without 'field: value': indent it to continue the text above, "
        "or add the field's name",
    ),
    (
        "did not find expected key",
        "",
        False,
        "unexpected text after a value: quote all of a value that starts with a quotation "
        "mark, and line each field up with the fields above",
    ),
    (
        "block sequence entries are not allowed",
        "",
        False,
        "a list item ('- ') cannot follow a field on its line: "
        "start the list on the next line, indented",
    ),
    (
        "did not find expected '-' indicator",
        "",
        False,
        "this line interrupts a list: start every item with '- ', all at the same indentation",
    ),
    ("found undefined alias", "", False, "a value cannot start with '*': put it in quotes"),
    (
        "but found another document",
        "",
        False,
        "a line '---' starts a second document, and a file holds one: remove the line",
    ),
]


def describe_node(node: Node) -> str:
    """How an editor would name what they wrote: 'a list', 'the text ...'."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.value == "" and node.style is None:
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
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                what = f"alias '*{event.anchor}'"
            elif getattr(event, "anchor", None):
                what = f"anchor '&{event.anchor}'"
            else:
                continue
            mark = event.start_mark
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
    stack: list[tuple[Node, int, str]] = [(root, 1, "")]
    visited: set[int] = set()
    while stack:
        node, depth, path = stack.pop()
        if id(node) in visited:
            return False  # an alias: the same node twice; never walk it again
        visited.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            _add(
                problems,
                rel_path,
                node,
                path,
                f"YAML tag '{_shown_tag(node.tag)}' is not allowed: remove it",
            )
            continue
        if depth > limits.max_depth:
            _add(
                problems,
                rel_path,
                node,
                path,
                f"values are nested more than {limits.max_depth} levels deep",
            )
            return False
        if isinstance(node, MappingNode):
            seen: dict[str, ScalarNode] = {}
            for key, value in node.value:
                if not isinstance(key, ScalarNode):
                    _add(
                        problems,
                        rel_path,
                        key,
                        path,
                        "a key must be a plain name, not a list or mapping",
                    )
                    continue
                name = shown_key(key.value)
                child = f"{path}.{name}" if path else name
                if key.tag not in _PLAIN_TAGS:
                    _add(
                        problems,
                        rel_path,
                        key,
                        child,
                        f"YAML tag '{_shown_tag(key.tag)}' is not allowed: remove it",
                    )
                    continue
                first = seen.get(key.value)
                if first is not None:
                    _add(
                        problems,
                        rel_path,
                        key,
                        child,
                        f"duplicate key '{shown_key(key.value)}' (first defined at line "
                        f"{first.start_mark.line + 1})",
                    )
                else:
                    seen[key.value] = key
                stack.append((value, depth + 1, child))
        elif isinstance(node, SequenceNode):
            if len(node.value) > limits.max_list_items:
                _add(
                    problems,
                    rel_path,
                    node,
                    path,
                    f"the list has {len(node.value):,} items, over the limit of "
                    f"{limits.max_list_items:,}",
                )
                continue
            stack.extend((item, depth + 1, f"{path}[{i}]") for i, item in enumerate(node.value))
    return True


def shown_key(key: str) -> str:
    """A key as one line of a report: invisible and line-breaking characters escaped."""
    if not key:
        return '""'
    return key if key.isprintable() else key.encode("unicode_escape").decode("ascii")


def _shown_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


def _add(problems: list[Problem], rel_path: str, node: Node, field: str, message: str) -> None:
    mark = node.start_mark
    problems.append(Problem(rel_path, mark.line + 1, mark.column + 1, field, message))
