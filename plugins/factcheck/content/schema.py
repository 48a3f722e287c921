"""Models: content types declared as fields, parsed with every problem collected.

Content types in :mod:`factcheck.content.models` are declared as classes whose
attributes are fields (:mod:`factcheck.content.fields`), in the spirit of
MkDocs' config options. Parsing a node tree against a model collects every
problem with its file, line, column and field path, and records every
reference (to a person, source, rating...) for the cross-reference pass in
:mod:`factcheck.content.validate`.

The field types and the reading state (:mod:`factcheck.content.reading`) are
imported from here too, so that declaring a content type needs one import.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Self

from yaml.nodes import MappingNode, Node

from .dates import PartialDate
from .fields import (
    SLUG_RE,
    AnyField,
    Bool,
    Choice,
    Date,
    DefaultT,
    Field,
    FieldOptions,
    ListOf,
    Markdown,
    Nested,
    RatingRef,
    Ref,
    RequiredT,
    ScalarField,
    Slug,
    Text,
    Url,
    slug_problem,
)
from .reading import INVALID, Location, Reader, Reference, did_you_mean, join_path
from .yamlfile import describe_node, shown_key

# The name content/models.py imports, until it uses the public one.
_ScalarField = ScalarField


class Model:
    """A content type declared as fields; parse() builds an instance from a node."""

    fields: ClassVar[dict[str, AnyField]] = {}
    location: Location

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        declared: dict[str, AnyField] = {}
        for base in reversed(cls.__mro__[1:]):
            declared.update(getattr(base, "fields", {}))
        for name, value in list(vars(cls).items()):
            if isinstance(value, Field):
                value.name = name
                declared[name] = value
                delattr(cls, name)
        cls.fields = declared

    @classmethod
    def parse(cls, node: Node, where: str, r: Reader) -> Self:
        """An instance with every field's value, or INVALID once its problems are reported."""
        if not isinstance(node, MappingNode):
            return r.error(
                node, where, f"expected a mapping of fields, found {describe_node(node)}"
            )
        values: dict[str, Any] = {}
        nodes: dict[str, Node] = {}
        written = list(_keys_written(node))
        ok = True
        for name, key, value_node in written:
            value = cls._read_field(name, key, value_node, where, r)
            if value is INVALID:
                ok = False
                continue
            values[name] = value
            nodes[name] = value_node
        present = {name for name, _, _ in written}
        ok = cls._fill_absent(values, present, node, where, r) and ok
        instance = cls.__new__(cls)
        instance.__dict__.update(values)
        instance.location = Location(r.path, node.start_mark.line + 1, node.start_mark.column + 1)
        if ok:
            ok = instance.check(node, nodes, where, r)
        return instance if ok else INVALID

    @classmethod
    def _read_field(cls, name: str, key: Node, value_node: Node, where: str, r: Reader) -> Any:
        """The value of one key as written, or INVALID (an unknown field is reported here)."""
        spec = cls.fields.get(name)
        child = join_path(where, shown_key(name))
        if spec is None:
            hint = did_you_mean(name, cls.fields) or f" (expected one of: {', '.join(cls.fields)})"
            return r.error(key, child, f"unknown field {name!r}{hint}")
        return spec.parse(value_node, child, r)

    @classmethod
    def _fill_absent(
        cls, values: dict[str, Any], present: set[str], node: Node, where: str, r: Reader
    ) -> bool:
        """Give each field not read its default; False if a required one is missing or invalid."""
        ok = True
        for name, spec in cls.fields.items():
            if name in values:
                continue
            if spec.required:
                if name not in present:  # a present but invalid value is reported already
                    r.error(node, join_path(where, name), "required field is missing")
                ok = False
            values[name] = spec.default
        return ok

    def check(self, node: MappingNode, nodes: dict[str, Node], where: str, r: Reader) -> bool:
        """Rules that involve several fields; report problems and return False."""
        return True

    @classmethod
    def walk_fields(cls, prefix: str = "") -> Iterator[tuple[str, AnyField]]:
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


def _keys_written(node: MappingNode) -> Iterator[tuple[str, Node, Node]]:
    """(name, key node, value node) of each text key, the first time it is written.

    A list or mapping as a key, and a duplicate key, are reported by the YAML
    reader; they are skipped here.
    """
    seen: set[str] = set()
    for key, value_node in node.value:
        name = key.value
        if isinstance(name, str) and name not in seen:
            seen.add(name)
            yield name, key, value_node


__all__ = [
    "INVALID",
    "SLUG_RE",
    "AnyField",
    "Bool",
    "Choice",
    "Date",
    "DefaultT",
    "Field",
    "FieldOptions",
    "ListOf",
    "Location",
    "Markdown",
    "Model",
    "Nested",
    "PartialDate",
    "RatingRef",
    "Reader",
    "Ref",
    "Reference",
    "RequiredT",
    "ScalarField",
    "Slug",
    "Text",
    "Url",
    "_ScalarField",
    "did_you_mean",
    "join_path",
    "slug_problem",
]
