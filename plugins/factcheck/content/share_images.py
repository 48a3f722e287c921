"""Which pictures social platforms can show in a link preview, and at what size.

Facebook, X and LinkedIn render only raster pictures (no SVG), and each card
type has a minimum size: a large card (``summary_large_image``) wants
1200×630 or more, a small one (``summary``) 144×144. A picture that suits
neither is left out of the page's Open Graph tags, and the check warns.

Sizes are read from the file's header with the standard library: enough of
PNG, GIF, JPEG and WebP to find the width and height, nothing decoded.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem, Severity

if TYPE_CHECKING:
    from .loading import Site

LARGE_CARD = "summary_large_image"
SMALL_CARD = "summary"
LARGE_CARD_MINIMUM = (1200, 630)
SMALL_CARD_MINIMUM = (144, 144)
WARNING_CODE = "image-no-preview"

# JPEG start-of-frame markers (they carry the size); C4, C8 and CC are not frames.
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_HEADER_BYTES = 64 * 1024  # a JPEG's frame marker comes after its metadata


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of a PNG, GIF, JPEG or WebP file; None for anything else."""
    try:
        with path.open("rb") as file:
            head = file.read(_HEADER_BYTES)
    except OSError:
        return None
    try:
        if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
            return struct.unpack(">II", head[16:24])
        if head[:6] in (b"GIF87a", b"GIF89a"):
            return struct.unpack("<HH", head[6:10])
        if head.startswith(b"\xff\xd8"):
            return _jpeg_size(head)
        if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return _webp_size(head)
    except struct.error:  # a header cut short: not a picture we can measure
        return None
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    offset = 2
    while offset + 9 < len(data):
        if data[offset] != 0xFF:
            return None
        marker = data[offset + 1]
        if marker == 0xFF:  # padding
            offset += 1
            continue
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
            return width, height
        offset += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    return None


def card_type(path: Path) -> str | None:
    """The largest preview card the picture suits, or None when it suits none."""
    size = image_size(path)
    if size is None:
        return None
    width, height = size
    if width >= LARGE_CARD_MINIMUM[0] and height >= LARGE_CARD_MINIMUM[1]:
        return LARGE_CARD
    if width >= SMALL_CARD_MINIMUM[0] and height >= SMALL_CARD_MINIMUM[1]:
        return SMALL_CARD
    return None


def why_no_card(path: Path) -> str:
    """The reason a picture gets no preview, in an editor's words."""
    size = image_size(path)
    if size is None:
        return (
            f"{path.name} cannot be a link preview: platforms show only PNG, JPEG, GIF "
            "or WebP pictures"
        )
    width, height = size
    small_w, small_h = SMALL_CARD_MINIMUM
    large_w, large_h = LARGE_CARD_MINIMUM
    return (
        f"{path.name} is {width}×{height}, too small for a link preview: give at least "
        f"{small_w}×{small_h} ({large_w}×{large_h} for a large one)"
    )


def check_share_images(site: Site) -> list[Problem]:
    """A warning for each person's picture that no link preview can show."""
    images = site.settings.content_dir / "images"
    problems = []
    for person in site.people.values():
        image = person.image
        if image is None or image.file not in site.images:
            continue  # a missing file is the reference check's error
        if card_type(images / image.file) is None:
            where = image.location
            problems.append(
                Problem(
                    where.path,
                    where.line,
                    where.col,
                    "image.file",
                    why_no_card(images / image.file),
                    Severity.WARNING,
                    WARNING_CODE,
                )
            )
    return problems
