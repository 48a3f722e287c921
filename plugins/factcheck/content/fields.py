"""The field types: each knows how to read one YAML node and where to report a mistake.

Scalars are interpreted here, by the field that expects them, never by YAML's
implicit resolvers: ``no`` is the text "no" in a text field and an error in a
true/false field.

Each field is generic in what it reads (``Text`` reads ``str``), whether it is
required and its default, so that the type checker knows what a model's
attribute holds from the one declaration: ``name = Text(required=True)`` makes
``person.name`` a ``str``, ``claimant = Ref("person")`` makes ``claim.claimant``
a ``str | None``, ``noindex = Bool(default=False)`` a ``bool``, and
``sources = ListOf(Ref("source"))`` a ``tuple[str, ...]``.
"""

from __future__ import annotations

import re
from typing import (
    TYPE_CHECKING,
    Any,
    Generic,
    Literal,
    TypeAlias,
    TypedDict,
    TypeVar,
    Unpack,
    overload,
)

from yaml.nodes import Node, ScalarNode, SequenceNode

from .dates import PartialDate, latest_today, parse_date
from .markdown_references import check_url, collect_citations, collect_links
from .reading import INVALID, Reader, did_you_mean
from .yamlfile import describe_node

if TYPE_CHECKING:
    from typing_extensions import TypeVar as TypeVarWithDefault

    from .schema import Model

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Characters that reorder text invisibly (the "Trojan Source" family).
BIDI_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")

ValueT = TypeVar("ValueT")  # what the field reads
ItemT = TypeVar("ItemT")  # what each item of a list reads
ModelT = TypeVar("ModelT", bound="Model")
if TYPE_CHECKING:
    # Whether the field is required, and its default: a field declared with
    # neither is optional and None when absent. These need the defaults of
    # PEP 696, which Python 3.11's TypeVar lacks; only the type checker reads them.
    RequiredT = TypeVarWithDefault("RequiredT", bound=Literal[True, False], default=Literal[False])
    DefaultT = TypeVarWithDefault("DefaultT", default=None)
else:
    RequiredT = TypeVar("RequiredT")
    DefaultT = TypeVar("DefaultT")


class FieldOptions(TypedDict, Generic[RequiredT, DefaultT], total=False):
    """What every field accepts, passed on by the fields that take more."""

    required: RequiredT
    default: DefaultT
    doc: str


class Field(Generic[ValueT, RequiredT, DefaultT]):
    """One key of a model: its documentation and how to read its value."""

    type_name = "value"

    def __init__(
        self,
        *,
        # mypy refuses a default for a parameter typed by a TypeVar, even one
        # that matches the TypeVar's own default (python/mypy#3737).
        required: RequiredT = False,  # type: ignore[assignment]
        default: DefaultT = None,  # type: ignore[assignment]
        doc: str = "",
    ) -> None:
        self.required: bool = required
        self.default: Any = default
        self.doc = doc
        self.name = ""  # set by Model.__init_subclass__

    def parse(self, node: Node, where: str, r: Reader) -> ValueT:
        """The value `node` holds, or INVALID once its problems are reported."""
        raise NotImplementedError

    if TYPE_CHECKING:
        # Model.__init_subclass__ takes the fields off the class, so at run
        # time a model's attributes are plain values on the instance. These
        # tell the type checker what those values are; reading a field from
        # the class itself is refused, as it fails at run time.
        @overload
        def __get__(
            self: Field[ValueT, Literal[True], Any], instance: Model, owner: type[Model]
        ) -> ValueT: ...
        @overload
        def __get__(self, instance: Model, owner: type[Model]) -> ValueT | DefaultT: ...
        def __get__(self, instance: Model, owner: type[Model]) -> Any: ...

        # A required field takes no None; an optional one takes its default.
        @overload
        def __set__(
            self: Field[ValueT, Literal[True], Any], instance: Model, value: ValueT
        ) -> None: ...
        @overload
        def __set__(
            self: Field[ValueT, Literal[False], DefaultT],
            instance: Model,
            value: ValueT | DefaultT,
        ) -> None: ...
        @overload
        def __set__(
            self: Field[ValueT, bool, DefaultT], instance: Model, value: ValueT | DefaultT
        ) -> None: ...
        def __set__(self, instance: Model, value: Any) -> None: ...


# Any field at all. A bare `Field` in an annotation means the defaults of its
# type parameters, an optional field without default, not any field.
AnyField: TypeAlias = Field[Any, Any, Any]


class ScalarField(Field[ValueT, RequiredT, DefaultT]):
    """A field written as one scalar, whose text convert() interprets."""

    def parse(self, node: Node, where: str, r: Reader) -> ValueT:
        if not isinstance(node, ScalarNode):
            return r.error(node, where, f"expected {self.type_name}, found {describe_node(node)}")
        return self.convert(node.value, node, where, r)

    def convert(self, value: str, node: ScalarNode, where: str, r: Reader) -> ValueT:
        """The value the text stands for, or INVALID once its problem is reported."""
        raise NotImplementedError


class Text(ScalarField[str, RequiredT, DefaultT]):
    """Plain text: shown escaped, never interpreted as HTML or Markdown."""

    type_name = "text"

    def convert(self, value: str, node: ScalarNode, where: str, r: Reader) -> str:
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


class Markdown(Text[RequiredT, DefaultT]):
    """Markdown text, rendered and sanitized; ``inline`` allows no blocks."""

    type_name = "text"

    def __init__(
        self,
        *,
        inline: bool = False,
        citations: bool = False,
        **options: Unpack[FieldOptions[RequiredT, DefaultT]],
    ) -> None:
        super().__init__(**options)
        self.inline = inline
        self.citations = citations

    def convert(self, value: str, node: ScalarNode, where: str, r: Reader) -> str:
        value = super().convert(value, node, where, r)
        if value is INVALID:
            return value
        if "[@" in value:
            collect_citations(value, node, where, r, allowed=self.citations)
        if "](" in value or "<" in value:
            collect_links(value, node, where, r)
        return value


class Url(ScalarField[str, RequiredT, DefaultT]):
    type_name = "an address"

    def convert(self, value: str, node: ScalarNode, where: str, r: Reader) -> str:
        problem = check_url(value.strip())
        return r.error(node, where, problem) if problem else value.strip()


class Date(ScalarField[PartialDate, RequiredT, DefaultT]):
    type_name = "a date"

    def __init__(
        self, *, partial: bool = False, **options: Unpack[FieldOptions[RequiredT, DefaultT]]
    ) -> None:
        super().__init__(**options)
        self.partial = partial

    def convert(self, value: str, node: ScalarNode, where: str, r: Reader) -> PartialDate:
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


class Bool(ScalarField[bool, RequiredT, DefaultT]):
    type_name = "true or false"

    def convert(self, value: str, node: ScalarNode, where: str, r: Reader) -> bool:
        if value in ("true", "false"):
            return value == "true"
        return r.error(node, where, f"expected true or false, found {value!r}")


class Choice(ScalarField[str, RequiredT, DefaultT]):
    type_name = "a word"

    def __init__(self, *choices: str, **options: Unpack[FieldOptions[RequiredT, DefaultT]]) -> None:
        super().__init__(**options)
        self.choices = choices

    def convert(self, value: str, node: ScalarNode, where: str, r: Reader) -> str:
        if value in self.choices:
            return value
        return r.error(
            node,
            where,
            f"{value!r} is not one of: {', '.join(self.choices)}{did_you_mean(value, self.choices)}",
        )


class Slug(ScalarField[str, RequiredT, DefaultT]):
    type_name = "a slug"

    def convert(self, value: str, node: ScalarNode, where: str, r: Reader) -> str:
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


class Ref(Slug[RequiredT, DefaultT]):
    """A slug naming a person, claim, source or rating; resolved after loading."""

    def __init__(self, kind: str, **options: Unpack[FieldOptions[RequiredT, DefaultT]]) -> None:
        super().__init__(**options)
        self.kind = kind
        self.type_name = f"a {kind} id"

    def convert(self, value: str, node: ScalarNode, where: str, r: Reader) -> str:
        value = super().convert(value, node, where, r)
        if value is not INVALID:
            r.refer(self.kind, value, node, where)
        return value


class RatingRef(ScalarField[str, RequiredT, DefaultT]):
    """A key of the rating scale, resolved after loading.

    Not read as a slug: ``Mostly False`` is the label of a rating, and the
    resolver suggests its key instead of explaining what a slug is.
    """

    type_name = "a rating"

    def convert(self, value: str, node: ScalarNode, where: str, r: Reader) -> str:
        if not value.strip():
            return r.error(node, where, "must not be empty")
        r.refer("rating", value, node, where)
        return value


class ListOf(Field[tuple[ItemT, ...], bool, tuple[ItemT, ...]]):
    """A list of items of one field type, read as a tuple; empty when absent."""

    type_name = "a list"

    def __init__(
        self,
        item: Field[ItemT, Any, Any],
        *,
        min_items: int = 0,
        empty_message: str = "",
        **options: Unpack[FieldOptions[bool, tuple[ItemT, ...]]],
    ) -> None:
        options.setdefault("default", ())
        super().__init__(**options)
        self.item = item
        self.min_items = min_items
        self.empty_message = empty_message or f"at least {min_items} item(s) required"

    def parse(self, node: Node, where: str, r: Reader) -> tuple[ItemT, ...]:
        if isinstance(node, ScalarNode) and node.value == "" and node.style is None:
            items: list[ItemT] = []
        elif not isinstance(node, SequenceNode):
            return r.error(node, where, f"expected a list, found {describe_node(node)}")
        else:
            items = [
                self.item.parse(child, f"{where}[{i}]", r) for i, child in enumerate(node.value)
            ]
        if len(items) < self.min_items:
            return r.error(node, where, self.empty_message)
        return tuple(item for item in items if item is not INVALID)


class Nested(Field[ModelT, RequiredT, DefaultT]):
    """A mapping read as a model of its own."""

    type_name = "a mapping"

    def __init__(
        self, model: type[ModelT], **options: Unpack[FieldOptions[RequiredT, DefaultT]]
    ) -> None:
        super().__init__(**options)
        self.model = model

    def parse(self, node: Node, where: str, r: Reader) -> ModelT:
        return self.model.parse(node, where, r)
