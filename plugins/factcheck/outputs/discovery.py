"""What search engines, feed readers and researchers read: feeds, sitemap, open data.

Everything here is derived from the views, ordered explicitly, and dated from
the content (never the clock), so it is as deterministic as the pages.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from feedgenerator import Atom1Feed

from ..content.dates import PartialDate
from ..views.site_views import ClaimView, PersonView, UpdateEntry


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    lastmod: PartialDate | dt.date | None


def _as_datetime(value) -> dt.datetime:
    day = value.as_date() if isinstance(value, PartialDate) else value
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def update_id(siteurl: str, entry: UpdateEntry) -> str:
    """A feed entry id from where and when the update is, never from its wording.

    Rewording an update keeps its id, so feed readers do not show it again as
    new; adding other updates keeps it too.
    """
    return (
        f"{siteurl}/{entry.page.url}#update-{entry.date.isoformat()}-{entry.kind}-{entry.ordinal}"
    )


MARKUP_CHARACTERS = re.compile(r"[<>&]")


class EscapedTitles:
    """A feed writer's handler that writes titles with markup characters as escaped HTML.

    Atom titles and subtitles are plain text by default, yet many feed readers
    show them as HTML, and a claim or a name is editors' text: `<script>` in
    one would run there. Written as type="html" with the text escaped, every
    reader shows the characters. Other titles are left as they were.
    """

    TEXT_CONSTRUCTS = ("title", "subtitle")

    def __init__(self, handler) -> None:
        self._handler = handler

    def addQuickElement(self, name, contents=None, attrs=None):  # noqa: N802 (feedgenerator's name)
        if name in self.TEXT_CONSTRUCTS and contents and MARKUP_CHARACTERS.search(contents):
            contents = html.escape(contents, quote=False)
            attrs = {**(attrs or {}), "type": "html"}
        self._handler.addQuickElement(name, contents, attrs)

    def __getattr__(self, name):
        return getattr(self._handler, name)


class ContentDatedFeed(Atom1Feed):
    """An Atom feed whose <updated> comes from its entries, never from the clock,
    and whose titles cannot be read as markup.

    feedgenerator falls back to the current time for a feed with no entries,
    which would make two builds of the same content differ: a feed without
    entries is never written (see `feed_text`).
    """

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(EscapedTitles(handler))

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(EscapedTitles(handler), item)

    def latest_post_date(self):
        dates = [
            item[key] for item in self.items for key in ("updateddate", "pubdate") if item.get(key)
        ]
        if not dates:
            raise ValueError("a feed without entries has no date: do not write it")
        return max(dates)


@dataclass(frozen=True)
class Publisher:
    """The desk that publishes the site: the author of every feed and fact-check."""

    name: str
    url: str


def new_feed(
    title: str,
    siteurl: str,
    page_url: str,
    feed_url: str,
    description: str,
    lang: str,
    publisher: Publisher,
) -> Atom1Feed:
    """An Atom feed written by the desk (RFC 4287 4.1.1: every feed has an author).

    Its entries carry no author of their own, so they are the desk's too: the
    person whose claim is checked never appears as the author of its check.
    """
    return ContentDatedFeed(
        title=title,
        link=f"{siteurl}/{page_url}",
        feed_url=f"{siteurl}/{feed_url}",
        description=description,
        language=lang,
        author_name=publisher.name,
        author_link=publisher.url,
    )


def add_updates(
    feed: Atom1Feed, siteurl: str, updates: Iterable[UpdateEntry], kind_names: dict[str, str]
) -> None:
    """One entry per update, titled with its kind in the feed's language ("Update: ...")."""
    for entry in updates:
        when = _as_datetime(entry.date)
        feed.add_item(
            title=f"{kind_names[entry.kind]}: {entry.page.title}",
            link=f"{siteurl}/{entry.page.url}",
            description=str(entry.text_html),
            pubdate=when,
            updateddate=when,
            unique_id=update_id(siteurl, entry),
        )


def add_claims(feed: Atom1Feed, siteurl: str, claims: Iterable[ClaimView]) -> None:
    for claim in claims:
        published = _as_datetime(claim.claim.published)
        updated = _as_datetime(claim.updates[0].date) if claim.updates else published
        feed.add_item(
            title=f"{claim.rating.label}: {claim.title}",
            link=f"{siteurl}/{claim.url}",
            description=f"<p>{claim.verdict_html}</p>",
            pubdate=published,
            updateddate=updated,
            unique_id=f"{siteurl}/{claim.url}",
            categories=[claim.rating.label],
        )


def feed_text(feed: Atom1Feed) -> str:
    buffer = io.StringIO()
    feed.write(buffer, "utf-8")
    return buffer.getvalue()


def sitemap_xml(siteurl: str, entries: Iterable[SitemapEntry]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for entry in sorted(entries, key=lambda e: e.url):
        lines.append(f"  <url><loc>{escape(f'{siteurl}/{entry.url}')}</loc>")
        if entry.lastmod is not None:
            day = (
                entry.lastmod.isoformat()
                if isinstance(entry.lastmod, PartialDate)
                else entry.lastmod.isoformat()
            )
            lines[-1] += f"<lastmod>{day}</lastmod>"
        lines[-1] += "</url>"
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(siteurl: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {siteurl}/sitemap.xml\n"


def json_text(records: list) -> str:
    """A JSON array with one record per line: readable, and diffable between builds.

    Indenting whole records would make json use its pure-Python encoder, five
    times slower at ten thousand claims; each line here goes through the C one.
    """
    lines = ",\n".join(
        json.dumps(record, ensure_ascii=False, separators=(", ", ": ")) for record in records
    )
    return f"[\n{lines}\n]\n" if records else "[]\n"


def people_data(people: Iterable[PersonView], absolute) -> list[dict]:
    return [
        {
            "slug": view.slug,
            "name": view.person.name,
            "kind": view.person.kind,
            "aliases": list(view.person.aliases),
            "summary": view.summary_html.striptags(),
            "url": absolute(view.url),
            "published": view.person.published.isoformat(),
            "facts": [
                {
                    "label": fact.label,
                    "value": fact.html.striptags(),
                    "sources": list(source.sources),
                }
                for fact, source in zip(view.facts, view.person.facts, strict=True)
            ],
            "timeline": [
                {"date": entry.date.isoformat(), "text": entry.text, "sources": list(entry.sources)}
                for entry in sorted(view.person.timeline, key=lambda e: e.date)
            ],
            "claims_by": [claim.slug for claim in view.claims_by if not claim.noindex],
            "claims_about": [claim.slug for claim in view.claims_about if not claim.noindex],
        }
        for view in people
        if not view.noindex
    ]


def sources_data(sources, absolute, private_urls=frozenset()) -> list[dict]:
    """Every source, with the pages citing it, except pages marked `privacy: noindex`."""
    rows = []
    for view in sources:
        source = view.source
        rows.append(
            {
                "id": view.id,
                "title": source.title,
                "publisher": source.publisher,
                "url": source.url,
                "date": source.date.isoformat(),
                "archive_url": source.archive_url,
                "type": source.type,
                "language": source.language,
                "cited_on": [
                    absolute(link.url) for link in view.cited_on if link.url not in private_urls
                ],
            }
        )
    return rows


CLAIMS_CSV_FIELDS = ("slug", "claim", "claimant", "date", "rating", "verdict", "url", "source_ids")

# A spreadsheet runs a cell whose text starts with one of these as a formula
# (OWASP's CSV injection guidance), some of them even after leading spaces or
# quotes; the text is from editors, so a verdict or a claimant's name could.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")
LEADING_BLANKS_AND_QUOTES = re.compile(r"[\s\"']*")


def csv_cell(text: str) -> str:
    """`text` as a spreadsheet cell that shows it and never evaluates it.

    A cell starting with a formula trigger, there or after leading blanks and
    quotes, gets a leading single quote, as OWASP recommends: spreadsheets
    show the text, and a reader of the data sees what was neutralized. Every
    line break becomes a line feed, which the writer quotes: it would leave a
    lone carriage return bare, and spreadsheets start a new row there.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    after_blanks = text[LEADING_BLANKS_AND_QUOTES.match(text).end() :]
    if text.startswith(FORMULA_TRIGGERS) or after_blanks.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def csv_rows(rows: Iterable[Iterable[str]]) -> str:
    """CSV text of `rows`, every cell neutralized by csv_cell and quoted where needed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def claims_csv(claims: Iterable[ClaimView], absolute) -> str:
    rows = [
        [
            view.slug,
            view.claim.claim,
            view.claimant_name,
            view.claim.date.isoformat(),
            view.rating.key,
            view.verdict_html.striptags(),
            absolute(view.url),
            " ".join(item.view.id for item in view.sources),
        ]
        for view in sorted(claims, key=lambda c: c.slug)
        if not view.noindex
    ]
    return csv_rows([CLAIMS_CSV_FIELDS, *rows])
