"""What the view builder of every content type shares, for one language.

The renderer numbers citations page by page, the URLs say where each content
file is published in this language, and the sources' views gather the pages
that cite them as each builder adds its pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ..content.schema import Model
from ..content.translations import translated_sheet
from .markdown_html import MarkdownRenderer
from .source_views import CitingPages, SourceView

ItemT = TypeVar("ItemT", bound=Model)


@dataclass(frozen=True)
class Localized(Generic[ItemT]):
    """A fact sheet with its text in the language shown."""

    item: ItemT  # the original, with the translation's text in place if there is one
    content_lang: str  # the language of the text shown (the original's when untranslated)
    translated: bool


@dataclass
class ViewContext:
    lang: str
    default_lang: str
    # ("people" | "claims", slug) -> the translated text fields, in `lang`
    translations: Mapping[tuple[str, str], Any]
    renderer: MarkdownRenderer
    urls: Mapping[str, str]  # 'people/x.yaml' -> where it is published in `lang`
    sources: dict[str, SourceView]
    citing: CitingPages = field(default_factory=CitingPages)

    def localized(self, kind: str, slug: str, original: ItemT) -> Localized[ItemT]:
        """The fact sheet in this language: translated, or the original shown as it is."""
        translation = self.translations.get((kind, slug))
        translated = translation is not None or self.lang == self.default_lang
        return Localized(
            translated_sheet(original, translation),
            self.lang if translated else self.default_lang,
            translated,
        )
