"""The pages the plugin writes: people, claims, cards, indexes, untranslated copies, the 404 page.

Explainers and pages are Pelican's: its own generators write them, except
their untranslated copies in other languages, written here with the
original's text. Each function writes one page of one edition.
"""

from __future__ import annotations

from ..content.share_images import card_type
from ..settings.rating_scale import colour_stylesheet
from ..views.editions import Edition, UntranslatedCopy, document_kind, index_alternates
from ..views.jsonld import claim_review, person_jsonld, script_json
from ..views.links import INDEX_URLS, save_as
from ..views.site_views import ClaimView, PersonView
from .feeds import has_person_feed, person_feed_url
from .site_build import OutputWriter, SiteBuild

# The indexes every edition has, each at its address in links.INDEX_URLS.
INDEX_PAGES = {
    "home": "home.html",
    "people": "people.html",
    "claims": "claims.html",
    "explainers": "explainers.html",
    "sources": "sources.html",
    "updates": "updates.html",
    "search": "search.html",
    "data": "data.html",
}


def card_url(claim: ClaimView) -> str:
    return f"{claim.url}card/"


def index_url(edition: Edition, name: str) -> str:
    return edition.prefix + INDEX_URLS[name]


def indexable(view: PersonView | ClaimView) -> bool:
    """Whether search engines may index a person's or claim's page (not private, not untranslated)."""
    return view.translated and not view.noindex


def _item_page(build: SiteBuild, edition: Edition, view: PersonView | ClaimView, kind: str) -> dict:
    """What a person's and a claim's page both need: where it is, its language, its links."""
    return {
        "source": f"content/{view.source_path}",
        "lang": edition.lang,
        "site_views": edition.views,
        "page_url": view.url,
        "edit_links": build.edit_links(view.source_path),
        "noindex": not indexable(view),
        "untranslated": not view.translated,
        "alternates": build.item_alternates(kind, view.slug),
    }


def write_person(build: SiteBuild, edition: Edition, person: PersonView, out: OutputWriter) -> None:
    out.page(
        save_as(person.url),
        "person.html",
        person=person,
        jsonld_html=script_json(person_jsonld(person, build.absolute)),
        **share_image(build, person),
        person_feed_url=person_feed_url(person) if has_person_feed(person) else None,
        **_item_page(build, edition, person, "people"),
    )


def share_image(build: SiteBuild, person: PersonView) -> dict[str, str]:
    """The Open Graph picture of a person's page: only one a preview card can show."""
    image = person.person.image
    if image is None:
        return {}
    card = card_type(build.content_dir / "images" / image.file)
    if card is None:  # invoke check says why
        return {}
    return {"meta_image": f"images/{image.file}", "meta_image_alt": image.alt, "meta_card": card}


def review_of(build: SiteBuild, edition: Edition, claim: ClaimView) -> dict:
    """The claim's ClaimReview in this edition, naming the original when it is a translation."""
    publisher = build.publisher(edition.lang)
    original = None
    if edition.lang != build.default_lang and claim.translated:
        original = build.default_edition.views.claims_by_slug[claim.slug]
    return claim_review(
        claim,
        build.absolute,
        {"name": publisher.name, "url": publisher.url},
        build.ratings,
        translation_of=original,
    )


def write_claim(build: SiteBuild, edition: Edition, claim: ClaimView, out: OutputWriter) -> None:
    # A retracted fact-check keeps its page, but no longer reviews the claim
    # for search engines or the open data.
    retracted = claim.retraction is not None
    out.page(
        save_as(claim.url),
        "claim.html",
        claim=claim,
        jsonld_html=None if retracted else script_json(review_of(build, edition, claim)),
        card_url=card_url(claim),
        **_item_page(build, edition, claim, "claims"),
    )


def write_card(build: SiteBuild, edition: Edition, claim: ClaimView, out: OutputWriter) -> None:
    """The claim card other sites embed: a tiny page of its own."""
    out.page(
        save_as(card_url(claim)),
        "claim_card.html",
        source=f"content/{claim.source_path}",
        lang=edition.lang,
        site_views=edition.views,
        claim=claim,
        page_url=card_url(claim),
        noindex=True,
    )


def write_index(build: SiteBuild, edition: Edition, name: str, out: OutputWriter) -> None:
    url = index_url(edition, name)
    out.page(
        save_as(url),
        INDEX_PAGES[name],
        lang=edition.lang,
        site_views=edition.views,
        page_url=url,
        explainers=sorted(edition.explainers, key=lambda a: (a.date, a.slug), reverse=True),
        alternates=index_alternates(name, build.languages.languages, build.default_lang),
    )


def write_untranslated_copy(
    build: SiteBuild, edition: Edition, copy: UntranslatedCopy, out: OutputWriter
) -> None:
    """An explainer or page in a language it has no translation in: the original, noted."""
    original = copy.original
    # The copy is shown as its original is: an explainer as an article, a page as a page.
    template, name = (
        ("article.html", "article")
        if document_kind(original) == "explainers"
        else ("page.html", "page")
    )
    out.page(
        copy.save_as,
        template,
        source=f"content/{original.relative_source_path}",
        lang=edition.lang,
        site_views=edition.views,
        page_url=copy.url,
        noindex=True,
        untranslated=True,
        alternates=original.alternates,
        **{name: original},
    )


def write_rating_colours(build: SiteBuild, name: str, out: OutputWriter) -> None:
    """The rating scale's colours, which every page links beside the theme's stylesheet."""
    out.text(name, colour_stylesheet(build.ratings.values()))


def write_not_found(build: SiteBuild, name: str, out: OutputWriter) -> None:
    """The page a host serves at any missing address, in every language, default first.

    The host serves it at the missing address, at any depth, so its links
    start from SITEURL even when other pages' links are relative.
    """
    out.page(
        name,
        "404.html",
        lang=build.default_lang,
        page_languages=build.languages.languages,
        page_url=name,
        noindex=True,
        SITEURL=out.context.get("SITEURL", ""),
    )
