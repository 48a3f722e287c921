"""Jinja filters the theme uses: dates at the precision editors gave them."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from .dates import PartialDate


def display_date(value) -> str:
    """'27 May 2025' for a day, 'March 2025' for a month, '2025' for a year."""
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.format()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day).format()
    return str(value)


def iso_date(value) -> str:
    """The machine-readable form for <time datetime=...>."""
    if isinstance(value, PartialDate):
        return value.isoformat()
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


FILTERS = {"display_date": display_date, "iso_date": iso_date}


def safe_url(value) -> str:
    """Only http(s) addresses reach an href; validation already refused others."""
    text = str(value or "")
    return text if urlsplit(text).scheme.lower() in ("http", "https") else "#"


FILTERS["safe_url"] = safe_url
