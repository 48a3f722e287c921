"""Pelican's Markdown reader for explainers and pages, with citations and sanitizing.

It reads the header with the same parser and models as ``invoke check``
(:mod:`factcheck.content.markdown_header`, :class:`factcheck.content.models.Explainer`), so
the build and the check agree on every field, and it renders the body with
:class:`factcheck.views.markdown_html.MarkdownRenderer`: numbered ``[@id]``
citations, resolved ``{filename}`` links, nh3-sanitized HTML.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path, PurePosixPath

from pelican.readers import MarkdownReader

from .content.content_files import is_explainer, parse_file_name
from .content.markdown_header import parse_markdown_document
from .content.models import Explainer, Page
from .content.problems import ContentInvalid, Problem
from .content.schema import INVALID, Reader
from .settings import FactcheckSettings
from .views.links import link_table
from .views.markdown_html import MarkdownRenderer


class FactcheckMarkdownReader(MarkdownReader):
    """Reads content/explainers/*.md and content/pages/*.md."""

    file_extensions = ["md"]

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self._renderers: dict[str, MarkdownRenderer] = {}

    @cached_property
    def factcheck(self) -> FactcheckSettings:
        return FactcheckSettings.from_pelican(self.settings)

    def renderer(self, lang: str) -> MarkdownRenderer:
        """Links in a translation lead to pages in its language."""
        if lang not in self._renderers:  # built on first use: it lists the content files
            self._renderers[lang] = MarkdownRenderer(link_table(self.factcheck, lang))
        return self._renderers[lang]

    def read(self, source_path):
        content_dir = self.factcheck.content_dir
        relative = Path(source_path).resolve().relative_to(content_dir).as_posix()
        header, body = self._read_checked(Path(source_path), relative)
        name = parse_file_name(PurePosixPath(relative).name)
        lang = header.lang or name.lang or self.factcheck.default_lang
        renderer = self.renderer(lang)
        citations = renderer.start_page(relative)
        content = renderer.block(body)
        metadata = {
            "title": self.process_metadata("title", header.title),
            "factcheck": header,
            "cited_sources": tuple(citations.order),
            "citations": citations,
            "updates": header.updates,
        }
        if header.summary:
            metadata["summary"] = renderer.inline(header.summary)
        for field in ("date", "modified"):
            value = getattr(header, field, None)
            if value is not None:
                metadata[field] = self.process_metadata(field, value.isoformat())
        metadata["slug"] = self.process_metadata("slug", header.slug or name.slug)
        metadata["lang"] = self.process_metadata("lang", lang)
        if header.status:
            metadata["status"] = self.process_metadata("status", header.status)
        if isinstance(header, Explainer):
            metadata.update(self._explainer_metadata(header))
        return str(content), metadata

    def _read_checked(self, path: Path, relative: str) -> tuple[Explainer | Page, str]:
        """The document's header, read as ``invoke check`` reads it, and its Markdown body."""
        model = Explainer if is_explainer(relative) else Page
        problems: list[Problem] = []
        document = parse_markdown_document(path.read_text(encoding="utf-8"), relative, problems)
        header = model.parse(document.header, "", Reader(relative, document.text, problems, []))
        if header is INVALID or problems:  # validation ran first; this is a safety net
            raise ContentInvalid(problems)
        return header, document.body.value

    def _explainer_metadata(self, header: Explainer) -> dict:
        return {
            # Pelican gives articles their category only when category pages are
            # written (this site writes none), yet reads it when writing drafts.
            "category": self.process_metadata(
                "category", self.factcheck.default_category or "explainers"
            ),
            "people": header.people,
            "extra_sources": header.sources,
        }
