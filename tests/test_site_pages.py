"""The built example site, read back as HTML: every page, link and fact is where it should be."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from factcheck.building.atomic import build
from factcheck.content.validate import check_content
from factcheck.editors.cli import read_pelican_settings
from factcheck.settings import FactcheckSettings

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def example(tmp_path_factory):
    """The example site, validated and built once for every test here."""
    out = tmp_path_factory.mktemp("example") / "output"
    build(REPO / "pelicanconf.py", out)
    settings = FactcheckSettings.from_pelican(read_pelican_settings(REPO / "pelicanconf.py"))
    site, _ = check_content(settings)
    return site, out


def page(out: Path, url: str) -> BeautifulSoup:
    path = out / url.strip("/") / "index.html" if not url.endswith(".html") else out / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def all_pages(out: Path):
    for path in sorted(out.rglob("*.html")):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_person_claim_and_explainer_has_its_page(example):
    site, out = example
    for slug in site.people:
        assert page(out, f"people/{slug}/").h1.get_text(strip=True) == site.people[slug].name
    for slug, claim in site.claims.items():
        assert claim.claim in page(out, f"claims/{slug}/").h1.get_text()
    for slug, explainer in site.explainers.items():
        assert page(out, f"explainers/{slug}/").h1.get_text(strip=True) == explainer.title
    for url in (
        "",
        "people/",
        "claims/",
        "explainers/",
        "sources/",
        "updates/",
        "methodology/",
        "about/",
        "corrections/",
    ):
        assert page(out, url).find("main") is not None, url


def test_every_page_has_one_h1_and_a_skip_link_to_main(example):
    _, out = example
    for path, soup in all_pages(out):
        assert len(soup.find_all("h1")) == 1, path
        if path.parent.name == "card":
            continue  # the embeddable card is one short block: nothing to skip
        first_link = soup.body.find("a")
        assert first_link["href"] == "#main", path
        assert soup.find(id="main").name == "main", path


def test_every_citation_links_to_an_entry_of_the_page_source_list(example):
    _, out = example
    checked = 0
    for path, soup in all_pages(out):
        for link in soup.select("a.citation-link"):
            target = soup.find(id=link["href"].removeprefix("#"))
            assert target is not None and target.name == "li", (path, link)
            assert target.find_parent("section", class_="source-list") is not None, (path, link)
            assert link.get_text() == f"[{target['value']}]", (path, link)
            checked += 1
    assert checked > 50


def test_every_source_links_back_to_every_page_citing_it(example):
    site, out = example
    cited_on = {}
    for prefix in ("", "es/"):
        bibliography = page(out, f"{prefix}sources/")
        for item in bibliography.select("ul.bibliography > li"):
            links = {a["href"] for a in item.select(".cited-on a")}
            cited_on.setdefault(item["id"].removeprefix("src-"), set()).update(links)
    assert set(cited_on) == set(site.sources)
    for path, soup in all_pages(out):
        if path.parent.name in ("sources", "card"):
            continue
        url = "/" + path.parent.relative_to(out).as_posix() + "/"
        for item in soup.select("section.source-list li"):
            bibliography_link = item.find("a", href=re.compile("sources/#src-"))
            source_id = bibliography_link["href"].split("#src-")[1]
            assert url in cited_on[source_id], (source_id, url)


def claim_reviews(out: Path, slug: str) -> dict:
    script = page(out, f"claims/{slug}/").find("script", type="application/ld+json")
    return json.loads(script.string)


def test_claim_review_json_ld_has_what_fact_check_explorer_reads(example):
    site, out = example
    for slug, claim in site.claims.items():
        data = claim_reviews(out, slug)
        assert data["@type"] == "ClaimReview"
        assert data["claimReviewed"] == (claim.claim_short or claim.claim)
        assert len(data["claimReviewed"]) <= 75
        assert data["url"] == f"http://127.0.0.1:8000/claims/{slug}/"
        assert data["datePublished"] == claim.published.isoformat()
        assert data["author"] == {
            "@type": "Organization",
            "name": "The Hernández Romero case, fact-checked",
            "url": "http://127.0.0.1:8000/",
        }
        rating = site.ratings[claim.rating]
        assert data["reviewRating"]["alternateName"] == rating.label
        if rating.value is None:
            assert "ratingValue" not in data["reviewRating"]
        else:
            assert data["reviewRating"]["ratingValue"] == rating.value
            assert (data["reviewRating"]["bestRating"], data["reviewRating"]["worstRating"]) == (
                5,
                1,
            )
        reviewed = data["itemReviewed"]
        assert reviewed["@type"] == "Claim"
        if claim.date.precision == "day":
            assert reviewed["datePublished"] == claim.date.isoformat()
        else:  # schema.org wants a whole date: a month alone is left out
            assert "datePublished" not in reviewed
        assert reviewed["author"]["name"]
        assert [a["headline"] for a in reviewed["appearance"]] == [
            site.sources[s].title for s in claim.appearances
        ]
        assert reviewed["firstAppearance"] == reviewed["appearance"][0]


def test_person_pages_carry_person_or_organization_json_ld(example):
    site, out = example
    for slug, person in site.people.items():
        script = page(out, f"people/{slug}/").find("script", type="application/ld+json")
        data = json.loads(script.string)
        assert data["@type"] == ("Organization" if person.kind == "organization" else "Person")
        assert data["name"] == person.name


def test_update_log_lists_every_update_entry_newest_first(example):
    site, out = example
    expected = []
    for item in (
        list(site.people.values()) + list(site.claims.values()) + list(site.explainers.values())
    ):
        expected += [(u.date.isoformat(), u.kind) for u in item.updates]
    log = page(out, "updates/").select("ol.update-log > li")
    shown = [
        (li.find("time")["datetime"], li.select_one(".update-kind").get_text().lower())
        for li in log
    ]
    assert sorted(shown) == sorted(expected)
    assert [date for date, _ in shown] == sorted((date for date, _ in shown), reverse=True)


def test_the_feed_has_one_entry_per_update(example):
    site, out = example
    feed = (out / "feeds" / "updates.atom.xml").read_text(encoding="utf-8")
    total = sum(
        len(i.updates)
        for i in [*site.people.values(), *site.claims.values(), *site.explainers.values()]
    )
    assert feed.count("<entry>") == total


def test_claim_page_shows_the_rating_as_text_with_a_link_to_its_meaning(example):
    site, out = example
    for slug, claim in site.claims.items():
        badge = page(out, f"claims/{slug}/").select_one("[data-rating]")
        assert badge["data-rating"] == claim.rating
        assert site.ratings[claim.rating].label in badge.get_text()
        assert badge.find("a")["href"] == f"/methodology/#rating-{claim.rating}"
    methodology = page(out, "methodology/")
    for key in site.ratings:
        assert methodology.find(id=f"rating-{key}") is not None


def test_claims_index_groups_claims_by_rating_with_counts(example):
    site, out = example
    index = page(out, "claims/")
    for key, rating in site.ratings.items():
        heading = index.find(id=f"rating-{key}")
        count = sum(1 for c in site.claims.values() if c.rating == key)
        assert heading.get_text(" ", strip=True) == f"{rating.label} ({count})"


def test_no_page_loads_anything_from_another_host(example):
    _, out = example
    for path, soup in all_pages(out):
        for tag, attribute in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
        ):
            for element in soup.find_all(tag):
                value = element.get(attribute, "")
                if tag == "link" and element.get("rel") == ["alternate"]:
                    continue
                assert not re.match(r"(https?:)?//", value), (path, element)
        csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert "default-src 'none'" in csp
