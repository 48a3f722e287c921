"""Markdown -> trusted HTML: numbered citations, resolved site links, sanitized.

This is the only place that produces HTML the templates do not escape. Its
results are ``Markup`` objects and the names that hold them end in ``_html``.
Python-Markdown passes raw HTML through, so every result goes through nh3
(Ammonia): no scripts, no event handlers, no ``style``, only http(s) and
site-relative links, and images only from this site.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

CITATION_PATTERN = r"\[@([a-z0-9]+(?:-[a-z0-9]+)*)((?:;\s*@[a-z0-9]+(?:-[a-z0-9]+)*)*)\]"

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "q", "s", "small",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "class", "aria-describedby"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "sup": {"class", "id"},
    "th": {"scope"},
    "td": {"colspan", "rowspan"},
    "h2": {"id"},
    "h3": {"id"},
    "ol": {"start"},
}
# Only the ids and classes this module writes survive sanitizing, so content
# cannot clobber the page's own anchors.
OWN_ID_RE = re.compile(r"(cite|source)-\d+(-\d+)?")
OWN_CLASSES = frozenset({"citation", "citation-link"})


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return value if OWN_ID_RE.fullmatch(value) else None
    if attribute == "class":
        return value if value in OWN_CLASSES else None
    if attribute == "src":
        parts = urlsplit(value)
        return value if not parts.scheme and not parts.netloc else None
    if attribute == "href":
        parts = urlsplit(value)
        if parts.scheme.lower() in ("http", "https") or (not parts.scheme and not parts.netloc):
            return value
        return None
    return value


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        attribute_filter=_keep_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


@dataclass
class Citations:
    """Numbers sources in the order a page first cites them."""

    order: list[str] = field(default_factory=list)
    uses: dict[str, int] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)  # every cite() in order, to replay

    def cite(self, source_id: str) -> tuple[int, int]:
        """The source's number on the page and how many times it was cited so far."""
        self.log.append(source_id)
        if source_id not in self.uses:
            self.order.append(source_id)
            self.uses[source_id] = 0
        self.uses[source_id] += 1
        return self.order.index(source_id) + 1, self.uses[source_id]

    def number(self, source_id: str) -> int:
        """Number a source that the page lists without citing it inline."""
        if source_id not in self.uses:
            self.order.append(source_id)
            self.uses[source_id] = 0
        return self.order.index(source_id) + 1


class _CitationPattern(InlineProcessor):
    def __init__(self, pattern: str, extension: CitationExtension) -> None:
        super().__init__(pattern)
        self.extension = extension

    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown's API
        citations = self.extension.citations
        keys = [m.group(1)]
        if m.group(2):
            keys += [k.strip().lstrip("@") for k in m.group(2).split(";") if k.strip()]
        sup = ET.Element("sup", {"class": "citation"})
        link = None
        for key in keys:
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

    def __init__(self, md, extension: CitationExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        links = self.extension.links
        for element in root.iter():
            attribute = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            if attribute is None:
                continue
            value = element.get(attribute, "")
            if value.startswith(("{filename}", "{static}")):
                element.set(attribute, links.resolve(value, self.extension.source_dir))
        return None


class CitationExtension(Extension):
    """[@source-id] citations and {filename} links, with per-page state."""

    def __init__(self, links: LinkTable) -> None:
        super().__init__()
        self.links = links
        self.citations = Citations()
        self.source_dir = ""

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's API
        md.inlinePatterns.register(
            _CitationPattern(CITATION_PATTERN, self), "factcheck-citation", 175
        )
        md.treeprocessors.register(_SiteLinks(md, self), "factcheck-links", 5)


class LinkTable:
    """Where each content file is published: 'people/x.yaml' -> '/people/x/'."""

    def __init__(self, urls: dict[str, str], siteurl: str) -> None:
        self.urls = urls
        self.siteurl = siteurl.rstrip("/")

    def resolve(self, target: str, source_dir: str) -> str:
        what, _, path = target.partition("}")
        path, _, fragment = path.partition("#")
        if path.startswith("/"):
            key = posixpath.normpath(path.lstrip("/"))
        else:
            key = posixpath.normpath(posixpath.join(source_dir, path))
        if what == "{static":
            url = key
        else:
            url = self.urls.get(key)
            if url is None:  # validation reports unknown links before rendering
                return "#"
        full = f"{self.siteurl}/{url}"
        return f"{full}#{fragment}" if fragment else full


class MarkdownRenderer:
    """One Python-Markdown instance, reset between texts (creating one costs ~1 ms).

    Results are kept by text, so a long-running process (invoke serve) renders
    only what changed. A text with citations is kept only when rendered first
    on its page, where its numbering depends on nothing else; reusing it
    replays its citations so the page's later numbers stay the same.
    """

    def __init__(self, links: LinkTable) -> None:
        self._cache: dict[tuple[str, bool, str], tuple[Markup, tuple[str, ...]]] = {}
        self.extension = CitationExtension(links)
        self.md = markdown.Markdown(
            extensions=[self.extension, "markdown.extensions.tables"],
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
        citations = self.extension.citations
        key = (self.extension.source_dir, inline, text)
        cacheable = "[@" not in text or not citations.log
        if cacheable and key in self._cache:
            html, cited = self._cache[key]
            for source_id in cited:
                citations.cite(source_id)
            return html
        start = len(citations.log)
        self.md.reset()
        html = self.md.convert(text)
        if inline and html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        result = Markup(sanitize(html))
        if cacheable:
            self._cache[key] = (result, tuple(citations.log[start:]))
        return result
