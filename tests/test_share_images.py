"""Link previews: only pictures a platform can show become og:image, at the card they suit.

Pictures are made here byte by byte (PNG, GIF, JPEG, WebP headers), so the
sizes are known exactly; the check warns about each picture that suits no
card, and the built page leaves it out of its Open Graph tags.
"""

import io
import struct
import zlib

import pytest
from bs4 import BeautifulSoup
from conftest import copy_fixture_site

from factcheck.building.atomic import build
from factcheck.content.share_images import LARGE_CARD, SMALL_CARD, card_type, image_size
from factcheck.editors.cli import run_check


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    rows = (b"\x00" + b"\x80\x80\x80" * width) * height
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def gif(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00;"


def jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + frame + b"\xff\xd9"


def webp_lossless(width: int, height: int) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    body = b"VP8L" + struct.pack("<I", 5) + b"\x2f" + struct.pack("<I", bits)
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"></svg>'


@pytest.mark.parametrize(
    ("name", "data", "size", "card"),
    [
        ("large.png", png(1200, 630), (1200, 630), LARGE_CARD),
        ("wide-but-short.png", png(1600, 600), (1600, 600), SMALL_CARD),
        ("square.gif", gif(400, 400), (400, 400), SMALL_CARD),
        ("photo.jpg", jpeg(1280, 720), (1280, 720), LARGE_CARD),
        ("small.webp", webp_lossless(143, 500), (143, 500), None),
        ("tiny.png", png(100, 100), (100, 100), None),
        ("drawing.svg", SVG, None, None),
        ("broken.png", b"\x89PNG\r\n\x1a\n", None, None),
    ],
)
def test_size_and_card_of_each_kind_of_picture(tmp_path, name, data, size, card):
    path = tmp_path / name
    path.write_bytes(data)
    assert image_size(path) == size
    assert card_type(path) == card


def person_with(image: str) -> str:
    return f"""\
name: Pat Roe
summary: A council member.
published: 2025-05-30
image:
  file: {image}
  alt: Pat Roe speaking
  credit: City of Exampleton
"""


@pytest.fixture
def pictures(tmp_path):
    project = copy_fixture_site(tmp_path / "site")
    project.write("content/images/pat-roe.svg", SVG)
    project.write("content/images/sam-poe.png", png(100, 100))
    project.write("content/images/kim-loe.png", png(400, 400))
    project.write("content/people/pat-roe.yaml", person_with("pat-roe.svg"), dedent=False)
    project.write("content/people/sam-poe.yaml", person_with("sam-poe.png"), dedent=False)
    project.write("content/people/kim-loe.yaml", person_with("kim-loe.png"), dedent=False)
    return project


def test_the_check_warns_about_pictures_that_suit_no_card(pictures):
    out = io.StringIO()
    run_check(pictures.settings_file, verbose=True, out=out)
    lines = [line for line in out.getvalue().splitlines() if "link preview" in line]
    assert lines == [
        "content/people/pat-roe.yaml:5:3: image.file: warning: pat-roe.svg cannot be a link "
        "preview: platforms show only PNG, JPEG, GIF or WebP pictures",
        "content/people/sam-poe.yaml:5:3: image.file: warning: sam-poe.png is 100×100, too "
        "small for a link preview: give at least 144×144 (1200×630 for a large one)",
    ]


def test_pages_offer_only_pictures_a_card_can_show(pictures, tmp_path):
    out = tmp_path / "output"
    build(pictures.settings_file, out)

    def head(url: str) -> dict[str, str]:
        soup = BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        return {
            meta.get("property") or meta.get("name"): meta["content"]
            for meta in soup.find_all("meta")
            if meta.get("property", meta.get("name", "")).startswith(("og:", "twitter:"))
        }

    for url in ("people/pat-roe", "people/sam-poe"):
        tags = head(url)
        assert "og:image" not in tags, url
        assert "og:image:alt" not in tags, url
        assert tags["twitter:card"] == "summary", url
    small = head("people/kim-loe")
    assert small["og:image"].endswith("/images/kim-loe.png")
    assert small["og:image:alt"] == "Pat Roe speaking"
    assert small["twitter:card"] == "summary"
    large = head("people/jane-doe")
    assert large["twitter:card"] == "summary_large_image"
    assert large["og:image:alt"] == "Jane Doe at a council meeting"
