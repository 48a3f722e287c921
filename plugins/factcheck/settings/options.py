"""The kinds of value a setting takes: each reads one value and reports every mistake in it.

In the manner of MkDocs' ``config_options``: a setting is declared with one of
these (:mod:`factcheck.settings.declarations`), reading never stops at the
first mistake, and every mistake names where inside the value it is, such as
``(2, "colour", "light")`` for ``FACTCHECK_RATINGS[2].colour.light``, so that
it can be located in the settings file.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

Where = tuple[str | int, ...]


class Key(str):
    """A step of `where` that names a mapping's key itself, not the value under it."""


class _Invalid:
    """What reading returns for a value with a mistake (already reported)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


class Mistakes:
    """Every mistake found while reading settings, as (where, message), in the order found."""

    def __init__(self) -> None:
        self.found: list[tuple[Where, str]] = []

    def add(self, where: Where, message: str) -> Any:
        self.found.append((where, message))
        return INVALID

    def __bool__(self) -> bool:
        return bool(self.found)


def did_you_mean(value: object, candidates: Iterable[str] | Mapping[str, str]) -> str:
    """' (did you mean 'x'?)' for the closest candidate, or ''.

    Candidates given as a mapping are compared by their keys and named by their values.
    """
    if not isinstance(value, str):
        return ""
    named = candidates if isinstance(candidates, Mapping) else {c: c for c in candidates}
    close = difflib.get_close_matches(value, list(named), n=1, cutoff=0.6)
    return f" (did you mean '{named[close[0]]}'?)" if close else ""


def shown(value: object) -> str:
    """A value as the settings file writes it, cut short: 'yes', 3, ['en']."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def one_of(values: Iterable[object]) -> str:
    """'a', 'b' or 'c', as a message lists the choices."""
    texts = [repr(v) for v in values]
    return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} or {texts[-1]}"


class Option:
    """One kind of value. `kind` names it in the guide's table of settings."""

    kind = "any value"

    def read(self, value: Any, where: Where, mistakes: Mistakes) -> Any:
        """The value converted for the typed settings, or INVALID once its mistakes are added."""
        return value


class Flag(Option):
    kind = "`True` or `False`"

    def read(self, value, where, mistakes):
        if isinstance(value, bool):
            return value
        return mistakes.add(where, f"must be True or False, not {shown(value)}")


class Integer(Option):
    def __init__(self, minimum: int | None = 1) -> None:
        self.minimum = minimum
        self.kind = "a whole number" + (f", at least {minimum}" if minimum is not None else "")

    def read(self, value, where, mistakes):
        if isinstance(value, bool) or not isinstance(value, int):
            return mistakes.add(where, f"must be a whole number, not {shown(value)}")
        if self.minimum is not None and value < self.minimum:
            return mistakes.add(where, f"must be at least {self.minimum}, not {value}")
        return value


class Text(Option):
    """A string; `pattern` (with an `example`) when it has a form, `required` when not empty."""

    def __init__(
        self,
        *,
        required: bool = False,
        pattern: str | None = None,
        example: str = "",
        kind: str = "text",
    ) -> None:
        self.required = required
        self.pattern = re.compile(pattern) if pattern else None
        self.example = example
        self.kind = kind

    def read(self, value, where, mistakes):
        if not isinstance(value, str):
            return mistakes.add(where, f"must be text, not {shown(value)}")
        if self.required and not value.strip():
            return mistakes.add(where, "must not be empty")
        if value and self.pattern and not self.pattern.fullmatch(value):
            return mistakes.add(where, f"{shown(value)} is not {self.kind} such as {self.example}")
        return value


class LanguageCode(Text):
    def __init__(self) -> None:
        super().__init__(
            required=True, pattern=r"[a-z]{2,3}", example="'en' or 'es'", kind="a language code"
        )


class Choice(Option):
    def __init__(self, *choices: str) -> None:
        self.choices = choices
        self.kind = one_of(f"`{c}`" for c in choices).replace("'", "")

    def read(self, value, where, mistakes):
        if value in self.choices:
            return value
        hint = did_you_mean(value, self.choices)
        return mistakes.add(where, f"must be {one_of(self.choices)}, not {shown(value)}{hint}")


class Url(Option):
    """An absolute http:// or https:// address, kept without a trailing slash."""

    def __init__(self, *, allow_empty: bool = False) -> None:
        self.allow_empty = allow_empty
        self.kind = "an `http://` or `https://` address" + (' or `""`' if allow_empty else "")

    def read(self, value, where, mistakes):
        if self.allow_empty and value == "":
            return value
        parts = urlsplit(value) if isinstance(value, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            return mistakes.add(
                where, f"must be an absolute http:// or https:// address, not {shown(value)}"
            )
        return value.rstrip("/")


class Folder(Option):
    kind = "a folder"

    def read(self, value, where, mistakes):
        if not isinstance(value, (str, os.PathLike)) or not str(value):
            return mistakes.add(where, f"must be a folder's path, not {shown(value)}")
        return Path(value).resolve()


class SitePath(Option):
    """A file's path inside the output folder, such as 'CNAME' or '.well-known/x.txt'."""

    kind = "a path inside the site"

    def read(self, value, where, mistakes):
        if not isinstance(value, str) or not value:
            return mistakes.add(where, f"must be a file's path, not {shown(value)}")
        parts = value.split("/")
        if value.startswith("/") or "\\" in value or any(p in ("", ".", "..") for p in parts):
            return mistakes.add(
                where, f"{shown(value)} must be a path inside the site, such as 'CNAME'"
            )
        return value


class Optional(Option):
    """`None`, or a value of the inner kind."""

    def __init__(self, inner: Option) -> None:
        self.inner = inner
        self.kind = f"`None` or {inner.kind}"

    def read(self, value, where, mistakes):
        return None if value is None else self.inner.read(value, where, mistakes)


class ListOf(Option):
    """A list (or tuple) of values of one kind, read into a tuple."""

    def __init__(self, item: Option, *, unique: bool = False, kind: str = "") -> None:
        self.item = item
        self.unique = unique
        self.kind = kind or f"a list of {item.kind}"

    def read(self, value, where, mistakes):
        if not isinstance(value, (list, tuple)):
            return mistakes.add(where, f"must be a list, not {shown(value)}")
        items = []
        for number, entry in enumerate(value):
            item = self.item.read(entry, (*where, number), mistakes)
            if self.unique and item is not INVALID and item in items:
                mistakes.add((*where, number), f"{shown(item)} is listed twice")
            items.append(item)
        return INVALID if INVALID in items else tuple(items)


class MappingOf(Option):
    """A dict whose keys and values are each of one kind."""

    def __init__(self, keys: Option, values: Option, *, kind: str = "") -> None:
        self.keys = keys
        self.values = values
        self.kind = kind or f"a mapping of {keys.kind} to {values.kind}"

    def read(self, value, where, mistakes):
        if not isinstance(value, Mapping):
            return mistakes.add(where, f"must be a mapping {{...}}, not {shown(value)}")
        result = {}
        for key, item in value.items():
            name = self.keys.read(
                key, (*where, Key(key) if isinstance(key, str) else key), mistakes
            )
            result[name] = self.values.read(item, (*where, key), mistakes)
        ok = INVALID not in result and INVALID not in result.values()
        return result if ok else INVALID


class Record(Option):
    """A dict with named fields: each known, the required ones present."""

    def __init__(
        self,
        fields: Mapping[str, Option],
        *,
        required: Iterable[str] = (),
        kind: str = "a mapping",
        build: Callable[[dict[str, Any]], Any] = dict,
    ) -> None:
        self.fields = dict(fields)
        self.required = tuple(required)
        self.kind = kind
        self.build = build

    def read(self, value, where, mistakes):
        if not isinstance(value, Mapping):
            return mistakes.add(where, f"must be a mapping {{...}}, not {shown(value)}")
        before = len(mistakes.found)
        result = {}
        for name, item in value.items():
            spec = self.fields.get(name)
            if spec is None:
                hint = (
                    did_you_mean(name, list(self.fields))
                    or f" (expected one of: {', '.join(self.fields)})"
                )
                step = Key(name) if isinstance(name, str) else name
                mistakes.add((*where, step), f"unknown field {shown(name)}{hint}")
                continue
            result[name] = spec.read(item, (*where, name), mistakes)
        for name in self.required:
            if name not in value:
                mistakes.add((*where, name), "required field is missing")
        return INVALID if len(mistakes.found) > before else self.build(result)
