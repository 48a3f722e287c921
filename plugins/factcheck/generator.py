"""The Pelican generator: validates first, then writes every fact-check page.

Pelican creates all generators before it cleans or writes anything, so the
whole-site check runs in ``__init__``: on any error the build stops there and
nothing is written. ``generate_context`` runs after Pelican has read the
explainers and pages; ``generate_output`` writes people, claims, indexes, the
bibliography, the update log and its feed through Pelican's writer.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator
from pelican.utils import sanitised_join

from .building.atomic import StagedFiles
from .content.problems import ContentInvalid, build_fails, format_report, reported_as
from .content.share_images import card_type
from .content.validate import check_content
from .outputs import discovery
from .settings import FactcheckSettings
from .views import links
from .views.i18n import N_
from .views.jsonld import claim_review, person_jsonld, script_json
from .views.markdown_html import MarkdownRenderer
from .views.site_views import NumberedSource, PageLink, build_views, number_sources, page_updates

logger = logging.getLogger(__name__)


LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "pt": "Português"}


class LanguageCopy:
    """An explainer or page shown untranslated in another language's site."""

    untranslated = True

    def __init__(self, original, url: str) -> None:
        self._original = original
        self.url = url
        self.save_as = links.save_as(url)

    def __getattr__(self, name):
        return getattr(self._original, name)


class FactcheckGenerator(Generator):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.factcheck = FactcheckSettings.from_pelican(self.settings)
        # A long-running process (invoke serve) passes a cache of parsed files.
        self.load_cache = self.settings.get("FACTCHECK_LOAD_CACHE")
        self.renderers: dict[str, MarkdownRenderer] = {}
        self.staged: StagedFiles | None = None  # set by an incremental rebuild
        self.warnings_shown: set[str] = set()
        site = self.validate()
        self.site = site
        self.languages = self.factcheck.languages
        self.default_lang = self.factcheck.default_lang
        self.fallback = self.settings.get("FACTCHECK_UNTRANSLATED", "fallback") != "omit"
        self.views_by_lang = {}
        self.views = None

    def validate(self):
        """Check all content; raise ContentInvalid (nothing written) when the build must stop."""
        site, problems = check_content(self.factcheck, self.load_cache)
        if build_fails(
            problems, strict=self.factcheck.strict, allowed=self.factcheck.strict_allows
        ):
            raise ContentInvalid(problems)
        if problems:
            # A rebuild in `invoke serve` shows the warnings it has not shown yet.
            *lines, summary = format_report(problems).splitlines()
            new = [line for line in lines if line not in self.warnings_shown]
            self.warnings_shown = set(lines)
            if len(new) < len(lines):
                summary += f" ({len(lines) - len(new)} shown before)"
            print("\n".join([*new, summary]), file=sys.stderr)
        return site

    # -- context --------------------------------------------------------

    @property
    def public_url(self) -> str:
        """The site's address in feeds, sitemap, robots.txt, JSON-LD and data files.

        Those formats need absolute addresses (an Atom id, a sitemap <loc>), so
        a local build without SITEURL uses the preview server's address.
        """
        return self.settings.get("SITEURL") or self.settings.get(
            "FACTCHECK_PREVIEW_URL", PREVIEW_URL
        )

    def absolute(self, url: str) -> str:
        return f"{self.public_url}/{url}"

    def share_image(self, person) -> dict[str, str]:
        """The Open Graph picture of a person's page: only one a preview card can show."""
        image = person.person.image
        if image is None:
            return {}
        card = card_type(self.factcheck.content_dir / "images" / image.file)
        if card is None:  # invoke check says why
            return {}
        return {
            "meta_image": f"images/{image.file}",
            "meta_image_alt": image.alt,
            "meta_card": card,
        }

    def site_name(self, lang: str) -> str:
        return (
            self.settings.get("FACTCHECK_SITE_TRANSLATIONS", {})
            .get(lang, {})
            .get("SITENAME", self.settings["SITENAME"])
        )

    def publisher(self, lang: str) -> discovery.Publisher:
        """FACTCHECK_PUBLISHER, or the site itself (its name in `lang`, its address)."""
        configured = self.settings.get("FACTCHECK_PUBLISHER")
        if configured:
            return discovery.Publisher(configured["name"], configured["url"])
        return discovery.Publisher(self.site_name(lang), self.absolute(""))

    def feed_texts(self, lang: str) -> dict[str, str]:
        """Feed titles and subtitles in `lang`, from the theme's catalogue."""
        gettext = self.env.globals["gettext_for"](lang)
        return {key: gettext(message) for key, message in FEED_TEXTS.items()}

    @staticmethod
    def private_urls(views) -> set[str]:
        """Pages their editors marked `privacy: noindex`: no feed, data file or index names them."""
        return {p.url for p in views.people if p.noindex} | {
            c.url for c in views.claims if c.noindex
        }

    def feed_entries(self, views) -> tuple[list, list]:
        """The updates and the claims the site-wide feeds of one language list."""
        private = self.private_urls(views)
        claims = [c for c in views.claims if not c.noindex and c.translated]
        return [u for u in views.updates if u.page.url not in private], claims

    def person_feed_entries(self, person) -> tuple[list, list]:
        """The claims and updates a person's feed lists, newest first (none for a private person)."""
        if person.noindex:
            return [], []
        claims = {c.slug: c for c in person.claims_by + person.claims_about if not c.noindex}
        ordered = sorted(claims.values(), key=lambda c: (c.claim.published, c.slug), reverse=True)
        return ordered, list(person.updates)

    def prefix(self, lang: str) -> str:
        return links.language_prefix(lang, self.settings)

    def edit_links(self, source_path: str) -> dict[str, str] | None:
        repo = self.settings.get("GITHUB_REPO")
        if not repo:
            return None
        branch = self.settings.get("GITHUB_BRANCH", "main")
        content = self.factcheck.relative(self.factcheck.content_dir)
        path = f"{content}/{source_path}"
        return {
            "edit": f"https://github.com/{repo}/edit/{branch}/{path}",
            "history": f"https://github.com/{repo}/commits/{branch}/{path}",
        }

    def generate_context(self) -> None:
        with reported_as("content"):
            self._generate_context()

    def documents_in(self, originals, lang: str, url_pattern: str) -> list:
        """Originals' translations into `lang`, or untranslated copies (fallback mode)."""
        shown = []
        for original in originals:
            translation = next((t for t in original.translations if t.lang == lang), None)
            if lang == self.default_lang:
                shown.append(original)
            elif translation is not None:
                shown.append(translation)
            elif self.fallback:
                url = self.settings[url_pattern].format(slug=original.slug, lang=lang)
                shown.append(LanguageCopy(original, url))
        return shown

    def _generate_context(self) -> None:
        articles = list(self.context.get("articles", []))
        pages = list(self.context.get("pages", []))
        translations_by_lang: dict[str, dict] = {lang: {} for lang in self.languages}
        for translation in self.site.sheet_translations:
            translations_by_lang[translation.lang][(translation.kind, translation.slug)] = (
                translation.model
            )
        self.explainers_by_lang = {}
        self.pages_by_lang = {}
        for lang in self.languages:
            self.explainers_by_lang[lang] = self.documents_in(articles, lang, "ARTICLE_LANG_URL")
            self.pages_by_lang[lang] = self.documents_in(pages, lang, "PAGE_LANG_URL")
            if lang not in self.renderers:  # kept between rebuilds: it remembers results
                self.renderers[lang] = MarkdownRenderer(
                    links.link_table_from_settings(self.settings, lang)
                )
            renderer = self.renderers[lang]
            ratings = {key: r.in_language(lang) for key, r in self.site.ratings.items()}
            self.views_by_lang[lang] = build_views(
                self.site,
                renderer,
                links.urls_for_language(self.settings, lang),
                self.explainers_by_lang[lang],
                lang=lang,
                translations=translations_by_lang[lang],
                ratings=ratings,
            )
            for document in self.explainers_by_lang[lang] + self.pages_by_lang[lang]:
                self._finish_document(document, renderer, self.views_by_lang[lang])
        self.views = self.views_by_lang[self.default_lang]
        feeds_offered = {}
        for lang, views in self.views_by_lang.items():
            updates, claims = self.feed_entries(views)
            feeds_offered[lang] = {"updates": bool(updates), "claims": bool(claims)}
        self.context.update(
            factcheck_feeds_offered=feeds_offered,
            factcheck_languages=self.languages,
            factcheck_index_urls=links.INDEX_URLS,
            factcheck_updates_feed=links.UPDATES_FEED,
            factcheck_claims_feed=links.CLAIMS_FEED,
        )

    def _finish_document(self, document, renderer: MarkdownRenderer, views) -> None:
        if isinstance(document, LanguageCopy):
            return  # shares the original's rendering, done in the default language's turn
        kind = "explainer" if document.source_path.startswith("explainers/") else "page"
        link = PageLink(document.title, document.url, kind)
        document.update_entries = page_updates(
            getattr(document, "updates", ()), link, renderer.inline
        )
        document.corrections = [u for u in document.update_entries if u.is_correction]
        # Pelican's content is our sanitized HTML; naming it *_html marks it trusted.
        document.body_html = Markup(document.content)
        document.summary_html = Markup(document.metadata.get("summary", ""))
        citations = document.metadata.get("citations")
        ids = list(getattr(document, "extra_sources", ()) or ())
        document.source_list: list[NumberedSource] = (
            number_sources(citations, ids, views.sources_by_id) if citations else []
        )
        document.people_views = [
            views.people_by_slug[s] for s in getattr(document, "people", ()) or ()
        ]
        document.edit_links = self.edit_links(document.relative_source_path)
        document.alternates = self.document_alternates(document)
        document.ratings = views.ratings
        # A translation's Date is when it was translated; the page shows the original's.
        original = next((t for t in document.translations if t.lang == self.default_lang), None)
        own_date = getattr(document, "date", None)
        document.published_date = (
            getattr(original, "date", None) if original is not None else own_date
        )
        document.translated_date = own_date if original is not None else None

    def alternates(self, url_by_lang: dict[str, str]) -> list[dict[str, str]]:
        return [
            {"lang": lang, "url": url_by_lang[lang], "name": LANGUAGE_NAMES.get(lang, lang)}
            for lang in self.languages
            if lang in url_by_lang
        ]

    def document_alternates(self, document) -> list[dict[str, str]]:
        original = (
            next((t for t in document.translations if t.lang == self.default_lang), None)
            if document.lang != self.default_lang
            else document
        )
        if original is None:
            return []
        urls = {self.default_lang: original.url}
        for translation in original.translations:
            urls[translation.lang] = translation.url
        if self.fallback:
            pattern = (
                "ARTICLE_LANG_URL"
                if original.source_path.startswith("explainers/")
                else "PAGE_LANG_URL"
            )
            for lang in self.languages:
                urls.setdefault(lang, self.settings[pattern].format(slug=original.slug, lang=lang))
        return self.alternates(urls)

    def item_alternates(self, kind: str, slug: str) -> list[dict[str, str]]:
        urls = {}
        for lang, views in self.views_by_lang.items():
            view = (views.people_by_slug if kind == "people" else views.claims_by_slug)[slug]
            if view.translated or self.fallback:
                urls[lang] = view.url
        return self.alternates(urls)

    # -- output ---------------------------------------------------------

    def generate_output(self, writer, only: set[tuple[str, str]] | None = None) -> None:
        """Write every page, or (`only`) the pages of those people and claims plus every index."""
        with reported_as("content"):
            self._generate_output(writer, only)

    def _generate_output(self, writer, only=None) -> None:
        self.env.globals["memo"].next_build()
        sitemap: list[discovery.SitemapEntry] = []
        for lang in self.languages:
            self._write_language(writer, lang, sitemap, only)
        siteurl = self.public_url
        self._write_text("sitemap.xml", discovery.sitemap_xml(siteurl, sitemap))
        self._write_text("robots.txt", discovery.robots_txt(siteurl))
        for file_name, text in sorted(self.settings.get("FACTCHECK_EXTRA_FILES", {}).items()):
            self._write_text(file_name, text)

    def _write_language(self, writer, lang: str, sitemap: list, only=None) -> None:
        views = self.views_by_lang[lang]
        prefix = self.prefix(lang)
        write = self._writer(writer, lang, views)
        publisher = self.publisher(lang)
        default_views = self.views_by_lang[self.default_lang]

        for person in views.people:
            if not (person.translated or self.fallback):
                continue
            self.current = f"content/{person.source_path}"
            noindex = person.noindex or not person.translated
            has_feed = any(self.person_feed_entries(person))
            if only is None or ("people", person.slug) in only:
                write(
                    links.save_as(person.url),
                    "person.html",
                    person=person,
                    page_url=person.url,
                    jsonld_html=script_json(person_jsonld(person, self.absolute)),
                    edit_links=self.edit_links(person.source_path),
                    noindex=noindex,
                    untranslated=not person.translated,
                    **self.share_image(person),
                    person_feed_url=f"{person.url}feed.atom.xml" if has_feed else None,
                    alternates=self.item_alternates("people", person.slug),
                )
                if has_feed:
                    self._write_person_feed(person, lang)
            if not noindex:
                sitemap.append(
                    discovery.SitemapEntry(
                        person.url, _last_change(person.person.published, person.updates)
                    )
                )

        reviews = []
        for claim in views.claims:
            if not (claim.translated or self.fallback):
                continue
            self.current = f"content/{claim.source_path}"
            review = claim_review(
                claim,
                self.absolute,
                {"name": publisher.name, "url": publisher.url},
                self.site.ratings,
            )
            review["inLanguage"] = claim.content_lang
            if lang != self.default_lang and claim.translated:
                original = default_views.claims_by_slug[claim.slug]
                review["translationOfWork"] = {
                    "@type": "ClaimReview",
                    "url": self.absolute(original.url),
                    "inLanguage": self.default_lang,
                }
            noindex = claim.noindex or not claim.translated
            # A retracted fact-check keeps its page, but no longer reviews the
            # claim for search engines or the open data.
            retracted = claim.retraction is not None
            alternates = self.item_alternates("claims", claim.slug)
            if only is None or ("claims", claim.slug) in only:
                write(
                    links.save_as(claim.url),
                    "claim.html",
                    claim=claim,
                    page_url=claim.url,
                    jsonld_html=None if retracted else script_json(review),
                    edit_links=self.edit_links(claim.source_path),
                    noindex=noindex,
                    untranslated=not claim.translated,
                    card_url=f"{claim.url}card/",
                    alternates=alternates,
                )
                write(
                    links.save_as(f"{claim.url}card/"),
                    "claim_card.html",
                    claim=claim,
                    page_url=f"{claim.url}card/",
                    noindex=True,
                )
            if not noindex:
                if not retracted:
                    reviews.append(review)
                sitemap.append(
                    discovery.SitemapEntry(
                        claim.url, _last_change(claim.claim.published, claim.updates)
                    )
                )

        self.current = ""
        explainers = sorted(
            self.explainers_by_lang[lang], key=lambda a: (a.date, a.slug), reverse=True
        )
        for name, template in INDEX_PAGES:
            url = prefix + links.INDEX_URLS[name]
            write(
                links.save_as(url),
                template,
                page_url=url,
                explainers=explainers,
                alternates=self.alternates(
                    {code: self.prefix(code) + links.INDEX_URLS[name] for code in self.languages}
                ),
            )
            sitemap.append(discovery.SitemapEntry(url, None))

        for document in self.explainers_by_lang[lang] + self.pages_by_lang[lang]:
            if isinstance(document, LanguageCopy):
                original = document._original
                template = (
                    "article.html"
                    if original.source_path.startswith("explainers/")
                    else "page.html"
                )
                name = "article" if template == "article.html" else "page"
                self.current = f"content/{original.relative_source_path}"
                write(
                    document.save_as,
                    template,
                    page_url=document.url,
                    noindex=True,
                    untranslated=True,
                    alternates=original.alternates,
                    **{name: original},
                )
                continue
            # Pelican may give Date and Modified different time zone awareness:
            # compare the days only.
            dates = [
                d.date()
                for d in (getattr(document, "modified", None), document.metadata.get("date"))
                if d
            ]
            lastmod = max(dates) if dates else None
            if document.update_entries:
                latest = document.update_entries[0].date.as_date()
                lastmod = max(lastmod, latest) if lastmod else latest
            sitemap.append(discovery.SitemapEntry(document.url, lastmod))
        self.current = ""

        self._write_site_feeds(views, lang, publisher)

        self._write_text(f"{prefix}data/claims.json", discovery.json_text(reviews))
        public_people = [p for p in views.people if p.translated]
        self._write_text(
            f"{prefix}data/people.json",
            discovery.json_text(discovery.people_data(public_people, self.absolute)),
        )
        self._write_text(
            f"{prefix}data/sources.json",
            discovery.json_text(
                discovery.sources_data(views.sources, self.absolute, self.private_urls(views))
            ),
        )
        self._write_text(
            f"{prefix}data/claims.csv",
            discovery.claims_csv([c for c in views.claims if c.translated], self.absolute),
        )

    def _write_site_feeds(self, views, lang: str, publisher) -> None:
        """The updates and new fact-checks feeds of one language; an empty one is not written."""
        siteurl = self.public_url
        prefix = self.prefix(lang)
        texts = self.feed_texts(lang)
        site = self.site_name(lang)
        updates, claims = self.feed_entries(views)
        for name, path, entries in (
            ("updates", links.UPDATES_FEED, updates),
            ("claims", links.CLAIMS_FEED, claims),
        ):
            if not entries:
                continue
            feed = discovery.new_feed(
                texts[name] % {"site": site},
                siteurl,
                prefix + links.INDEX_URLS[name],
                prefix + path,
                texts[f"{name}_description"],
                lang,
                publisher,
            )
            if name == "updates":
                self._add_updates(feed, entries, lang)
            else:
                discovery.add_claims(feed, siteurl, entries)
            self._write_text(prefix + path, discovery.feed_text(feed))

    def _add_updates(self, feed, updates, lang: str) -> None:
        gettext = self.env.globals["gettext_for"](lang)
        kind_names = {kind: gettext(name) for kind, name in UPDATE_KINDS.items()}
        discovery.add_updates(feed, self.public_url, updates, kind_names)

    def _write_person_feed(self, person, lang: str) -> None:
        """A person's feed: their fact-checks and updates, written by the desk."""
        texts = self.feed_texts(lang)
        claims, updates = self.person_feed_entries(person)
        feed = discovery.new_feed(
            texts["person"] % {"name": person.name},
            self.public_url,
            person.url,
            f"{person.url}feed.atom.xml",
            texts["person_description"] % {"name": person.name},
            lang,
            self.publisher(lang),
        )
        discovery.add_claims(feed, self.public_url, claims)
        self._add_updates(feed, updates, lang)
        self._write_text(f"{person.url}feed.atom.xml", discovery.feed_text(feed))

    def _writer(self, writer, lang: str, views):
        def write(name: str, template: str, **context) -> None:
            context.setdefault("lang", lang)
            context.setdefault("site_views", views)
            current = getattr(self, "current", "")
            with reported_as(
                f"{current} (template {template})" if current else f"template {template}"
            ):
                writer.write_file(
                    name,
                    self.get_template(template.removesuffix(".html")),
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    override_output=True,
                    **context,
                )

        return write

    def _write_text(self, name: str, text: str) -> None:
        path = Path(sanitised_join(self.output_path, name))
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.staged is not None:  # an incremental rebuild renames it into place later
            path = Path(self.staged.stage(path))
        path.write_text(text, encoding="utf-8")


INDEX_PAGES = (
    ("home", "home.html"),
    ("people", "people.html"),
    ("claims", "claims.html"),
    ("explainers", "explainers.html"),
    ("sources", "sources.html"),
    ("updates", "updates.html"),
    ("search", "search.html"),
    ("data", "data.html"),
)


# The preview server's address (`invoke serve`), for the formats that need
# absolute addresses in a build without SITEURL.
PREVIEW_URL = "http://127.0.0.1:8000"

# What the feeds say, translated through the theme's catalogue
# (`uv run invoke translations` extracts the strings marked N_).
FEED_TEXTS = {
    "updates": N_("%(site)s: updates and corrections"),
    "updates_description": N_("Every update, correction and clarification, newest first."),
    "claims": N_("%(site)s: new fact-checks"),
    "claims_description": N_("Fact-checks as they are published, newest first."),
    "person": N_("%(name)s: fact-checks and updates"),
    "person_description": N_("New fact-checks and updates about %(name)s."),
}
# An update's title in a feed starts with its kind ("Correction: ..."), the
# same words the pages use.
UPDATE_KINDS = {
    "update": N_("Update"),
    "correction": N_("Correction"),
    "clarification": N_("Clarification"),
    "retraction": N_("Retraction"),
}


def _last_change(published, updates):
    return updates[0].date if updates else published
