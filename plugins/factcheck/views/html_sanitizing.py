"""The sanitizing policy: what survives in the HTML the templates trust.

Python-Markdown passes raw HTML through, so every rendered text goes through
nh3 (Ammonia) with this policy: no scripts, no event handlers, no ``style``,
only http(s) and site-relative links, and images only from this site.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "q", "s", "small",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id", "class", "aria-describedby"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "sup": {"class", "id"},
    "th": {"scope"},
    "td": {"colspan", "rowspan"},
    "h2": {"id"},
    "h3": {"id"},
    "ol": {"start"},
}
# Only the ids and classes the citation links carry survive sanitizing, so
# content cannot clobber the page's own anchors.
OWN_ID_RE = re.compile(r"(cite|source)-\d+(-\d+)?")
OWN_CLASSES = frozenset({"citation", "citation-link"})


def _own_id(value: str) -> str | None:
    return value if OWN_ID_RE.fullmatch(value) else None


def _own_class(value: str) -> str | None:
    return value if value in OWN_CLASSES else None


def _image_of_this_site(value: str, site_url: str) -> str | None:
    """A picture from this site: a site-relative address, or one under SITEURL."""
    parts = urlsplit(value)
    if not parts.scheme and not parts.netloc:
        return value
    return value if site_url and value.startswith(site_url.rstrip("/") + "/") else None


def _web_or_site_link(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme.lower() in ("http", "https") or (not parts.scheme and not parts.netloc):
        return value
    return None


ATTRIBUTE_RULES = {
    "id": _own_id,
    "class": _own_class,
    "href": _web_or_site_link,
}


def sanitize(html: str, site_url: str = "") -> str:
    """Trusted HTML; `site_url` (SITEURL) is where this site's own pictures are."""

    def keep_attribute(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "src":
            return _image_of_this_site(value, site_url)
        rule = ATTRIBUTE_RULES.get(attribute)
        return value if rule is None else rule(value)

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        attribute_filter=keep_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
