"""The Spanish edition: translated pages, links between languages, no English interface left.

The example site is built once; its Spanish translations are content files
(`content/**/*.es.yaml`, `*.es.md`) and the theme's catalogue
(`theme/translations/es/LC_MESSAGES/messages.po`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from factcheck.building.atomic import build
from factcheck.content.content_files import is_explainer
from factcheck.content.validate import check_content
from factcheck.editors.cli import read_pelican_settings
from factcheck.settings import FactcheckSettings

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("spanish") / "output"
    build(REPO / "pelicanconf.py", out)
    site, _ = check_content(
        FactcheckSettings.from_pelican(read_pelican_settings(REPO / "pelicanconf.py"))
    )
    return site, out


def soup(out: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def translated_urls(site) -> list[tuple[str, str]]:
    """(English URL, Spanish URL) of every translated item."""
    pairs = [(f"{t.kind}/{t.slug}/", f"es/{t.kind}/{t.slug}/") for t in site.sheet_translations]
    for document in site.translations:
        folder = "explainers/" if is_explainer(document.source_path) else ""
        pairs.append((f"{folder}{document.slug}/", f"es/{folder}{document.slug}/"))
    return sorted(pairs)


def test_the_example_translates_what_the_issue_asks(example):
    site, _ = example
    pairs = dict(translated_urls(site))
    assert "people/andry-hernandez-romero/" in pairs
    about_him = [
        slug for slug, claim in site.claims.items() if "andry-hernandez-romero" in claim.about
    ]
    assert all(f"claims/{slug}/" in pairs for slug in about_him)
    assert "methodology/" in pairs
    assert sum(url.startswith("explainers/") for url in pairs) >= 2


def test_every_translated_item_has_its_spanish_page_and_both_link_each_other(example):
    site, out = example
    for english, spanish in translated_urls(site):
        en, es = soup(out, english), soup(out, spanish)
        assert es.html["lang"] == "es", spanish
        alternates = {
            link["hreflang"]: link["href"]
            for link in en.find_all("link", rel="alternate", hreflang=True)
        }
        assert alternates == {"en": f"/{english}", "es": f"/{spanish}"}, english
        back = {
            link["hreflang"]: link["href"]
            for link in es.find_all("link", rel="alternate", hreflang=True)
        }
        assert back == alternates, spanish
        switcher = es.select_one("nav.language-switcher")
        assert switcher.find("a", hreflang="en")["href"] == f"/{english}"
        assert switcher.find("a", hreflang="es")["aria-current"] == "page"
        assert es.select_one(".notice-untranslated") is None, spanish


def test_an_untranslated_item_shows_the_original_with_a_note(tmp_path):
    from conftest import copy_fixture_site

    project = copy_fixture_site(tmp_path / "site")
    out = tmp_path / "out"
    build(project.settings_file, out)
    page = soup(out, "es/claims/budget-doubled")
    assert "todavía no está traducida" in page.select_one(".notice-untranslated").get_text()
    assert page.select_one("article.claim-page")["lang"] == "en"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    # An untranslated explainer is shown as an explainer, and every link to it
    # in the other language names the address it is written at.
    explainer = soup(out, "es/explainers/city-budget")
    assert explainer.select_one("article.explainer-page")["lang"] == "en"
    for url in ("explainers/city-budget", "es/explainers/city-budget"):
        linked = soup(out, url)
        assert linked.find("link", hreflang="es")["href"] == "/es/explainers/city-budget/"
        assert linked.select_one(".language-switcher a[hreflang=es]")["href"] == (
            "/es/explainers/city-budget/"
        )


def interface_strings() -> dict[str, str]:
    with (REPO / "theme/translations/es/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="es")
    return {m.id: m.string for m in catalog if m.id and m.string and m.string != m.id}


def visible_interface_text(page: BeautifulSoup) -> str:
    """The page's text without content that is in another language or quoted from sources."""
    for element in page.select("[lang]:not(html), cite, blockquote, script, pre, .note"):
        element.decompose()
    return page.get_text(" ")


def english_fragments() -> list[str]:
    """Pieces of the catalogue's English phrases long enough not to be a name in the content."""
    strings = interface_strings()
    # Whole phrases only: a single English word may also be a name in the content.
    phrases = {
        re.sub(r"<[^>]+>|%\([a-z]+\)s", "\x00", english)
        for english in strings
        if len(english.split()) >= 2
    }
    return sorted(
        {
            part.strip()
            for phrase in phrases
            for part in phrase.split("\x00")
            if len(re.findall(r"[A-Za-z]{2,}", part)) >= 2
        }
    )


def feed_interface_text(path: Path) -> str:
    """What a feed says in the site's own words: titles, subtitle, author, entry titles."""
    feed = feedparser.parse(path.read_bytes())
    parts = [feed.feed.get("title", ""), feed.feed.get("subtitle", ""), feed.feed.author]
    parts += [entry.title for entry in feed.entries]
    return " ".join(parts)


def test_no_english_interface_string_remains_on_a_spanish_page(example):
    _, out = example
    fragments = english_fragments()
    checked = 0
    for path in sorted((out / "es").rglob("index.html")):
        if "card" in path.parts or "pagefind" in path.parts:
            continue
        text = " ".join(
            visible_interface_text(
                BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ).split()
        )
        leftovers = [fragment for fragment in fragments if fragment in text]
        assert leftovers == [], path
        checked += 1
    assert checked >= 30


def test_no_english_interface_string_remains_in_a_spanish_feed_or_data_file(example):
    _, out = example
    fragments = english_fragments()
    # An update's kind starts its entry title: one word, so checked by name.
    kinds = ("Update:", "Correction:", "Clarification:", "Retraction:")
    feeds = sorted((out / "es").rglob("*.atom.xml"))
    assert len(feeds) >= 10
    for path in feeds:
        text = feed_interface_text(path)
        assert [f for f in fragments if f in text] == [], path
        assert [k for k in kinds if k in text] == [], path
        assert "The Hernández Romero case" not in text, path
    for path in sorted((out / "es" / "data").glob("*.*")):
        text = path.read_text(encoding="utf-8")
        assert [f for f in fragments if f in text] == [], path


def test_claim_reviews_carry_their_language_and_point_to_the_original(example):
    site, out = example
    for translation in site.sheet_translations:
        if translation.kind != "claims":
            continue
        script = soup(out, f"es/claims/{translation.slug}").find(
            "script", type="application/ld+json"
        )
        data = json.loads(script.string)
        assert data["inLanguage"] == "es"
        assert data["translationOfWork"] == {
            "@type": "ClaimReview",
            "url": f"http://127.0.0.1:8000/claims/{translation.slug}/",
            "inLanguage": "en",
        }
        assert data["claimReviewed"] == (translation.model.claim_short or translation.model.claim)
        original = json.loads(
            soup(out, f"claims/{translation.slug}")
            .find("script", type="application/ld+json")
            .string
        )
        assert original["inLanguage"] == "en"


def test_spanish_dates_ratings_feeds_data_and_sitemap(example):
    site, out = example
    claim = soup(out, "es/claims/tren-de-aragua-membership")
    assert claim.select_one(".rating-label").get_text() == "Sin probar"
    assert "Publicado el 29 de noviembre de 2026" in claim.select_one(".dates").get_text(
        " ", strip=True
    )
    assert "de la más reciente" in (out / "es/feeds/updates.atom.xml").read_text(encoding="utf-8")
    spanish_data = json.loads((out / "es/data/claims.json").read_text(encoding="utf-8"))
    assert {review["inLanguage"] for review in spanish_data} == {"es"}
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://127.0.0.1:8000/es/people/andry-hernandez-romero/</loc>" in sitemap
    assert "<loc>http://127.0.0.1:8000/people/andry-hernandez-romero/</loc>" in sitemap


TRANSLATION = "content/claims/budget-doubled.es.yaml"


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        (
            "content/claims/budget-tripled.es.yaml",
            "translated: 2025-06-05\nclaim: El presupuesto se triplicó.\n",
            [
                "content/claims/budget-tripled.es.yaml:1:1: translation of the claim "
                "'budget-tripled', which does not exist (did you mean 'budget-doubled'?)"
            ],
        ),
        (
            TRANSLATION,
            "translated: 2025-06-05\nclaim: El presupuesto se duplicó.\nrating: false\n",
            [
                f"{TRANSLATION}:3:1: rating: 'rating' is shared by every language: remove it from the translation"
            ],
        ),
        (
            TRANSLATION,
            "translated: 2025-06-05\nclaim: El presupuesto se duplicó.\nveredicto: Falso.\n",
            [f"{TRANSLATION}:3:1: veredicto: unknown field 'veredicto' (did you mean 'verdict'?)"],
        ),
        (
            TRANSLATION,
            "translated: 2025-06-05\nupdates:\n  - text: Uno.\n  - text: Dos.\n",
            [
                f"{TRANSLATION}:3:5: updates: the original has 1 updates entries and the "
                "translation 2: translate each, in the same order"
            ],
        ),
        (
            TRANSLATION,
            "claim: El presupuesto se duplicó.\n",
            [f"{TRANSLATION}:1:1: translated: required field is missing"],
        ),
        (
            TRANSLATION,
            "translated: 2025-05-31\nclaim: El presupuesto se duplicó.\n",
            [
                f"{TRANSLATION}:1:1: translated: the translation (2025-05-31) is older "
                "than the last change of the original (2025-06-01): bring it up to date, then "
                "change 'translated'"
            ],
        ),
        (
            "content/claims/budget-doubled.fr.yaml",
            "translated: 2025-06-05\nclaim: Le budget a doublé.\n",
            [
                "content/claims/budget-doubled.fr.yaml:1:1: file name: 'fr' is not one of the "
                "site's other languages (es); a translation is named <slug>.<language>.yaml"
            ],
        ),
        (
            "content/explainers/city-budget-2.es.md",
            "Title: Presupuesto\nDate: 2025-06-05\nSummary: Quién lo vota.\n\nTexto.\n",
            [
                "content/explainers/city-budget-2.es.md:1:1: translation of 'city-budget-2', "
                "which does not exist (did you mean 'city-budget'?)"
            ],
        ),
        (
            "content/explainers/city-budget.es.md",
            "Title: Presupuesto\nDate: 2025-06-01\nSummary: Quién lo vota.\n\nTexto.\n",
            [
                "content/explainers/city-budget.es.md:1:1: date: the translation "
                "(2025-06-01) is older than the last change of the original (2025-06-03): "
                "bring it up to date, then change its Date or Modified"
            ],
        ),
    ],
    ids=[
        "no-original",
        "shared-field",
        "unknown-field",
        "list-length",
        "no-translated-date",
        "stale-sheet",
        "unknown-language",
        "explainer-no-original",
        "stale-explainer",
    ],
)
def test_translation_mistakes_are_reported_exactly(project, path, text, expected):
    project.write(path, text, dedent=False)
    assert project.report() == expected


def test_the_interface_check_would_catch_english_text(example):
    """The same check on an English page finds the catalogue's phrases (so it can fail)."""
    _, out = example
    text = " ".join(visible_interface_text(soup(out, "claims/tren-de-aragua-membership")).split())
    assert "Skip to main content" in text and "Our verdict" in text
    feed = feed_interface_text(out / "feeds/updates.atom.xml")
    assert "Every update, correction and clarification, newest first." in english_fragments()
    assert "updates and corrections" in feed and "Update:" in feed
