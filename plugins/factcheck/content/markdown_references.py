"""Citations and links in Markdown text: what they name, and which addresses are refused.

A citation ``[@id]`` names a source; a ``{filename}`` link names a content
file; both are recorded as references for :mod:`factcheck.content.validate`.
Any other link must be a full http or https address.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from urllib.parse import urlsplit

from yaml.nodes import Node

from .problems import Problem
from .reading import Reader, Reference

# Citations: [@id] or [@id; @other]. Checked loosely here so that a malformed id
# is reported rather than silently left as text.
# Ids exclude "[" and "@" so that a run of "[@[@[@" fails fast instead of
# rescanning the rest of the text from every position.
CITATION_RE = re.compile(r"\[@([^\]\s;\[@]*)((?:;\s*@[^\]\s;\[@]*)*)\]")
# Markdown inline links and images: [text](target) and ![alt](target).
# Targets stop at "]" and autolinks at "<" for the same reason (linear time).
LINK_RE = re.compile(r"\]\(\s*<?([^)\s>\]]+)>?(?:\s+\"[^\"]*\")?\s*\)")
AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")
BACKTICKS_RE = re.compile(r"`+")


def outside_code(text: str) -> str:
    """The text with its code spans blanked out, at the same length.

    Markdown shows a code span as written, so a citation or a link inside one
    is neither cited nor linked, and the check must not count it. A span runs
    from a run of backticks to the next run of the same length; runs are
    paired in one pass, so backticks that never close cost no rescanning.
    """
    runs = [(m.start(), m.end()) for m in BACKTICKS_RE.finditer(text)]
    if len(runs) < 2:
        return text
    by_length: defaultdict[int, list[int]] = defaultdict(list)
    for index, (start, end) in enumerate(runs):
        by_length[end - start].append(index)
    blanked = list(text)
    index = 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        after = bisect_right(same, index)
        if after == len(same):
            index += 1
            continue
        closing = same[after]
        span_end = runs[closing][1]
        blanked[start:span_end] = " " * (span_end - start)
        index = closing + 1
    return "".join(blanked)


def collect_citations(value: str, node: Node, where: str, r: Reader, *, allowed: bool) -> None:
    """Record each cited source, or refuse citations where they are not `allowed`."""
    start = 0
    for match in CITATION_RE.finditer(outside_code(value)):
        line, col, start = r.position_in(node, match.group(0), start)
        if not allowed:
            r.problems.append(
                Problem(
                    r.path,
                    line,
                    col,
                    where,
                    f"citation {match.group(0)} is not allowed here: cite sources "
                    "in the analysis or list them under 'sources'",
                )
            )
            continue
        for key in citation_keys(match):
            r.references.append(
                Reference("source", key, r.path, line, col, where, f"citation {match.group(0)}")
            )


def citation_keys(match: re.Match[str]) -> list[str]:
    keys = [match.group(1)]
    if match.group(2):
        keys += [k.strip().lstrip("@") for k in match.group(2).split(";") if k.strip()]
    return keys


def collect_links(value: str, node: Node, where: str, r: Reader) -> None:
    """Record {filename} links for resolution and refuse non-http(s) addresses."""
    start = 0
    text = outside_code(value)
    targets = [m.group(1) for m in LINK_RE.finditer(text)]
    targets += [m.group(1) for m in AUTOLINK_RE.finditer(text)]
    for target in targets:
        line, col, start = r.position_in(node, target, start)
        if target.startswith(("{filename}", "{static}")):
            r.references.append(Reference("file", target, r.path, line, col, where, target))
            continue
        problem = check_link_target(target)
        if problem:
            r.problems.append(Problem(r.path, line, col, where, problem))


def check_link_target(target: str) -> str | None:
    """Why a link target in Markdown is refused, or None if it is acceptable."""
    scheme = urlsplit(target).scheme.lower() if ":" in target else ""
    if scheme in ("http", "https"):
        return check_url(target)
    if scheme:
        return f"only http and https links are allowed, found {target!r}"
    if target.startswith("#"):
        return None
    return (
        f"link to {target!r}: link to pages of the site with "
        "{filename}/people/<slug>.yaml (or claims/, explainers/, pages/) and elsewhere with https://"
    )


def check_url(value: str) -> str | None:
    try:
        parts = urlsplit(value)
    except ValueError:
        return f"{value!r} is not a valid address"
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme:
            return f"{value!r} is not a full address: start it with https://"
        return f"only http and https addresses are allowed, found {value!r}"
    if not parts.netloc or any(c.isspace() for c in value):
        return f"{value!r} is not a valid address"
    return None
