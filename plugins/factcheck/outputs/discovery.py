"""Where the open data's CSV rules were imported from before the outputs were split by kind.

Feeds, the sitemap and the open data now live in :mod:`factcheck.outputs.feeds`,
:mod:`factcheck.outputs.sitemap` and :mod:`factcheck.outputs.data`. Two test
modules still import the CSV names from here (``tests/test_hostile_csv.py``,
``tests/test_hostile_input.py``); remove this module once they import them
from :mod:`factcheck.outputs.data`.
"""

from __future__ import annotations

from .data import CLAIMS_CSV_FIELDS, csv_cell, csv_rows

__all__ = ["CLAIMS_CSV_FIELDS", "csv_cell", "csv_rows"]
