"""The open data of each edition: claims, people and sources as JSON, and claims as CSV.

What researchers download from ``/data/`` (and ``/es/data/``...): the same
claim reviews as the pages' JSON-LD, the public people and every source with
the pages citing it. Private pages (``privacy: noindex``) are left out, and
no CSV cell can start a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable

from ..views.editions import Edition
from ..views.site_views import ClaimView, PersonView
from .pages import indexable, review_of
from .site_build import OutputWriter, SiteBuild


def claims_json(build: SiteBuild, edition: Edition) -> str:
    """The ClaimReview of every public fact-check that stands (retracted ones are left out)."""
    return json_text(
        [
            review_of(build, edition, claim)
            for claim in edition.claims()
            if indexable(claim) and claim.retraction is None
        ]
    )


def people_json(build: SiteBuild, edition: Edition) -> str:
    public = [person for person in edition.views.people if person.translated]
    return json_text(people_data(public, build.absolute))


def sources_json(build: SiteBuild, edition: Edition) -> str:
    views = edition.views
    return json_text(sources_data(views.sources, build.absolute, edition.private_urls()))


def claims_csv_text(build: SiteBuild, edition: Edition) -> str:
    return claims_csv([c for c in edition.views.claims if c.translated], build.absolute)


# Every edition's data files, by name under its data/ folder.
DATA_FILES: dict[str, Callable[[SiteBuild, Edition], str]] = {
    "claims.json": claims_json,
    "people.json": people_json,
    "sources.json": sources_json,
    "claims.csv": claims_csv_text,
}


def data_path(edition: Edition, name: str) -> str:
    return f"{edition.prefix}data/{name}"


def write_data_file(build: SiteBuild, edition: Edition, name: str, out: OutputWriter) -> None:
    out.text(data_path(edition, name), DATA_FILES[name](build, edition))


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
LEADING_BLANKS_AND_QUOTES = re.compile(r"^[\s\"']*")


def csv_cell(text: str) -> str:
    """`text` as a spreadsheet cell that shows it and never evaluates it.

    A cell starting with a formula trigger, there or after leading blanks and
    quotes, gets a leading single quote, as OWASP recommends: spreadsheets
    show the text, and a reader of the data sees what was neutralized. Every
    line break becomes a line feed, which the writer quotes: it would leave a
    lone carriage return bare, and spreadsheets start a new row there.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    after_blanks = LEADING_BLANKS_AND_QUOTES.sub("", text, count=1)
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
