"""Caps on content size, so that one bad file cannot exhaust the build."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class Limits:
    """Each cap has a clear error when exceeded; override with FACTCHECK_LIMITS."""

    max_file_bytes: int = 1_000_000
    max_line_chars: int = 20_000
    max_depth: int = 8
    max_list_items: int = 2_000

    @classmethod
    def from_settings(cls, overrides: Mapping[str, int] | None) -> Limits:
        known = {f.name for f in fields(cls)}
        unknown = set(overrides or {}) - known
        if unknown:
            raise ValueError(f"unknown FACTCHECK_LIMITS keys: {', '.join(sorted(unknown))}")
        return cls(**(overrides or {}))
