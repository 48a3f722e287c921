"""Search, feeds, sitemap, social previews, open data and embeds on the fixture site.

The fixture gets one extra person and claim marked `privacy: {noindex: true}`:
they must be published but kept out of search engines, the sitemap, site
search and the open data.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import copy_fixture_site

from factcheck.building.atomic import build
from factcheck.outputs.search import index_search

SENSITIVE_PERSON = """\
name: A Private Witness
summary: A witness who asked not to be findable by name.
published: 2025-05-30
privacy:
  noindex: true
"""
SENSITIVE_CLAIM = """\
claim: The witness saw the vote.
claimant: private-witness
date: 2025-04
appearances: [paper-2025-03-02]
rating: unproven
verdict: Nobody else reports it.
analysis: Only one report mentions it [@paper-2025-03-02].
sources: [paper-2025-03-02]
published: 2025-05-30
privacy:
  noindex: true
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("discovery")
    project = copy_fixture_site(root / "site", SITEURL="https://example.github.io/checks")
    project.write("content/people/private-witness.yaml", SENSITIVE_PERSON, dedent=False)
    project.write("content/claims/witness-saw-vote.yaml", SENSITIVE_CLAIM, dedent=False)
    out = root / "output"
    build(project.settings_file, out, after=index_search)
    return out


SITE = "https://example.github.io/checks"
PRIVATE = {"people/private-witness/", "claims/witness-saw-vote/"}


def html_pages(out: Path) -> dict[str, BeautifulSoup]:
    pages = {}
    for path in sorted(out.rglob("index.html")):
        if "pagefind" in path.parts:
            continue
        url = path.parent.relative_to(out).as_posix() + "/"
        pages["" if url == "./" else url] = BeautifulSoup(
            path.read_text(encoding="utf-8"), "html.parser"
        )
    return pages


def public_urls(out: Path) -> set[str]:
    return {
        url
        for url, soup in html_pages(out).items()
        if not soup.find("meta", attrs={"name": "robots", "content": "noindex"})
    }


def test_sensitive_pages_are_published_with_a_robots_noindex_tag(site):
    pages = html_pages(site)
    for url in PRIVATE:
        assert pages[url].find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert pages["people/jane-doe/"].find("meta", attrs={"name": "robots"}) is None


def test_sitemap_lists_exactly_the_public_pages_with_last_update(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url", ns)
    lastmod = {
        u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in urls
    }
    listed = {loc.removeprefix(SITE + "/") for loc in lastmod}
    assert listed == public_urls(site)
    assert not listed & PRIVATE
    assert lastmod[f"{SITE}/claims/budget-doubled/"] == "2025-06-01"  # its correction
    assert lastmod[f"{SITE}/people/jane-doe/"] == "2025-06-02"  # its update
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\nSitemap: {SITE}/sitemap.xml\n"


def pagefind_urls(out: Path) -> set[str]:
    """Every page Pagefind indexed, read from its compressed fragments."""
    urls = set()
    for fragment in (out / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        # Fragments start with a signature line, then JSON.
        data = data[data.index(b"{") :]
        urls.add(json.loads(data)["url"])
    return urls


# The transparency pages readers look for ("who funds this?") are content pages.
CONTENT_PAGES = ("about/", "methodology/")


def test_search_indexes_every_reader_page_but_not_noindex(site):
    indexed = {url.removeprefix("/checks/").removeprefix("/") for url in pagefind_urls(site)}
    expected = {
        url
        for url in public_urls(site)
        if (
            url.removeprefix("es/").startswith(("people/", "claims/", "explainers/", "sources/"))
            and url.removeprefix("es/") not in ("people/", "claims/", "explainers/")
            and not url.endswith("/card/")
        )
        or url.removeprefix("es/") in CONTENT_PAGES
    }
    assert indexed == expected
    assert {"about/", "methodology/"} <= indexed
    assert not indexed & PRIVATE


def test_search_filters_by_rating_and_person(site):
    claim = html_pages(site)["claims/budget-doubled/"]
    assert claim.find(attrs={"data-pagefind-filter": "rating"}).get_text() == "Mostly false"
    assert claim.find(attrs={"data-pagefind-filter": "person"}).get_text() == "Jane Doe"
    assert (site / "pagefind" / "filter").is_dir()


def test_search_page_works_without_javascript_by_linking_the_indexes(site):
    search = html_pages(site)["search/"]
    fallback = search.find(id="search-fallback")
    assert "needs JavaScript" in fallback.get_text()
    assert {a["href"] for a in fallback.find_all("a")} >= {f"{SITE}/claims/", f"{SITE}/people/"}
    csp = search.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "script-src 'self' 'wasm-unsafe-eval'" in csp


@pytest.mark.parametrize(
    ("feed", "titles"),
    [
        (
            "feeds/updates.atom.xml",
            [
                "Clarification: How the city budget works",
                "Update: Jane Doe",
                "Correction: The city budget doubled in one year.",
            ],
        ),
        ("feeds/claims.atom.xml", ["Mostly false: The city budget doubled in one year."]),
        (
            "people/jane-doe/feed.atom.xml",
            ["Mostly false: The city budget doubled in one year.", "Update: Jane Doe"],
        ),
    ],
)
def test_feeds_are_valid_atom_with_the_expected_entries(site, feed, titles):
    parsed = feedparser.parse((site / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [entry.title for entry in parsed.entries] == titles
    for entry in parsed.entries:
        assert entry.link.startswith(SITE + "/")
        assert entry.id and entry.updated


def test_every_page_has_social_meta_and_a_canonical_url(site):
    for url, soup in html_pages(site).items():

        def meta(key, soup=soup):
            tag = soup.find("meta", attrs={"property": key}) or soup.find(
                "meta", attrs={"name": key}
            )
            return tag["content"] if tag else None

        if url.endswith("card/"):
            continue
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical == f"{SITE}/{url}", url
        assert meta("og:url") == canonical, url
        assert meta("og:title") and meta("og:description") and meta("description"), url
        assert meta("twitter:card") in ("summary", "summary_large_image"), url
        assert meta("og:site_name") == "Fixture fact-checks"


def test_claim_previews_carry_the_claim_and_its_rating(site):
    claim = html_pages(site)["claims/budget-doubled/"]
    description = claim.find("meta", attrs={"property": "og:description"})["content"]
    assert description.startswith(
        "Claim: “The city budget doubled in one year.” Rating: Mostly false."
    )
    person = html_pages(site)["people/jane-doe/"]
    assert (
        person.find("meta", attrs={"property": "og:image"})["content"]
        == f"{SITE}/images/jane-doe.png"
    )
    # The fixture's picture is 1200×630: large enough for the large card.
    assert person.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert person.find("meta", attrs={"property": "og:image:alt"})["content"]


def test_claims_json_equals_the_json_ld_of_the_claim_pages(site):
    data = json.loads((site / "data" / "claims.json").read_text(encoding="utf-8"))
    pages = html_pages(site)
    from_pages = [
        json.loads(pages[url].find("script", type="application/ld+json").string)
        for url in sorted(pages)
        if url.startswith("claims/") and url.count("/") == 2 and url not in PRIVATE
    ]
    assert data == from_pages


def test_claims_csv_round_trips_through_the_csv_module(site):
    text = (site / "data" / "claims.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows == [
        {
            "slug": "budget-doubled",
            "claim": "The city budget doubled in one year.",
            "claimant": "Jane Doe",
            "date": "2025-03",
            "rating": "mostly-false",
            "verdict": "The budget grew by a third, not a half or more.",
            "url": f"{SITE}/claims/budget-doubled/",
            "source_ids": "city-2025-01-10 paper-2025-03-02",
        }
    ]
    again = io.StringIO()
    writer = csv.DictWriter(again, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    assert again.getvalue() == text


def test_people_and_sources_json_leave_out_noindex_people(site):
    people = json.loads((site / "data" / "people.json").read_text(encoding="utf-8"))
    assert [p["slug"] for p in people] == ["city-council", "jane-doe"]
    sources = json.loads((site / "data" / "sources.json").read_text(encoding="utf-8"))
    assert {s["id"] for s in sources} == {"city-2025-01-10", "paper-2025-03-02"}
    data_page = html_pages(site)["data/"]
    for column in ("slug", "claim", "claimant", "date", "rating", "verdict", "url", "source_ids"):
        assert data_page.find("code", string=column), column


def test_claim_card_is_a_tiny_standalone_page_linking_back(site):
    card_path = site / "claims" / "budget-doubled" / "card" / "index.html"
    card = BeautifulSoup(card_path.read_text(encoding="utf-8"), "html.parser")
    assert card.find("script") is None
    assert [link["href"] for link in card.find_all("link", rel="stylesheet")] == [
        f"{SITE}/theme/css/card.css",
        f"{SITE}/theme/css/ratings.css",
    ]
    assert (
        card.find(attrs={"data-rating": "mostly-false"}).get_text(" ", strip=True)
        == "Rating: Mostly false"
    )
    back = card.find("a", string="Read the fact-check")
    assert back["href"] == f"{SITE}/claims/budget-doubled/" and back["target"] == "_top"
    assert len(card_path.read_bytes()) < 3000
    snippet = html_pages(site)["claims/budget-doubled/"].select_one("section.embed pre").get_text()
    assert snippet.startswith(f'<iframe src="{SITE}/claims/budget-doubled/card/"')


def test_an_explainer_with_a_modified_date_builds_and_dates_its_sitemap_entry(tmp_path):
    """Pelican gives Date and Modified different kinds of datetime; comparing them crashed."""
    project = copy_fixture_site(tmp_path / "site")
    explainer = project.root / "content/explainers/city-budget.md"
    text = explainer.read_text(encoding="utf-8")
    explainer.write_text(
        text.replace("Date: 2025-05-30\n", "Date: 2025-05-30\nModified: 2025-06-20\n"),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build(project.settings_file, out)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = ElementTree.parse(out / "sitemap.xml").getroot().findall("s:url", ns)
    lastmod = {
        u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in urls
    }
    (explainer_lastmod,) = [v for k, v in lastmod.items() if k.endswith("/explainers/city-budget/")]
    assert explainer_lastmod == "2025-06-20"


def test_the_desk_writes_every_feed_and_no_claimant_is_an_author(site):
    feeds = sorted(site.rglob("*.atom.xml"))
    assert len(feeds) >= 6
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.feed.author_detail == {"name": "Fixture fact-checks", "href": f"{SITE}/"}
        for entry in parsed.entries:
            # An entry without its own author is the feed's (RFC 4287 4.2.1).
            assert "author" not in entry or entry.author == "Fixture fact-checks", path
    claims = (site / "feeds/claims.atom.xml").read_text(encoding="utf-8")
    assert "Jane Doe</name>" not in claims


def test_an_update_keeps_its_feed_id_when_its_wording_changes(tmp_path):
    ids = []
    for number, wording in enumerate(("Added her second term.", "Added her second term as mayor.")):
        project = copy_fixture_site(tmp_path / str(number), SITEURL=SITE)
        person = project.read("content/people/jane-doe.yaml")
        assert "Added her second term." in person
        project.write(
            "content/people/jane-doe.yaml",
            person.replace("Added her second term.", wording),
            dedent=False,
        )
        out = tmp_path / str(number) / "out"
        build(project.settings_file, out)
        parsed = feedparser.parse((out / "feeds/updates.atom.xml").read_bytes())
        ids.append({e.title: e.id for e in parsed.entries})
    assert ids[0] == ids[1]
    assert ids[0]["Update: Jane Doe"] == f"{SITE}/people/jane-doe/#update-2025-06-02-update-1"


def test_a_feed_without_entries_is_neither_written_nor_offered(site):
    # The private witness's only claim is noindex, and the Spanish edition
    # has no translated claim: neither feed has an entry.
    assert not (site / "es/feeds/claims.atom.xml").exists()
    assert (site / "feeds/claims.atom.xml").exists()
    for url, soup in html_pages(site).items():
        feeds = {link["href"] for link in soup.find_all("link", type="application/atom+xml")}
        if url.startswith("es/"):
            assert f"{SITE}/es/feeds/claims.atom.xml" not in feeds, url
        elif not url.endswith("card/"):
            assert f"{SITE}/feeds/claims.atom.xml" in feeds, url
    for person in site.glob("**/people/*/"):
        feed = person / "feed.atom.xml"
        page = BeautifulSoup((person / "index.html").read_text(encoding="utf-8"), "html.parser")
        offered = page.find("a", href=f"{SITE}/{person.relative_to(site).as_posix()}/feed.atom.xml")
        assert feed.exists() == (offered is not None), person
        if feed.exists():
            assert feedparser.parse(feed.read_bytes()).entries, feed


def test_a_private_page_is_in_no_feed_data_file_sitemap_or_search_index(site):
    """privacy.noindex: the pages are published, and nothing but links on pages names them."""
    assert not list(site.glob("**/people/private-witness/feed.atom.xml"))
    written = [
        path
        for path in site.rglob("*")
        if path.suffix in (".xml", ".json", ".csv", ".txt") and "pagefind" not in path.parts
    ]
    assert {p.relative_to(site).as_posix() for p in written} >= {
        "sitemap.xml",
        "data/sources.json",
        "es/data/claims.json",
        "feeds/updates.atom.xml",
    }
    for path in written:
        text = path.read_text(encoding="utf-8")
        for url in PRIVATE:
            assert url not in text, (path, url)
        assert "A Private Witness" not in text, path
    indexed = {url.removeprefix("/checks/") for url in pagefind_urls(site)}
    assert not {url.removeprefix("es/") for url in indexed} & PRIVATE
