"""The metadata header of Markdown explainers and pages, with positions.

Python-Markdown's ``meta`` extension (which Pelican uses) forgets where each
value was written. This reads the same syntax -- ``Key: value`` lines,
continuation lines indented by four spaces, an optional ``---`` fence, ending
at the first blank line -- into synthetic YAML nodes that carry line and
column, so explainers and pages are validated by the same models and produce
the same located messages as fact sheets. Pelican's reader in this plugin uses
this parser too, so both see the same metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yaml import Mark
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import Problem

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")
UPDATE_RE = re.compile(r"(?P<date>\S+)\s+(?P<kind>[A-Za-z-]+):\s*(?P<text>.*)")
# A line starts a new entry if it begins like a date or names an update kind;
# other lines continue the previous entry's text.
UPDATE_START_RE = re.compile(r"\d{4}-\d|[^:]*\b(?:update|correction|clarification|retraction):")

# Header keys whose values are lists written on one line, comma-separated.
COMMA_LISTS = frozenset({"people", "sources"})


@dataclass(slots=True)
class MarkdownDocument:
    header: MappingNode
    body: ScalarNode  # the Markdown after the header, positioned in the file
    text: str


@dataclass(slots=True)
class _Value:
    """One piece of a header value: its text and where it starts."""

    text: str
    index: int
    line: int  # 0-based, as in YAML marks
    col: int


def _mark(v: _Value) -> Mark:
    return Mark("", v.index, v.line, v.col, None, 0)


def _scalar(v: _Value) -> ScalarNode:
    end = Mark("", v.index + len(v.text), v.line, v.col + len(v.text), None, 0)
    return ScalarNode(_STR, v.text, _mark(v), end)


def parse_markdown_document(text: str, rel_path: str, problems: list[Problem]) -> MarkdownDocument:
    """Split a Markdown file into its header (as nodes) and its body."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    entries, index, number = _header_entries(lines)
    start = min(index, len(text))
    body_mark = Mark("", start, number, 0, None, 0)
    body = ScalarNode(_STR, text[start:], body_mark, Mark("", len(text), len(lines), 0, None, 0))
    return MarkdownDocument(_header_node(entries, rel_path, problems), body, text)


_Entry = tuple[_Value, list[_Value]]  # a key and the pieces of its value


def _header_entries(lines: list[str]) -> tuple[list[_Entry], int, int]:
    """The header's entries, and the character index and line number where the body starts."""
    entries: list[_Entry] = []
    index = 0
    number = 0
    if lines and BEGIN_RE.match(lines[0]):
        index = len(lines[0]) + 1
        number = 1
    while number < len(lines):
        line = lines[number]
        if not line.strip() or (number > 0 and END_RE.match(line)):
            if line.strip():  # the closing fence belongs to the header
                index += len(line) + 1
                number += 1
            break
        if not _read_header_line(line, index, number, entries):
            break  # not metadata: the body starts here, as in Python-Markdown
        index += len(line) + 1
        number += 1
    return entries, index, number


def _read_header_line(line: str, index: int, number: int, entries: list[_Entry]) -> bool:
    """Add a ``Key: value`` line or a continuation line to `entries`; False for neither."""
    meta = META_RE.match(line)
    if meta:
        key = _Value(meta.group("key"), index + meta.start("key"), number, meta.start("key"))
        value = meta.group("value").rstrip()
        pieces = (
            [_Value(value, index + meta.start("value"), number, meta.start("value"))]
            if value
            else []
        )
        entries.append((key, pieces))
        return True
    more = META_MORE_RE.match(line)
    if more and entries:
        entries[-1][1].append(
            _Value(
                more.group("value").rstrip(),
                index + more.start("value"),
                number,
                more.start("value"),
            )
        )
        return True
    return False


def _header_node(entries: list[_Entry], rel_path: str, problems: list[Problem]) -> MappingNode:
    """The header as a mapping with lower-case keys; a key given twice is a problem."""
    header_mark = Mark("", 0, 0, 0, None, 0)
    pairs = []
    seen: dict[str, _Value] = {}
    for key, pieces in entries:
        name = key.text.lower()
        if name in seen:
            problems.append(
                Problem(
                    rel_path,
                    key.line + 1,
                    key.col + 1,
                    name,
                    f"duplicate key '{key.text}' (first defined at line {seen[name].line + 1})",
                )
            )
            continue
        seen[name] = key
        pairs.append((_scalar(_lower(key)), _header_value(key, pieces, rel_path, problems)))
    return MappingNode(_MAP, pairs, header_mark, header_mark)


def _lower(key: _Value) -> _Value:
    return _Value(key.text.lower(), key.index, key.line, key.col)


def _header_value(key: _Value, pieces: list[_Value], rel_path: str, problems: list[Problem]):
    name = key.text.lower()
    if name == "updates":
        return _updates(key, pieces, rel_path, problems)
    if name in COMMA_LISTS:
        return SequenceNode(_SEQ, _comma_list_items(pieces), _mark(key), _mark(key))
    if not pieces:
        return _scalar(
            _Value("", key.index + len(key.text) + 1, key.line, key.col + len(key.text) + 1)
        )
    first = pieces[0]
    joined = " ".join(piece.text for piece in pieces)
    value = _scalar(_Value(joined, first.index, first.line, first.col))
    if len(pieces) > 1:  # keep the real end so that positions inside resolve
        last = pieces[-1]
        value.end_mark = Mark("", last.index + len(last.text), last.line, last.col, None, 0)
    return value


def _comma_list_items(pieces: list[_Value]) -> list[ScalarNode]:
    """``a, b`` as one item each, placed where each item starts."""
    items = []
    for piece in pieces:
        offset = 0
        for part in piece.text.split(","):
            stripped = part.strip()
            if stripped:
                lead = len(part) - len(part.lstrip())
                at = offset + lead
                items.append(
                    _scalar(_Value(stripped, piece.index + at, piece.line, piece.col + at))
                )
            offset += len(part) + 1
    return items


def _updates(key: _Value, pieces: list[_Value], rel_path: str, problems: list[Problem]):
    """``YYYY-MM-DD kind: text`` per line; a line not starting with a date continues the text."""
    entries: list[list[_Value]] = []
    for piece in pieces:
        if UPDATE_START_RE.match(piece.text) or not entries:
            entries.append([piece])
        else:
            entries[-1].append(piece)
    items: list[MappingNode] = []
    for group in entries:
        first = group[0]
        match = UPDATE_RE.fullmatch(first.text)
        if not match:
            problems.append(
                Problem(
                    rel_path,
                    first.line + 1,
                    first.col + 1,
                    f"updates[{len(items)}]",
                    f"expected 'YYYY-MM-DD kind: text', found {first.text!r}",
                )
            )
            continue
        text = " ".join([match.group("text")] + [p.text for p in group[1:]])
        fields = []
        for name in ("date", "kind", "text"):
            start = match.start(name)
            value = text if name == "text" else match.group(name)
            piece = _Value(value, first.index + start, first.line, first.col + start)
            fields.append(
                (_scalar(_Value(name, piece.index, piece.line, piece.col)), _scalar(piece))
            )
        items.append(MappingNode(_MAP, fields, _mark(first), _mark(first)))
    return SequenceNode(_SEQ, items, _mark(key), _mark(key))
