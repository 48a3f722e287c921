"""Dates as editors write them: a day, or only a month or a year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from babel.dates import get_month_names

DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date known to the day, the month or only the year.

    Ordering puts a month before its days (``2025-03`` < ``2025-03-01``), which
    keeps timelines stable when precisions mix.
    """

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def isoformat(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.isoformat()

    def as_date(self) -> dt.date:
        """The first day of the period, for feeds and sitemaps."""
        return dt.date(self.year, self.month or 1, self.day or 1)


def parse_date(text: str, *, allow_partial: bool) -> PartialDate | str:
    """A PartialDate, or the reason the text is not one (a message for editors)."""
    match = DATE_RE.fullmatch(text)
    if not match or (not allow_partial and not match.group(3)):
        wanted = "YYYY-MM-DD, YYYY-MM or YYYY" if allow_partial else "YYYY-MM-DD"
        return f"expected a date as {wanted}, found {text!r}"
    year = int(match.group(1))
    month = int(match.group(2) or 0)
    day = int(match.group(3) or 0)
    if match.group(2) and not 1 <= month <= 12:
        return f"{text!r} is not a valid date: there is no month {month:02d}"
    if match.group(3):
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"{text!r} is not a valid date: {_month_name(month)} {year} has {last} days"
    return PartialDate(year, month, day)


def latest_today() -> PartialDate:
    """Today's date where it is latest on Earth (UTC+14).

    A date after this is in the future for every editor, whatever their time
    zone, so the check never refuses a date that is already today somewhere.
    """
    now = dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)
    return PartialDate(now.year, now.month, now.day)


def earliest_day(timestamp: int) -> PartialDate:
    """The calendar day of a moment where it is earliest on Earth (UTC-12).

    A page dated before this day was dated before the moment for every
    editor, whatever their time zone.
    """
    moment = dt.datetime.fromtimestamp(timestamp, dt.timezone(dt.timedelta(hours=-12)))
    return PartialDate(moment.year, moment.month, moment.day)


def _month_name(month: int) -> str:
    """A month's English name, for the check's messages (editors read them in English)."""
    return get_month_names("wide", locale="en")[month]
