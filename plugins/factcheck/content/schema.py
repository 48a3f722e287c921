"""Declarative field types: each knows how to read one YAML node.

Content types in :mod:`factcheck.content.models` are declared as classes whose
attributes are these fields, in the spirit of MkDocs' config options. Parsing a
node tree against a model collects every problem with its file, line, column
and field path, and records every reference (to a person, source, rating...)
for the cross-reference pass in :mod:`factcheck.content.validate`.

Scalars are interpreted here, by the field that expects them, never by YAML's
implicit resolvers: ``no`` is the text "no" in a text field and an error in a
true/false field.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .dates import PartialDate, latest_today, parse_date
from .problems import Problem, Severity
from .yamlfile import describe_node, shown_key

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Citations: [@id] or [@id; @other]. Checked loosely here so that a malformed id
# is reported rather than silently left as text.
# Ids exclude "[" and "@" so that a run of "[@[@[@" fails fast instead of
# rescanning the rest of the text from every position.
CITATION_RE = re.compile(r"\[@([^\]\s;\[@]*)((?:;\s*@[^\]\s;\[@]*)*)\]")
# Markdown inline links and images: [text](target) and ![alt](target).
# Targets stop at "]" and autolinks at "<" for the same reason (linear time).
LINK_RE = re.compile(r"\]\(\s*<?([^)\s>\]]+)>?(?:\s+\"[^\"]*\")?\s*\)")
AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*)>")
# Characters that reorder text invisibly (the "Trojan Source" family).
BIDI_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")

INVALID: Any = object()  # a value that could not be read; its problem is already reported


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
        self, node: Node, field: str, message: str, severity=Severity.ERROR, code: str = ""
    ) -> Any:
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


def did_you_mean(value: str, candidates) -> str:
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def join_path(parent: str, name: str) -> str:
    return f"{parent}.{name}" if parent else name


class Field:
    """One key of a model: its documentation and how to read its value."""

    type_name = "value"

    def __init__(self, *, required: bool = False, default: Any = None, doc: str = "") -> None:
        self.required = required
        self.default = default
        self.doc = doc
        self.name = ""  # set by Model.__init_subclass__

    def parse(self, node: Node, where: str, r: Reader) -> Any:
        raise NotImplementedError


class _ScalarField(Field):
    def scalar(self, node: Node, where: str, r: Reader) -> str | Any:
        if not isinstance(node, ScalarNode):
            return r.error(node, where, f"expected {self.type_name}, found {describe_node(node)}")
        return node.value

    def parse(self, node: Node, where: str, r: Reader) -> Any:
        value = self.scalar(node, where, r)
        if value is INVALID:
            return value
        return self.convert(value, node, where, r)

    def convert(self, value: str, node: ScalarNode, where: str, r: Reader) -> Any:
        return value


class Text(_ScalarField):
    """Plain text: shown escaped, never interpreted as HTML or Markdown."""

    type_name = "text"

    def convert(self, value, node, where, r):
        if not value.strip():
            return r.error(node, where, "must not be empty")
        bidi = BIDI_CONTROLS_RE.search(value)
        if bidi:
            return r.error(
                node,
                where,
                f"contains the invisible direction control U+{ord(bidi.group()):04X}, "
                "which can disguise text: remove it",
            )
        return value.strip()


class Markdown(Text):
    """Markdown text, rendered and sanitized; ``inline`` allows no blocks."""

    type_name = "text"

    def __init__(self, *, inline: bool = False, citations: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.inline = inline
        self.citations = citations

    def convert(self, value, node, where, r):
        value = super().convert(value, node, where, r)
        if value is INVALID:
            return value
        if "[@" in value:
            self.collect_citations(value, node, where, r)
        if "](" in value or "<" in value:
            collect_links(value, node, where, r)
        return value

    def collect_citations(self, value: str, node: Node, where: str, r: Reader) -> None:
        start = 0
        for match in CITATION_RE.finditer(value):
            line, col, start = r.position_in(node, match.group(0), start)
            if not self.citations:
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


def citation_keys(match: re.Match) -> list[str]:
    keys = [match.group(1)]
    if match.group(2):
        keys += [k.strip().lstrip("@") for k in match.group(2).split(";") if k.strip()]
    return keys


def collect_links(value: str, node: Node, where: str, r: Reader) -> None:
    """Record {filename} links for resolution and refuse non-http(s) addresses."""
    start = 0
    targets = [m.group(1) for m in LINK_RE.finditer(value)]
    targets += [m.group(1) for m in AUTOLINK_RE.finditer(value)]
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


class Url(_ScalarField):
    type_name = "an address"

    def convert(self, value, node, where, r):
        problem = check_url(value.strip())
        return r.error(node, where, problem) if problem else value.strip()


class Date(_ScalarField):
    type_name = "a date"

    def __init__(self, *, partial: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.partial = partial

    def convert(self, value, node, where, r):
        text = value.strip()
        parsed = parse_date(text, allow_partial=self.partial)
        if isinstance(parsed, str):
            if not self.partial and isinstance(parse_date(text, allow_partial=True), PartialDate):
                parsed += " (a month or a year alone is allowed only in timelines and claim dates)"
            return r.error(node, where, parsed)
        if parsed > latest_today():
            return r.error(
                node, where, f"{text!r} is in the future: a date records what has already happened"
            )
        return parsed


class Bool(_ScalarField):
    type_name = "true or false"

    def convert(self, value, node, where, r):
        if value in ("true", "false"):
            return value == "true"
        return r.error(node, where, f"expected true or false, found {value!r}")


class Choice(_ScalarField):
    type_name = "a word"

    def __init__(self, *choices: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.choices = choices

    def convert(self, value, node, where, r):
        if value in self.choices:
            return value
        return r.error(
            node,
            where,
            f"{value!r} is not one of: {', '.join(self.choices)}{did_you_mean(value, self.choices)}",
        )


class Slug(_ScalarField):
    type_name = "a slug"

    def convert(self, value, node, where, r):
        if SLUG_RE.fullmatch(value):
            return value
        return r.error(node, where, slug_problem(value))


def slug_problem(value: str) -> str:
    suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    hint = f" (did you mean '{suggestion}'?)" if suggestion and suggestion != value else ""
    return (
        f"{value!r} is not a valid slug (the name used in file names and web addresses): "
        f"use lower-case ASCII letters, digits and hyphens{hint}"
    )


class Ref(Slug):
    """A slug naming a person, claim, source or rating; resolved after loading."""

    def __init__(self, kind: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.kind = kind
        self.type_name = f"a {kind} id"

    def convert(self, value, node, where, r):
        value = super().convert(value, node, where, r)
        if value is not INVALID:
            r.refer(self.kind, value, node, where)
        return value


class RatingRef(_ScalarField):
    """A key of the rating scale, resolved after loading.

    Not read as a slug: ``Mostly False`` is the label of a rating, and the
    resolver suggests its key instead of explaining what a slug is.
    """

    type_name = "a rating"

    def convert(self, value, node, where, r):
        if not value.strip():
            return r.error(node, where, "must not be empty")
        r.refer("rating", value, node, where)
        return value


class ListOf(Field):
    type_name = "a list"

    def __init__(self, item: Field, *, min_items: int = 0, empty_message: str = "", **kwargs):
        kwargs.setdefault("default", ())
        super().__init__(**kwargs)
        self.item = item
        self.min_items = min_items
        self.empty_message = empty_message or f"at least {min_items} item(s) required"

    def parse(self, node, where, r):
        if isinstance(node, ScalarNode) and node.value == "" and node.style is None:
            items: list = []
        elif not isinstance(node, SequenceNode):
            return r.error(node, where, f"expected a list, found {describe_node(node)}")
        else:
            items = [
                self.item.parse(child, f"{where}[{i}]", r) for i, child in enumerate(node.value)
            ]
        if len(items) < self.min_items:
            return r.error(node, where, self.empty_message)
        return tuple(item for item in items if item is not INVALID)


class Nested(Field):
    type_name = "a mapping"

    def __init__(self, model: type[Model], **kwargs) -> None:
        super().__init__(**kwargs)
        self.model = model

    def parse(self, node, where, r):
        return self.model.parse(node, where, r)


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class Model:
    """A content type declared as fields; parse() builds an instance from a node."""

    fields: ClassVar[dict[str, Field]] = {}
    location: Location

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        declared = {}
        for base in reversed(cls.__mro__[1:]):
            declared.update(getattr(base, "fields", {}))
        for name, value in list(vars(cls).items()):
            if isinstance(value, Field):
                value.name = name
                declared[name] = value
                delattr(cls, name)
        cls.fields = declared

    @classmethod
    def parse(cls, node: Node, where: str, r: Reader) -> Any:
        if not isinstance(node, MappingNode):
            return r.error(
                node, where, f"expected a mapping of fields, found {describe_node(node)}"
            )
        values: dict[str, Any] = {}
        nodes: dict[str, Node] = {}
        present: set[str] = set()
        ok = True
        for key, value_node in node.value:
            name = key.value
            if not isinstance(name, str):
                continue  # a list or mapping as a key, reported by the YAML reader
            if name in present:
                continue  # a duplicate key, reported by the YAML reader
            present.add(name)
            spec = cls.fields.get(name)
            child = join_path(where, shown_key(name))
            if spec is None:
                hint = (
                    did_you_mean(name, cls.fields) or f" (expected one of: {', '.join(cls.fields)})"
                )
                r.error(key, child, f"unknown field {name!r}{hint}")
                ok = False
                continue
            value = spec.parse(value_node, child, r)
            if value is INVALID:
                ok = False
                continue
            values[name] = value
            nodes[name] = value_node
        for name, spec in cls.fields.items():
            if name not in values:
                if spec.required:
                    if name not in present:
                        r.error(node, join_path(where, name), "required field is missing")
                    ok = False
                values[name] = spec.default
        instance = cls.__new__(cls)
        instance.__dict__.update(values)
        instance.location = Location(r.path, node.start_mark.line + 1, node.start_mark.column + 1)
        if ok:
            ok = instance.check(node, nodes, where, r)
        return instance if ok else INVALID

    def check(self, node: MappingNode, nodes: dict[str, Node], where: str, r: Reader) -> bool:
        """Rules that involve several fields; report problems and return False."""
        return True

    @classmethod
    def walk_fields(cls, prefix: str = "") -> Iterator[tuple[str, Field]]:
        """Every field path of the model, nested models included (for the docs)."""
        for name, spec in cls.fields.items():
            path = join_path(prefix, name)
            yield path, spec
            item = spec.item if isinstance(spec, ListOf) else spec
            if isinstance(item, Nested):
                suffix = "[]" if isinstance(spec, ListOf) else ""
                yield from item.model.walk_fields(path + suffix)
            elif hasattr(item, "model"):
                yield from item.model.walk_fields(path + "[]")

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items() if k != "location")
        return f"{type(self).__name__}({shown})"


__all__ = [
    "Bool",
    "Choice",
    "Date",
    "Field",
    "INVALID",
    "ListOf",
    "Location",
    "Markdown",
    "Model",
    "Nested",
    "PartialDate",
    "Reader",
    "Ref",
    "Reference",
    "Slug",
    "Text",
    "Url",
]
