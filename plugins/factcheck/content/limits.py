"""Caps on content size, so that one bad file cannot exhaust the build."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Each cap has a clear error when exceeded; override with FACTCHECK_LIMITS."""

    max_file_bytes: int = 1_000_000
    max_line_chars: int = 20_000
    max_depth: int = 8
    max_list_items: int = 2_000
