"""The Pelican generator: validates first, then writes every fact-check page.

Pelican creates all generators before it cleans or writes anything, so the
whole-site check runs in ``__init__``: on any error the build stops there and
nothing is written. ``generate_context`` runs after Pelican has read the
explainers and pages; ``generate_output`` writes people, claims, indexes, the
bibliography, the update log and its feed through Pelican's writer.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator
from pelican.utils import sanitised_join

from . import discovery, links
from .jsonld import claim_review, person_jsonld, script_json
from .markdown_html import MarkdownRenderer
from .problems import ContentInvalid, GenerationError, build_fails, format_report
from .settings import FactcheckSettings
from .validate import check_content
from .views import NumberedSource, PageLink, build_views, number_sources, page_updates

logger = logging.getLogger(__name__)


class FactcheckGenerator(Generator):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.factcheck = FactcheckSettings.from_pelican(self.settings)
        site, problems = check_content(self.factcheck)
        if build_fails(
            problems, strict=self.factcheck.strict, allowed=self.factcheck.strict_allows
        ):
            raise ContentInvalid(problems)
        if problems:
            print(format_report(problems), file=sys.stderr)
        self.site = site
        self.link_table = links.link_table_from_settings(self.settings)
        self.renderer = MarkdownRenderer(self.link_table)
        self.views = None

    # -- context --------------------------------------------------------

    def absolute(self, url: str) -> str:
        return f"{self.settings.get('SITEURL', '')}/{url}"

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

    @contextmanager
    def processing(self, source: str):
        """Name the file being processed in any unexpected error, in one line."""
        try:
            yield
        except (SystemExit, KeyboardInterrupt):
            raise
        except Exception as error:
            if os.environ.get("FACTCHECK_DEBUG"):
                traceback.print_exc()
            raise GenerationError(source, error) from error

    def generate_context(self) -> None:
        with self.processing("content"):
            self._generate_context()

    def _generate_context(self) -> None:
        articles = list(self.context.get("articles", []))
        pages = list(self.context.get("pages", []))
        for document in articles + pages:
            self._prepare_document(document)
        urls = dict(self.link_table.urls)
        self.views = build_views(self.site, self.renderer, urls, articles)
        views = self.views
        self.context.update(
            factcheck_people=views.people,
            factcheck_claims=views.claims,
            factcheck_sources=views.sources,
            factcheck_updates=views.updates,
            factcheck_ratings=views.ratings,
            factcheck_rating_groups=views.rating_groups,
            factcheck_explainers=sorted(articles, key=lambda a: (a.date, a.slug), reverse=True),
            factcheck_index_urls=links.INDEX_URLS,
            factcheck_updates_feed=links.UPDATES_FEED,
            factcheck_claims_feed=links.CLAIMS_FEED,
        )
        for document in articles + pages:
            self._finish_document(document)

    def _prepare_document(self, document) -> None:
        """Update entries for explainers and pages, before the site's update log is built."""
        link = PageLink(
            document.title,
            document.url,
            "explainer" if document in self.context.get("articles", []) else "page",
        )
        document.update_entries = page_updates(
            getattr(document, "updates", ()), link, self.renderer.inline
        )

    def _finish_document(self, document) -> None:
        # Pelican's content is our sanitized HTML; naming it *_html marks it trusted.
        document.body_html = Markup(document.content)
        document.summary_html = Markup(document.metadata.get("summary", ""))
        citations = document.metadata.get("citations")
        ids = list(getattr(document, "extra_sources", ()) or ())
        document.source_list: list[NumberedSource] = (
            number_sources(citations, ids, self.views.sources_by_id) if citations else []
        )
        document.people_views = [
            self.views.people_by_slug[s] for s in getattr(document, "people", ()) or ()
        ]
        document.edit_links = self.edit_links(document.relative_source_path)
        document.corrections = [u for u in document.update_entries if u.is_correction]

    # -- output ---------------------------------------------------------

    def generate_output(self, writer) -> None:
        with self.processing("content"):
            self._generate_output(writer)

    def _generate_output(self, writer) -> None:
        views = self.views
        write = self._writer(writer)
        siteurl = self.settings.get("SITEURL", "")
        publisher = self.settings.get(
            "FACTCHECK_PUBLISHER", {"name": self.settings["SITENAME"], "url": self.absolute("")}
        )
        sitemap: list[discovery.SitemapEntry] = []

        for person in views.people:
            self.current = f"content/{person.source_path}"
            write(
                links.save_as(person.url),
                "person.html",
                person=person,
                page_url=person.url,
                jsonld_html=script_json(person_jsonld(person, self.absolute)),
                edit_links=self.edit_links(person.source_path),
                noindex=person.noindex,
                meta_image=f"images/{person.person.image.file}" if person.person.image else None,
                person_feed_url=f"{person.url}feed.atom.xml",
            )
            self._write_person_feed(person)
            if not person.noindex:
                sitemap.append(
                    discovery.SitemapEntry(
                        person.url, _last_change(person.person.published, person.updates)
                    )
                )

        reviews = []
        for claim in views.claims:
            self.current = f"content/{claim.source_path}"
            review = claim_review(claim, self.absolute, publisher, self.site.ratings)
            write(
                links.save_as(claim.url),
                "claim.html",
                claim=claim,
                page_url=claim.url,
                jsonld_html=script_json(review),
                edit_links=self.edit_links(claim.source_path),
                noindex=claim.noindex,
                card_url=f"{claim.url}card/",
            )
            write(
                links.save_as(f"{claim.url}card/"),
                "claim_card.html",
                claim=claim,
                page_url=f"{claim.url}card/",
                noindex=True,
            )
            if not claim.noindex:
                reviews.append(review)
                sitemap.append(
                    discovery.SitemapEntry(
                        claim.url, _last_change(claim.claim.published, claim.updates)
                    )
                )

        self.current = ""
        for name, template in INDEX_PAGES:
            url = links.INDEX_URLS[name]
            write(links.save_as(url), template, page_url=url)
            sitemap.append(discovery.SitemapEntry(url, None))
        for document in self.context.get("articles", []) + self.context.get("pages", []):
            dates = [
                d for d in (getattr(document, "modified", None), document.metadata.get("date")) if d
            ]
            lastmod = max(dates).date() if dates else None
            if document.update_entries:
                latest = document.update_entries[0].date.as_date()
                lastmod = max(lastmod, latest) if lastmod else latest
            sitemap.append(discovery.SitemapEntry(document.url, lastmod))

        lang = self.settings.get("DEFAULT_LANG", "en")
        name = self.settings["SITENAME"]
        updates = discovery.new_feed(
            f"{name}: updates and corrections",
            siteurl,
            links.INDEX_URLS["updates"],
            links.UPDATES_FEED,
            "Every update, correction and clarification, newest first.",
            lang,
        )
        discovery.add_updates(updates, siteurl, views.updates)
        self._write_text(links.UPDATES_FEED, discovery.feed_text(updates))
        claims_feed = discovery.new_feed(
            f"{name}: new fact-checks",
            siteurl,
            links.INDEX_URLS["claims"],
            links.CLAIMS_FEED,
            "Fact-checks as they are published, newest first.",
            lang,
        )
        discovery.add_claims(claims_feed, siteurl, [c for c in views.claims if not c.noindex])
        self._write_text(links.CLAIMS_FEED, discovery.feed_text(claims_feed))

        self._write_text("sitemap.xml", discovery.sitemap_xml(siteurl, sitemap))
        self._write_text("robots.txt", discovery.robots_txt(siteurl))
        self._write_text("data/claims.json", discovery.json_text(reviews))
        self._write_text(
            "data/people.json",
            discovery.json_text(discovery.people_data(views.people, self.absolute)),
        )
        self._write_text(
            "data/sources.json",
            discovery.json_text(discovery.sources_data(views.sources, self.absolute)),
        )
        self._write_text("data/claims.csv", discovery.claims_csv(views.claims, self.absolute))
        for file_name, text in sorted(self.settings.get("FACTCHECK_EXTRA_FILES", {}).items()):
            self._write_text(file_name, text)

    def _write_person_feed(self, person) -> None:
        siteurl = self.settings.get("SITEURL", "")
        feed = discovery.new_feed(
            f"{person.name}: {self.settings['SITENAME']}",
            siteurl,
            person.url,
            f"{person.url}feed.atom.xml",
            f"New fact-checks and updates about {person.name}.",
            self.settings.get("DEFAULT_LANG", "en"),
        )
        claims = {c.slug: c for c in person.claims_by + person.claims_about if not c.noindex}
        discovery.add_claims(
            feed,
            siteurl,
            sorted(claims.values(), key=lambda c: (c.claim.published, c.slug), reverse=True),
        )
        discovery.add_updates(feed, siteurl, person.updates)
        self._write_text(f"{person.url}feed.atom.xml", discovery.feed_text(feed))

    def _writer(self, writer):
        def write(name: str, template: str, **context) -> None:
            current = getattr(self, "current", "")
            with self.processing(
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


def _last_change(published, updates):
    return updates[0].date if updates else published
