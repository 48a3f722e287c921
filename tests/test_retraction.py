"""A retracted fact-check keeps its page, with a dated notice, and stops reviewing the claim."""

from __future__ import annotations

import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import copy_fixture_site

from factcheck.building.atomic import build

CLAIM = "content/claims/budget-doubled.yaml"
RETRACTION = (
    "  - date: 2025-07-01\n"
    "    kind: retraction\n"
    "    text: The council's figures we relied on were withdrawn.\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("retraction")
    project = copy_fixture_site(root / "site")
    text = project.read(CLAIM)
    project.write(CLAIM, text.replace("updates:\n", "updates:\n" + RETRACTION), dedent=False)
    out = root / "out"
    build(project.settings_file, out)
    return out


def page(out, url: str) -> BeautifulSoup:
    return BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize(
    ("prefix", "heading", "says"),
    [
        ("", "Retracted", "We retracted this fact-check on 1 July 2025."),
        ("es/", "Retirada", "Retiramos esta verificación el 1 de julio de 2025."),
    ],
)
def test_the_page_stays_with_a_dated_notice_above_its_rating(site, prefix, heading, says):
    claim = page(site, f"{prefix}claims/budget-doubled")
    notice = claim.select_one(".notice-retraction")
    assert notice.h2.get_text() == heading
    assert says in " ".join(notice.get_text().split())
    assert "The council’s figures we relied on were withdrawn." in notice.get_text()
    header = str(claim.select_one(".claim-header"))
    assert header.index("notice-retraction") < header.index('class="rating ')
    assert claim.select_one(".rating-label").get_text()  # the rating it had stays readable
    history = claim.select_one(".update-history").get_text(" ", strip=True)
    assert "Retraction:" in history or "Retiro:" in history
    assert claim.find("script", type="application/ld+json") is None


def test_the_card_says_it_was_retracted(site):
    card = page(site, "claims/budget-doubled/card")
    assert card.select_one(".retracted").get_text() == "Retracted on 1 July 2025"


def test_the_open_data_no_longer_reviews_it(site):
    reviews = json.loads((site / "data/claims.json").read_text(encoding="utf-8"))
    assert all(not r["url"].endswith("/claims/budget-doubled/") for r in reviews)


def test_readers_find_it_in_the_update_log_and_its_feed(site):
    log = page(site, "updates").get_text(" ", strip=True)
    assert (
        "Retraction to The city budget doubled in one year " in log
        and "The council’s figures we relied on were withdrawn." in log
    )
    feed = feedparser.parse((site / "feeds/updates.atom.xml").read_bytes())
    assert any(e.title.startswith("Retraction:") for e in feed.entries)
