"""The files at the root of the site for crawlers and hosts: sitemap.xml, robots.txt, host files.

The sitemap lists every public page of every edition (people, claims,
indexes, explainers and pages), each dated by its latest change as the
content says, never by the clock. Host files are the ones a host reads as
they are, such as GitHub Pages' ``CNAME`` and ``.nojekyll``
(``FACTCHECK_EXTRA_FILES``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape

from ..content.dates import PartialDate
from ..views.editions import Edition
from .pages import INDEX_PAGES, index_url, indexable
from .site_build import OutputWriter, SiteBuild


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: PartialDate | dt.date | None


def write_sitemap(build: SiteBuild, name: str, out: OutputWriter) -> None:
    entries = [entry for edition in build.editions.values() for entry in sitemap_entries(edition)]
    out.text(name, sitemap_xml(build.public_url, entries))


def write_robots_txt(build: SiteBuild, name: str, out: OutputWriter) -> None:
    out.text(name, robots_txt(build.public_url))


def write_host_file(build: SiteBuild, name: str, out: OutputWriter) -> None:
    out.text(name, build.extra_files[name])


def sitemap_entries(edition: Edition) -> Iterator[SitemapEntry]:
    """The public pages of one edition, with the day each last changed."""
    for person in edition.people():
        if indexable(person):
            yield SitemapEntry(person.url, _last_change(person.person.published, person.updates))
    for claim in edition.claims():
        if indexable(claim):
            yield SitemapEntry(claim.url, _last_change(claim.claim.published, claim.updates))
    for name in INDEX_PAGES:
        yield SitemapEntry(index_url(edition, name), None)
    for document in edition.own_documents():
        yield SitemapEntry(document.url, _document_lastmod(document))


def _last_change(published: PartialDate, updates) -> PartialDate:
    return updates[0].date if updates else published


def _document_lastmod(document) -> dt.date | None:
    # Pelican may give Date and Modified different time zone awareness:
    # compare the days only.
    dates = [
        d.date() for d in (getattr(document, "modified", None), document.metadata.get("date")) if d
    ]
    if document.update_entries:
        dates.append(document.update_entries[0].date.as_date())
    return max(dates) if dates else None


def sitemap_xml(siteurl: str, entries: Iterable[SitemapEntry]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for entry in sorted(entries, key=lambda e: e.url):
        line = f"  <url><loc>{escape(f'{siteurl}/{entry.url}')}</loc>"
        if entry.lastmod is not None:
            line += f"<lastmod>{entry.lastmod.isoformat()}</lastmod>"
        lines.append(line + "</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(siteurl: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {siteurl}/sitemap.xml\n"
