"""What a site must have before it is published: its own address and a real publisher.

A publish build without SITEURL writes a sitemap, feeds and JSON-LD with
relative addresses that no client accepts, and a placeholder publisher names
nobody; `invoke publish`, `invoke gh-pages` and the Pages workflow stop
instead, in one line naming the setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net")
PLACEHOLDER_WORDS = ("TODO", "FIXME", "XXX")


def _is_placeholder_url(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in PLACEHOLDER_HOSTS)


def _is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def publish_problem(settings: Mapping[str, Any]) -> str | None:
    """The one line that says why these settings must not be published, or None."""
    siteurl = settings.get("SITEURL") or ""
    return _siteurl_problem(siteurl) or _publisher_problem(settings, siteurl)


def _siteurl_problem(siteurl: str) -> str | None:
    if not siteurl:
        return (
            "SITEURL is missing: set it to the site's address, for example "
            "SITEURL=https://example.github.io/site uv run invoke publish"
        )
    if not _is_absolute(siteurl):
        return f"SITEURL {siteurl!r} is not an absolute http:// or https:// address"
    return None


def _publisher_problem(settings: Mapping[str, Any], siteurl: str) -> str | None:
    publisher = settings.get("FACTCHECK_PUBLISHER") or {
        "name": settings.get("SITENAME", ""),
        "url": f"{siteurl}/",
    }
    name, url = str(publisher.get("name") or ""), str(publisher.get("url") or "")
    if not name.strip() or any(word in name for word in PLACEHOLDER_WORDS):
        return f"FACTCHECK_PUBLISHER name {name!r} is missing or a placeholder: name the desk"
    if not _is_absolute(url) or _is_placeholder_url(url) or "TODO" in url:
        return (
            f"FACTCHECK_PUBLISHER url {url!r} is missing or a placeholder: "
            "give the desk's own http:// or https:// address"
        )
    return None
