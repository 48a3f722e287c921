"""Pelican's Markdown reader for explainers and pages, with citations and sanitizing.

It reads the header with the same parser and models as ``invoke check``
(:mod:`factcheck.content.markdown_header`, :class:`factcheck.content.models.Explainer`), so
the build and the check agree on every field, and it renders the body with
:class:`factcheck.views.markdown_html.MarkdownRenderer`: numbered ``[@id]``
citations, resolved ``{filename}`` links, nh3-sanitized HTML.
"""

from __future__ import annotations

from pathlib import Path

from pelican.readers import MarkdownReader

from .content.markdown_header import parse_markdown_document
from .content.models import Explainer, Page
from .content.problems import ContentInvalid, Problem
from .content.schema import INVALID, Reader
from .views.links import link_table_from_settings
from .views.markdown_html import MarkdownRenderer


class FactcheckMarkdownReader(MarkdownReader):
    """Reads content/explainers/*.md and content/pages/*.md."""

    file_extensions = ["md"]

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self._renderers: dict[str, MarkdownRenderer] = {}

    def renderer(self, lang: str) -> MarkdownRenderer:
        """Links in a translation lead to pages in its language."""
        if lang not in self._renderers:  # built on first use: it lists the content files
            self._renderers[lang] = MarkdownRenderer(link_table_from_settings(self.settings, lang))
        return self._renderers[lang]

    def read(self, source_path):
        content_dir = Path(self.settings["PATH"]).resolve()
        relative = Path(source_path).resolve().relative_to(content_dir).as_posix()
        model = Page if relative.startswith("pages/") else Explainer
        text = Path(source_path).read_text(encoding="utf-8")
        problems: list[Problem] = []
        document = parse_markdown_document(text, relative, problems)
        header = model.parse(document.header, "", Reader(relative, document.text, problems, []))
        if header is INVALID or problems:  # validation ran first; this is a safety net
            raise ContentInvalid(problems)

        name_lang = Path(relative).stem.partition(".")[2]
        lang = header.lang or name_lang or self.settings.get("DEFAULT_LANG", "en")
        renderer = self.renderer(lang)
        citations = renderer.start_page(relative)
        content = renderer.block(document.body.value)
        metadata = {
            "title": self.process_metadata("title", header.title),
            "factcheck": header,
            "cited_sources": tuple(citations.order),
            "citations": citations,
            "updates": header.updates,
        }
        if header.summary:
            metadata["summary"] = renderer.inline(header.summary)
        for name in ("date", "modified"):
            value = getattr(header, name, None)
            if value is not None:
                metadata[name] = self.process_metadata(name, value.isoformat())
        metadata["slug"] = self.process_metadata(
            "slug", header.slug or Path(relative).stem.partition(".")[0]
        )
        metadata["lang"] = self.process_metadata("lang", lang)
        if header.status:
            metadata["status"] = self.process_metadata("status", header.status)
        if model is Explainer:
            # Pelican gives articles their category only when category pages are
            # written (this site writes none), yet reads it when writing drafts.
            metadata["category"] = self.process_metadata(
                "category", self.settings.get("DEFAULT_CATEGORY") or "explainers"
            )
            metadata["people"] = header.people
            metadata["extra_sources"] = header.sources
        return str(content), metadata
