"""Jinja filters the theme uses (dates for readers are in factcheck.views.i18n, per language)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from ..content.dates import PartialDate


def iso_date(value) -> str:
    """The machine-readable form for <time datetime=...>."""
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


FILTERS = {"iso_date": iso_date}


def safe_url(value) -> str:
    """Only http(s) addresses reach an href; validation already refused others."""
    text = str(value or "")
    return text if urlsplit(text).scheme.lower() in ("http", "https") else "#"


FILTERS["safe_url"] = safe_url


def inline_title(value) -> str:
    """A page title set inside a sentence or a list: without its closing full stop.

    Claims are sentences, and their full stop would stand before the
    sentence's own punctuation ("... in one year.:"). An ellipsis stays.
    """
    text = str(value)
    if text.endswith(".") and not text.endswith(".."):
        return text[:-1]
    return text


FILTERS["inline_title"] = inline_title
