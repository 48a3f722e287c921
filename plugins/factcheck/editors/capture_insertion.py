"""A capture written into a source's YAML file: two lines added, nothing else touched.

The capture's address and day go in as ``archive_url:`` and ``archived:``,
right after the source's last line among url, date and accessed, indented
like its other fields. Comments and layout stay as editors left them: the
file is never re-dumped, and the new text is read back before it is kept.
"""

from __future__ import annotations

import sys

from ..content.limits import Limits
from ..content.problems import Problem
from ..content.yamlfile import MappingNode, ScalarNode, YamlFile, parse_yaml_text
from .wayback import ArchiveError, Capture

# Fields after which the two new lines go, the last one present in the file.
ANCHOR_FIELDS = ("url", "date", "accessed")
# A file the archive writes into was already read by the loader, within limits.
_NO_LIMITS = Limits(
    max_file_bytes=sys.maxsize,
    max_line_chars=sys.maxsize,
    max_depth=sys.maxsize,
    max_list_items=sys.maxsize,
)


def insert_capture(text: str, source_id: str, capture: Capture, path: str = "") -> str:
    """The file's text with `archive_url` and `archived` added to one source."""
    problems: list[Problem] = []
    parsed = parse_yaml_text(text, path, problems, _NO_LIMITS)
    if parsed is None:
        raise ArchiveError(f"cannot read the file: {problems[0].message if problems else ''}")
    key, value = _anchor_field(_source_fields(parsed, source_id))
    lines = text.splitlines(keepends=True)
    last = _last_line(value, lines)
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    indent = " " * key.start_mark.column
    added = [
        f"{indent}archive_url: {capture.url}{newline}",
        f"{indent}archived: {capture.day}{newline}",
    ]
    if not lines[last].endswith("\n"):
        lines[last] += newline
    result = "".join(lines[: last + 1] + added + lines[last + 1 :])
    _check_inserted(result, source_id, capture, path)
    return result


def _source_fields(parsed: YamlFile, source_id: str) -> dict:
    """The source's fields by name, as (key node, value node); refused if it cannot take two lines."""
    node = next((value for key, value in parsed.root.value if key.value == source_id), None)
    if not isinstance(node, MappingNode) or node.flow_style:
        raise ArchiveError("the source is not written as indented fields: add archive_url by hand")
    fields = {key.value: (key, value) for key, value in node.value if isinstance(key, ScalarNode)}
    if "archive_url" in fields or "archived" in fields:
        raise ArchiveError("the source already has archive_url or archived")
    return fields


def _anchor_field(fields: dict) -> tuple:
    """The field that ends last among ANCHOR_FIELDS: the new lines go after it."""
    anchors = [fields[name] for name in ANCHOR_FIELDS if name in fields]
    if not anchors:
        raise ArchiveError("the source has no url")
    return max(anchors, key=lambda pair: pair[1].end_mark.index)


def _last_line(value, lines: list[str]) -> int:
    """The 0-based number of the value's last line of text."""
    last = value.end_mark.line if value.end_mark.column > 0 else value.end_mark.line - 1
    # A block scalar's end can lie past the blank and comment lines after it.
    while last > value.start_mark.line and lines[last].strip()[:1] in ("", "#"):
        last -= 1
    return last


def _check_inserted(text: str, source_id: str, capture: Capture, path: str) -> None:
    """Read the new text back: the source must now hold exactly the capture."""
    problems: list[Problem] = []
    parsed = parse_yaml_text(text, path, problems, _NO_LIMITS)
    node = parsed and next((v for k, v in parsed.root.value if k.value == source_id), None)
    values = {k.value: v.value for k, v in node.value} if isinstance(node, MappingNode) else {}
    if (values.get("archive_url"), values.get("archived")) != (capture.url, capture.day):
        raise ArchiveError(f"writing {capture.url} would not read back as written: add it by hand")
