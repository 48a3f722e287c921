"""The site in each of its languages: views, explainers and pages, untranslated copies, alternates.

An edition is what one language's pages are made from. Fact sheets are
joined into views (:mod:`factcheck.views.site_views`); Pelican's explainers
and pages are shown in the edition's language when translated, otherwise as
an untranslated copy of the original under the edition's address
(``FACTCHECK_UNTRANSLATED = "fallback"``), or not at all (``"omit"``). Every
page names its versions in the other languages (its alternates) for the
language switcher and ``hreflang`` links.

Nothing here imports Pelican: explainers and pages are read through the
attributes Pelican documents for templates (``title``, ``url``, ``lang``,
``translations``...) and the metadata the plugin's reader adds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from markupsafe import Markup

from ..content.content_files import is_explainer
from ..content.loading import Site
from . import links
from .i18n import address_prefix, own_language_name
from .markdown_html import MarkdownRenderer
from .site_views import (
    ClaimView,
    NumberedSource,
    PageLink,
    PersonView,
    SiteViews,
    build_views,
    number_sources,
    page_updates,
)


@dataclass(frozen=True)
class LanguageOptions:
    """How the site is published in its languages."""

    languages: tuple[str, ...]  # the default first
    default_lang: str
    show_untranslated: bool  # FACTCHECK_UNTRANSLATED: "fallback" shows the original, "omit" nothing
    # Where a translation of an explainer or page is published: Pelican's
    # ARTICLE_LANG_URL and PAGE_LANG_URL, by the document's kind.
    document_urls: Mapping[str, str]

    def untranslated_url(self, document, lang: str) -> str:
        return self.document_urls[document_kind(document)].format(slug=document.slug, lang=lang)


@dataclass(frozen=True)
class EditLinks:
    """Where to edit a content file on GitHub, and its history (GITHUB_REPO); none without one."""

    repo: str
    branch: str
    content_folder: str  # the content folder, relative to the repository

    def __call__(self, source_path: str) -> dict[str, str] | None:
        if not self.repo:
            return None
        path = f"{self.content_folder}/{source_path}"
        return {
            "edit": f"https://github.com/{self.repo}/edit/{self.branch}/{path}",
            "history": f"https://github.com/{self.repo}/commits/{self.branch}/{path}",
        }


def document_kind(document) -> str:
    """'explainers' or 'pages': the folder an explainer or page is read from."""
    return "explainers" if is_explainer(document.relative_source_path) else "pages"


class UntranslatedCopy:
    """An explainer or page shown untranslated in another language's site.

    It has the edition's address and the original's text: what lists and
    views read of it is the original's.
    """

    untranslated = True

    def __init__(self, original, url: str) -> None:
        self.original = original
        self.url = url
        self.save_as = links.save_as(url)

    @property
    def lang(self) -> str:
        return self.original.lang

    @property
    def slug(self) -> str:
        return self.original.slug

    @property
    def title(self) -> str:
        return self.original.title

    @property
    def date(self):
        return self.original.date

    @property
    def summary_html(self) -> Markup:
        return self.original.summary_html

    @property
    def relative_source_path(self) -> str:
        return self.original.relative_source_path

    @property
    def updates(self) -> tuple:
        return getattr(self.original, "updates", ()) or ()

    @property
    def people(self) -> tuple:
        return getattr(self.original, "people", ()) or ()

    @property
    def cited_sources(self) -> tuple:
        return getattr(self.original, "cited_sources", ()) or ()


@dataclass
class Edition:
    """The site in one language: its views, and the explainers and pages it shows."""

    lang: str
    prefix: str  # of its addresses: "" for the default language, "es/" for Spanish
    views: SiteViews
    explainers: list  # Pelican articles: originals, translations or untranslated copies
    pages: list
    show_untranslated: bool

    @property
    def documents(self) -> list:
        return self.explainers + self.pages

    @cached_property
    def documents_by_url(self) -> dict[str, Any]:
        return {document.url: document for document in self.documents}

    def shows(self, view: PersonView | ClaimView) -> bool:
        """Whether this edition has a page for a person or claim (untranslated: if it shows those)."""
        return view.translated or self.show_untranslated

    def people(self) -> list[PersonView]:
        return [person for person in self.views.people if self.shows(person)]

    def claims(self) -> list[ClaimView]:
        return [claim for claim in self.views.claims if self.shows(claim)]

    def private_urls(self) -> set[str]:
        """Pages their editors marked `privacy: noindex`: no feed, data file or index names them."""
        return {p.url for p in self.views.people if p.noindex} | {
            c.url for c in self.views.claims if c.noindex
        }

    def untranslated_copies(self) -> list[UntranslatedCopy]:
        return [d for d in self.documents if isinstance(d, UntranslatedCopy)]

    def own_documents(self) -> list:
        """The explainers and pages this edition shows in their own right (not copies)."""
        return [d for d in self.documents if not isinstance(d, UntranslatedCopy)]


def build_editions(
    site: Site,
    articles: list,
    pages: list,
    options: LanguageOptions,
    *,
    renderers: Mapping[str, MarkdownRenderer],
    urls: Mapping[str, dict[str, str]],
    edit_links: EditLinks,
) -> dict[str, Edition]:
    """Every language's edition; `articles` and `pages` are Pelican's published originals.

    Explainers and pages are finished for their templates on the way
    (:func:`finish_document`).
    """
    translations = _sheet_translations(site, options.languages)
    editions = {}
    for lang in options.languages:
        explainers = documents_in(articles, lang, options)
        ratings = {key: r.in_language(lang) for key, r in site.ratings.items()}
        views = build_views(
            site,
            renderers[lang],
            urls[lang],
            explainers,
            lang=lang,
            translations=translations[lang],
            ratings=ratings,
        )
        edition = Edition(
            lang,
            address_prefix(lang, options.default_lang),
            views,
            explainers,
            documents_in(pages, lang, options),
            options.show_untranslated,
        )
        for document in edition.own_documents():
            finish_document(document, renderers[lang], views, options, edit_links)
        editions[lang] = edition
    return editions


def _sheet_translations(site: Site, languages) -> dict[str, dict]:
    """The translated text of people and claims, by language and (kind, slug)."""
    by_lang: dict[str, dict] = {lang: {} for lang in languages}
    for translation in site.sheet_translations:
        by_lang[translation.lang][(translation.kind, translation.slug)] = translation.model
    return by_lang


def documents_in(originals: list, lang: str, options: LanguageOptions) -> list:
    """The originals' translations into `lang`, or their untranslated copies where shown."""
    shown = []
    for original in originals:
        translation = next((t for t in original.translations if t.lang == lang), None)
        if lang == options.default_lang:
            shown.append(original)
        elif translation is not None:
            shown.append(translation)
        elif options.show_untranslated:
            shown.append(UntranslatedCopy(original, options.untranslated_url(original, lang)))
    return shown


def finish_document(
    document, renderer: MarkdownRenderer, views: SiteViews, options, edit_links
) -> None:
    """Give a Pelican explainer or page what its template shows besides Pelican's own fields."""
    link = PageLink(document.title, document.url, document_kind(document).removesuffix("s"))
    document.update_entries = page_updates(getattr(document, "updates", ()), link, renderer.inline)
    # Pelican's content is our sanitized HTML; naming it *_html marks it trusted.
    document.body_html = Markup(document.content)
    document.summary_html = Markup(document.metadata.get("summary", ""))
    document.source_list = _source_list(document, views)
    document.people_views = [
        views.people_by_slug[slug] for slug in getattr(document, "people", ()) or ()
    ]
    document.edit_links = edit_links(document.relative_source_path)
    document.alternates = document_alternates(document, options)
    document.ratings = views.ratings
    document.published_date, document.translated_date = _dates(document, options.default_lang)


def _source_list(document, views: SiteViews) -> list[NumberedSource]:
    citations = document.metadata.get("citations")
    if not citations:
        return []
    extra = list(getattr(document, "extra_sources", ()) or ())
    return number_sources(citations, extra, views.sources_by_id)


def _original_of(document, default_lang: str):
    """The default language's version of a document (itself for an original), or None."""
    if document.lang == default_lang:
        return document
    return next((t for t in document.translations if t.lang == default_lang), None)


def _dates(document, default_lang: str) -> tuple[Any, Any]:
    """(published, translated): a translation's Date is when it was translated."""
    own_date = getattr(document, "date", None)
    original = next((t for t in document.translations if t.lang == default_lang), None)
    if original is None:
        return own_date, None
    return getattr(original, "date", None), own_date


# -- alternates: the same page in the site's other languages ------------------


def alternates(url_by_lang: Mapping[str, str], languages) -> list[dict[str, str]]:
    """The language switcher's entries, in the site's order of languages."""
    return [
        {"lang": lang, "url": url_by_lang[lang], "name": own_language_name(lang)}
        for lang in languages
        if lang in url_by_lang
    ]


def document_alternates(document, options: LanguageOptions) -> list[dict[str, str]]:
    original = _original_of(document, options.default_lang)
    if original is None:
        return []
    urls = {options.default_lang: original.url}
    for translation in original.translations:
        urls[translation.lang] = translation.url
    if options.show_untranslated:
        for lang in options.languages:
            urls.setdefault(lang, options.untranslated_url(original, lang))
    return alternates(urls, options.languages)


def item_alternates(
    editions: Mapping[str, Edition], kind: str, slug: str, languages
) -> list[dict[str, str]]:
    """A person's or claim's pages in every edition that has one."""
    urls = {}
    for lang, edition in editions.items():
        views = edition.views
        view = (views.people_by_slug if kind == "people" else views.claims_by_slug)[slug]
        if edition.shows(view):
            urls[lang] = view.url
    return alternates(urls, languages)


def index_alternates(name: str, languages, default_lang: str) -> list[dict[str, str]]:
    """An index page (the home page, people, claims...) in every language."""
    urls = {lang: address_prefix(lang, default_lang) + links.INDEX_URLS[name] for lang in languages}
    return alternates(urls, languages)
