"""What every output is made from, and where it is written.

A :class:`SiteBuild` is one build's input to every output module: each
language's edition of the site and what the site says about itself (its
address, name, publisher and host files). An :class:`OutputWriter` is where
they go: templates through Pelican's writer, text straight into the writer's
folder, which is the build's staging folder or, for a rebuild in
``invoke serve``, the rebuild's own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.utils import sanitised_join

from ..content.problems import reported_as
from ..settings import Publisher, Rating
from ..views.editions import Edition, LanguageOptions, item_alternates


@dataclass
class SiteBuild:
    """One build's content in every language, and the site's own facts."""

    editions: dict[str, Edition]
    languages: LanguageOptions
    ratings: Mapping[str, Rating]
    # The site's address in feeds, sitemap, robots.txt, JSON-LD and data files,
    # which need absolute addresses: SITEURL, or the preview server's.
    public_url: str
    site_names: Mapping[str, str]  # by language
    configured_publisher: Publisher | None  # FACTCHECK_PUBLISHER
    edit_links: Callable[[str], dict[str, str] | None]
    content_dir: Path
    gettext_for: Callable[[str], Callable[[str], str]]  # the theme's catalogue, by language
    extra_files: Mapping[str, str] = field(default_factory=dict)  # FACTCHECK_EXTRA_FILES

    @property
    def default_lang(self) -> str:
        return self.languages.default_lang

    @property
    def default_edition(self) -> Edition:
        return self.editions[self.default_lang]

    def absolute(self, url: str) -> str:
        return f"{self.public_url}/{url}"

    def site_name(self, lang: str) -> str:
        return self.site_names[lang]

    def publisher(self, lang: str) -> Publisher:
        """FACTCHECK_PUBLISHER, or the site itself (its name in `lang`, its address)."""
        if self.configured_publisher:
            return self.configured_publisher
        return Publisher(self.site_name(lang), self.absolute(""))

    def item_alternates(self, kind: str, slug: str) -> list[dict[str, str]]:
        return item_alternates(self.editions, kind, slug, self.languages.languages)


class OutputWriter:
    """Writes outputs: a template through Pelican's writer, or text as it is."""

    def __init__(
        self,
        writer,
        context: Mapping[str, Any],
        get_template: Callable[[str], Any],
        *,
        relative_urls: bool,
    ) -> None:
        self.writer = writer  # Pelican's: its `output_path` is where everything goes
        self.context = context  # Pelican's template context, shared by every page
        self.get_template = get_template
        self.relative_urls = relative_urls

    def page(self, path: str, template: str, source: str = "", **context: Any) -> None:
        """Render `template` into `path`; an error names `source`, the content file shown."""
        where = f"{source} (template {template})" if source else f"template {template}"
        with reported_as(where):
            self.writer.write_file(
                path,
                self.get_template(template.removesuffix(".html")),
                self.context,
                relative_urls=self.relative_urls,
                override_output=True,
                **context,
            )

    def text(self, path: str, text: str) -> None:
        target = Path(sanitised_join(self.writer.output_path, path))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
