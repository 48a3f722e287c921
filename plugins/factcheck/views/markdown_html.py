"""Markdown -> trusted HTML: numbered citations, resolved site links, sanitized.

This is the only place that produces HTML the templates do not escape. Its
results are ``Markup`` objects and the names that hold them end in ``_html``.
It puts together what lives elsewhere: citation numbers
(:mod:`.citations`), where a ``{filename}`` link leads (:mod:`.links`), what
survives sanitizing (:mod:`.html_sanitizing`) and the results kept between
rebuilds (:mod:`.render_cache`).
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..content.markdown_references import CITATION_RE, citation_keys
from ..content.validate import SITE_LINK_PREFIXES
from .citations import Citations
from .html_sanitizing import sanitize
from .links import LinkTable
from .render_cache import RenderCache


class _CitationLinks(InlineProcessor):
    """``[@a; @b]`` -> superscript links to the sources' numbers on the page.

    The syntax is the check's own (:mod:`factcheck.content.markdown_references`):
    the check refuses every citation that names no source, so whatever it
    matches here names one.
    """

    def __init__(self, pattern: str, extension: FactcheckExtension) -> None:
        super().__init__(pattern)
        self.extension = extension

    # Python-Markdown's API; its stubs give InlineProcessor the same ignore.
    def handleMatch(self, m: re.Match[str], data: str):  # type: ignore[override]  # noqa: N802
        citations = self.extension.citations
        sup = ET.Element("sup", {"class": "citation"})
        link = None
        for key in citation_keys(m):
            number, use = citations.cite(key)
            if link is not None:
                link.tail = ", "
            link = ET.SubElement(
                sup,
                "a",
                {
                    "href": f"#source-{number}",
                    "id": f"cite-{number}-{use}",
                    "class": "citation-link",
                },
            )
            link.text = f"[{number}]"
        return sup, m.start(0), m.end(0)


class _SiteLinks(Treeprocessor):
    """Turn ``{filename}/people/x.yaml`` into the page's URL, and ``{static}`` likewise."""

    def __init__(self, md, extension: FactcheckExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        links = self.extension.links
        for element in root.iter():
            attribute = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            if attribute is None:
                continue
            value = element.get(attribute, "")
            if value.startswith(SITE_LINK_PREFIXES):
                element.set(attribute, links.resolve(value, self.extension.source_dir))
        return None


class FactcheckExtension(Extension):
    """[@source-id] citations and {filename} links, with per-page state."""

    def __init__(self, links: LinkTable) -> None:
        super().__init__()
        self.links = links
        self.citations = Citations()
        self.source_dir = ""

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's API
        md.inlinePatterns.register(
            _CitationLinks(CITATION_RE.pattern, self), "factcheck-citation", 175
        )
        md.treeprocessors.register(_SiteLinks(md, self), "factcheck-links", 5)


# Straight quotes and apostrophes become typographic ones ("it's" -> “it’s”);
# Python-Markdown leaves code spans and blocks alone. Only quotes: "--" and
# "..." stay as editors typed them, and so do the « » of Spanish text, since
# "<<" and ">>" are not turned into angled quotes either.
TYPOGRAPHIC_QUOTES = {
    "smart_quotes": True,
    "smart_angled_quotes": False,
    "smart_dashes": False,
    "smart_ellipses": False,
}


class MarkdownRenderer:
    """One Python-Markdown instance, reset between texts (creating one costs ~1 ms)."""

    def __init__(self, links: LinkTable) -> None:
        self.cache = RenderCache()
        self.site_url = links.siteurl
        self.extension = FactcheckExtension(links)
        self.md = markdown.Markdown(
            extensions=[self.extension, "markdown.extensions.tables", "markdown.extensions.smarty"],
            extension_configs={"markdown.extensions.smarty": TYPOGRAPHIC_QUOTES},
            output_format="html",
        )

    def start_page(self, source_path: str = "") -> Citations:
        """Begin a page: citation numbers restart; relative links resolve from its folder."""
        self.extension.citations = Citations()
        self.extension.source_dir = posixpath.dirname(source_path)
        return self.extension.citations

    def block(self, text: str) -> Markup:
        return self._render(text, inline=False)

    def inline(self, text: str) -> Markup:
        """Inline Markdown for one-line fields: no paragraphs or other blocks."""
        return self._render(text, inline=True)

    def _render(self, text: str, inline: bool) -> Markup:
        key = (self.extension.source_dir, inline, text)
        return self.cache.render(key, self.extension.citations, lambda: self._convert(text, inline))

    def _convert(self, text: str, inline: bool) -> Markup:
        self.md.reset()
        html = self.md.convert(text)
        if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(sanitize(html, self.site_url))
