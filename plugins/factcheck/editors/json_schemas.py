"""JSON Schemas for the YAML content files, derived from the declared models.

Editors who work in a code editor get completion, the documentation of each
field and red underlines while typing, through the YAML language server
(VS Code's YAML extension, and others): ``.vscode/settings.json`` maps each
content folder to its schema in ``schemas/``, written by ``invoke schemas``.

A schema tells only what one file can tell: field names, required fields,
shapes, date and address formats, the rating scale's keys. References to
other files, dates against history and the rest stay with ``invoke check``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..content.models import (
    IMAGE_NAME_RE,
    LANGUAGE_RE,
    Claim,
    EvidenceEntry,
    ImageFile,
    LanguageCode,
    Person,
    Source,
)
from ..content.schema import (
    SLUG_RE,
    Bool,
    Choice,
    Date,
    Field,
    ListOf,
    Model,
    Nested,
    RatingRef,
    Slug,
    Text,
    Url,
)
from ..content.translations import translation_model
from ..settings import FactcheckSettings

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SLUG_PATTERN = f"^{SLUG_RE.pattern}$"

# Text is read as written, so a number or true is text too (YAML would say otherwise).
_TEXT_TYPES = ["string", "number", "integer", "boolean"]


def content_schemas(settings: FactcheckSettings) -> dict[str, dict[str, Any]]:
    """File name -> schema, for each YAML content type and each language."""
    schemas = {
        "person.schema.json": _document(
            "A person or organization: content/people/<slug>.yaml", Person, settings
        ),
        "claim.schema.json": _document("A fact-check: content/claims/<slug>.yaml", Claim, settings),
        "sources.schema.json": {
            "$schema": DIALECT,
            "title": "Sources: content/sources/*.yaml",
            "description": "Source ids (lower-case letters, digits and hyphens), each with its source.",
            "type": "object",
            "propertyNames": {"pattern": SLUG_PATTERN},
            "additionalProperties": model_schema(Source, settings),
        },
    }
    for lang in settings.languages[1:]:
        for name, model, folder in (("person", Person, "people"), ("claim", Claim, "claims")):
            translated = translation_model(model, top=True)
            assert translated is not None, "people and claims have text to translate"
            schemas[f"{name}.{lang}.schema.json"] = _document(
                f"The {lang} translation of a {name}: content/{folder}/<slug>.{lang}.yaml",
                translated,
                settings,
            )
    return schemas


def write_schemas(settings: FactcheckSettings, folder: Path) -> list[Path]:
    """Write every schema into `folder`; remove schemas of languages no longer configured."""
    folder.mkdir(parents=True, exist_ok=True)
    schemas = content_schemas(settings)
    for stale in folder.glob("*.schema.json"):
        if stale.name not in schemas:
            stale.unlink()
    written = []
    for name, schema in schemas.items():
        path = folder / name
        path.write_text(schema_text(schema), encoding="utf-8")
        written.append(path)
    return written


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _document(title: str, model: type[Model], settings: FactcheckSettings) -> dict[str, Any]:
    return {"$schema": DIALECT, "title": title, **model_schema(model, settings)}


def model_schema(model: type[Model], settings: FactcheckSettings) -> dict[str, Any]:
    """An object with exactly the model's fields; the required ones are required."""
    schema: dict[str, Any] = {"type": "object"}
    if model.__doc__ and not model.__doc__.startswith(("A Model class", "Base of")):
        schema["description"] = " ".join(model.__doc__.split())
    schema["properties"] = {
        name: field_schema(spec, settings) for name, spec in model.fields.items()
    }
    required = [name for name, spec in model.fields.items() if spec.required]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def field_schema(spec: Field, settings: FactcheckSettings) -> dict[str, Any]:
    """What one field accepts, with its documentation as the description."""
    schema = _shape(spec, settings)
    if spec.doc:
        schema = {"description": spec.doc, **schema}
    return schema


def _shape(spec: Field, settings: FactcheckSettings) -> dict[str, Any]:
    for field_type, shape in _SHAPES:
        if isinstance(spec, field_type):
            return shape(spec, settings)
    raise TypeError(f"no JSON Schema for the field type {type(spec).__name__}")


def _list_shape(spec: ListOf, settings: FactcheckSettings) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": _shape(spec.item, settings)}
    if spec.min_items:
        schema["minItems"] = spec.min_items
    return schema


def _evidence_shape(spec: EvidenceEntry, settings: FactcheckSettings) -> dict[str, Any]:
    """A source id, or a mapping that describes the evidence in place."""
    return {
        "anyOf": [
            {"type": "string", "pattern": SLUG_PATTERN},
            model_schema(spec.model, settings),
        ]
    }


def _rating_shape(spec: RatingRef, settings: FactcheckSettings) -> dict[str, Any]:
    """One of the configured scale's keys, each with its label and definition."""
    return {
        "type": "string",
        "oneOf": [
            {"const": key, "title": rating.label, "description": rating.definition}
            for key, rating in settings.ratings.items()
        ],
    }


def _date_shape(spec: Date, settings: FactcheckSettings) -> dict[str, Any]:
    if spec.partial:  # a year alone is a number to YAML
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        }
    return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _text_shape(spec: Text, settings: FactcheckSettings) -> dict[str, Any]:
    max_length = getattr(spec, "max_length", None)  # a text field with a length limit
    return {"type": _TEXT_TYPES, **({"maxLength": max_length} if max_length else {})}


def _text_matching(pattern: str) -> Callable[[Field, FactcheckSettings], dict[str, Any]]:
    return lambda spec, settings: {"type": "string", "pattern": pattern}


# Each field type's schema; the first type the field is an instance of wins,
# so a subclass comes before its base (Text last).
_SHAPES: tuple[tuple[type, Callable[[Any, FactcheckSettings], dict[str, Any]]], ...] = (
    (Nested, lambda spec, settings: model_schema(spec.model, settings)),
    (ListOf, _list_shape),
    (EvidenceEntry, _evidence_shape),
    (RatingRef, _rating_shape),
    (Choice, lambda spec, settings: {"type": "string", "enum": list(spec.choices)}),
    (Bool, lambda spec, settings: {"type": "boolean"}),
    (Date, _date_shape),
    (Url, _text_matching("^[Hh][Tt][Tt][Pp][Ss]?://")),
    (Slug, _text_matching(SLUG_PATTERN)),  # Ref too
    (LanguageCode, _text_matching(f"^{LANGUAGE_RE.pattern}$")),
    (ImageFile, _text_matching(f"^{IMAGE_NAME_RE.pattern}$")),
    (Text, _text_shape),
)
