"""The Pelican generator: validates first, then writes every fact-check page.

Pelican creates all generators before it cleans or writes anything, so the
whole-site check runs in ``__init__``: on any error the build stops there and
nothing is written. ``generate_context`` runs after Pelican has read the
explainers and pages; ``generate_output`` writes people, claims, indexes, the
bibliography, the update log and its feed through Pelican's writer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import sys
from pathlib import Path

from feedgenerator import Atom1Feed
from markupsafe import Markup
from pelican.generators import Generator
from pelican.utils import sanitised_join

from . import links
from .jsonld import claim_review, person_jsonld, script_json
from .markdown_html import MarkdownRenderer
from .problems import ContentInvalid, format_report
from .settings import FactcheckSettings
from .validate import check_content
from .views import NumberedSource, PageLink, build_views, number_sources, page_updates

logger = logging.getLogger(__name__)


def update_id(siteurl: str, entry) -> str:
    """A feed entry id that stays the same when other updates are added."""
    digest = hashlib.sha1(f"{entry.kind}:{entry.text_html}".encode()).hexdigest()[:12]
    return f"{siteurl}/{entry.page.url}#update-{entry.date.isoformat()}-{digest}"


class FactcheckGenerator(Generator):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.factcheck = FactcheckSettings.from_pelican(self.settings)
        site, problems = check_content(self.factcheck)
        strict = self.factcheck.strict
        if any(p.is_error for p in problems) or (strict and problems):
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

    def generate_context(self) -> None:
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
        views = self.views
        publisher = self.settings.get(
            "FACTCHECK_PUBLISHER", {"name": self.settings["SITENAME"], "url": self.absolute("")}
        )
        write = self._writer(writer)
        for person in views.people:
            write(
                links.save_as(person.url),
                "person.html",
                person=person,
                page_url=person.url,
                jsonld_html=script_json(person_jsonld(person, self.absolute)),
                edit_links=self.edit_links(person.source_path),
                noindex=person.noindex,
            )
        for claim in views.claims:
            write(
                links.save_as(claim.url),
                "claim.html",
                claim=claim,
                page_url=claim.url,
                jsonld_html=script_json(
                    claim_review(claim, self.absolute, publisher, self.site.ratings)
                ),
                edit_links=self.edit_links(claim.source_path),
                noindex=claim.noindex,
            )
        for name, template in (
            ("home", "home.html"),
            ("people", "people.html"),
            ("claims", "claims.html"),
            ("explainers", "explainers.html"),
            ("sources", "sources.html"),
            ("updates", "updates.html"),
        ):
            url = links.INDEX_URLS[name]
            write(links.save_as(url), template, page_url=url)
        self._write_updates_feed()
        for name, text in sorted(self.settings.get("FACTCHECK_EXTRA_FILES", {}).items()):
            path = Path(sanitised_join(self.output_path, name))
            path.write_text(text, encoding="utf-8")

    def _writer(self, writer):
        def write(name: str, template: str, **context) -> None:
            writer.write_file(
                name,
                self.get_template(template.removesuffix(".html")),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                override_output=True,
                **context,
            )

        return write

    def _write_updates_feed(self) -> None:
        siteurl = self.settings.get("FEED_DOMAIN") or self.settings.get("SITEURL", "")
        feed = Atom1Feed(
            title=f"{self.settings['SITENAME']}: updates and corrections",
            link=f"{siteurl}/{links.INDEX_URLS['updates']}",
            feed_url=f"{siteurl}/{links.UPDATES_FEED}",
            description="Every update, correction and clarification on the site, newest first.",
            language=self.settings.get("DEFAULT_LANG", "en"),
        )
        for entry in self.views.updates:
            when = dt.datetime.combine(entry.date.as_date(), dt.time(), tzinfo=dt.UTC)
            feed.add_item(
                title=f"{entry.kind.capitalize()}: {entry.page.title}",
                link=f"{siteurl}/{entry.page.url}",
                description=str(entry.text_html),
                pubdate=when,
                updateddate=when,
                unique_id=update_id(siteurl, entry),
            )
        path = Path(sanitised_join(self.output_path, links.UPDATES_FEED))
        os.makedirs(path.parent, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            feed.write(handle, "utf-8")
