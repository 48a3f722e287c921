"""The Atom feeds: updates and new fact-checks for each language, and one per person.

Every feed is written by the desk (RFC 4287 4.1.1: a feed has an author), in
its edition's language: titles, subtitles and the kind of each update come
from the theme's gettext catalogue. Feeds are dated from their entries,
never from the clock, and a feed without entries is not written at all.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Iterable

from feedgenerator import Atom1Feed

from ..content.dates import PartialDate
from ..settings import Publisher
from ..views.editions import Edition
from ..views.i18n import N_, UPDATE_KIND_WORDS
from ..views.links import CLAIMS_FEED, INDEX_URLS, UPDATES_FEED
from ..views.site_views import ClaimView, PersonView, UpdateEntry
from .site_build import OutputWriter, SiteBuild

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
# Each edition's site-wide feeds: name -> where it is written, under the edition's prefix.
SITE_FEEDS = {"updates": UPDATES_FEED, "claims": CLAIMS_FEED}


# -- what each feed lists ------------------------------------------------------


def site_feed_entries(edition: Edition, name: str) -> list:
    """The updates, or the claims, a site-wide feed of one edition lists."""
    if name == "updates":
        private = edition.private_urls()
        return [u for u in edition.views.updates if u.page.url not in private]
    return [c for c in edition.views.claims if not c.noindex and c.translated]


def site_feeds(edition: Edition) -> list[str]:
    """The site-wide feeds this edition has: those with entries."""
    return [name for name in SITE_FEEDS if site_feed_entries(edition, name)]


def feeds_offered(edition: Edition) -> dict[str, bool]:
    """Which site-wide feeds the pages of an edition link to."""
    offered = site_feeds(edition)
    return {name: name in offered for name in SITE_FEEDS}


def site_feed_path(edition: Edition, name: str) -> str:
    return edition.prefix + SITE_FEEDS[name]


def person_feed_claims(person: PersonView) -> list[ClaimView]:
    """The fact-checks by or about a person, newest first, private ones left out."""
    if person.noindex:
        return []
    claims = {c.slug: c for c in person.claims_by + person.claims_about if not c.noindex}
    return sorted(claims.values(), key=lambda c: (c.claim.published, c.slug), reverse=True)


def has_person_feed(person: PersonView) -> bool:
    """A public person with a fact-check or an update has a feed."""
    return not person.noindex and bool(person_feed_claims(person) or person.updates)


def people_with_feeds(edition: Edition) -> list[PersonView]:
    return [person for person in edition.people() if has_person_feed(person)]


def person_feed_url(person: PersonView) -> str:
    return f"{person.url}feed.atom.xml"


# -- writing them --------------------------------------------------------------


def write_site_feed(build: SiteBuild, edition: Edition, name: str, out: OutputWriter) -> None:
    """The updates or new fact-checks feed of one edition."""
    gettext = build.gettext_for(edition.lang)
    feed = new_feed(
        gettext(FEED_TEXTS[name]) % {"site": build.site_name(edition.lang)},
        build.public_url,
        edition.prefix + INDEX_URLS[name],
        site_feed_path(edition, name),
        gettext(FEED_TEXTS[f"{name}_description"]),
        edition.lang,
        build.publisher(edition.lang),
    )
    entries = site_feed_entries(edition, name)
    if name == "updates":
        add_updates(feed, build.public_url, entries, update_kinds(gettext))
    else:
        add_claims(feed, build.public_url, entries)
    out.text(site_feed_path(edition, name), feed_text(feed))


def write_person_feed(
    build: SiteBuild, edition: Edition, person: PersonView, out: OutputWriter
) -> None:
    """A person's feed: their fact-checks and updates, written by the desk."""
    gettext = build.gettext_for(edition.lang)
    feed = new_feed(
        gettext(FEED_TEXTS["person"]) % {"name": person.name},
        build.public_url,
        person.url,
        person_feed_url(person),
        gettext(FEED_TEXTS["person_description"]) % {"name": person.name},
        edition.lang,
        build.publisher(edition.lang),
    )
    add_claims(feed, build.public_url, person_feed_claims(person))
    add_updates(feed, build.public_url, person.updates, update_kinds(gettext))
    out.text(person_feed_url(person), feed_text(feed))


def update_kinds(gettext) -> dict[str, str]:
    """An update's title in a feed starts with its kind ("Correction: ..."), as on the pages."""
    return {kind: gettext(word) for kind, word in UPDATE_KIND_WORDS.items()}


# -- Atom ----------------------------------------------------------------------


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
    entries is never written (see `site_feeds`).
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
    """One entry per fact-check, titled with its rating, dated by its latest update."""
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
