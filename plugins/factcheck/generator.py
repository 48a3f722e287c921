"""The Pelican generator: check the content first, then write every output the map declares.

A thin adapter between Pelican and the plugin's stages. ``__init__`` checks
all content; ``generate_context`` joins it, with Pelican's explainers and
pages, into each language's edition (:mod:`factcheck.views.editions`);
``generate_output`` writes every output of the dependency map
(:mod:`factcheck.outputs.dependencies`) through Pelican's writer, except the
explainers and pages, which Pelican's own generators write.

``invoke serve``'s rebuilds use the same generator through the methods under
"rebuilds" (:mod:`factcheck.building.incremental`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from .content.loading import Site
from .content.problems import (
    ContentInvalid,
    build_fails,
    format_report,
    report_changes,
    reported_as,
)
from .content.validate import check_content
from .outputs.dependencies import Output, declare_outputs, write_outputs
from .outputs.feeds import feeds_offered
from .outputs.site_build import OutputWriter, SiteBuild
from .settings import FactcheckSettings
from .views import links
from .views.editions import EditLinks, LanguageOptions, build_editions
from .views.markdown_html import MarkdownRenderer


class FactcheckGenerator(Generator):
    """Checks the fact sheets, then writes people, claims, indexes, feeds, data and sitemap."""

    # Parsed content files kept between builds by a long-running process
    # (invoke serve); see keep_parsed_files_in.
    load_cache: dict | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)  # sends Pelican's generator_init signal
        self.factcheck = FactcheckSettings.from_pelican(self.settings)
        self.renderers: dict[str, MarkdownRenderer] = {}  # kept between rebuilds
        self.warnings_shown: list[str] = []
        self.languages = language_options(self.factcheck)
        # Pelican creates every generator before it cleans the output folder or
        # reads a file, and offers no earlier hook with the settings: checking
        # here stops a build with a content error before anything is written.
        self.site = self.check_content()
        self._build: SiteBuild | None = None  # made by generate_context

    def check_content(self) -> Site:
        """Check all content; raise ContentInvalid (nothing written) when the build must stop.

        Warnings are printed; a rebuild in `invoke serve` prints only the ones
        it has not shown yet.
        """
        site, problems = check_content(self.factcheck, self.load_cache)
        if build_fails(
            problems, strict=self.factcheck.strict, allowed=self.factcheck.strict_allows
        ):
            raise ContentInvalid(problems)
        if problems:
            text, self.warnings_shown = report_changes(self.warnings_shown, format_report(problems))
            print(text, file=sys.stderr)
        return site

    @property
    def build(self) -> SiteBuild:
        """What the outputs are made from: each language's edition, and the site's facts."""
        if self._build is None:
            raise RuntimeError("the site's editions are made by generate_context, not run yet")
        return self._build

    # -- Pelican's generator interface ------------------------------------------

    def generate_context(self) -> None:
        with reported_as("content"):
            self._build = self.site_build(self.site)
            self.context.update(
                factcheck_feeds_offered={
                    lang: feeds_offered(edition) for lang, edition in self.build.editions.items()
                },
                factcheck_languages=self.languages.languages,
                factcheck_index_urls=links.INDEX_URLS,
                factcheck_updates_feed=links.UPDATES_FEED,
                factcheck_claims_feed=links.CLAIMS_FEED,
            )

    def generate_output(self, writer) -> None:
        """Write every output of the map but Pelican's own explainers and pages."""
        self.write(writer, self.outputs().values())

    # -- rebuilds: the interface of invoke serve's (building/incremental.py) -------

    def keep_parsed_files_in(self, cache: dict) -> None:
        """Reuse and fill `cache` of parsed content files, from one build to the next.

        For Pelican's generator_init signal, which comes before the check.
        """
        self.load_cache = cache

    @property
    def content_dir(self) -> Path:
        return self.factcheck.content_dir

    def documents(self) -> dict[str, Any]:
        """The explainers and pages the editions show (not copies), by path under content/."""
        return {
            document.relative_source_path: document
            for edition in self.build.editions.values()
            for document in edition.own_documents()
        }

    def rebuild_context(self, site: Site) -> None:
        """Make the outputs from `site` (checked by check_content) and Pelican's current documents."""
        self.site = site
        self.generate_context()

    def outputs(self) -> dict[str, Output]:
        """The dependency map of the current content: every output, by path."""
        with reported_as("content"):
            return declare_outputs(self.build)

    def write(self, writer, outputs) -> None:
        """Write `outputs` (from `outputs()`) into the folder of Pelican's `writer`."""
        self.env.globals["memo"].next_build()
        out = OutputWriter(
            writer, self.context, self.get_template, relative_urls=self.factcheck.relative_urls
        )
        with reported_as("content"):
            write_outputs(self.build, outputs, out)

    # -- from Pelican's settings -----------------------------------------------------

    def site_build(self, site: Site) -> SiteBuild:
        factcheck = self.factcheck
        for lang in self.languages.languages:
            if lang not in self.renderers:  # kept between rebuilds: it remembers results
                self.renderers[lang] = MarkdownRenderer(links.link_table(factcheck, lang))
        edit_links = EditLinks(
            factcheck.github_repo,
            factcheck.github_branch,
            factcheck.relative(factcheck.content_dir),
        )
        editions = build_editions(
            site,
            list(self.context.get("articles", [])),
            list(self.context.get("pages", [])),
            self.languages,
            renderers=self.renderers,
            urls={
                lang: links.urls_for_language(factcheck, lang) for lang in self.languages.languages
            },
            edit_links=edit_links,
        )
        return SiteBuild(
            editions,
            self.languages,
            site.ratings,
            public_url=factcheck.public_url,
            site_names={
                lang: factcheck.site_text("SITENAME", lang) for lang in self.languages.languages
            },
            configured_publisher=factcheck.publisher,
            edit_links=edit_links,
            content_dir=factcheck.content_dir,
            gettext_for=self.env.globals["gettext_for"],
            extra_files=factcheck.extra_files,
        )


def language_options(factcheck: FactcheckSettings) -> LanguageOptions:
    return LanguageOptions(
        factcheck.languages,
        factcheck.default_lang,
        show_untranslated=factcheck.fallback,
        document_urls={
            "explainers": factcheck.article_lang_url,
            "pages": factcheck.page_lang_url,
        },
    )
