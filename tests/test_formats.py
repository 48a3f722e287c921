"""The built site read by parsers we did not write, as feed readers, crawlers and data users read it.

The example site is built twice, as published (``publishconf.py`` with an
absolute SITEURL) and as previewed (``pelicanconf.py``), with a page marked
``privacy.noindex`` and a picture no preview can show added to the local
copy. Every Atom feed goes through feedparser, the sitemap through lxml and
the sitemaps.org 0.9 schema (tests/data/sitemap.xsd), robots.txt through
urllib.robotparser, every JSON-LD block and JSON file through json, and the
CSV through csv, in both languages. Each rule below names the defect it
catches.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import struct
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import REPO, copy_fixture_site
from lxml import etree

from factcheck.building.atomic import build

SITEMAP_XSD = Path(__file__).parent / "data" / "sitemap.xsd"
PUBLISH_URL = "https://example.github.io/checks"
LOCAL_URL = "http://127.0.0.1:8000"  # the preview server's address
LANGUAGES = {"": "en", "es/": "es"}
PLACEHOLDER_HOSTS = {"example.org", "example.com", "www.example.org", "www.example.com"}
SHORT_CLAIM = 75  # Google's advice for claimReviewed
SHARE_TITLE = 95  # where platforms cut og:title
OG_LOCALE = re.compile(r"[a-z]{2,3}_[A-Z]{2}")
FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

PRIVATE_PERSON = """\
name: A Private Witness
summary: A witness who asked not to be findable by name.
published: 2025-05-30
facts:
  - label: Account
    value: Told a reporter about the bus.
    sources: [ebar-2025-05-29]
privacy:
  noindex: true
"""
PRIVATE_CLAIM = """\
claim: The witness saw the bus leave for the airport.
claimant: private-witness
date: 2025-04-01
appearances: [ebar-2025-05-29]
rating: unproven
verdict: Nobody else reports it.
analysis: Only one report mentions the bus [@ebar-2025-05-29].
sources: [ebar-2025-05-29]
published: 2025-06-01
"""
PRIVATE_PAGES = {"people/private-witness/", "es/people/private-witness/"}
# A public page with no claims and no updates: its feed would be empty.
QUIET_PERSON = """\
name: A Quiet Agency
kind: organization
summary: An agency no fact-check has named yet.
published: 2025-05-30
"""


def png(width: int, height: int) -> bytes:
    """A minimal PNG header: enough for any reader of its size."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + header + b"\0\0\0\0"


@dataclass
class Built:
    out: Path
    site_url: str
    publish: bool


def example_project(root: Path, *, publish: bool) -> Path:
    """A copy of the example content with a settings file; the local one gets extra content."""
    shutil.copytree(REPO / "content", root / "content")
    base = "publishconf.py" if publish else "pelicanconf.py"
    settings = root / "settings.py"
    settings.write_text(
        "import runpy, sys\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        # publishconf.py imports pelicanconf: the repository's, not one another test loaded
        "sys.modules.pop('pelicanconf', None)\n"
        "globals().update({k: v for k, v in runpy.run_path("
        f"{str(REPO / base)!r}).items() if k.isupper()}})\n"
        'PATH = "content"\n'
        f"THEME = {str(REPO / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n",
        encoding="utf-8",
    )
    content = root / "content"
    (content / "people" / "quiet-agency.yaml").write_text(QUIET_PERSON, encoding="utf-8")
    if not publish:  # warnings would stop a publish build: these go in the local one
        (content / "people" / "private-witness.yaml").write_text(PRIVATE_PERSON, encoding="utf-8")
        (content / "claims" / "witness-saw-bus.yaml").write_text(PRIVATE_CLAIM, encoding="utf-8")
        (content / "images").mkdir(exist_ok=True)
        (content / "images" / "noem-small.png").write_bytes(png(100, 100))
        (content / "images" / "dixon.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"/>', encoding="utf-8"
        )
        (content / "images" / "garcia-large.png").write_bytes(png(1200, 630))
        pictures = (
            ("kristi-noem", "noem-small.png"),
            ("paula-dixon", "dixon.svg"),
            ("robert-garcia", "garcia-large.png"),
        )
        for slug, picture in pictures:
            person = content / "people" / f"{slug}.yaml"
            text = person.read_text(encoding="utf-8")
            assert "\nimage:" not in text, slug
            person.write_text(
                text.rstrip("\n") + f"\nimage:\n  file: {picture}\n  alt: A portrait\n"
                "  credit: Test picture\n",
                encoding="utf-8",
            )
    return settings


@pytest.fixture(scope="module", params=["publish", "local"])
def built(request, tmp_path_factory) -> Built:
    publish = request.param == "publish"
    root = tmp_path_factory.mktemp(request.param)
    settings = example_project(root, publish=publish)
    with pytest.MonkeyPatch.context() as env:
        if publish:
            env.setenv("SITEURL", PUBLISH_URL)
        else:
            env.delenv("SITEURL", raising=False)
        env.chdir(root)
        build(settings, root / "output")
    return Built(root / "output", PUBLISH_URL if publish else LOCAL_URL, publish)


# -- reading the output -----------------------------------------------------


def html_pages(out: Path) -> dict[str, BeautifulSoup]:
    pages = {}
    for path in sorted(out.rglob("index.html")):
        url = path.relative_to(out).parent.as_posix()
        url = "" if url == "." else url + "/"
        pages[url] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return pages


def is_noindex(soup: BeautifulSoup) -> bool:
    robots = soup.find("meta", attrs={"name": "robots"})
    return robots is not None and "noindex" in robots["content"]


def feeds(out: Path) -> dict[str, feedparser.FeedParserDict]:
    return {
        path.relative_to(out).as_posix(): feedparser.parse(path.read_bytes())
        for path in sorted(out.rglob("*.atom.xml"))
    }


def json_ld_blocks(out: Path) -> list[tuple[str, dict]]:
    blocks = []
    for url, soup in html_pages(out).items():
        for script in soup.find_all("script", type="application/ld+json"):
            blocks.append((url, json.loads(script.string)))
    return blocks


def lang_of(relative: str) -> str:
    return "es" if relative.startswith("es/") else "en"


def is_absolute(url: str, site_url: str) -> bool:
    return url.startswith(site_url + "/")


def urls_in(value) -> list[str]:
    """Every string under a key named url (or in cited_on) in a JSON value."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("url", "cited_on") and isinstance(item, str):
                found.append(item)
            elif key == "cited_on" and isinstance(item, list):
                found += [
                    entry if isinstance(entry, str) else entry.get("url", "") for entry in item
                ]
            else:
                found += urls_in(item)
    elif isinstance(value, list):
        for item in value:
            found += urls_in(item)
    return found


# -- sitemap and robots.txt -------------------------------------------------


def test_the_sitemap_is_valid_against_the_sitemaps_org_schema(built):
    """Catches relative <loc>s (a publish build without SITEURL wrote 14 of them)."""
    schema = etree.XMLSchema(etree.parse(str(SITEMAP_XSD)))
    sitemap = etree.parse(str(built.out / "sitemap.xml"))
    assert schema.validate(sitemap), "\n".join(str(error) for error in schema.error_log)


def test_the_sitemap_lists_every_public_page_and_no_private_one(built):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = etree.parse(str(built.out / "sitemap.xml"))
    locs = [loc.text for loc in sitemap.iterfind("s:url/s:loc", namespace)]
    assert len(locs) == len(set(locs))
    assert all(is_absolute(loc, built.site_url) for loc in locs), locs[:3]
    listed = {loc.removeprefix(built.site_url + "/") for loc in locs}
    public = {url for url, soup in html_pages(built.out).items() if not is_noindex(soup)}
    assert listed == public
    assert not listed & PRIVATE_PAGES


def test_robots_txt_points_to_the_absolute_sitemap(built):
    """Catches `Sitemap: /sitemap.xml`, which crawlers discard."""
    robots = RobotFileParser()
    robots.parse((built.out / "robots.txt").read_text(encoding="utf-8").splitlines())
    assert robots.site_maps() == [f"{built.site_url}/sitemap.xml"]
    assert robots.can_fetch("*", f"{built.site_url}/claims/")


# -- Atom feeds ------------------------------------------------------------


def test_every_feed_parses_as_atom_with_absolute_ids(built):
    """Catches relative feed and entry ids, and any markup feedparser calls malformed."""
    for relative, feed in feeds(built.out).items():
        assert not feed.bozo, (relative, feed.get("bozo_exception"))
        assert feed.version == "atom10", relative
        assert feed.feed.get("title") and feed.feed.get("updated"), relative
        assert is_absolute(feed.feed.id, built.site_url), (relative, feed.feed.id)
        self_links = [link.href for link in feed.feed.links if link.rel == "self"]
        assert self_links == [f"{built.site_url}/{relative}"], relative
        assert feed.feed.get("language") == lang_of(relative), relative
        ids = [entry.id for entry in feed.entries]
        assert len(ids) == len(set(ids)), relative
        for entry in feed.entries:
            assert is_absolute(entry.id, built.site_url), (relative, entry.id)
            assert is_absolute(entry.link, built.site_url), (relative, entry.link)
            assert entry.title and entry.published and entry.updated, (relative, entry.id)
            assert entry.updated_parsed >= entry.published_parsed, (relative, entry.id)


def test_every_feed_has_entries_and_an_honest_date(built):
    """Catches empty person feeds dated 1970-01-01."""
    for relative, feed in feeds(built.out).items():
        assert feed.entries, f"{relative} has no entries"
        newest = max(entry.updated_parsed for entry in feed.entries)
        assert feed.feed.updated_parsed == newest, relative
        assert feed.feed.updated_parsed.tm_year >= 2020, (relative, feed.feed.updated)


def test_the_desk_is_the_author_of_every_entry_and_no_claimant_is(built):
    """Catches feeds with no author (RFC 4287 §4.1.1) and the claimant named as author."""
    for prefix in LANGUAGES:
        reviews = json.loads((built.out / prefix / "data" / "claims.json").read_text())
        desk = {review["author"]["name"] for review in reviews}
        claimants = {review["itemReviewed"]["author"]["name"] for review in reviews}
        assert len(desk) == 1
        for relative, feed in feeds(built.out).items():
            if lang_of(relative) != LANGUAGES[prefix]:
                continue
            for entry in feed.entries:
                author = entry.get("author") or feed.feed.get("author")
                assert author in desk, (relative, entry.title, author)
                assert author not in claimants, (relative, entry.title, author)


def test_every_feed_a_page_offers_exists_and_every_feed_is_offered(built):
    """Catches pages offering a feed that was not written, and feeds no page offers."""
    offered = set()
    for url, soup in html_pages(built.out).items():
        links = soup.find_all("link", rel="alternate", type="application/atom+xml")
        links += [a for a in soup.find_all("a", href=True) if a["href"].endswith(".atom.xml")]
        for link in links:
            href = link["href"]
            path = href.removeprefix(built.site_url).lstrip("/")
            assert (built.out / path).is_file(), f"{url} offers {href}"
            offered.add(path)
    assert offered == set(feeds(built.out))


def test_spanish_feeds_speak_spanish(built):
    """Catches "Update:"/"Correction:" titles, English rating labels and the English
    site name in the Spanish feeds."""
    english = feeds(built.out)
    english_words = set()
    for relative, feed in english.items():
        if lang_of(relative) == "en":
            english_words.add(feed.feed.get("author") or "")
            for entry in feed.entries:
                english_words.add(entry.title.split(":", 1)[0] + ":")
    english_words.discard("")
    site_name = html_pages(built.out)[""].find("meta", property="og:site_name")["content"]
    for relative, feed in english.items():
        if lang_of(relative) != "es":
            continue
        assert site_name not in feed.feed.title, relative
        original = english[relative.removeprefix("es/")].feed
        assert feed.feed.title != original.title, relative
        assert feed.feed.subtitle != original.subtitle, relative
        assert feed.feed.get("author") not in english_words, relative
        for entry in feed.entries:
            prefix = entry.title.split(":", 1)[0] + ":"
            assert prefix not in english_words, (relative, entry.title)
            assert site_name not in entry.get("summary", ""), (relative, entry.title)


def test_an_update_keeps_its_entry_id_when_reworded(tmp_path):
    """Catches ids derived from an update's text: a reworded update came back as new."""

    def update_ids(root: Path, reword: bool) -> set[str]:
        project = copy_fixture_site(root, SITEURL=PUBLISH_URL)
        if reword:
            person = project.read("content/people/jane-doe.yaml")
            assert "Added her second term." in person
            project.write(
                "content/people/jane-doe.yaml",
                person.replace("Added her second term.", "Added her second term in office."),
                dedent=False,
            )
        build(project.settings_file, root / "output")
        feed = feedparser.parse((root / "output" / "feeds" / "updates.atom.xml").read_bytes())
        return {entry.id for entry in feed.entries}, {entry.summary for entry in feed.entries}

    before, before_text = update_ids(tmp_path / "before", reword=False)
    after, after_text = update_ids(tmp_path / "after", reword=True)
    assert before_text != after_text  # the rewording reached the feed
    assert before == after


# -- JSON-LD --------------------------------------------------------------


def test_every_claim_review_has_what_fact_check_readers_need(built):
    """Catches relative urls, a placeholder publisher, long claimReviewed and
    a Claim.datePublished that is only a month."""
    reviews = [
        (url, data) for url, data in json_ld_blocks(built.out) if data["@type"] == "ClaimReview"
    ]
    assert len(reviews) >= 26
    for url, review in reviews:
        assert review["@context"] == "https://schema.org", url
        assert review["url"] == f"{built.site_url}/{url}", url
        assert 0 < len(review["claimReviewed"]) <= SHORT_CLAIM, (url, review["claimReviewed"])
        assert FULL_DATE.fullmatch(review["datePublished"]), url
        date.fromisoformat(review["datePublished"])
        author = review["author"]
        assert author["@type"] == "Organization" and author["name"], url
        assert urlsplit(author["url"]).hostname not in PLACEHOLDER_HOSTS, (url, author)
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"], url
        if "ratingValue" in rating:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"], url
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim", url
        assert claim["author"]["name"], url
        assert claim["appearance"] and claim["firstAppearance"] in claim["appearance"], url
        if "datePublished" in claim:
            assert FULL_DATE.fullmatch(claim["datePublished"]), (url, claim["datePublished"])
            first = claim["firstAppearance"]["datePublished"]
            assert claim["datePublished"] <= first, (url, claim["datePublished"], first)
        for work in claim["appearance"]:
            assert FULL_DATE.fullmatch(work["datePublished"]), (url, work)
        for link in urls_in(review):
            if link.startswith(("/", built.site_url.split("://")[0] + "://" + "127.0.0.1")):
                assert is_absolute(link, built.site_url), (url, link)
        assert not set(urls_in(review)) & {f"{built.site_url}/{page}" for page in PRIVATE_PAGES}


def test_every_json_ld_block_names_absolute_urls(built):
    for url, data in json_ld_blocks(built.out):
        assert data["@context"] == "https://schema.org", url
        if data["@type"] in ("Person", "Organization"):
            assert data["name"] and is_absolute(data["url"], built.site_url), url
        for link in urls_in(data):
            assert urlsplit(link).scheme in ("http", "https"), (url, link)


# -- open data -------------------------------------------------------------


def test_the_data_files_parse_agree_and_leave_out_private_pages(built):
    """Catches a noindex person in claims.json (author url) and sources.json (cited_on)."""
    private = {f"{built.site_url}/{page}" for page in PRIVATE_PAGES}
    for prefix in LANGUAGES:
        data = built.out / prefix / "data"
        claims = json.loads((data / "claims.json").read_text(encoding="utf-8"))
        people = json.loads((data / "people.json").read_text(encoding="utf-8"))
        sources = json.loads((data / "sources.json").read_text(encoding="utf-8"))
        text = (data / "claims.csv").read_text(encoding="utf-8")
        assert not text.startswith("\ufeff")
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert sorted(row["url"] for row in rows) == sorted(claim["url"] for claim in claims)
        assert {person["slug"] for person in people}.isdisjoint({"private-witness"}), prefix
        known_sources = {source["id"] for source in sources}
        for row in rows:
            assert set(row["source_ids"].split()) <= known_sources, row["slug"]
        for link in urls_in(claims) + urls_in(people) + urls_in(sources):
            assert link not in private, (prefix, link)
            if not urlsplit(link).scheme:
                pytest.fail(f"{prefix}data: relative address {link}")
        for claim in claims:
            assert is_absolute(claim["url"], built.site_url), claim["url"]


def test_spanish_data_files_speak_spanish(built):
    """Catches English rating labels left in the Spanish data."""
    by_lang = {}
    for prefix, lang in LANGUAGES.items():
        claims = json.loads((built.out / prefix / "data" / "claims.json").read_text())
        by_lang[lang] = {
            claim["url"].removeprefix(built.site_url + "/").removeprefix("es/"): claim
            for claim in claims
        }
    assert by_lang["es"].keys() <= by_lang["en"].keys()
    for slug, spanish in by_lang["es"].items():
        english = by_lang["en"][slug]
        assert spanish["inLanguage"] == "es", slug
        assert spanish["reviewRating"]["alternateName"] != english["reviewRating"]["alternateName"]


# -- social previews ---------------------------------------------------------


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height of a PNG or JPEG, read here without the site's own reader."""
    data = path.read_bytes()
    if data.startswith(b"\x89PNG"):
        return struct.unpack(">II", data[16:24])
    if data.startswith(b"\xff\xd8"):
        offset = 2
        while offset < len(data) - 9:
            marker, length = data[offset + 1], struct.unpack(">H", data[offset + 2 : offset + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
                return width, height
            offset += 2 + length
    return None


def meta_values(soup: BeautifulSoup, key: str) -> list[str]:
    """The content of every <meta property=key> or <meta name=key>."""
    found = soup.find_all("meta", property=key) + soup.find_all("meta", attrs={"name": key})
    return [tag["content"] for tag in found]


def test_previews_name_a_regional_locale_a_short_title_and_a_picture_that_fits(built):
    """Catches og:locale 'en', no alternates, og:titles over 95 characters, an SVG or
    a 100×100 og:image, and an og:image without alt text."""
    minimum = {"summary_large_image": (1200, 630), "summary": (144, 144)}
    pages = html_pages(built.out)
    for url, soup in pages.items():
        if url.endswith("/card/"):
            continue

        (locale,) = meta_values(soup, "og:locale")
        assert OG_LOCALE.fullmatch(locale), (url, locale)
        others = {
            link["hreflang"] for link in soup.find_all("link", rel="alternate", hreflang=True)
        }
        expected = {other for other in others if not locale.startswith(other + "_")}
        assert {
            alt.split("_")[0] for alt in meta_values(soup, "og:locale:alternate")
        } == expected, url
        (title,) = meta_values(soup, "og:title")
        assert len(title) <= SHARE_TITLE, (url, title)
        (card,) = meta_values(soup, "twitter:card")
        images = meta_values(soup, "og:image")
        if not images:
            assert card == "summary", url
            continue
        (image,) = images
        assert meta_values(soup, "og:image:alt") and meta_values(soup, "og:image:alt")[0], url
        size = image_size(built.out / image.removeprefix(built.site_url).lstrip("/"))
        assert size is not None, f"{url}: {image} is no PNG or JPEG"
        assert size >= minimum[card] and size[1] >= minimum[card][1], (url, image, size, card)


def test_the_local_copy_has_the_pictures_that_suit_no_card(built):
    """The preview rule above has something to refuse (a 100×100 PNG and an SVG) and
    something to accept (a 1200×630 PNG)."""
    if built.publish:
        pytest.skip("the pictures are added to the local build only")
    pages = html_pages(built.out)
    for person in ("people/kristi-noem/", "people/paula-dixon/"):
        assert pages[person].find("img", alt="A portrait") is not None
        assert pages[person].find("meta", property="og:image") is None, person
    large = pages["people/robert-garcia/"]
    assert large.find("meta", property="og:image")["content"].endswith("/garcia-large.png")


def test_every_output_kind_was_read(built):
    """A new kind of file must get a reader here."""
    suffixes = defaultdict(int)
    for path in built.out.rglob("*"):
        if path.is_file() and "pagefind" not in path.parts and "theme" not in path.parts:
            suffixes[
                "".join(path.suffixes[-2:]) if path.name.endswith(".atom.xml") else path.suffix
            ] += 1
    read = {".html", ".atom.xml", ".xml", ".txt", ".json", ".csv", ".png", ".svg", ""}
    assert set(suffixes) <= read, dict(suffixes)


# The open data's CSV as a Frictionless Table Schema: what a researcher's
# tooling expects of every row.
CLAIMS_CSV_SCHEMA = {
    "fields": [
        {
            "name": "slug",
            "type": "string",
            "constraints": {"required": True, "unique": True, "pattern": "[a-z0-9-]+"},
        },
        {"name": "claim", "type": "string", "constraints": {"required": True}},
        {"name": "claimant", "type": "string", "constraints": {"required": True}},
        {
            "name": "date",
            "type": "string",
            "constraints": {"required": True, "pattern": r"\d{4}(-\d{2}(-\d{2})?)?"},
        },
        {
            "name": "rating",
            "type": "string",
            "constraints": {"required": True, "pattern": "[a-z0-9-]+"},
        },
        {"name": "verdict", "type": "string", "constraints": {"required": True}},
        {
            "name": "url",
            "type": "string",
            "format": "uri",
            "constraints": {"required": True, "unique": True},
        },
        {"name": "source_ids", "type": "string", "constraints": {"required": True}},
    ],
    "primaryKey": ["slug"],
}


def test_the_claims_csv_passes_frictionless_validation(built):
    """Frictionless reads the CSV as researchers' tools do: header, types, required and unique cells."""
    from frictionless import Resource, Schema

    for prefix in LANGUAGES:
        resource = Resource(
            path="claims.csv",
            basepath=str(built.out / prefix / "data"),
            schema=Schema.from_descriptor(CLAIMS_CSV_SCHEMA),
        )
        report = resource.validate()
        assert report.valid, (prefix, report.flatten(["rowNumber", "fieldName", "message"]))
