"""Where every page is published, derived from file names alone.

Knowing each URL before anything is read lets Markdown resolve
``{filename}/people/x.yaml`` links in one pass, for fact sheets and for
explainers read by Pelican alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..content.loading import FOLDERS, list_content_files
from .markdown_html import LinkTable

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


def save_as(url: str) -> str:
    """The output file for a URL: 'people/x/' -> 'people/x/index.html'."""
    return f"{url}index.html" if url == "" or url.endswith("/") else url


def content_url(relative: str, settings: Mapping[str, Any]) -> str | None:
    """The URL of a content file given its path under content/, or None."""
    folder, _, name = relative.partition("/")
    stem, _, extension = name.rpartition(".")
    slug, _, lang = stem.partition(".")
    default_lang = settings.get("DEFAULT_LANG", "en")
    prefix = f"{lang}/" if lang and lang != default_lang else ""
    if folder == "people" and extension == "yaml":
        return prefix + PERSON_URL.format(slug=slug)
    if folder == "claims" and extension == "yaml":
        return prefix + CLAIM_URL.format(slug=slug)
    if folder in ("explainers", "pages") and extension == "md":
        kind = "ARTICLE" if folder == "explainers" else "PAGE"
        pattern = settings[f"{kind}_LANG_URL"] if prefix else settings[f"{kind}_URL"]
        return pattern.format(slug=slug, lang=lang)
    return None


def language_prefix(lang: str, settings: Mapping[str, Any]) -> str:
    return "" if lang == settings.get("DEFAULT_LANG", "en") else f"{lang}/"


def translated_paths(content_dir: Path, lang: str) -> set[str]:
    """Originals (as 'claims/x.yaml') that have a translation into `lang`, by file name."""
    found = set()
    for folder in FOLDERS:
        for path in list_content_files(content_dir, folder):
            stem, _, extension = path.name.rpartition(".")
            slug, _, file_lang = stem.partition(".")
            if file_lang == lang:
                found.add(f"{folder}/{slug}.{extension}")
    return found


def urls_for_language(settings: Mapping[str, Any], lang: str) -> dict[str, str]:
    """Where each original content file is published in `lang`.

    Untranslated items still get a page in the other language (the original
    text with a note) unless FACTCHECK_UNTRANSLATED is "omit"; then links
    point to the original language's page.
    """
    content_dir = Path(settings["PATH"]).resolve()
    default = settings.get("DEFAULT_LANG", "en")
    omit = settings.get("FACTCHECK_UNTRANSLATED", "fallback") == "omit"
    translated = translated_paths(content_dir, lang) if lang != default and omit else set()
    urls = {}
    for folder in FOLDERS:
        for path in list_content_files(content_dir, folder):
            relative = path.relative_to(content_dir).as_posix()
            if "." in path.stem:
                continue  # a translation: links name the original
            url = content_url(relative, settings)
            if url is None:
                continue
            if lang != default and (not omit or relative in translated):
                stem = path.stem
                url = content_url(f"{folder}/{stem}.{lang}{path.suffix}", settings)
            urls[relative] = url
    return urls


def link_table_from_settings(settings: Mapping[str, Any], lang: str | None = None) -> LinkTable:
    lang = lang or settings.get("DEFAULT_LANG", "en")
    return LinkTable(urls_for_language(settings, lang), settings.get("SITEURL", ""))
