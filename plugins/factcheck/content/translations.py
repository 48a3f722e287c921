"""Translations of fact sheets and claims: sibling files that hold only text.

``content/claims/<slug>.es.yaml`` translates ``content/claims/<slug>.yaml``.
Its model is derived from the original's: the same text fields (plain and
Markdown), nested lists in the same order, plus a required ``translated``
date; dates, ratings, references and sources stay in the original, shared by
every language. Explainers and pages use Pelican's own mechanism instead
(``<slug>.es.md`` with ``Lang: es``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from typing import Any, TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode

from .dates import PartialDate
from .models import SHORT_CLAIM_LIMIT, Claim, Evidence, EvidenceEntry, Explainer, Page, Person
from .problems import Problem, Severity
from .schema import (
    INVALID,
    SLUG_RE,
    Date,
    Field,
    ListOf,
    Model,
    Nested,
    Reader,
    Text,
    join_path,
    slug_problem,
)


@dataclass
class Translation:
    """One translation file, parsed: `model` holds the translated fields only."""

    kind: str  # "people" or "claims"
    slug: str
    lang: str
    model: Any
    path: str


def _text_fields(model: type[Model]) -> dict[str, Field[Any, Any, Any]]:
    """The fields of `model` a translation may carry, as translation fields."""
    fields: dict[str, Field[Any, Any, Any]] = {}
    for name, spec in model.fields.items():
        nested: type[Model] | None = getattr(spec, "model", None)
        if isinstance(spec, Text):  # Markdown is a Text too
            fields[name] = copy.copy(spec)
            fields[name].required = False
        # python/mypy#11469: mypy takes a class for unhashable; it is not.
        elif nested is not None and (inner := translation_model(nested)):  # type: ignore[arg-type]
            fields[name] = Nested(inner, doc=spec.doc)
        elif isinstance(spec, ListOf):
            item = spec.item
            target = Evidence if isinstance(item, EvidenceEntry) else getattr(item, "model", None)
            if isinstance(item, Text):
                fields[name] = ListOf(copy.copy(item), doc=spec.doc)
            elif target is not None and (inner := translation_model(target)):
                fields[name] = ListOf(Nested(inner), doc=spec.doc)
    return fields


@cache
def translation_model(model: type[Model], top: bool = False) -> type[Model] | None:
    """A Model class with only the translatable fields of `model` (None if it has none)."""
    fields = _text_fields(model)
    if not fields:
        return None
    namespace: dict[str, Any] = {}
    if top:
        namespace["translated"] = Date(
            required=True, doc="When this translation was last brought up to date."
        )
    namespace.update(fields)
    namespace["original"] = model
    return type(f"{model.__name__}Translation", (TranslationModel,), namespace)


class TranslationModel(Model):
    """Base of derived translation models: explains fields that stay in the original."""

    original: type[Model]

    @classmethod
    def parse(cls, node: Node, where: str, r: Reader) -> Any:
        if isinstance(node, MappingNode):
            shared = [
                (key, value)
                for key, value in node.value
                # A list or mapping as a key is reported by the YAML reader.
                if isinstance(key, ScalarNode)
                and key.value in cls.original.fields
                and key.value not in cls.fields
            ]
            for key, _ in shared:
                r.error(
                    key,
                    join_path(where, key.value),
                    f"'{key.value}' is shared by every language: remove it from the translation",
                )
            if shared:
                node = MappingNode(
                    node.tag,
                    [p for p in node.value if p not in shared],
                    node.start_mark,
                    node.end_mark,
                )
        return super().parse(node, where, r)


TRANSLATABLE = {"people": Person, "claims": Claim}
ModelT = TypeVar("ModelT", bound=Model)


def parse_translation(kind: str, root: MappingNode, r: Reader) -> Any:
    model = translation_model(TRANSLATABLE[kind], top=True)
    assert model is not None  # people and claims have text to translate
    return model.parse(root, "", r)


def check_translation_name(
    slug: str, lang: str, languages: tuple[str, ...], path: str, problems
) -> bool:
    """A translation's file name is <slug>.<language>.<ext>, in one of the site's other languages."""
    if not SLUG_RE.fullmatch(slug):
        problems.append(Problem(path, 1, 1, "", f"file name: {slug_problem(slug)}"))
        return False
    if lang not in languages[1:]:
        expected = ", ".join(languages[1:]) or "none: set FACTCHECK_LANGUAGES in pelicanconf.py"
        problems.append(
            Problem(
                path,
                1,
                1,
                "",
                f"file name: '{lang}' is not one of the site's other languages ({expected}); "
                f"a translation is named <slug>.<language>{PurePosixPath(path).suffix}",
            )
        )
        return False
    return True


def check_translation(
    translation: Translation, original: Person | Claim, problems: list[Problem]
) -> None:
    """Lists match the original's entries one to one; a translation older than its original is an error."""
    _check_lists(translation.model, original, "", translation.path, problems)
    if isinstance(original, Claim):
        _check_short_claim(translation, original, problems)
    changed = last_change(original)
    if translation.model.translated < changed:
        problems.append(
            Problem(
                translation.path,
                translation.model.location.line,
                translation.model.location.col,
                "translated",
                f"the translation ({translation.model.translated}) is older than the last change "
                f"of the original ({changed}): bring it up to date, then change 'translated'",
            )
        )


def check_document_translation(
    document: Explainer | Page, original: Explainer | Page, problems: list[Problem]
) -> None:
    """A translated explainer or page is no older than the last change of its original."""
    changes = [getattr(original, "date", None), original.modified]
    changed = max(filter(None, changes + [u.date for u in original.updates]), default=None)
    own = max(filter(None, [getattr(document, "date", None), document.modified]), default=None)
    if changed and own and own < changed:
        problems.append(
            Problem(
                document.location.path,
                1,
                1,
                "date",
                f"the translation ({own}) is older than the last change of the original "
                f"({changed}): bring it up to date, then change its Date or Modified",
            )
        )


def _check_short_claim(translation: Translation, original: Claim, problems) -> None:
    """A translated claim needs its own short form where it is long or the original has one:
    the original's would put the other language in this edition's titles."""
    translated = translation.model
    if not translated.claim or translated.claim_short:
        return
    if len(translated.claim) <= SHORT_CLAIM_LIMIT and not original.claim_short:
        return
    problems.append(
        Problem(
            translation.path,
            translated.location.line,
            translated.location.col,
            "claim_short",
            f"the translated claim has no claim_short: add one of {SHORT_CLAIM_LIMIT} "
            "characters or fewer for titles and search engines",
            Severity.WARNING,
            "no-short-claim",
        )
    )


def _check_lists(translated: Model, original: Model, where: str, path: str, problems) -> None:
    """Every list of the translation has as many entries as the original's, nested ones too."""
    for name, spec in type(translated).fields.items():
        value = getattr(translated, name, None)
        theirs = getattr(original, name, None)
        if isinstance(spec, ListOf) and value and len(value) != len(theirs or ()):
            problems.append(
                _list_length_problem(translated, value, theirs or (), where, name, path)
            )
        elif isinstance(spec, Nested) and value is not None and theirs:
            _check_lists(value, theirs, join_path(where, name), path, problems)


def _list_length_problem(translated: Model, value, theirs, where: str, name: str, path: str):
    # Point at the first entry if it knows where it is (a text entry does not).
    location = getattr(value[0], "location", None) or translated.location
    return Problem(
        path,
        location.line,
        location.col,
        join_path(where, name),
        f"the original has {len(theirs)} {name} entries and the translation "
        f"{len(value)}: translate each, in the same order",
    )


def last_change(item: Person | Claim) -> PartialDate:
    dates = [item.published] + [u.date for u in item.updates]
    return max(dates)


def translated_sheet(original: ModelT, translation: Any) -> ModelT:
    """A person or claim with its translation's text in place (the original if untranslated).

    `translation` is an instance of the derived translation model, or None. A
    translated claim keeps only its own short form: the original's would put
    the other language in this edition's titles.
    """
    merged = apply_translation(original, translation)
    if isinstance(merged, Claim) and translation is not None and translation.claim:
        merged.claim_short = translation.claim_short
    return merged


def apply_translation(original: ModelT, translated: Model | None) -> ModelT:
    """A copy of `original` with the translated text fields in place (lists matched by position)."""
    if translated is None:
        return original
    merged = copy.copy(original)
    for name, spec in type(translated).fields.items():
        if name == "translated":
            continue
        value = getattr(translated, name, None)
        if value is None or value == ():
            continue
        if isinstance(spec, Nested):
            setattr(merged, name, apply_translation(getattr(original, name), value))
        elif isinstance(spec, ListOf) and isinstance(spec.item, Nested):
            ours = getattr(original, name)
            setattr(
                merged,
                name,
                tuple(apply_translation(o, t) for o, t in zip(ours, value, strict=False))
                + tuple(ours[len(value) :]),
            )
        else:
            setattr(merged, name, value)
    return merged


__all__ = [
    "INVALID",
    "Translation",
    "apply_translation",
    "check_document_translation",
    "check_translation",
    "check_translation_name",
    "last_change",
    "parse_translation",
    "translated_sheet",
    "translation_model",
]
