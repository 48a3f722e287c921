"""Where every page is published, derived from file names alone.

Knowing each URL before anything is read lets Markdown resolve
``{filename}/people/x.yaml`` links in one pass, for fact sheets and for
explainers read by Pelican alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..content.content_files import FOLDERS, list_content_files, parse_file_name
from ..content.validate import resolve_site_link
from ..settings import FactcheckSettings

# The site's own pages (Pelican's ARTICLE_URL and PAGE_URL place explainers and pages).
PERSON_URL = "people/{slug}/"
CLAIM_URL = "claims/{slug}/"
INDEX_URLS = {
    "home": "",
    "people": "people/",
    "claims": "claims/",
    "explainers": "explainers/",
    "sources": "sources/",
    "updates": "updates/",
    "search": "search/",
    "data": "data/",
}
UPDATES_FEED = "feeds/updates.atom.xml"
CLAIMS_FEED = "feeds/claims.atom.xml"


@dataclass(frozen=True)
class PageLink:
    """A link to one page of the site, as shown in lists."""

    title: str
    url: str
    kind: str  # person, claim, explainer, page


class LinkTable:
    """Where each content file is published: 'people/x.yaml' -> '/people/x/'."""

    def __init__(self, urls: dict[str, str], siteurl: str) -> None:
        self.urls = urls
        self.siteurl = siteurl.rstrip("/")

    def resolve(self, target: str, source_dir: str) -> str:
        """The address of a {filename} or {static} link written in a file in `source_dir`."""
        link = resolve_site_link(target, source_dir)
        url = link.path if link.static else self.urls.get(link.path)
        if url is None:  # validation reports unknown links before rendering
            return "#"
        full = f"{self.siteurl}/{url}"
        return f"{full}#{link.fragment}" if link.fragment else full


def save_as(url: str) -> str:
    """The output file for a URL: 'people/x/' -> 'people/x/index.html'."""
    return f"{url}index.html" if url == "" or url.endswith("/") else url


# Where fact sheets are published, by folder; Pelican's settings place the documents.
SHEET_URLS = {"people": PERSON_URL, "claims": CLAIM_URL}


def content_url(relative: str, settings: FactcheckSettings) -> str | None:
    """The URL of a content file given its path under content/, or None."""
    folder, _, name = relative.partition("/")
    file = parse_file_name(name)
    in_other_language = bool(file.lang) and file.lang != settings.default_lang
    if folder in SHEET_URLS and file.extension == "yaml":
        prefix = f"{file.lang}/" if in_other_language else ""
        return prefix + SHEET_URLS[folder].format(slug=file.slug)
    if folder in ("explainers", "pages") and file.extension == "md":
        pattern = _document_url(settings, folder, in_other_language)
        return pattern.format(slug=file.slug, lang=file.lang)
    return None


def _document_url(settings: FactcheckSettings, folder: str, in_other_language: bool) -> str:
    """Pelican's ARTICLE_URL (explainers) or PAGE_URL (pages), or their _LANG_URL."""
    if folder == "explainers":
        return settings.article_lang_url if in_other_language else settings.article_url
    return settings.page_lang_url if in_other_language else settings.page_url


def translated_paths(content_dir: Path, lang: str) -> set[str]:
    """Originals (as 'claims/x.yaml') that have a translation into `lang`, by file name."""
    found = set()
    for folder in FOLDERS:
        for path in list_content_files(content_dir, folder):
            name = parse_file_name(path.name)
            if name.lang == lang:
                found.add(f"{folder}/{name.slug}.{name.extension}")
    return found


def urls_for_language(settings: FactcheckSettings, lang: str) -> dict[str, str]:
    """Where each original content file is published in `lang`.

    Untranslated items still get a page in the other language (the original
    text with a note) unless FACTCHECK_UNTRANSLATED is "omit"; then links
    point to the original language's page.
    """
    content_dir = settings.content_dir
    default = settings.default_lang
    omit = not settings.fallback
    translated = translated_paths(content_dir, lang) if lang != default and omit else set()
    urls = {}
    for folder, path in _originals(content_dir):
        relative = path.relative_to(content_dir).as_posix()
        url = content_url(relative, settings)
        if url is not None and lang != default and (not omit or relative in translated):
            name = parse_file_name(path.name)
            url = content_url(f"{folder}/{name.slug}.{lang}.{name.extension}", settings)
        if url is not None:
            urls[relative] = url
    return urls


def _originals(content_dir: Path) -> Iterator[tuple[str, Path]]:
    """Every content file that is not a translation (links name the original), by folder."""
    for folder in FOLDERS:
        for path in list_content_files(content_dir, folder):
            if not parse_file_name(path.name).is_translation:
                yield folder, path


def link_table(settings: FactcheckSettings, lang: str) -> LinkTable:
    """The addresses links in `lang` lead to: its pages, under SITEURL."""
    return LinkTable(urls_for_language(settings, lang), settings.siteurl)
